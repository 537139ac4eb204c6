"""Text blocks with scopes, and Vale's scope selectors (``internal/check/scope.go``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass
class Block:
    """A piece of text to lint: its scope (``text.heading.h1.md``), context and line hint."""

    context: str
    text: str
    scope: str
    parent: str
    line: int = -1
    # Lower bounds of first occurrences shared with the walker that made the context.
    lower: dict[str, int] | None = None
    # First occurrence of `text` in `context` (computed once, on demand).
    text_pos: int | None = None

    @cached_property
    def folded(self) -> str:
        """The block's text case-folded, for the rules' literal prefilter (`prefilter.py`)."""
        return self.text.casefold()


def new_block(ctx: str, txt: str, sel: str, line: int = -1) -> Block:
    return Block(context=ctx or txt, text=txt, scope=sel, parent=sel, line=line)


class Selector:
    """A dotted selector such as ``text.heading.h1``; ``~`` negates."""

    __slots__ = ("negated", "sections")

    def __init__(self, value: list[str]) -> None:
        negated = False
        parts = []
        for i, m in enumerate(value):
            m = m.strip()
            if i == 0 and m.startswith("~"):
                m = m[1:]
                negated = True
            parts.append(m)
        self.negated = negated
        secs: list[str] = []
        for p in parts:
            secs.extend(p.split("."))
        self.sections = secs

    def contains(self, other: Selector) -> bool:
        mine = self.sections
        return all(s in mine for s in other.sections)

    def has(self, scope: str) -> bool:
        return scope in self.sections


class Scope:
    """A rule's ``scope`` list: any entry may match; ``a & b`` needs every part."""

    def __init__(self, values: list[str]) -> None:
        self.selectors = [[Selector(part.split(".")) for part in v.split("&")] for v in values]
        self._cache: dict[tuple[str, str], bool] = {}

    def matches(self, blk: Block) -> bool:
        key = (blk.scope, blk.parent)
        hit = self._cache.get(key)
        if hit is None:
            cand = Selector(blk.scope.split("."))
            parent = Selector(blk.parent.split("."))
            hit = any(self._part_matches(cand, parent, sel) for sel in self.selectors)
            self._cache[key] = hit
        return hit

    @staticmethod
    def _part_matches(target: Selector, parent: Selector, options: list[Selector]) -> bool:
        for part in options:
            tm = target.contains(part)
            pm = parent.contains(part)
            if part.negated and not pm:
                if target.has("raw") or target.has("summary"):
                    return False
            elif (not part.negated and not tm) or (part.negated and pm):
                return False
        return True
