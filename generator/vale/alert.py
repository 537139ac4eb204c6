"""The Alert record every rule produces, and Vale's message formatting helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

LEVELS = ("suggestion", "warning", "error")
LEVEL_TO_INT = {"suggestion": 0, "warning": 1, "error": 2}


@dataclass
class Action:
    """A possible fix (``name`` is replace|remove|edit|suggest|convert)."""

    name: str = ""
    params: list[str] | None = None


@dataclass
class Alert:
    """One finding: where (line, 1-based column span), which rule and what it says."""

    check: str = ""
    message: str = ""
    severity: str = ""
    line: int = 0
    span: tuple[int, int] = (0, 0)
    match: str = ""
    link: str = ""
    description: str = ""
    action: Action = field(default_factory=Action)
    offset: list[str] = field(default_factory=list)
    limit: int = 0
    hide: bool = False

    def to_json(self) -> dict:
        """Vale's JSON field order."""
        return {
            "Action": {"Name": self.action.name, "Params": self.action.params},
            "Span": list(self.span),
            "Check": self.check,
            "Description": self.description,
            "Link": self.link,
            "Message": self.message,
            "Severity": self.severity,
            "Match": self.match,
            "Line": self.line,
        }


_VERB = re.compile(r"%(\[\d+\])?([-+# 0]*\d*(?:\.\d+)?)([a-zA-Z%])")


def go_sprintf(fmt: str, *args: object) -> str:
    """A small subset of Go's fmt.Sprintf (%s, %v, %d, %q, %%, %[n]s)."""
    idx = 0
    out: list[str] = []
    pos = 0
    for m in _VERB.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        verb = m.group(3)
        if verb == "%":
            out.append("%")
            continue
        if m.group(1):
            idx = int(m.group(1)[1:-1]) - 1
        if idx >= len(args):
            out.append(f"%!{verb}(MISSING)")
            idx += 1
            continue
        val = args[idx]
        idx += 1
        if verb == "q":
            out.append('"' + str(val).replace('"', '\\"') + '"')
        elif verb == "f" and isinstance(val, (int, float)):
            prec = m.group(2).split(".")[1] if "." in m.group(2) else "6"
            out.append(f"{float(val):.{int(prec)}f}")
        else:
            out.append(str(val))
    out.append(fmt[pos:])
    return "".join(out)


def format_message(msg: str, *subs: str) -> str:
    """Vale's CondSprintf: extra arguments are ignored, missing ones show %!s(MISSING)."""
    n = len(subs) + 1
    s = go_sprintf(msg + f"%[{n}]s", *subs, "")
    return s


_SPACES = re.compile(" +")


def whitespace_to_space(msg: str) -> str:
    return _SPACES.sub(" ", msg.replace("\n", " "))


def to_sentence(words: list[str], and_or: str) -> str:
    if len(words) == 1:
        return f"'{words[0]}'"
    if len(words) == 2:
        return f"'{words[0]}' or '{words[1]}'"
    quoted = [f"'{w}'" for w in words]
    quoted[-1] = and_or + " " + quoted[-1]
    return ", ".join(quoted)
