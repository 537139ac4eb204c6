"""``extends: capitalization`` (placeholder while being ported)."""

from __future__ import annotations

from ..definition import decode, make_definition


class Capitalization:
    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, {k: "any" for k in generic if k not in ("scope", "level", "action", "limit")}, path)
        self.definition = make_definition(d, path)

    def run(self, blk, file):
        return []
