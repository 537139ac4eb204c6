"""``extends: substitution`` — suggest a replacement for each matched term (substitution.go)."""

from __future__ import annotations

import regex

from ..alert import format_message, to_sentence
from ..definition import (
    compile_rule_regex,
    decode,
    make_alert,
    make_definition,
    make_regexp,
    match_token,
    update_exceptions,
)
from ..prefilter import Narrowing
from ..regexes import compile_go, is_match

KEYS = {"swap": "map", "exceptions": "list", "ignorecase": "bool", "nonword": "bool",
        "vocab": "bool", "capitalize": "bool", "pos": "str"}

_CAPTURE_OPEN = regex.compile(r"(?<!\\)\((?!\?)")
_HAS_INDEX = regex.compile(r"\$\d+")


def cap_first(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def convert_message(s: str) -> str:
    for spec in ("'%s'", '"%s"'):
        if s.count(spec) == 2:
            s = s.replace(spec, "%s", 1)
    return s


class Substitution:
    """All swap keys (longest first) as capture groups of one alternation."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.ignorecase = d.get("ignorecase", False)
        self.capitalize = d.get("capitalize", False)
        self.except_re = update_exceptions(d.get("exceptions", []), cfg.accepted_tokens,
                                           d.get("vocab", True), path)
        rx = make_regexp(cfg.word_template, self.ignorecase, not d.get("nonword", False), "",
                         True)
        swap = d.get("swap", {})
        terms = sorted(swap, key=len, reverse=True)
        self.msg_map: list[str] = []
        self.repl: list[str] = []
        tokens = []
        for term in terms:
            self.msg_map.append(term)
            rstr = term
            if term.count("(") != term.count("(?") + term.count("\\("):
                rstr = _CAPTURE_OPEN.sub("(?:", term)
            tokens.append("(" + rstr + ")")
            self.repl.append(swap[term])
        self.narrowing = Narrowing.of(rx, tokens) if tokens else None
        if tokens:
            self.pattern = compile_rule_regex(rx.replace("%s", "|".join(tokens), 1), path)
        else:  # Vale's empty alternation matches only empty strings: no alerts.
            self.pattern = compile_rule_regex("(?!)", path)
        self._msg_res: dict[int, regex.Pattern] = {}

    def _sub_msg(self, index: int, observed: str) -> str:
        expected = self.repl[index]
        if self.capitalize and observed == cap_first(observed):
            expected = cap_first(expected)
        if not _HAS_INDEX.search(expected):
            return expected
        pat = self._msg_res.get(index)
        if pat is None:
            msg = self.msg_map[index]
            pat = compile_go(("(?i)" if self.ignorecase else "") + msg)
            self._msg_res[index] = pat
        try:
            return pat.sub(regex.sub(r"\$(\d+)", r"\\g<\1>", expected), observed)
        except (regex.error, IndexError):
            return expected

    def run(self, blk, file):
        alerts = []
        txt = blk.text
        defn = self.definition
        narrowed = self.narrowing.matches(txt, blk.folded) if self.narrowing else None
        if narrowed is not None:  # each token's own pattern has the token as group 1
            found = [(i, 1, m) for i, m in narrowed]
        else:
            found = [
                (gi - 1, gi, m)
                for m in self.pattern.finditer(txt)
                for gi in range(1, (m.lastindex or 0) + 1)
                if m.start(gi) >= 0
            ]
        for index, gi, m in found:
            loc = m.span(gi)
            observed = txt[loc[0]:loc[1]].strip()
            expected = self._sub_msg(index, observed)
            if match_token(expected, observed, False) or is_match(self.except_re, observed):
                continue
            message = defn.message
            action_params = defn.action.params
            if defn.action.name == "replace" and not defn.action.params:
                action_params = expected.split("|")
                if self.capitalize and observed == cap_first(observed):
                    action_params = [cap_first(p) for p in action_params]
                expected = to_sentence(action_params, "or")
                message = convert_message(message)
            a = make_alert(defn, loc, txt)
            a.message = format_message(message, expected, observed)
            a.description = format_message(defn.description, expected, observed)
            a.action.params = action_params
            alerts.append(a)
        return alerts
