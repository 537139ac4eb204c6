"""``extends: metric`` — a Tengo formula over document counts (Vale's metric.go)."""

from __future__ import annotations

import re

from ..alert import Alert, format_message
from ..definition import decode, make_definition
from ..errors import e201_target
from ..summarize import Document
from ..tengo import TengoError, eval_expr

KEYS = {"formula": "str", "condition": "str"}
HEADINGS = re.compile(r"heading\.(h[1-6])")
VARIABLES = ["pre", "list", "blockquote", "heading_h1", "heading_h2", "heading_h3",
             "heading_h4", "heading_h5", "heading_h6"]


def compute_metrics(f) -> dict:
    doc = Document.from_text("".join(f.summary))
    if doc.words == 0:
        return {}
    params = {k.replace(".", "_"): float(v) for k, v in f.metrics.items()
              if not k.startswith("table")}
    counts = dict(complex_words=doc.complex_words, long_words=doc.long_words,
                  paragraphs=doc.paragraphs - 1, sentences=doc.sentences,
                  characters=doc.characters, words=doc.words,
                  polysyllabic_words=doc.polysyllabic_words, syllables=doc.syllables)
    params.update({k: float(v) for k, v in counts.items()})
    return params


class Metric:
    """Alert at 1:1 when ``formula`` satisfies ``condition``; scope is always summary."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.definition.scope = ["summary"]
        self.path = path
        self.formula = HEADINGS.sub(r"heading_\1", d.get("formula", ""))
        self.condition = d.get("condition", "")
        if not self.formula.strip():
            raise e201_target("empty expression", "formula", path)

    def run(self, blk, file):
        params = compute_metrics(file)
        if not params:
            return []
        for k in VARIABLES:
            params.setdefault(k, 0.0)
        try:
            res = eval_expr(self.formula, params)
        except TengoError as exc:
            raise e201_target(f"script run: {exc}", "formula", self.path) from None
        try:
            # The value is a variable, not text in the source, so the condition compiles once.
            ok = eval_expr(f"__value__ {self.condition}", {**params, "__value__": float(f"{float(res):f}")})
        except (TengoError, TypeError, ValueError) as exc:
            raise e201_target(f"script run: {exc}", "condition", self.path) from None
        if not ok:
            return []
        defn = self.definition
        a = Alert(check=defn.name, severity=defn.level, span=(1, 1), link=defn.link)
        a.message = format_message(defn.message, f"{float(res):.2f}")
        a.description = format_message(defn.description, f"{float(res):.2f}")
        return [a]
