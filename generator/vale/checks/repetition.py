"""``extends: repetition`` — the same token twice in a row (repetition.go)."""

from __future__ import annotations

from operator import eq

from ..alert import format_message
from ..definition import compile_rule_regex, decode, make_alert, make_definition, update_exceptions
from ..regexes import is_match

KEYS = {"tokens": "list", "max": "int", "ignorecase": "bool", "alpha": "bool",
        "vocab": "bool", "exceptions": "list"}


class Repetition:
    """Consecutive equal matches on one line form an alert spanning both."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.max = d.get("max", 0)
        self.ignorecase = d.get("ignorecase", False)
        self.alpha = d.get("alpha", False)
        self.except_re = update_exceptions(d.get("exceptions", []), cfg.accepted_tokens,
                                           d.get("vocab", True), path)
        rx = ("(?i)" if self.ignorecase else "") + "(" + "|".join(d.get("tokens", [])) + ")"
        self.pattern = compile_rule_regex(rx, path)

    def _no_pair(self, txt: str) -> bool:
        """Whether no two consecutive matches are the same (an alert needs such a pair): their
        texts compared in C, since almost no block repeats a word."""
        if self.pattern.groups != 1:  # findall gives tuples: leave it to the loop
            return False
        found = list(map(str.strip, self.pattern.findall(txt)))
        if self.ignorecase:
            found = list(map(str.casefold, found))
        return not any(map(eq, found, found[1:]))

    def run(self, blk, file):
        alerts = []
        txt = blk.text
        if self._no_pair(txt):
            return alerts
        prev, ploc, count = "", (0, 0), 0
        for m in self.pattern.finditer(txt):
            loc = m.span()
            curr = m.group(0).strip()
            if self.ignorecase:
                hit = curr.casefold() == prev.casefold() and curr != ""
            else:
                hit = curr == prev and curr != ""
            hit = hit and (not self.alpha or curr.isalpha())
            if hit:
                count += 1
            if hit and count > self.max:
                converted = txt[ploc[0]:loc[1]]
                if "\n" not in converted and not is_match(self.except_re, converted):
                    a = make_alert(self.definition, (ploc[0], loc[1]), txt)
                    a.message = format_message(self.definition.message, curr)
                    a.description = format_message(self.definition.description, curr)
                    alerts.append(a)
                    count = 0
            ploc, prev = loc, curr
        return alerts
