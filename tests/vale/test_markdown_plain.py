"""The plain-text path of the Markdown renderer (`generator/vale/markup/markdown.py`) gives exactly
the HTML markdown-it gives, and the tokens that HTML parses to, for every text it takes; every
other text goes to markdown-it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.vale.markup import markdown
from generator.vale.markup.tokenizer import paragraph_tokens, tokenize

from ..style.corpus import load_real, samples

SPECIAL = ["\n", "\n\n", " \n", "\t", "    ", "\xa0", "\u2003", "\r", "\x1b", "\u2028"]
PIECES = ["é", "ß", "İ", "😊", "’", "1.", "10)", "www.", "a.co", "5.co", "19.00", ".com", "//"]
PIECES += ["http:", "mailto:", "e.g."]
"""Characters and pieces that each once made the plain path differ from markdown-it, or could."""
ALPHABET = st.sampled_from([*"abcXYZ019 .,!?;:'\"()-+=*_#>|~`[]<>&\\@/%$", *SPECIAL, *PIECES])


@settings(max_examples=5000, deadline=None)
@given(st.lists(ALPHABET, max_size=40).map("".join))
def test_the_plain_path_renders_as_markdown_it_does(text: str):
    plain = markdown._plain(text)
    if plain is not None:
        html = markdown.renderer().render(text)
        assert plain == html
        assert _shape(paragraph_tokens(markdown.plain_paragraphs(text) or [])) == _shape(tokenize(html))


def _shape(tokens) -> list[tuple[str, str, list]]:
    return [(t.kind, t.data, t.attrs) for t in tokens]


def test_every_corpus_reply_renders_as_markdown_it_does_and_most_take_the_plain_path():
    texts = [s.text for s in load_real()] + [s.text for s in samples()]
    taken = 0
    for text in texts:
        plain = markdown._plain(text)
        if plain is not None:
            taken += 1
            assert plain == markdown.renderer().render(text), text[:200]
            paragraphs = markdown.plain_paragraphs(text) or []
            assert _shape(paragraph_tokens(paragraphs)) == _shape(tokenize(plain)), text[:200]
        assert markdown.render(text) == markdown.renderer().render(text)
    assert taken > len(texts) / 3


def test_markdown_goes_to_markdown_it():
    for text in ("Hi *Sam*", "- one\n- two", "See https://example.com", "Ring 0800 or email a@b.co",
                 "Title\n=====", "  two spaces  \nbreak", "x &amp; y", "example.com", "😊.com", "//19.00"):
        assert markdown._plain(text) is None, text
