"""Progress: a status line on a terminal during a long check or build, nothing in pipes or with --quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

from generator.progress import Progress

from .conftest import REPO

PLAYBOOK = str(Path(sys.executable).parent / "playbook")


def _shown(enabled: bool, delay: float) -> str:
    """What one stage of three items writes to a stream."""
    out = io.StringIO()
    p = Progress(enabled, out, delay=delay)
    p.stage("linting replies", 3)
    p.advance(3)
    p.clear()
    return out.getvalue()


def test_progress_line_rewrites_itself_and_clears():
    text = _shown(True, 0)
    assert "\r\x1b[2Klinting replies 0/3" in text and text.endswith("\r\x1b[2K")
    assert _shown(False, 0) == ""


def test_nothing_before_the_delay():
    assert _shown(True, 60) == ""


def _on_a_terminal(*args: str) -> str:
    """Run playbook ARGS with stderr on a pseudo-terminal; return what the terminal showed."""
    main, child = pty.openpty()
    env = {**os.environ, "PLAYBOOK_PROGRESS_DELAY": "0", "PLAYBOOK_TODAY": "2026-12-01"}
    proc = subprocess.Popen([PLAYBOOK, *args], cwd=REPO, stdout=subprocess.PIPE, stderr=child, env=env)
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(main)
    return b"".join(chunks).decode("utf-8", "replace")


def test_check_shows_its_stages_on_a_terminal_and_not_with_quiet():
    shown = _on_a_terminal("check")
    for stage in ("loading scenario files", "rendering replies", "linting replies"):
        assert stage in shown, shown
    assert "0 errors" in shown  # the summary follows the cleared line
    assert "linting replies" not in _on_a_terminal("check", "--quiet")


def test_no_progress_in_a_pipe():
    done = subprocess.run(
        [PLAYBOOK, "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**os.environ, "PLAYBOOK_PROGRESS_DELAY": "0", "PLAYBOOK_TODAY": "2026-12-01"},
    )
    assert "linting replies" not in done.stderr and "\x1b" not in done.stderr
