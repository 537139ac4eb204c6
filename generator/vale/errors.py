"""Error types of the Vale engine: runtime errors (E100) and located user errors (E201).

The texts follow Vale's ``internal/core/error.go`` so scripts that grep Vale's
messages keep working; exit code 2 is the CLI's business.
"""

from __future__ import annotations

from pathlib import Path

STOPPED = "Execution stopped with code 1."


class ValeError(Exception):
    """Any error the engine reports to a user (never a traceback)."""

    code = "E100"

    def __init__(self, message: str, *, path: str = "", line: int = 0, col: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.col = col
        # Every problem found while loading (the first one is this error itself).
        self.errors: list[ValeError] = [self]

    def render(self) -> str:
        return str(self)


class ValeRuntimeError(ValeError):
    """E100: something went wrong while running (missing file, missing style...)."""

    def __init__(self, context: str, message: str) -> None:
        super().__init__(message)
        self.context = context

    def __str__(self) -> str:
        return f"E100 [{self.context}] Runtime error\n\n{self.message}\n\n{STOPPED}"


class ValeConfigError(ValeError):
    """E201: a broken configuration or style file, located at path:line:col."""

    code = "E201"

    def __init__(self, message: str, path: str, line: int = 1, col: int = 1,
                 context: str = "") -> None:
        super().__init__(message, path=path, line=line, col=col)
        self.context = context

    def __str__(self) -> str:
        head = f"E201 Invalid value [{Path(self.path).as_posix()}:{self.line}:{self.col}]:"
        body = (self.context + "\n" if self.context else "") + self.message
        return f"{head}\n\n{body}\n\n{STOPPED}"


def _annotate(path: str, finder) -> tuple[int, int, str]:
    try:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0, 1, ""
    lines = text.splitlines()
    hit, col = 0, 1
    for idx, ln in enumerate(lines, 1):
        c = finder(idx, ln)
        if c is not None:
            hit, col = idx, c
            break
    ctx = []
    for idx, ln in enumerate(lines, 1):
        if not hit or hit - 1 <= idx <= hit + 2:  # Vale shows one line before, two after
            ctx.append(f"{idx:4d}{'*' if idx == hit else ' '} {ln}")
    return hit, col, "\n".join(ctx)


def e201_target(message: str, target: str, path: str) -> ValeConfigError:
    """A user error located at the first line of ``path`` containing ``target``."""

    def finder(_idx: int, ln: str):
        pos = ln.find(target)
        return pos + 1 if pos >= 0 else None

    line, col, ctx = _annotate(path, finder)
    return ValeConfigError(message, path, line, col, ctx)


def e201_position(message: str, path: str, goal: int) -> ValeConfigError:
    """A user error located at line ``goal`` of ``path``."""
    line, col, ctx = _annotate(path, lambda idx, _ln: 1 if idx == goal else None)
    return ValeConfigError(message, path, line or goal, col, ctx)
