"""An HTML token stream shaped like Go's ``x/net/html`` Tokenizer, built on ``html.parser``."""

from __future__ import annotations

import html
from html.parser import HTMLParser

START, END, SELF, TEXT, COMMENT = "start", "end", "self", "text", "comment"


class Token:
    __slots__ = ("attrs", "data", "kind")

    def __init__(self, kind: str, data: str, attrs: list[tuple[str, str]] | None = None):
        self.kind = kind
        self.data = data
        self.attrs = attrs or []

    def attr(self, key: str) -> str:
        for k, v in self.attrs:
            if k == key:
                return v
        return ""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[Token] = []

    def handle_starttag(self, tag, attrs):
        self.tokens.append(Token(START, tag, [(k, v or "") for k, v in attrs]))

    def handle_startendtag(self, tag, attrs):
        self.tokens.append(Token(SELF, tag, [(k, v or "") for k, v in attrs]))

    def handle_endtag(self, tag):
        self.tokens.append(Token(END, tag))

    def handle_data(self, data):
        if self.tokens and self.tokens[-1].kind == TEXT:
            self.tokens[-1].data += data
        else:
            self.tokens.append(Token(TEXT, data))

    def handle_comment(self, data):
        self.tokens.append(Token(COMMENT, data))

    def handle_decl(self, decl):
        pass

    def unknown_decl(self, data):
        pass


def paragraph_tokens(paragraphs: list[str]) -> list[Token]:
    """The tokens `tokenize` gives the HTML of plain paragraphs (`<p>text</p>` and a newline each,
    the text holding no `<` or `&`), without parsing it."""
    out: list[Token] = []
    for text in paragraphs:
        out += [Token(START, "p"), Token(TEXT, text), Token(END, "p"), Token(TEXT, "\n")]
    return out


def tokenize(raw: str) -> list[Token]:
    p = _Collector()
    p.feed(raw)
    p.close()
    return p.tokens


def unescape(s: str) -> str:
    return html.unescape(s)
