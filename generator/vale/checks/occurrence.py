"""``extends: occurrence`` — too many or too few matches of a token in a scope (occurrence.go)."""

from __future__ import annotations

from ..alert import Alert, format_message
from ..definition import compile_rule_regex, decode, make_alert, make_definition

KEYS = {"token": "str", "max": "int", "min": "int", "ignorecase": "bool"}


def is_code(s: str) -> bool:
    return all(c in "*@" for c in s)


class Occurrence:
    """Counts matches per block; alerts when above ``max`` or below ``min``."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.max = d.get("max", 0)
        self.min = d.get("min", 0)
        rx = ("(?i)" if d.get("ignorecase") else "") + "(?:" + d.get("token", "") + ")"
        self.pattern = compile_rule_regex(rx, path)

    def run(self, blk, file):
        txt = blk.text
        locs = [m.span() for m in self.pattern.finditer(txt)]
        n = len(locs)
        defn = self.definition
        if not ((self.max > 0 and n > self.max) or (self.min > 0 and n < self.min)):
            return []
        if n == 0:
            a = Alert(check=defn.name, severity=defn.level, span=(1, 1), link=defn.link)
        else:
            span = None
            for loc in locs:
                m = txt[loc[0]:loc[1]]
                if not m.strip():
                    continue
                if not is_code(m):
                    span = loc
                    break
            if span is None:
                return []
            a = make_alert(defn, span, txt)
        a.message = format_message(defn.message, str(n))
        a.description = format_message(defn.description, str(n))
        return [a]
