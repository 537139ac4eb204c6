"""``extends: sequence`` — a sequence of words matched by pattern and part-of-speech tag
(Vale's sequence.go). Tags come from ``pos.py``; without the tagger model no alerts.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..alert import Alert, format_message
from ..definition import compile_rule_regex, decode, make_definition, make_regexp
from ..errors import e201_target
from ..pos import text_to_tokens

KEYS = {"tokens": "listmap", "ignorecase": "bool"}
TOKEN_KEYS = {"pattern", "tag", "skip", "negate"}


@dataclass
class _Tok:
    pattern: str = ""
    tag: str = ""
    skip: int = 0
    negate: bool = False
    optional: bool = False
    start: bool = False
    end: bool = False
    re: regex.Pattern | None = None
    tag_re: regex.Pattern | None = None


def _matches(tok: _Tok, word: tuple[str, str]) -> bool:
    text, tag = word
    failed_tag = (tok.tag_re.search(tag) is not None if tok.tag_re else True) == tok.negate
    failed_tok = tok.re is not None and (tok.re.search(text) is not None) == tok.negate
    return not ((tok.pattern == "" and failed_tag) or (tok.tag == "" and failed_tok)
                or (tok.tag != "" and tok.pattern != "" and (failed_tag or failed_tok)))


def _steps_to_string(steps: list[str]) -> str:
    s = ""
    for step in steps:
        s += step if step.startswith("'") else " " + step
    return s.strip(" ")


class Sequence:
    """Token list with optional skips; scope is always ``sentence``."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.definition.scope = ["sentence"]
        self.tokens: list[_Tok] = []
        for raw in d.get("tokens", []):
            unknown = set(map(str, raw)) - TOKEN_KEYS
            if unknown:
                raise e201_target(f"invalid token keys: {', '.join(sorted(unknown))}",
                                  sorted(unknown)[0], path)
            pattern, tag = str(raw.get("pattern") or ""), str(raw.get("tag") or "")
            skip, negate = int(raw.get("skip") or 0), bool(raw.get("negate"))
            for i in range(skip, 0, -1):
                self.tokens.append(_Tok(pattern, tag, skip, negate, optional=True,
                                        start=i == skip))
            if pattern or tag:
                self.tokens.append(_Tok(pattern, tag, skip, negate, optional=False, end=True))
        for t in self.tokens:
            if t.pattern:
                rx = make_regexp(cfg.word_template, d.get("ignorecase", False), False, "", False)
                t.re = compile_rule_regex(rx.replace("%s", t.pattern, 1), path)
            if t.tag:
                t.tag_re = compile_rule_regex(t.tag, path)

    def _sequence_matches(self, idx, target, words, history):
        text: list[str] = []
        toks = self.tokens
        index = 0
        for jdx, tok in enumerate(words):
            if _matches(target, tok) and jdx not in history:
                index = jdx
                for i in range(1, idx + 1):
                    if jdx - i < 0:
                        return [], index
                    t = toks[idx - i]
                    word = words[jdx - i]
                    text.insert(0, word[0])
                    optional = t.optional
                    if t.skip > 0:
                        optional = (t.optional or t.end) and not t.start
                    mat = _matches(t, word)
                    if not mat and not optional:
                        return [], index
                    if mat and optional:
                        break
                for i in range(0, len(toks) - idx):
                    if jdx + i >= len(words):
                        return [], index
                    t = toks[idx + i]
                    word = words[jdx + i]
                    text.append(word[0])
                    mat = _matches(t, word)
                    if not mat and not t.optional:
                        return [], index
                    if mat and t.optional:
                        break
                break
        return text, index

    def run(self, blk, file):
        txt = blk.text
        alerts: list[Alert] = []
        offset: list[str] = []
        history: list[int] = []
        words = None
        defn = self.definition
        for idx, tok in enumerate(self.tokens):
            if tok.negate or not tok.pattern:
                continue
            for m in tok.re.finditer(txt):
                if words is None:
                    words = text_to_tokens(txt)
                steps, index = self._sequence_matches(idx, tok, words, history)
                history.append(index)
                if steps:
                    seq = _steps_to_string(steps)
                    ssp = txt.find(seq)
                    a = Alert(check=defn.name, severity=defn.level, link=defn.link,
                              span=(ssp, ssp + len(seq)), match=seq, action=defn.action)
                    a.message = format_message(defn.message, *steps)
                    a.description = format_message(defn.description, *steps)
                    a.offset = offset
                    alerts.append(a)
                    offset = []
                else:
                    offset.append(m.group(0))
            break
        return alerts
