"""Loading rules: the built-in ``Vale`` style, every style and individual rule the
configuration names, each YAML file validated and compiled once (Vale's manager.go).
"""

from __future__ import annotations

import os

import yaml

from .checks import EXTENSION_POINTS
from .config import Config
from .definition import Rule
from .errors import ValeConfigError, ValeError, ValeRuntimeError, e201_position, e201_target

DEFAULT_STYLES = ["Vale"]


def default_rules() -> dict[str, dict]:
    return {
        "Avoid": {"extends": "existence", "name": "Vale.Avoid", "level": "error",
                  "message": "Avoid using '%s'.", "scope": "text", "ignorecase": False,
                  "tokens": []},
        "Terms": {"extends": "substitution", "name": "Vale.Terms", "level": "error",
                  "message": "Use '%s' instead of '%s'.", "scope": "text", "ignorecase": True,
                  "swap": {}, "vocab": False},
        "Repetition": {"extends": "repetition", "name": "Vale.Repetition", "level": "error",
                       "message": "'%s' is repeated!", "scope": "text", "alpha": True,
                       "action": {"name": "edit", "params": ["truncate", " "]},
                       "tokens": [r"[^\s]+"]},
        "Spelling": {"extends": "spelling", "name": "Vale.Spelling",
                     "message": "Did you really mean '%s'?", "level": "error", "scope": "text",
                     "action": {"name": "suggest", "params": ["spellings"]}, "ignore": []},
    }


_CSafeLoader = getattr(yaml, "CSafeLoader", None)


def _safe_load(text: str) -> object:
    """libyaml's C loader where it is installed; on any error the pure-Python loader reads the
    text again, so the error is worded and placed as before."""
    if _CSafeLoader is not None:
        try:
            return yaml.load(text, Loader=_CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def parse_rule(text: str, path: str) -> dict:
    try:
        try:
            generic = _safe_load(text)
        except yaml.YAMLError as exc:
            # go-yaml v2 accepts \' inside double quotes; PyYAML does not.
            if "unknown escape character" not in str(exc):
                raise
            generic = _safe_load(text.replace("\\'", "'"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise e201_position(str(problem), path, line) from None
    if generic is None:
        generic = {}
    if not isinstance(generic, dict):
        raise e201_position("a rule must be a YAML mapping", path, 1)
    point = generic.get("extends")
    if point is None:
        raise e201_position("Missing the required 'extends' key.", path, 1)
    if not isinstance(point, str) or point not in EXTENSION_POINTS:
        raise e201_target(f"'extends' key must be one of [{' '.join(EXTENSION_POINTS)}].",
                          str(point), path)
    if "message" not in generic:
        raise e201_position("Missing the required 'message' key.", path, 1)
    if "level" in generic and generic["level"] not in ("suggestion", "warning", "error"):
        raise e201_target("'level' must be one of [suggestion warning error]", "level", path)
    if generic.get("code") is True:
        raise e201_target("`code` is deprecated; please use `scope: raw` instead.", "code", path)
    return generic


def build_rule(cfg: Config, generic: dict, path: str) -> Rule:
    cls = EXTENSION_POINTS[generic["extends"]]
    try:
        return cls(cfg, generic, path)
    except ValeError:
        raise
    except Exception as exc:  # a genuine mistake in a rule must still be located
        raise e201_position(f"invalid rule: {exc}", path, 1) from None


class Manager:
    """Holds every compiled rule by name (``Style.Rule``)."""

    def __init__(self, cfg: Config) -> None:
        self.config = cfg
        self.rules: dict[str, Rule] = {}
        self.scopes: set[str] = set()
        self.styles: list[str] = []
        self.needs_tagging = False
        self._problems: list[ValeConfigError] = []
        self._load_default_rules()
        self._load_styles(cfg.styles)
        for chk in cfg.checks:
            if "." not in chk:
                continue
            style, name = chk.split(".")[0], chk.split(".")[1]
            if self._has_style(style):
                continue
            fname = name + ".yml"
            for p in cfg.search_paths():
                path = os.path.join(p, style, fname)
                if os.path.isfile(path):
                    self._add_rule_from_source(fname, path)

        if self._problems:  # report every broken rule file, not only the first
            first = self._problems[0]
            first.errors = list(self._problems)
            raise first

    # -- loading -------------------------------------------------------------
    def _has_style(self, name: str) -> bool:
        return name in self.styles or name in DEFAULT_STYLES

    def _needs_style(self, name: str) -> bool:
        cfg = self.config
        if name in cfg.g_base_styles:
            return True
        if any(k.startswith(name) for k in cfg.g_checks):
            return True
        if any(name in s for s in cfg.s_base_styles.values()):
            return True
        return any(k.startswith(name) for m in cfg.s_checks.values() for k in m)

    def _load_default_rules(self) -> None:
        if not self._needs_style("Vale"):
            return
        defaults = default_rules()
        for key in ("Repetition", "Spelling"):
            generic = defaults[key]
            name = generic["name"]
            if name in self.config.rule_to_level:
                generic["level"] = self.config.rule_to_level[name]
            self.rules[name] = build_rule(self.config, generic, "internal")
        cfg = self.config
        if cfg.accepted_tokens:
            terms = defaults["Terms"]
            for term in cfg.accepted_tokens:
                if all(c.isalpha() or c.isdigit() or c in " -" for c in term):
                    terms["swap"][term.lower()] = term
            if "Vale.Terms" in cfg.rule_to_level:
                terms["level"] = cfg.rule_to_level["Vale.Terms"]
            self.rules["Vale.Terms"] = build_rule(cfg, terms, "internal")
        if cfg.rejected_tokens:
            avoid = defaults["Avoid"]
            avoid["tokens"] = list(cfg.rejected_tokens)
            if "Vale.Avoid" in cfg.rule_to_level:
                avoid["level"] = cfg.rule_to_level["Vale.Avoid"]
            self.rules["Vale.Avoid"] = build_rule(cfg, avoid, "internal")

    def _load_styles(self, styles: list[str]) -> None:
        found: list[str] = []
        need: list[str] = []
        for base in self.config.search_paths():
            for style in styles:
                p = os.path.join(base, style)
                if self._has_style(style) or style in found:
                    continue
                if not os.path.isdir(p):
                    need.append(style)
                    continue
                for dirpath, dirs, files in os.walk(p, followlinks=True):
                    dirs.sort()
                    for fn in sorted(files):
                        self._add_rule_from_source(fn, os.path.join(dirpath, fn))
                found.append(style)
        for s in need:
            if s not in found:
                raise ValeRuntimeError("loadStyles", f"style '{s}' does not exist on StylesPath")
        self.styles.extend(found)

    def _add_rule_from_source(self, name: str, path: str) -> None:
        if not name.endswith(".yml"):
            return
        style = os.path.basename(os.path.dirname(path))
        chk = style + "." + name.split(".")[0]
        if chk in self.rules:
            return
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
            self.add_check(text, chk, path)
        except (OSError, UnicodeDecodeError) as exc:
            self._problems.append(e201_position(str(exc), path, 1))
        except ValeConfigError as exc:
            self._problems.append(exc)

    def add_check(self, text: str, name: str, path: str) -> None:
        generic = parse_rule(text, path)
        generic["name"] = name
        if name in self.config.rule_to_level:
            generic["level"] = self.config.rule_to_level[name]
        elif "level" not in generic:
            generic["level"] = "warning"
        if generic.get("scope") is None:
            generic["scope"] = ["text"]
        rule = build_rule(self.config, generic, path)
        for s in rule.definition.scope:
            self.scopes.add(s.split(".")[0])
        if rule.definition.extends == "sequence" or generic.get("pos"):
            self.needs_tagging = True
        self.rules[name] = rule
