"""The literal prefilter (`generator/vale/prefilter.py`) changes how fast a rule runs, never what
it finds: every narrowed rule of the house style gives the same alerts, at the same places and
with the same messages, as its whole alternation, on every reply of both corpora and on every
sentence and paragraph of them."""

from __future__ import annotations

import regex

from generator.lint import engine_for
from generator.project import Project
from generator.vale.blocks import new_block
from generator.vale.nlp import segment_sentences
from generator.vale.prefilter import Narrowing, requirements

from .corpus import ROOT, load_real, samples

TEXTS = [s.text for s in load_real()] + [s.text for s in samples()]


def _blocks() -> list[str]:
    out = []
    for text in TEXTS:
        out.append(text)
        for para in text.split("\n\n"):
            out.append(para)
            out += [s.strip() for s in segment_sentences(para) if s.strip()]
    return out


def _found(chk, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(tuple(a.span), a.message) for a in chk.run(new_block("", text, "text.md"), None)]


def test_narrowed_rules_find_exactly_what_the_whole_alternation_finds():
    rules = engine_for(Project(ROOT), "builtin").linter.manager.rules
    narrowed = {name: chk for name, chk in rules.items() if getattr(chk, "narrowing", None)}
    assert len(narrowed) >= 5, "the house style's long token lists are narrowed"
    blocks = _blocks()
    hits = 0
    for name, chk in narrowed.items():
        narrowing = chk.narrowing
        for text in blocks:
            fast = _found(chk, text)
            chk.narrowing = None
            try:
                whole = _found(chk, text)
            finally:
                chk.narrowing = narrowing
            assert fast == whole, (name, text[:200])
            hits += bool(whole)
    assert hits > 200, "the comparison saw plenty of alerts"


def test_scripts_find_exactly_what_their_patterns_find_without_the_literal_check(monkeypatch):
    """A script's `text.re_match` / `re_find` skips a pattern whose needed literal the text lacks
    (`tengo.modules._absent`): every script rule gives the same alerts on every corpus block
    with the check and without it."""
    from generator.vale.tengo import modules

    rules = engine_for(Project(ROOT), "builtin").linter.manager.rules
    scripts = {name: chk for name, chk in rules.items() if type(chk).__name__ == "Script"}
    assert len(scripts) >= 5, "the house style has its structure rules as scripts"
    texts = TEXTS + [p for t in TEXTS for p in t.split("\n\n")]
    skipped = 0
    absent = modules._absent

    def counted(pattern: str, s: str) -> bool:
        nonlocal skipped
        out = absent(pattern, s)
        skipped += out
        return out

    fast: list[list[tuple[tuple[int, int], str]]] = []
    monkeypatch.setattr(modules, "_absent", counted)
    for chk in scripts.values():
        fast += [_found(chk, text) for text in texts]
    monkeypatch.setattr(modules, "_absent", lambda pattern, s: False)
    whole = [_found(chk, text) for chk in scripts.values() for text in texts]
    assert fast == whole
    assert sum(map(bool, whole)) > 1000, "the comparison saw plenty of alerts"
    assert skipped > 10000, "most patterns are skipped on most texts"


def requirement(token: str) -> frozenset[str] | None:
    """The most selective set of literals `token` needs, or None."""
    return next(iter(requirements(token)), None)


def test_a_token_needs_one_of_its_literals_or_nothing():
    assert requirement(r"do\sour\sbest\sjob") == frozenset({"best"})
    assert requirement(r"(?:sorry|apologi[sz]e)\sfor") == frozenset({"sorry", "apologise", "apologize"})
    assert requirement(r"\w+ +[,.;]") == frozenset({" ,", " .", " ;"})  # a short class is spelled out
    assert requirement(r"\w {2,}\w") == frozenset({"  "})  # two spaces at least
    assert requirement(r"[a-z]+['’]s\b") == frozenset({"'s", "’s"})
    assert requirement(r"\bi(?=\s)") is None  # one letter is in every text: no filter
    assert requirement(r"(?:foo)?bar") == frozenset({"bar"})
    assert requirement(r"\p{Lu}{2,}") is None  # syntax only `regex` reads: always kept


def test_a_token_may_need_one_literal_of_each_of_several_sets():
    assert requirements(r"(?:these|many)\s[a-z]+['’]s\b") == (
        frozenset({"these", "many"}),
        frozenset({"'s", "’s"}),
    )
    tokens = [r"(?:these|many)\s[a-z]+['’]s\b", r"\bapple\b"]
    narrowing = Narrowing(r"\b(?:", tokens, r")\b")
    # "these" alone does not make the first token live: it needs an apostrophe-s as well
    assert narrowing.live("these pears are ripe") == []
    assert narrowing.live("these pear’s are ripe") == [0]


def test_leftmost_first_order_and_overlaps_are_kept():
    tokens = ["apple pie", "apple", "pie chart", "pie"]
    template = r"(?i)\b(?:%s)\b"
    prefix, suffix = template.split("%s")
    narrowing = Narrowing(prefix, tokens, suffix)
    text = "Apple pie, an apple and a pie. APPLE PIE!"
    whole = [m.span() for m in regex.finditer(template % "|".join(tokens), text)]
    found = narrowing.matches(text, text.casefold())
    assert found is not None, "'chart' is not in the text: one token is left out"
    assert [m.span() for _, m in found] == whole


def test_unicode_case_folding_never_hides_a_match():
    # an ASCII literal matched without case must still be found in the folded text
    letters = {c: regex.compile(f"(?i){c}") for c in "abcdefghijklmnopqrstuvwxyz"}
    for cp in [*range(0x80, 0x3000), 0x212A, 0xFB00, 0xFB06, 0x1E9E]:
        ch = chr(cp)
        for letter, pattern in letters.items():
            if pattern.fullmatch(ch):
                assert letter in ch.casefold(), hex(cp)


def test_prepare_compiles_every_narrowed_token_before_the_lint_forks():
    """The children a lint forks inherit the compiled token patterns instead of each compiling
    them again (`Engine.prepare`)."""
    from generator.vale import Engine

    engine = Engine.from_config(ROOT / ".vale.ini")  # its own rules: no other test's lint compiled them
    narrowings = [r.narrowing for r in engine.linter.manager.rules.values() if getattr(r, "narrowing", None)]
    assert narrowings
    assert not any(n._single for n in narrowings), "nothing is compiled before a text needs it"
    engine.prepare()
    assert all(len(n._single) == len(n.tokens) for n in narrowings)


def test_repetition_finds_the_same_with_and_without_its_pair_check(monkeypatch):
    """Repetition skips a block in which no two consecutive tokens are equal (`_no_pair`); on
    every corpus block, and on blocks that do repeat, it finds what its full loop finds."""
    from generator.vale.checks.repetition import Repetition

    rules = engine_for(Project(ROOT), "builtin").linter.manager.rules
    chk = rules["Playbook.Repetition"]
    blocks = [*_blocks(), "the the", "It is is fine.", "The THE end", "a\\nA", "ok. ok.", "x  x", "I I"]
    fast = [_found(chk, text) for text in blocks]
    monkeypatch.setattr(Repetition, "_no_pair", lambda self, txt: False)
    assert fast == [_found(chk, text) for text in blocks]
    assert sum(map(bool, fast)) >= 4


def test_gated_rules_are_passed_over_only_where_they_find_nothing():
    """`lint_block` skips a narrowed rule when the block holds none of its literals (its gate):
    every corpus reply gets the same alerts with the gates as with none."""
    engine = engine_for(Project(ROOT), "builtin")
    texts = TEXTS[:800]

    def alerts() -> list[list[tuple]]:
        engine.linter._runnable_cache.clear()
        return [
            [(a.line, a.span, a.check, a.message) for a in engine.lint_text(t, "r/email/x.md")] for t in texts
        ]

    gated = alerts()
    narrowings = [r.narrowing for r in engine.linter.manager.rules.values() if getattr(r, "narrowing", None)]
    assert sum(n.gate is not None for n in narrowings) >= 5
    kept = [n.gate for n in narrowings]
    for n in narrowings:
        n.gate = None
    try:
        assert alerts() == gated
    finally:
        for n, gate in zip(narrowings, kept, strict=True):
            n.gate = gate
    assert sum(map(bool, gated)) > 300
