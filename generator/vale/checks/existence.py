"""``extends: existence`` — report every match of a list of tokens (Vale's existence.go)."""

from __future__ import annotations

from ..definition import (
    compile_rule_regex,
    decode,
    make_alert,
    make_definition,
    make_regexp,
    update_exceptions,
)
from ..prefilter import Narrowing
from ..regexes import is_match

KEYS = {"raw": "list", "tokens": "list", "exceptions": "list", "append": "bool",
        "ignorecase": "bool", "nonword": "bool", "vocab": "bool"}


class Existence:
    """One alternation of all tokens; each match not in the exceptions is an alert."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        tokens = d.get("tokens", [])
        self.except_re = update_exceptions(d.get("exceptions", []), cfg.accepted_tokens,
                                           d.get("vocab", True), path)
        rx = make_regexp(cfg.word_template, d.get("ignorecase", False),
                         not d.get("nonword", False) and len(tokens) > 0,
                         "".join(d.get("raw", [])), d.get("append", False))
        parsed = [t for t in tokens if t.strip()]
        self.narrowing = None if d.get("raw") else Narrowing.of(rx, parsed)
        rx = rx.replace("%s", "|".join(parsed), 1) if "%s" in rx else rx
        self.pattern = compile_rule_regex(rx, path)

    def run(self, blk, file):
        found = self.narrowing.matches(blk.text, blk.folded) if self.narrowing else None
        if found == []:
            return []
        matches = (m for _, m in found) if found is not None else self.pattern.finditer(blk.text)
        alerts = []
        for m in matches:
            observed = m.group(0).strip()
            if not is_match(self.except_re, observed):
                alerts.append(make_alert(self.definition, m.span(), blk.text))
        return alerts
