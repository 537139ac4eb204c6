"""The real ``vale`` binary as an engine: the texts are written under a temporary folder
at their virtual paths, Vale runs once over all of them with ``--output=JSON``, and its
JSON becomes the same :class:`Alert` objects the built-in engine returns.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .alert import Action, Alert
from .errors import ValeConfigError, ValeRuntimeError


def find_vale() -> str | None:
    return shutil.which("vale")


def alert_from_json(d: dict) -> Alert:
    act = d.get("Action") or {}
    span = d.get("Span") or [0, 0]
    return Alert(check=d.get("Check", ""), message=d.get("Message", ""),
                 severity=d.get("Severity", ""), line=int(d.get("Line", 0)),
                 span=(int(span[0]), int(span[1])), match=d.get("Match", ""),
                 link=d.get("Link", ""), description=d.get("Description", ""),
                 action=Action(act.get("Name", ""), act.get("Params")))


def parse_json_output(text: str) -> dict[str, list[Alert]]:
    data = json.loads(text or "{}")
    if not isinstance(data, dict):
        raise ValeRuntimeError("vale", "unexpected JSON from vale")
    return {path: [alert_from_json(a) for a in alerts] for path, alerts in data.items()}


class ValeBinaryEngine:
    """Runs ``vale --output=JSON`` (one process per batch)."""

    def __init__(self, config: Path, exe: str) -> None:
        self.config = Path(config).resolve()
        self.exe = exe
        if not self.config.is_file():
            raise ValeConfigError(f"configuration file '{config}' does not exist",
                                  str(config), 0, 0)

    def lint_many(self, items: dict[str, str]) -> dict[str, list[Alert]]:
        if not items:
            return {}
        with tempfile.TemporaryDirectory(prefix="vale-batch-") as tmp:
            rels = []
            for rel, text in items.items():
                dest = Path(tmp, rel)
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_text(text, encoding="utf-8")
                rels.append(rel)
            proc = subprocess.run(
                [self.exe, f"--config={self.config}", "--output=JSON", "--no-exit", *rels],
                cwd=tmp, capture_output=True, text=True, check=False)
        if proc.returncode == 2 or (proc.returncode not in (0, 1)):
            raise ValeRuntimeError("vale", proc.stderr.strip() or "vale failed")
        found = parse_json_output(proc.stdout)
        out: dict[str, list[Alert]] = {rel: [] for rel in items}
        for path, alerts in found.items():
            key = path.replace(os.sep, "/")
            for rel in items:
                if key == rel or key.endswith("/" + rel):
                    out[rel] = alerts
        return out

    def lint_text(self, text: str, path: str = "stdin.md") -> list[Alert]:
        return self.lint_many({path: text})[path]
