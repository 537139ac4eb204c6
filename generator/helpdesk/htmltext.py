"""HTML and text: reply text to the HTML Freshdesk and Help Scout store, and their HTML back to text.

Export renders a reply (plain paragraphs, kept line breaks) with markdown-it-py, raw HTML off, so
text such as `<b>` stays text. Import reads a vendor's HTML body with the standard library's
`html.parser`: paragraphs and `<br>` become line breaks, a link keeps its address, scripts and
styles are dropped, entities are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark", {"breaks": True, "html": False})
_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "blockquote", "pre"}
)
_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "pre"})
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?\s*>")


def to_html(text: str) -> str:
    """Reply text as HTML paragraphs, a kept line break as `<br>`."""
    return str(_MD.render(text)).strip()


def looks_like_html(text: str) -> bool:
    """Whether a body holds HTML tags (`<p>`, `<br/>`, `<div class=...>`)."""
    return bool(_TAG.search(text))


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.links: list[str | None] = []
        self.pre = 0
        self.lists: list[int | None] = []  # per open list: None for `<ul>`, the last number for `<ol>`

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
        elif tag == "a":
            self.links.append(dict(attrs).get("href"))
            self.out.append("\0a")  # where the link text starts
        elif tag in _BLOCKS:
            self.pre += tag == "pre"
            self.out.append("\n\n" if tag in _PARAGRAPHS else "\n")
        if tag in ("ul", "ol"):
            start = dict(attrs).get("start") or "1"
            self.lists.append(None if tag == "ul" else (int(start) - 1 if start.isdigit() else 0))
        elif tag == "li":
            number = self.lists[-1] if self.lists else None
            if number is None:
                self.out.append("- ")
            else:
                self.lists[-1] = number + 1
                self.out.append(f"{number + 1}. ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "title"):
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.links:
            href = self.links.pop()
            start = (
                max(i for i, chunk in enumerate(self.out) if chunk == "\0a") if "\0a" in self.out else None
            )
            if start is not None:
                label = "".join(self.out[start + 1 :])
                del self.out[start:]
                shown = label.strip()
                if href and not href.startswith(("mailto:", "#")) and href.strip() not in (shown, ""):
                    label = f"{label} ({href.strip()})" if shown else href.strip()
                self.out.append(label)
        elif tag == "li":
            pass  # the next item or the list's end breaks the line: no blank line between items
        elif tag in _BLOCKS:
            self.pre -= tag == "pre"
            self.out.append("\n\n" if tag in _PARAGRAPHS else "\n")
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data if self.pre else re.sub(r"\s+", " ", data))


def to_text(html: str) -> str:
    """The text an HTML body shows, with paragraphs as blank lines."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(chunk for chunk in parser.out if chunk != "\0a").replace("\xa0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
