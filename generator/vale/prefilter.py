"""A rule's token alternation, narrowed to the tokens that could match a given text at all.

An existence or substitution rule is one alternation of all its tokens, and the regex engine
tries every token at every position of every block: a 70-token rule costs 70 tries per
character, almost all of them hopeless. Most tokens contain a word that must appear in any text
they match (``do\\sour\\sbest\\sjob`` needs "best"), so each token gets sets of literal strings
such that one literal of each set appears, case-folded, in whatever it matches. For a block, the
tokens whose sets it does not all meet are dropped and the rest run as one alternation in their
original order; the literals of every rule are found in one pass over the block (:class:`LiteralIndex`).
The matches are the same: leftmost-first alternation takes, at each position, the first token
that matches there, and a dropped token matches nowhere in that text.

A rule is left whole when narrowing could change its meaning: a custom word template, ``raw``,
a token with a global inline flag (``(?i)``) or a backreference (group numbers would shift).
A token whose pattern Python's parser cannot read is always kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import ahocorasick  # pyahocorasick
import regex

from .regexes import compile_go, remembered_literals

try:  # Python 3.11+
    import re._constants as _c  # type: ignore[import-not-found]
    import re._parser as _parser  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

Literals = frozenset[str]

_GLOBAL_FLAG = re.compile(r"\(\?[a-zA-Z]+\)")
_BACKREF = re.compile(r"\\[1-9]|\(\?P=|\\g<|\\k<")
_ZERO_WIDTH = {_c.AT, _c.ASSERT, _c.ASSERT_NOT}
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT)}
_MIN_LITERAL = 2
"""A token is worth filtering only by literals at least this long: a letter is in every text."""
_MAX_CLASS = 8
"""Largest class of characters (``[,.;:!?]``) spelled out, one literal per member."""
_MAX_SPELLINGS = 32
"""Most spellings of one run of literal text; a longer run is cut where it would exceed this."""
_MAX_COPIES = 4
"""Most copies of a repeated character (`` {2,}``) written into a literal."""
_MAX_SETS = 3
"""Most sets of literals a token is held to (one literal of each must occur)."""
MIN_TOKENS = 2
"""Fewest tokens worth narrowing. Finding the literals is one search per block shared by every
rule (:class:`LiteralIndex`), so even a rule of a few large tokens gains; but the live tokens run
as separate searches, so a rule at least half of whose tokens need no literal (always live) is
run whole."""


def _plain(ch: str) -> bool:
    """Whether `ch` matches only itself with or without case, so its case-fold is itself: an
    ASCII character, or one that is not a letter and has no case (the curly apostrophe)."""
    return ch.isascii() or (not ch.isalpha() and ch.casefold() == ch == ch.upper())


def _spellings(op: Any, av: Any) -> list[str] | None:
    """The characters one item matches, case-folded, when it is a plain literal or a short class
    of plain literals (``['’]``, ``[,.;:!?]``); otherwise None."""
    if op is _c.LITERAL:
        return [chr(av).lower()] if _plain(chr(av)) else None
    if op is not _c.IN or len(av) > _MAX_CLASS:
        return None
    chars = set()
    for item, value in av:
        if item is not _c.LITERAL or not _plain(chr(value)):
            return None
        chars.add(chr(value).lower())
    return sorted(chars)


def _required(items: Any) -> list[Literals]:
    """Sets of literals such that any match of the parsed sequence `items` contains one literal of
    each set, most selective first (empty when no literal is sure)."""
    found: list[Literals] = []
    run = [""]  # every spelling of the literal text that ends here

    def flush() -> None:
        nonlocal run
        if min(map(len, run)) >= _MIN_LITERAL:
            found.append(frozenset(run))
        run = [""]

    def extend(chars: list[str]) -> None:
        nonlocal run
        if len(run) * len(chars) > _MAX_SPELLINGS:
            flush()
        run = [r + c for r in run for c in chars]

    for op, av in items:
        chars = _spellings(op, av)
        if chars is not None:
            extend(chars)
            continue
        if op in _ZERO_WIDTH:  # takes no text: the literals on either side stay adjacent
            continue
        if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
            chars = _spellings(*av[2][0])
            if chars is not None:
                # `x{2,}`: the first copies follow what came before, the last precede what follows
                copies = min(av[0], _MAX_COPIES) if len(chars) == 1 else 1
                piece = [c * copies for c in chars]
                extend(piece)
                flush()
                run = piece
                continue
        flush()
        if op is _c.SUBPATTERN:
            found += _required(av[-1])
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            found += _required(av)
        elif op is _c.BRANCH:
            options = [_required(branch) for branch in av[1]]
            if all(options):
                found.append(frozenset().union(*(o[0] for o in options)))
        elif op in _REPEATS and av[0] >= 1:
            found += _required(av[2])
    flush()
    return sorted(set(found), key=_selectivity, reverse=True)[:_MAX_SETS]


def _selectivity(literals: Literals) -> tuple[int, int, tuple[str, ...]]:
    """Longer shortest literal first, then fewer literals (then a fixed order)."""
    return (min(map(len, literals)), -len(literals), tuple(sorted(literals)))


def requirements(token: str) -> tuple[Literals, ...]:
    """Sets of literals (case-folded) such that every match of `token` contains one of each set;
    empty when none is sure."""
    return remembered_literals(token, _requirements_of)


def _requirements_of(token: str) -> tuple[Literals, ...]:
    try:
        return tuple(_required(_parser.parse(token)))
    except Exception:  # syntax only the `regex` package knows: keep the token, always
        return ()


class EmptyMatch(Exception):
    """A token matched the empty string: the caller runs the whole alternation instead."""


class LiteralIndex:
    """Every narrowing's literals in one Aho-Corasick automaton (pyahocorasick, in C), so that a
    block is searched once for every occurrence of every rule's literals, not once per rule (the
    search is most of what narrowing costs). The last few texts' answers are kept: the rules of
    one block ask about the same text in turn."""

    MEMO = 8

    def __init__(self) -> None:
        self.literals: set[str] = set()
        self._automaton: Any = None
        self._memo: dict[str, frozenset[str]] = {}

    def add(self, literals: set[str]) -> None:
        if not literals <= self.literals:
            self.literals |= literals
            self._automaton = None
            self._memo.clear()

    def found(self, folded: str) -> frozenset[str]:
        """Every literal of the index that occurs in the case-folded text `folded`."""
        known = self._memo.get(folded)
        if known is not None:
            return known
        if self._automaton is None:
            self._automaton = ahocorasick.Automaton()
            for lit in sorted(self.literals):
                self._automaton.add_word(lit, lit)
            self._automaton.make_automaton()
        out = frozenset(lit for _, lit in self._automaton.iter(folded))
        if len(self._memo) >= self.MEMO:
            self._memo.clear()
        self._memo[folded] = out
        return out


INDEX = LiteralIndex()
"""The one index of this process's narrowings (rules built by any engine add to it)."""


class Narrowing:
    """The alternation ``prefix + "|".join(tokens) + suffix``, run as just its live tokens."""

    def __init__(self, prefix: str, tokens: list[str], suffix: str) -> None:
        self.prefix, self.tokens, self.suffix = prefix, tokens, suffix
        needs = [requirements(t) for t in tokens]
        self.always = tuple(i for i, n in enumerate(needs) if not n)
        served: dict[str, set[int]] = {}  # a literal of a token's first set: the token may be live
        for i, n in enumerate(needs):
            for lit in n[0] if n else ():
                served.setdefault(lit, set()).add(i)
        self._served = {lit: frozenset(ids) for lit, ids in served.items()}
        self._mine = frozenset(served)
        self._also = {i: n[1:] for i, n in enumerate(needs) if len(n) > 1}
        """The other sets of a token that has more: one literal of each must occur too."""
        INDEX.add(set(served).union(*(lits for more in self._also.values() for lits in more)))
        self.gate: frozenset[str] | None = None if self.always else self._mine
        """The literals one of which a text must hold for any token to be live (None when some
        token is always live): a text with none of them gives the rule nothing to find."""
        self._single: dict[int, regex.Pattern] = {}

    @classmethod
    def of(cls, template: str, tokens: list[str]) -> Narrowing | None:
        """The narrowing of a rule built as `template` with `%s` replaced by its joined tokens,
        or None when narrowing could change the rule's matches (see the module's docstring)."""
        if template.count("%s") != 1 or "(?:%s)" not in template or len(tokens) < MIN_TOKENS:
            return None
        if any(_GLOBAL_FLAG.search(t) or _BACKREF.search(t) for t in tokens):
            return None
        prefix, suffix = template.split("%s")
        narrowing = cls(prefix, tokens, suffix)
        return narrowing if 2 * len(narrowing.always) <= len(tokens) else None

    def live(self, folded: str) -> list[int]:
        """Indexes of the tokens that could match somewhere in a text whose case-fold is `folded`."""
        every = INDEX.found(folded)
        if self._mine.isdisjoint(every):
            return list(self.always)
        found = every & self._mine
        live = set(self.always).union(*(self._served[f] for f in found))
        also = self._also
        return sorted(i for i in live if i not in also or all(not every.isdisjoint(s) for s in also[i]))

    def matches(self, text: str, folded: str) -> list[tuple[int, regex.Match]] | None:
        """(token index, match) for every match of the whole alternation in `text` (case-folded:
        `folded`), found with the live tokens alone; None when that saves nothing (every token is
        live) or cannot be trusted (a token matched the empty string): run the whole pattern."""
        live = self.live(folded)
        if not live:  # two blocks in three: nothing to search
            return []
        if len(live) == len(self.tokens):
            return None
        try:
            return list(self._finditer(text, live))
        except EmptyMatch:
            return None

    def compile_all(self) -> None:
        """Compile every token's own pattern now, not when a text first needs it: a process that
        forks its lint compiles them once, not once in every child."""
        for i in range(len(self.tokens)):
            self._pattern(i)

    def _pattern(self, i: int) -> regex.Pattern:
        found = self._single.get(i)
        if found is None:
            found = self._single[i] = compile_go(self.prefix + self.tokens[i] + self.suffix)
        return found

    def _finditer(self, text: str, live: list[int]) -> Iterator[tuple[int, regex.Match]]:
        """(token index, match) for each match the whole alternation finds in `text`, in order,
        searching with the live tokens alone: at each position the earliest match wins, and of
        matches at the same position the first token's, as leftmost-first alternation does."""
        patterns = [self._pattern(i) for i in live]
        nexts = [p.search(text) for p in patterns]
        pos = 0
        while True:
            best = -1
            for k, m in enumerate(nexts):
                if m is not None and m.start() < pos:
                    m = nexts[k] = patterns[k].search(text, pos)
                if m is not None and (best < 0 or m.start() < nexts[best].start()):  # type: ignore[union-attr]
                    best = k
            if best < 0:
                return
            m = nexts[best]
            assert m is not None
            if m.end() == m.start():
                raise EmptyMatch
            yield live[best], m
            pos = m.end()
