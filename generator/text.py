"""Text helpers for the pages stage: escaping YAML text into Markdown, fences, reply reflow.

Everything a writer types is data, not markup: `inline()` escapes it so a title holding
`<script>` or `*stars*` shows exactly as typed, in the page and in the search index.
"""

from __future__ import annotations

import html
import itertools
import re

# Characters Python-Markdown honours a backslash escape for.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")

SHORT_LINE = 40
"""A paragraph whose lines are all shorter than this keeps its line breaks (a sign-off)."""


def inline(text: object) -> str:
    """Escape text for use inside a Markdown paragraph, heading, list item or table cell."""
    value = html.escape(str(text), quote=False)
    value = _MD_SPECIAL.sub(r"\\\1", value)
    value = value.replace("|", "&#124;")
    return " ".join(value.split())


def attribute(text: object) -> str:
    """Escape text for a double-quoted HTML attribute or tab label: one line, spaces kept as typed.

    (Collapsing all whitespace would also change the JSON of the fill-in form, so the filled-in
    reply would differ from the one shown.)
    """
    return html.escape(" ".join(str(text).splitlines()), quote=True)


def fence(text: str, lang: str = "text", indent: int = 0) -> str:
    """A fenced code block holding `text` verbatim, with a fence longer than any inside it."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    pad = " " * indent
    body = "\n".join(pad + line if line else "" for line in text.split("\n"))
    return f"{pad}{ticks}{lang}\n{body}\n{pad}{ticks}"


def plain_title(text: str) -> str:
    """A title safe in places that strip tags (the HTML <title>, nav): no angle brackets."""
    return " ".join(text.replace("<", "‹").replace(">", "›").split())


def reflow(text: str) -> str:
    """Join the wrapped lines of each paragraph, as an email client would want them.

    A line break is a wrap, and becomes a space, unless the line is short (a greeting, a
    sign-off) or it ends a sentence and the next line is short (a name after the last sentence).
    Blank lines between paragraphs stay.
    """
    paragraphs = re.split(r"\n\s*\n", text.strip())
    out = []
    for para in paragraphs:
        lines = [line.strip() for line in para.split("\n") if line.strip()]
        joined = lines[0] if lines else ""
        for prev, line in itertools.pairwise(lines):
            keep = len(prev) < SHORT_LINE or (prev.endswith((".", "?", "!", ":")) and len(line) < SHORT_LINE)
            joined += ("\n" if keep else " ") + line
        out.append(joined)
    return "\n\n".join(out)
