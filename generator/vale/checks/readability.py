"""``extends: readability`` — mean grade level over the chosen formulas (readability.go)."""

from __future__ import annotations

from ..alert import Alert, format_message
from ..definition import decode, make_definition
from ..summarize import Document

KEYS = {"metrics": "list", "grade": "float"}
METRICS = ["Gunning Fog", "Coleman-Liau", "Flesch-Kincaid", "SMOG", "Automated Readability"]


class Readability:
    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.metrics = d.get("metrics", [])
        self.grade = d.get("grade", 0.0)
        if all(m in METRICS for m in self.metrics):
            self.definition.scope = ["summary"]

    def run(self, blk, file):
        if not self.metrics:
            return []
        doc = Document.from_text(blk.text)
        grade = 0.0
        funcs = {"SMOG": doc.smog, "Gunning Fog": doc.gunning_fog,
                 "Coleman-Liau": doc.coleman_liau, "Flesch-Kincaid": doc.flesch_kincaid,
                 "Automated Readability": doc.automated_readability}
        for m in self.metrics:
            if m in funcs:
                grade += funcs[m]()
        grade /= len(self.metrics)
        if grade <= self.grade:
            return []
        defn = self.definition
        a = Alert(check=defn.name, severity=defn.level, span=(1, 1), link=defn.link)
        a.message = format_message(defn.message, f"{grade:.2f}")
        a.description = format_message(defn.description, f"{grade:.2f}")
        return [a]
