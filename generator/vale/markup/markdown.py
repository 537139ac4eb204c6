"""Markdown front end: ignore patterns, Markdown -> HTML (markdown-it-py configured like
goldmark with GFM), and the masked source copy used to locate matches (Vale's md.go).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

try:  # optional plugins: footnotes and task lists like goldmark's GFM + Footnote
    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.tasklists import tasklists_plugin
except ImportError:  # pragma: no cover
    footnote_plugin = tasklists_plugin = None  # type: ignore[assignment]

_MD = None

RE_EX_INFO = re.compile(r"`{3,}.+")
RE_LINK_REF = re.compile(r"\]\[(?:[^]\n]+)\]")
RE_LINK_DEF = re.compile(r"\[(?:[^]\n]+)\]:")
RE_NUMERIC_LIST = re.compile(r"(?m)^\d+\.")
RE_FRONT_MATTER = re.compile(r"(?s)^(?:---|\+\+\+)\n(.+?)\n(?:---|\+\+\+)")


def _fn_ref(self, tokens, idx, options, env) -> str:
    n = tokens[idx].meta["id"] + 1
    return (f'<sup id="fnref:{n}"><a href="#fn:{n}" class="footnote-ref" '
            f'role="doc-noteref">{n}</a></sup>')


def _fn_anchor(self, tokens, idx, options, env) -> str:
    n = tokens[idx].meta["id"] + 1
    return (f'&#160;<a href="#fnref:{n}" class="footnote-backref" '
            'role="doc-backlink">&#x21a9;&#xfe0e;</a>')


# goldmark's footnote HTML, so walked text and positions match Vale's.
_GOLDMARK_FOOTNOTES = {
    "footnote_ref": _fn_ref,
    "footnote_anchor": _fn_anchor,
    "footnote_block_open": lambda self, t, i, o, e: (
        '<div class="footnotes" role="doc-endnotes">\n<hr>\n<ol>\n'),
    "footnote_block_close": lambda self, t, i, o, e: "</ol>\n</div>\n",
    "footnote_open": lambda self, t, i, o, e: f'<li id="fn:{t[i].meta["id"] + 1}">\n',
    "footnote_close": lambda self, t, i, o, e: "</li>\n",
}


def renderer() -> MarkdownIt:
    global _MD
    if _MD is None:
        try:  # GFM autolinks (goldmark's Linkify) need linkify-it-py
            import linkify_it  # noqa: F401

            linkify = True
        except ImportError:  # pragma: no cover
            linkify = False
        md = MarkdownIt("commonmark", {"html": True, "xhtmlOut": False, "linkify": linkify})
        md.enable(["table", "strikethrough"] + (["linkify"] if linkify else []))
        if footnote_plugin is not None:
            md.use(footnote_plugin)
            md.use(tasklists_plugin)
            for name, rule in _GOLDMARK_FOOTNOTES.items():
                md.add_render_rule(name, rule)
        _MD = md
    return _MD


_MARKUP = re.compile(
    r"[\\`*_\[\]<>#&|~\r\x00]"  # inline syntax, HTML, entities, tables, strikethrough
    r"|^ *(?:[-+=>]|\d{1,9}[.)])"  # lists, quotes, setext underlines
    r"|^ {4}|[^\S\n ]"  # indented code; any white space but spaces and newlines (tabs, NBSP)
    r"| +$"  # trailing spaces, hard breaks among them
    r"|//|www\.|@|\S\.[^\W\d_]",  # anything linkify might take for a link (a dot, then a letter)
    re.M,
)
"""Text in which any of these occurs goes through markdown-it; the rest is plain paragraphs."""


def plain_paragraphs(text: str) -> list[str] | None:
    """The paragraphs markdown-it makes of a text with no Markdown in it (see `_MARKUP`): each run
    of non-blank lines, its lines' leading spaces and trailing spaces dropped; None for any other
    text. About 97% of rendered replies are such texts; the linter builds their tokens directly
    (`tokenizer.paragraph_tokens`), and `tests/vale/test_markdown_plain.py` holds those to the
    tokens of markdown-it's HTML."""
    if _MARKUP.search(text):
        return None
    out: list[str] = []
    para: list[str] = []
    for line in [*text.split("\n"), ""]:
        stripped = line.strip(" ")
        if stripped:
            para.append(stripped)
        elif para:
            out.append("\n".join(para))
            para = []
    return out


def render(text: str) -> str:
    return renderer().render(text)


def mask_source(content: str) -> str:
    """Hide info strings, link labels and list numbers from the location search."""

    def info(m: re.Match) -> str:
        parts = m.group(0).split("`")
        return "`" * (len(parts) - 1) + "*" * len(parts[-1])

    body = RE_EX_INFO.sub(info, content)
    body = RE_LINK_REF.sub(lambda m: "][" + "*" * (len(m.group(0)) - 3) + "]", body)
    body = RE_LINK_DEF.sub(lambda m: "[" + "*" * (len(m.group(0)) - 3) + "]:", body)
    body = RE_NUMERIC_LIST.sub(lambda m: "*" * len(m.group(0)), body)
    return body
