"""Configuration: ``.vale.ini`` discovery and loading as Vale does it
(``internal/core/source.go``, ``ini.go``, ``config.go``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from . import ini as ini_mod
from .alert import LEVEL_TO_INT, LEVELS
from .errors import ValeConfigError, ValeRuntimeError, e201_target
from .globs import Glob, compile_glob

CONFIG_NAMES = [".vale", "_vale", "vale.ini", ".vale.ini", "_vale.ini"]
VOCAB_DIR = os.path.join("config", "vocabularies")
DICT_DIR = os.path.join("config", "dictionaries")
TMPL_DIR = os.path.join("config", "templates")
IGNORE_DIR = os.path.join("config", "ignore")
SCRIPT_DIR = os.path.join("config", "scripts")
CORE_ERROR = ("'%s' is a core option; it should be defined above any syntax-specific "
              "options (`[...]`).")
CORE_OPTS = {"StylesPath", "MinAlertLevel", "IgnoredScopes", "WordTemplate", "SkippedScopes",
             "IgnoredClasses", "Vocab", "NLPEndpoint", "Packages"}
SYNTAX_OPTS = {"BasedOnStyles", "IgnorePatterns", "BlockIgnores", "CommentDelimiters",
               "TokenIgnores", "Transform", "Lang"}
GLOBAL_OPTS = {"BasedOnStyles", "IgnorePatterns", "BlockIgnores", "TokenIgnores", "Lang"}


@dataclass
class Flags:
    """Command-line flags that change how configuration is read or output is made."""

    alert_level: str = ""
    glob: str = "*"
    in_ext: str = ".txt"
    output: str = "CLI"
    path: str = ""
    filter: str = ""
    no_exit: bool = False
    normalize: bool = False
    relative: bool = False
    simple: bool = False
    sorted: bool = False
    wrap: bool = False
    ignore_global: bool = False


@dataclass
class Config:
    """Everything read from the configuration files."""

    flags: Flags = field(default_factory=Flags)
    paths: list[str] = field(default_factory=list)
    config_files: list[str] = field(default_factory=list)
    root_ini: str = ""
    min_alert_level: int = 1
    vocab: list[str] = field(default_factory=list)
    ignored_scopes: list[str] = field(default_factory=list)
    skipped_scopes: list[str] = field(default_factory=list)
    ignored_classes: list[str] = field(default_factory=list)
    word_template: str = ""
    formats: dict[str, str] = field(default_factory=dict)
    g_base_styles: list[str] = field(default_factory=list)
    g_checks: dict[str, bool] = field(default_factory=dict)
    s_base_styles: dict[str, list[str]] = field(default_factory=dict)
    s_checks: dict[str, dict[str, bool]] = field(default_factory=dict)
    sec_to_pat: dict[str, Glob] = field(default_factory=dict)
    style_keys: list[str] = field(default_factory=list)
    rule_keys: list[str] = field(default_factory=list)
    rule_to_level: dict[str, str] = field(default_factory=dict)
    checks: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    block_ignores: dict[str, list[str]] = field(default_factory=dict)
    token_ignores: dict[str, list[str]] = field(default_factory=dict)
    comment_delimiters: dict[str, tuple[str, str]] = field(default_factory=dict)
    accepted_tokens: list[str] = field(default_factory=list)
    rejected_tokens: list[str] = field(default_factory=list)

    def styles_path(self) -> str:
        return self.paths[-1] if self.paths else ""

    def search_paths(self) -> list[str]:
        return self.paths or [""]

    def add_styles_path(self, p: str) -> None:
        if p and p not in self.paths:
            self.paths.append(p)

    def add_word_list_file(self, name: str, accept: bool) -> None:
        with open(name, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                word = line.strip()
                if not word or word.startswith("# "):
                    continue
                (self.accepted_tokens if accept else self.rejected_tokens).append(word)


def _merge(values: list[str]) -> list[str]:
    out: list[str] = []
    for v in values:
        e = v.strip()
        if e and e not in out:
            out.append(e)
    return out


def determine_path(config_path: str, key_path: str) -> str:
    key_path = os.path.expanduser(key_path)
    base = config_path if os.path.isdir(config_path) else os.path.dirname(config_path)
    if os.path.isabs(key_path):
        return key_path
    return os.path.normpath(os.path.join(base, key_path))


def _xdg(var: str, default: str) -> str:
    v = os.environ.get(var)
    return v if v else os.path.join(os.path.expanduser("~"), default)


def default_config() -> str:
    return os.path.join(_xdg("XDG_CONFIG_HOME", ".config"), "vale", ".vale.ini")


def default_styles_path() -> str:
    if "VALE_STYLES_PATH" in os.environ:
        return os.environ["VALE_STYLES_PATH"]
    return os.path.join(_xdg("XDG_DATA_HOME", os.path.join(".local", "share")), "vale", "styles")


def find_config(start: str | None = None) -> str:
    cwd = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_NAMES:
            loc = os.path.join(cwd, name)
            if os.path.isfile(loc):
                return loc
        parent = os.path.dirname(cwd)
        if parent == cwd:
            break
        cwd = parent
    home = os.path.expanduser("~")
    for name in CONFIG_NAMES:
        loc = os.path.join(home, name)
        if os.path.isfile(loc):
            return loc
    return ""


def load_config(flags: Flags | None = None, config_path: str | None = None,
                start: str | None = None) -> Config:
    """Read the configuration like ``vale``: --config, $VALE_CONFIG_PATH, then discovery."""
    flags = flags or Flags()
    if config_path:
        flags.path = config_path
    cfg = Config(flags=flags)
    found = default_styles_path()
    if not flags.ignore_global and os.path.isdir(found):
        cfg.add_styles_path(found)
    if flags.path and not os.path.exists(flags.path):
        raise ValeRuntimeError("--config", f"path '{flags.path}' does not exist")

    base = find_config(start)
    cfg.root_ini = base
    sources: list[str] = []
    if flags.path:
        sources.append(flags.path)
    elif os.environ.get("VALE_CONFIG_PATH"):
        sources.append(os.environ["VALE_CONFIG_PATH"])
    elif base:
        sources.append(base)
    for s in sources:
        if s not in cfg.config_files:
            cfg.config_files.append(s)

    if flags.alert_level in LEVELS:
        cfg.min_alert_level = LEVEL_TO_INT[flags.alert_level]

    dflt = default_config()
    if os.path.isfile(dflt) and not flags.ignore_global:
        sources.append(dflt)
        cfg.config_files.append(dflt)
    elif not base and not cfg.config_files:
        raise ValeRuntimeError(".vale.ini not found", "no config file found")

    try:
        parsed = ini_mod.load(sources)
    except OSError as exc:
        raise ValeRuntimeError(".vale.ini not found", str(exc)) from None
    flags_path = sources[-1] if sources else ""
    if not cfg.root_ini:
        cfg.root_ini = flags_path
    process_config(parsed, cfg, flags_path)
    return cfg


def _level(cfg: Config, key: str, val: str) -> bool:
    if val == "NO" or val not in ("YES", "suggestion", "warning", "error"):
        return False
    if val != "YES":
        cfg.rule_to_level[key] = val
    return True


def process_config(parsed: ini_mod.IniFile, cfg: Config, path: str) -> None:
    core = parsed.section("")
    root = cfg.root_ini or path
    for k in list(core.keys):
        if k in SYNTAX_OPTS:
            raise e201_target(f"'{k}' is a syntax-specific option", k, root)
        if k == "StylesPath":
            cand = core.value(k)
            p = determine_path(cfg.config_files[-1] if cfg.config_files else path, cand)
            cfg.add_styles_path(p)
            if not os.path.exists(p):
                raise e201_target(f"The path '{p}' does not exist.", cand, path)
        elif k == "MinAlertLevel":
            if cfg.flags.alert_level not in LEVELS:
                lvl = core.value(k)
                if lvl not in LEVEL_TO_INT:
                    raise e201_target("MinAlertLevel must be 'suggestion', 'warning', or "
                                      "'error'.", lvl or k, path)
                cfg.min_alert_level = LEVEL_TO_INT[lvl]
        elif k == "IgnoredScopes":
            cfg.ignored_scopes = _merge(core.strings_with_shadows(k))
        elif k == "WordTemplate":
            cfg.word_template = core.value(k)
        elif k == "SkippedScopes":
            cfg.skipped_scopes = _merge(core.strings_with_shadows(k))
        elif k == "IgnoredClasses":
            cfg.ignored_classes = _merge(core.strings_with_shadows(k))
        elif k == "Vocab":
            cfg.vocab = _merge(core.strings_with_shadows(k))
            for v in cfg.vocab:
                _load_vocab(v, cfg)

    for k, vals in parsed.section("formats").keys.items():
        cfg.formats[k] = vals[-1]

    glob_sec = parsed.sections.get("*")
    if glob_sec is not None:
        for k in glob_sec.keys:
            if k in CORE_OPTS:
                raise e201_target(CORE_ERROR % k, k, root)
            if k == "BasedOnStyles":
                cfg.g_base_styles = _merge(glob_sec.strings_with_shadows(k))
                cfg.styles.extend(cfg.g_base_styles)
            elif k in ("BlockIgnores", "IgnorePatterns"):
                cfg.block_ignores["*"] = _merge(glob_sec.strings_with_shadows(k))
            elif k == "TokenIgnores":
                cfg.token_ignores["*"] = _merge(glob_sec.strings_with_shadows(k))
            elif k == "Lang":
                pass
            elif k in SYNTAX_OPTS:
                raise e201_target(f"'{k}' is a syntax-specific option", k, root)
            else:
                cfg.g_checks[k] = _level(cfg, k, glob_sec.value(k))
                cfg.checks.append(k)

    for name, sec in parsed.sections.items():
        if name in ("", "*", "DEFAULT", "formats", "asciidoctor"):
            continue
        try:
            pat = compile_glob(name)
        except Exception:
            raise e201_target(f"The glob pattern '{name}' could not be compiled.", name,
                              root) from None
        cfg.sec_to_pat[name] = pat
        syntax_map: dict[str, bool] = {}
        for k in sec.keys:
            if k in CORE_OPTS:
                raise e201_target(CORE_ERROR % k, k, root)
            if k == "BasedOnStyles":
                styles = _merge(sec.strings_with_shadows(k))
                cfg.styles.extend(styles)
                cfg.style_keys.append(name)
                cfg.s_base_styles[name] = styles
            elif k in ("BlockIgnores", "IgnorePatterns"):
                cfg.block_ignores[name] = _merge(sec.strings_with_shadows(k))
            elif k == "TokenIgnores":
                cfg.token_ignores[name] = _merge(sec.strings_with_shadows(k))
            elif k == "CommentDelimiters":
                d = _merge(sec.strings_with_shadows(k))
                if len(d) != 2:
                    raise e201_target("CommentDelimiters must be a comma-separated list of two "
                                      f"delimiters, but got {len(d)} items", name, root)
                cfg.comment_delimiters[name] = (d[0], d[1])
            elif k in ("Transform", "Lang"):
                pass
            else:
                syntax_map[k] = _level(cfg, k, sec.value(k))
                cfg.checks.append(k)
        cfg.rule_keys.append(name)
        cfg.s_checks[name] = syntax_map


def _load_vocab(root: str, cfg: Config) -> None:
    target = ""
    for p in cfg.search_paths():
        opt = os.path.join(p, VOCAB_DIR, root)
        if os.path.isdir(opt):
            target = opt
            break
    if not target:
        raise ValeRuntimeError("vocab", f"'{VOCAB_DIR}/{root}' directory does not exist")
    for dirpath, _dirs, files in os.walk(target):
        for name in sorted(files):
            if name == "accept.txt":
                cfg.add_word_list_file(os.path.join(dirpath, name), True)
            elif name == "reject.txt":
                cfg.add_word_list_file(os.path.join(dirpath, name), False)


def find_config_asset(cfg: Config, name: str, folder: str) -> str:
    for p in cfg.search_paths():
        cand = os.path.join(p, folder, name)
        if os.path.exists(cand):
            return cand
    return ""


__all__ = ["Config", "Flags", "ValeConfigError", "find_config", "load_config"]
