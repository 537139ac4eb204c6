"""``extends: conditional`` — ``first`` must have been defined by ``second`` (conditional.go)."""

from __future__ import annotations

from ..definition import compile_rule_regex, decode, make_alert, make_definition, update_exceptions
from ..regexes import is_match

KEYS = {"first": "str", "second": "str", "exceptions": "list", "ignorecase": "bool",
        "vocab": "bool"}


class Conditional:
    """Collects ``second``'s capture groups; every undefined ``first`` match is an alert."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.except_re = update_exceptions(d.get("exceptions", []), cfg.accepted_tokens,
                                           d.get("vocab", True), path)
        self.second = compile_rule_regex(d.get("second", ""), path)
        self.first = compile_rule_regex(d.get("first", ""), path)

    def run(self, blk, file):
        txt = blk.text
        for m in self.second.finditer(txt):
            for g in m.groups():
                if g:
                    file.sequences.append(g)
        alerts = []
        for m in self.first.finditer(txt):
            s = m.group(0)
            if s not in file.sequences and not is_match(self.except_re, s):
                alerts.append(make_alert(self.definition, m.span(), txt))
        return alerts
