"""Vale's command line (``cmd/vale/main.go``): ``main(argv) -> exit code``.

Exit codes: 0 no error-level alert, 1 error-level alerts, 2 runtime or config error.
"""

from __future__ import annotations

import io
import os
import stat
import sys

from .config import Flags, load_config
from .errors import ValeError, ValeRuntimeError

VERSION = "3.7.1-py"
STRING_FLAGS = {"filter": "filter", "glob": "glob", "config": "path", "output": "output",
                "ext": "in_ext", "minAlertLevel": "alert_level", "sources": None}
BOOL_FLAGS = {"no-wrap": "wrap", "no-exit": "no_exit", "ignore-syntax": "simple",
              "mode-compat": None, "sort": "sorted", "normalize": "normalize",
              "relative": "relative", "no-global": "ignore_global"}
USAGE = """vale - A command-line linter for prose.

Usage:\tvale [options] [input...]
\tvale myfile.md myfile1.md mydir1
\tvale --output=JSON [input...]

Flags:
      --config string          A file path (--config='some/file/path/.vale.ini').
      --ext string             An extension to associate with stdin (--ext=.md). (default ".txt")
      --filter string          An expression to filter rules by.
      --glob string            A glob pattern (--glob='*.{md,txt}.') (default "*")
  -h, --help                   Print this help message.
      --ignore-syntax          Lint all files line-by-line.
      --minAlertLevel string   The minimum level to display (--minAlertLevel=error).
      --no-exit                Don't return a nonzero exit code on errors.
      --no-global              Don't load the global configuration.
      --no-wrap                Don't wrap CLI output.
      --normalize              replace each path separator with a slash ('/')
      --output string          An output style ("line", "JSON", or a template file). (default "CLI")
      --relative               return relative paths
      --sort                   sort files by their name in output
  -v, --version                Print the current version.
"""


class UsageError(Exception):
    pass


def parse_args(argv: list[str]) -> tuple[Flags, list[str], dict]:
    flags = Flags()
    args: list[str] = []
    extra = {"version": False, "help": False}
    i = 0
    while i < len(argv):
        a = argv[i]
        i += 1
        if a == "--":
            args.extend(argv[i:])
            break
        if a in ("-v", "--version"):
            extra["version"] = True
            continue
        if a in ("-h", "--help"):
            extra["help"] = True
            continue
        if a.startswith("--") and len(a) > 2:
            name, eq, value = a[2:].partition("=")
            if name in STRING_FLAGS:
                if not eq:
                    if i >= len(argv):
                        raise UsageError(f"flag needs an argument: --{name}")
                    value = argv[i]
                    i += 1
                attr = STRING_FLAGS[name]
                if attr:
                    setattr(flags, attr, value)
                continue
            if name in BOOL_FLAGS:
                attr = BOOL_FLAGS[name]
                val = True if not eq else value.lower() in ("1", "t", "true")
                if attr:
                    setattr(flags, attr, val)
                continue
            raise UsageError(f"unknown flag: --{name}")
        args.append(a)
    return flags, args, extra


def show_error(err: Exception, style: str) -> None:
    if style == "JSON":
        from .output import go_json

        if isinstance(err, ValeError) and err.code == "E201":
            data = {"Line": err.line, "Path": err.path, "Text": err.message, "Code": "E201",
                    "Span": err.col}
        else:
            data = {"Code": "E100", "Text": str(err)}
        sys.stderr.write(go_json(data) + "\n")
    elif style == "line" and isinstance(err, ValeError) and err.code == "E201":
        sys.stderr.write(f"{err.path}:{err.line}:E201:{err.message}\n")
    else:
        sys.stderr.write(str(err) + "\n")


def _stdin_is_terminal_or_device() -> bool:
    """Vale's ``stat()``: only a pipe or file on stdin is read as input."""
    if sys.stdin is None:
        return True
    try:
        mode = os.fstat(sys.stdin.fileno()).st_mode
    except (OSError, ValueError, io.UnsupportedOperation):
        return False  # an in-memory stream (tests, embedding): read it
    return stat.S_ISCHR(mode)


def _looks_like_stdin(s: str) -> int:
    is_dir = os.path.isdir(s)
    if not (os.path.exists(s) or is_dir) and s != "":
        return 1
    return 0 if is_dir else -1


def run(argv: list[str]) -> int:
    from .filters import apply_filter
    from .linter import Linter
    from .output import print_cli, print_json, print_line

    flags, args, extra = parse_args(argv)
    if extra["version"]:
        print("vale version " + VERSION)
        return 0
    if extra["help"]:
        print(USAGE)
        return 0
    cfg = load_config(flags)
    linter = Linter(cfg)
    if flags.filter:
        apply_filter(linter, flags.filter)
    if len(args) == 1 and _looks_like_stdin(args[0]) == 1:
        files = [linter.lint_string(args[0])]
    elif args:
        for a in args:
            if _looks_like_stdin(a) == 1:
                raise ValeRuntimeError("doLint", f"argument '{a}' does not exist")
        files = linter.walk(args, flags.glob)
    else:
        if _stdin_is_terminal_or_device():  # Vale prints its intro, like for a TTY
            print(USAGE)
            return 0
        files = [linter.lint_string(sys.stdin.read())]
    if flags.normalize:
        for f in files:
            f.path = f.path.replace("\\", "/")
    if flags.sorted:
        files.sort(key=lambda f: f.path)
    out = flags.output
    if out == "JSON":
        has_errors = print_json(files)
    elif out == "line":
        has_errors = print_line(files, flags.relative)
    elif out == "CLI":
        has_errors = print_cli(files, flags.wrap)
    else:
        from .template import print_template

        has_errors = print_template(files, cfg)
    return 1 if has_errors and not flags.no_exit else 0


def main(argv: list[str] | None = None) -> int:
    """Run Vale's CLI; returns the exit code (never raises for user errors)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    style = "CLI"
    for a in argv:
        if a.startswith("--output="):
            style = a.split("=", 1)[1]
    try:
        sys.stdout.flush()
        return run(argv)
    except UsageError as exc:
        sys.stderr.write(f"{exc}\n{USAGE}")
        return 2
    except ValeError as exc:
        show_error(exc, style)
        return 2
    except RecursionError as exc:  # pathological patterns
        show_error(ValeRuntimeError("lint", str(exc)), style)
        return 2
