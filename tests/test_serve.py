"""Live preview: `playbook serve` re-renders a page when its scenario YAML changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return None


def _wait_for(url: str, needle: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = _get(url)
        if body and needle in body:
            return body
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} never appeared at {url}")


def _wait_gone(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if _get(url) is None:
            return
        time.sleep(0.3)
    raise AssertionError(f"{url} is still served")


def _serve(project: Path, port: int) -> subprocess.Popen[bytes]:
    """`playbook serve` on 127.0.0.1:PORT; its terminal output goes to stderr=PIPE."""
    command = [sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    return subprocess.Popen(
        [*command, "--root", str(project)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def test_serve_starts_on_a_broken_playbook_and_recovers(project: Path):
    path = project / "playbooks/billing/absurd-shipping-charge.yaml"
    good = path.read_text()
    path.write_text(good.replace("fault: ours", "fault: ourz"))
    port = _free_port()
    proc = _serve(project, port)
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/", "The playbook has errors")
        assert "ourz" in page
        path.write_text(good)
        _wait_for(f"http://127.0.0.1:{port}/billing/absurd-shipping-charge/", "obviously wrong")
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert b"absurd-shipping-charge.yaml" in err, "the errors are printed in the terminal too"


def test_editing_a_scenario_rerenders_its_page(project: Path):
    port = _free_port()
    proc = _serve(project, port)
    try:
        url = f"http://127.0.0.1:{port}/billing/absurd-shipping-charge/"
        _wait_for(url, "A shipping charge that is obviously wrong")
        path = project / "playbooks/billing/absurd-shipping-charge.yaml"
        good = path.read_text()
        path.write_text(good.replace("obviously wrong", "plainly absurd"))
        _wait_for(url, "A shipping charge that is plainly absurd")
        # a broken edit: the preview keeps the last good page, with the error on top
        path.write_text(good.replace("channel: chat", "channel: chatt"))
        page = _wait_for(url, "The playbook has errors")
        assert "unknown\\-channel" in page or "unknown-channel" in page
        assert "A shipping charge that is plainly absurd" in page
        # fixed again: the banner goes, without restarting the server
        path.write_text(good)
        page = _wait_for(url, "A shipping charge that is obviously wrong")
        assert "The playbook has errors" not in page
        # the file disappears (an editor's atomic save, a git checkout), then comes back
        path.unlink()
        _wait_gone(url)
        path.write_text(good)
        _wait_for(url, "A shipping charge that is obviously wrong")
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
