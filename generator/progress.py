"""Progress: one self-rewriting status line on a terminal while a long check or build runs.

The pipeline reports what it is doing (`stage`) and how far it has got (`advance`); this module
decides whether anyone should see it. Nothing is shown when stderr is not a terminal (CI logs,
pipes, editors), with `--quiet`, or during the first `delay` seconds, so a quick on-save check
stays silent. The line is cleared before the diagnostics are printed.
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

DELAY = float(os.environ.get("PLAYBOOK_PROGRESS_DELAY", "1.5"))
"""Seconds of work before the first progress line (0 in tests that drive a terminal)."""


class Progress:
    """Shows `label done/total` on one line of a terminal; a no-op when disabled."""

    def __init__(self, enabled: bool, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.delay = delay
        self.started = time.monotonic()
        self.label = ""
        self.total = 0
        self.done = 0
        self._drawn = 0.0
        self._shown = False

    @classmethod
    def for_terminal(cls, quiet: bool = False) -> Progress:
        """Enabled only when stderr is a terminal and the user did not ask for quiet."""
        stream = sys.stderr
        return cls(not quiet and hasattr(stream, "isatty") and stream.isatty(), stream)

    def stage(self, label: str, total: int = 0) -> None:
        self.label, self.total, self.done = label, total, 0
        self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        self._draw()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (not force and now - self._drawn < 0.1):
            return
        self._drawn = now
        count = f" {self.done:,}/{self.total:,}" if self.total else ""
        self.stream.write(f"\r\x1b[2K{self.label}{count} ({now - self.started:.0f} s)")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Remove the status line (call before printing the results)."""
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False


QUIET = Progress(False)
"""The progress of callers that show none (tests, the MkDocs plugin)."""
