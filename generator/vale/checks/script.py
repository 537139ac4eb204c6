"""``extends: script`` — a Tengo script sets ``matches`` over the block (Vale's script.go).

Scripts run in the bounded Tengo runtime of ``tengo/``, compiled once per source: no file or network access.
"""

from __future__ import annotations

import os

from ..alert import Alert, format_message
from ..config import SCRIPT_DIR, find_config_asset
from ..definition import decode, make_definition
from ..errors import e201_target
from ..tengo import TengoError, compile_source, run_script

KEYS = {"script": "str"}


class Script:
    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self.path = path
        src = d.get("script", "")
        if src.endswith(".tengo"):
            fp = find_config_asset(cfg, src, SCRIPT_DIR)
            try:
                with open(fp or os.path.join(SCRIPT_DIR, src), encoding="utf-8") as fh:
                    src = fh.read()
            except OSError as exc:
                raise e201_target(str(exc), src, path) from None
        try:
            compile_source(src)
        except (TengoError, RecursionError) as exc:
            raise e201_target(f"Compile Error: {exc}", "script", path) from None
        self.source = src

    def run(self, blk, file):
        try:
            g = run_script(self.source, {"scope": blk.text})
        except TengoError as exc:
            raise e201_target(f"Runtime Error: {exc}", "script", self.path) from None
        matches = g.get("matches") or []
        data = blk.text.encode("utf-8")
        alerts = []
        defn = self.definition
        for m in matches:
            if not isinstance(m, dict):
                continue
            try:
                begin, end = int(m.get("begin", 0)), int(m.get("end", 0))
            except (TypeError, ValueError):
                continue
            text = data[begin:end].decode("utf-8", "replace")
            cb = len(data[:begin].decode("utf-8", "replace"))
            a = Alert(check=defn.name, severity=defn.level, span=(cb, cb + len(text)),
                      link=defn.link, match=text, action=defn.action)
            msg = m.get("message") if isinstance(m.get("message"), str) else defn.message
            a.message = format_message(msg, text)
            a.description = format_message(defn.description, text)
            alerts.append(a)
        return alerts
