"""The plain-text path of the linter (`markdown.plain_paragraphs`, `tokenizer.paragraph_tokens`)
gives exactly the tokens of the HTML markdown-it renders, for every text it takes; every other
text goes to markdown-it."""

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
def test_the_plain_path_gives_the_tokens_of_markdown_its_html(text: str):
    paragraphs = markdown.plain_paragraphs(text)
    if paragraphs is not None:
        assert _shape(paragraph_tokens(paragraphs)) == _shape(tokenize(markdown.render(text)))


def _shape(tokens) -> list[tuple[str, str, list]]:
    return [(t.kind, t.data, t.attrs) for t in tokens]


def test_every_corpus_reply_on_the_plain_path_gives_markdown_its_tokens_and_most_take_it():
    texts = [s.text for s in load_real()] + [s.text for s in samples()]
    taken = 0
    for text in texts:
        paragraphs = markdown.plain_paragraphs(text)
        if paragraphs is not None:
            taken += 1
            assert _shape(paragraph_tokens(paragraphs)) == _shape(tokenize(markdown.render(text))), text[:200]
    assert taken > len(texts) / 3


def test_markdown_goes_to_markdown_it():
    for text in ("Hi *Sam*", "- one\n- two", "See https://example.com", "Ring 0800 or email a@b.co",
                 "Title\n=====", "  two spaces  \nbreak", "x &amp; y", "example.com", "😊.com", "//19.00"):
        assert markdown.plain_paragraphs(text) is None, text
