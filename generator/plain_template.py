"""Plain templates: the replies stage's fast path for templates that only substitute placeholders.

Nearly every reply is text with `{{ name }}` or `{{ order.id }}` in it. Parsing and compiling
such a template with Jinja costs about two milliseconds, which at 5,000 scenarios is most of a
build, while the substitution itself is a string join. `fill` renders a template of that shape
directly, with exactly the result Jinja's sandbox gives, and returns None for anything else
(tags, comments, filters, whitespace control, an undeclared or non-scalar value, a name Jinja
reads as a constant or keyword): those templates take the full Jinja path in `replies.py`, which
also reports their errors. A test renders every template both ways and compares the results.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from typing import Any

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_OUTPUT = re.compile(r"\{\{ *(" + _NAME + r"(?: *\. *" + _NAME + r")*) *\}\}")
_MARKUP = ("{{", "{%", "{#")
_JINJA_WORDS = frozenset(
    {
        "and", "or", "not", "in", "is", "if", "else", "elif", "true", "false", "none", "True",
        "False", "None", "recursive", "with", "without", "ignore", "missing", "context", "import",
        "as", "block", "endblock", "for", "endfor", "set", "endset", "macro", "endmacro", "call",
        "endcall", "filter", "endfilter", "extends", "include", "from", "raw", "endraw", "range",
        "loop", "namespace", "dict", "cycler", "joiner", "lipsum", "super", "self",
    }
)
_SCALARS = (str, int, float)
_DICT_ATTRIBUTES = frozenset(dir(dict))


def _value(path: list[str], context: Mapping[str, Any]) -> str | None:
    """The text Jinja prints for `a.b.c`, or None when the lookup is not a plain one."""
    node: Any = context
    for i, part in enumerate(path):
        if part in _JINJA_WORDS or (i and part in _DICT_ATTRIBUTES):
            return None  # Jinja would read a constant, a keyword or a dict method here
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    if isinstance(node, bool) or not isinstance(node, _SCALARS):
        return None
    return str(node)


def is_declared(name: str, declared: Set[str]) -> bool:
    """Whether the dotted `name`, or a name it sits under (`order` for `order.id`), is declared."""
    parts = name.split(".")
    return any(".".join(parts[:i]) in declared for i in range(1, len(parts) + 1))


def fill(source: str, context: Mapping[str, Any], declared: Set[str], limit: int) -> str | None:
    """`source` rendered as Jinja would render it, or None if it needs Jinja itself.

    `limit` is the longest output accepted; a longer one is left to Jinja, which reports it.
    """
    if "\r" in source:
        return None  # Jinja normalises line endings; leave that to it
    pieces = split(source)
    return None if pieces is None else fill_pieces(pieces, context, declared, limit)


def fill_pieces(
    pieces: list[tuple[int, str, str | None]], context: Mapping[str, Any], declared: Set[str], limit: int
) -> str | None:
    """The pieces of `split` filled from `context` (so one template split serves several fills)."""
    out: list[str] = []
    size = 0
    for _, text, name in pieces:
        if name is not None:
            if not is_declared(name, declared):
                return None
            value = _value(name.split("."), context)
            if value is None:
                return None
            text = value
        size += len(text)
        if size > limit:
            return None
        out.append(text)
    return "".join(out)


def split(source: str) -> list[tuple[int, str, str | None]] | None:
    """`source` cut into (offset, text, placeholder name) pieces, or None if it holds Jinja logic.

    A piece is either literal text (name None) or one `{{ name }}` substitution (text is the
    markup as written). Anything else Jinja would read (tags, comments, filters, whitespace
    control, a keyword) makes the template more than a substitution: None. Help desk export
    uses this to translate placeholders one by one.
    """
    pieces: list[tuple[int, str, str | None]] = []
    end = 0
    for match in _OUTPUT.finditer(source):
        text = source[end : match.start()]
        if any(mark in text for mark in _MARKUP) or text.endswith("{"):
            return None
        path = [part.strip() for part in match.group(1).split(".")]
        if path[0] in _JINJA_WORDS or any(i and part in _DICT_ATTRIBUTES for i, part in enumerate(path)):
            return None
        if text:
            pieces.append((end, text, None))
        pieces.append((match.start(), match.group(0), ".".join(path)))
        end = match.end()
    tail = source[end:]
    if any(mark in tail for mark in _MARKUP):
        return None
    if tail:
        pieces.append((end, tail, None))
    return pieces
