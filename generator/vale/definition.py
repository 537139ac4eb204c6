"""Shared rule fields (Vale's ``Definition``), the rule protocol and the helpers every
rule type uses to build its patterns and alerts (after Vale's ``internal/check/definition.go``).

Each rule type in ``checks/`` declares the keys it accepts; unknown keys are an E201 error
naming the style file and line, like Vale's strict decoder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

import regex

from .alert import LEVELS, Action, Alert, format_message, to_sentence
from .errors import ValeConfigError, e201_position, e201_target
from .regexes import compile_go

if TYPE_CHECKING:
    from .blocks import Block
    from .file import File

IGNORE_CASE = "(?i)"
WORD_TEMPLATE = r"(?m)\b(?:%s)\b"
NONWORD_TEMPLATE = "(?m)(?:%s)"

ALLOWED_SCOPES = [
    "text", "heading", "heading.h1", "heading.h2", "heading.h3", "heading.h4", "heading.h5",
    "heading.h6", "table", "table.header", "table.cell", "table.caption", "figure.caption",
    "list", "paragraph", "sentence", "alt", "title", "blockquote", "summary", "raw",
]
INLINE_SCOPES = ["code", "link", "strong", "emphasis"]

# Keys every rule accepts (type names: bool, int, str, list, map, action, any).
COMMON_KEYS = {
    "extends": "str", "message": "str", "level": "str", "scope": "list", "link": "str",
    "description": "str", "limit": "int", "action": "action", "name": "str",
}


@dataclass
class Definition:
    """The fields common to every rule."""

    name: str = ""
    extends: str = ""
    message: str = ""
    level: str = "warning"
    scope: list[str] = field(default_factory=lambda: ["text"])
    link: str = ""
    description: str = ""
    limit: int = 0
    action: Action = field(default_factory=Action)
    path: str = ""
    raw: dict = field(default_factory=dict)


class Rule(Protocol):
    """What the linter needs from a rule: its definition and a ``run`` over one block."""

    definition: Definition

    def run(self, blk: Block, file: File) -> list[Alert]: ...


def _coerce(key: str, kind: str, value: Any, path: str) -> Any:
    def bad(what: str) -> ValeConfigError:
        return e201_target(f"'{key}' expected {what}, got {value!r}", key, path)

    if kind == "any":
        return value
    if kind == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return bool(value)
        if isinstance(value, str) and value.lower() in ("true", "false", "1", "0", ""):
            return value.lower() in ("true", "1")
        raise bad("a boolean")
    if kind == "int":
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str):
            try:
                return int(value.strip() or 0)
            except ValueError:
                raise bad("an integer") from None
        raise bad("an integer")
    if kind == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        try:
            return float(str(value))
        except ValueError:
            raise bad("a number") from None
    if kind == "str":
        if value is None:
            return ""
        if isinstance(value, (dict, list)):
            raise bad("a string")
        if isinstance(value, bool):
            return "1" if value else "0"
        return str(value)
    if kind == "list":
        if value is None:
            return []
        if isinstance(value, (str, int, float)):
            return [str(value)]
        if isinstance(value, list):
            out = []
            for v in value:
                if isinstance(v, (dict, list)):
                    raise bad("a list of strings")
                out.append("" if v is None else str(v))
            return out
        raise bad("a list")
    if kind == "map":
        if value is None:
            return {}
        if isinstance(value, dict):
            return {str(k): "" if v is None else str(v) for k, v in value.items()}
        if isinstance(value, list):  # list of single-key maps
            merged: dict[str, str] = {}
            for item in value:
                if not isinstance(item, dict):
                    raise bad("a map")
                merged.update({str(k): "" if v is None else str(v) for k, v in item.items()})
            return merged
        raise bad("a map")
    if kind == "listmap":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise bad("a list of maps")
        return value
    if kind == "action":
        if value is None:
            return Action()
        if isinstance(value, Action):
            return value
        if not isinstance(value, dict):
            raise bad("a map with 'name' and 'params'")
        unknown = set(value) - {"name", "params"}
        if unknown:
            raise e201_target(f"'action' has invalid keys: {', '.join(sorted(unknown))}",
                              sorted(unknown)[0], path)
        params = value.get("params")
        plist = None if params is None else [str(p) for p in params]
        return Action(str(value.get("name") or ""), plist)
    raise AssertionError(kind)


def decode(generic: dict, keys: dict[str, str], path: str) -> dict:
    """Check keys (unknown ones are errors) and coerce values like Vale's weak decoder."""
    allowed = {**COMMON_KEYS, **keys}
    out: dict[str, Any] = {}
    for k, v in generic.items():
        lk = str(k).lower()
        if lk not in allowed:
            raise e201_target(f"'{k}' is not a valid key for 'extends: {generic.get('extends')}'"
                              f"; valid keys: {', '.join(sorted(allowed))}", str(k), path)
        out[lk] = _coerce(str(k), allowed[lk], v, path)
    return out


def check_scopes(scopes: list[str], path: str) -> None:
    for scope in scopes:
        if "&" in scope:
            continue
        base = scope.removeprefix("~").split(".")[0].strip()
        if base in INLINE_SCOPES:
            raise e201_target(f"scope '{base}' is no longer supported; use 'raw' instead.",
                              "scope", path)
        if base not in ALLOWED_SCOPES:
            raise e201_target(f"'{base}' is not a valid scope; must be one of "
                              f"[{' '.join(ALLOWED_SCOPES)}]", "scope", path)


def make_definition(d: dict, path: str) -> Definition:
    level = d.get("level") or "warning"
    if level not in LEVELS:
        raise e201_target(f"'level' must be one of [{' '.join(LEVELS)}]", "level", path)
    scope = d.get("scope") or ["text"]
    check_scopes(scope, path)
    return Definition(
        name=d.get("name", ""), extends=d.get("extends", ""), message=d.get("message", ""),
        level=level, scope=scope, link=d.get("link", ""),
        description=d.get("description", ""), limit=d.get("limit", 0),
        action=d.get("action") or Action(), path=path, raw=d)


def compile_rule_regex(pattern: str, path: str) -> regex.Pattern:
    """Compile a rule's pattern once; an invalid pattern is an E201 at line 1."""
    try:
        return compile_go(pattern)
    except (regex.error, ValueError, OverflowError) as exc:
        raise e201_position(f"invalid regular expression: {exc} in `{pattern}`", path, 1) from None


def make_regexp(template: str, no_case: bool, word: bool, callback: str, append: bool) -> str:
    rx = (template or WORD_TEMPLATE) if word else NONWORD_TEMPLATE
    rx = rx + callback if append else callback + rx
    if no_case:
        rx = IGNORE_CASE + rx
    return rx


def update_exceptions(previous: list[str], current: list[str], vocab: bool,
                      path: str) -> regex.Pattern | None:
    terms = list(previous) + (list(current) if vocab else [])
    terms.sort(key=len, reverse=True)
    terms = [t if t.startswith("(?i)") else f"(?-i){t}" for t in terms]
    if not terms:
        return None
    return compile_rule_regex(WORD_TEMPLATE % "|".join(terms), path)


def is_phrase(s: str) -> bool:
    return all(c.isalpha() or c.isdigit() or c in " -" for c in s)


def match_token(expected: str, observed: str, ignorecase: bool) -> bool:
    p = (IGNORE_CASE if ignorecase else "") + expected
    if is_phrase(expected):
        return expected == observed
    try:
        r = compile_go(f"^(?:{p})$")
    except regex.error:
        return expected == observed
    return r.search(observed) is not None


def fix_alert(a: Alert) -> list[str]:
    """A subset of Vale's fixers: enough to fill a message's second ``%s``."""
    name, params = a.action.name, a.action.params or []
    if name == "replace":
        return list(params)
    if name == "remove":
        return [""]
    if name == "edit" and params:
        op, match = params[0], a.match
        if op == "truncate" and len(params) > 1:
            return [match.split(params[1])[0]]
        if op == "trim" and len(params) > 1:
            return [match.strip(params[1])]
        if op == "trim_left" and len(params) > 1:
            return [match.lstrip(params[1])]
        if op == "trim_right" and len(params) > 1:
            return [match.rstrip(params[1])]
        if op == "regex" and len(params) > 2:
            try:
                return [compile_go(params[1]).sub(params[2].replace("$", "\\"), match)]
            except regex.error:
                return [match]
        if op == "split" and len(params) > 2:
            parts = match.split(params[1])
            idx = int(params[2]) if params[2].isdigit() else 0
            return [parts[idx]] if idx < len(parts) else [match]
    return []


def make_alert(defn: Definition, loc: tuple[int, int], txt: str) -> Alert:
    match = txt[loc[0]:loc[1]]
    a = Alert(check=defn.name, severity=defn.level, span=(loc[0], loc[1]), link=defn.link,
              match=match, action=Action(defn.action.name, defn.action.params))
    if defn.action.name:
        repl = match
        fixed = fix_alert(a)
        if len(fixed) == 1:
            repl = fixed[0]
        elif len(fixed) > 1:
            repl = to_sentence(fixed, "or")
        a.message = format_message(defn.message, match, repl)
        a.description = format_message(defn.description, match, repl)
    else:
        a.message = format_message(defn.message, match)
        a.description = format_message(defn.description, match)
    return a
