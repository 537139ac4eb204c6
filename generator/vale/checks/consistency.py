"""``extends: consistency`` — both spellings of a pair used in one file (consistency.go)."""

from __future__ import annotations

from ..definition import compile_rule_regex, decode, make_alert, make_definition, make_regexp

KEYS = {"either": "map", "nonword": "bool", "ignorecase": "bool"}


class Consistency:
    """One pattern per pair; the file's sequence list remembers which side was seen."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        rx = make_regexp(cfg.word_template, d.get("ignorecase", False),
                         not d.get("nonword", False), "", True)
        key = self.definition.name.split(".")[1] if "." in self.definition.name else "c"
        key = "".join(c if c.isalnum() else "_" for c in key)
        self.steps = []
        count = 0
        for v1, v2 in d.get("either", {}).items():
            count += 2
            subs = (f"{key}{count}", f"{key}{count + 1}")
            chk = f"(?P<{subs[0]}>{v1})|(?P<{subs[1]}>{v2})"
            self.steps.append((compile_rule_regex(rx.replace("%s", chk, 1), path), subs))

    def run(self, blk, file):
        alerts = []
        txt = blk.text
        loc = None
        for pat, subs in self.steps:
            found = False
            for m in pat.finditer(txt):
                found = True
                for name in subs:
                    if m.start(name) >= 0:
                        loc = m.span(name)
                        file.sequences.append(name)
            if found and all(s in file.sequences for s in subs) and loc is not None:
                alerts.append(make_alert(self.definition, loc, txt))
        return alerts
