"""``extends: spelling`` — Hunspell check of every word token (Vale's spelling.go)."""

from __future__ import annotations

import glob as globmod
import os

import regex

from ..alert import Alert, format_message
from ..config import DICT_DIR, IGNORE_DIR
from ..definition import decode, make_definition
from ..errors import e201_position
from ..nlp import tokenize_words
from ..regexes import compile_go, is_match
from ..spell import Checker, default_dictionary, load_dictionary

KEYS = {"filters": "list", "ignore": "list", "exceptions": "list", "dictionaries": "list",
        "aff": "str", "dic": "str", "dicpath": "str", "threshold": "int", "custom": "bool",
        "append": "bool", "vocab": "bool"}
DEFAULT_FILTERS = [regex.compile(r"[A-Z]{1}[a-z]+[A-Z]+\w+"), regex.compile(r"[A-Z]+$"),
                   regex.compile(r"[^a-zA-Z_']")]


def find_asset(cfg, path: str) -> str:
    if not path:
        return ""
    for p in cfg.search_paths():
        cand = os.path.join(p, path)
        if os.path.exists(cand):
            return cand
    for p in cfg.search_paths():
        for d in ("config/vocabularies", DICT_DIR, "config/templates", IGNORE_DIR,
                  "config/actions", "config/scripts"):
            cand = os.path.join(p, d, path)
            if os.path.exists(cand):
                return cand
    base = os.path.dirname(cfg.config_files[-1]) if cfg.config_files else ""
    cand = os.path.join(base, path)
    return cand if os.path.exists(cand) else ""


class Spelling:
    """Each token not filtered, not in a dictionary and not accepted is an alert."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        self._known: dict[str, bool] = {}
        """Each word's verdict (filtered, spelled right or an exception): a word is judged alone."""
        try:
            self.filters = [regex.compile(f) for f in d.get("filters", [])]
        except regex.error as exc:
            raise e201_position(f"invalid filter: {exc}", path, 1) from None
        self.except_re = None
        if cfg.accepted_tokens:
            try:
                self.except_re = compile_go("(?i)" + "|".join(cfg.accepted_tokens))
            except regex.error:
                self.except_re = None
        try:
            self.checker = self._make_speller(d, cfg, path)
        except (OSError, ValueError) as exc:
            raise e201_position(str(exc), path, 1) from None
        if self.definition.name == "Vale.Spelling":
            sp = cfg.styles_path()
            if sp:
                for f in sorted(globmod.glob(os.path.join(sp, IGNORE_DIR, "**", "*.txt"),
                                             recursive=True)):
                    self.checker.add_word_list_file(f)
        else:
            sp = cfg.styles_path()
            for ign in d.get("ignore", []):
                for p in (os.path.abspath(ign), os.path.join(sp, ign),
                          os.path.join(sp, IGNORE_DIR, ign)):
                    if os.path.isfile(p):
                        self.checker.add_word_list_file(p)
        if not d.get("custom", False):
            self.filters.extend(DEFAULT_FILTERS)

    @staticmethod
    def _make_speller(d: dict, cfg, rule_path: str) -> Checker:
        aff = find_asset(cfg, d.get("aff", ""))
        dic = find_asset(cfg, d.get("dic", ""))
        if aff and dic and os.path.isfile(aff) and os.path.isfile(dic):
            return Checker([load_dictionary(aff, dic)])
        roots: list[str] = []
        if d.get("dicpath"):
            dp = d["dicpath"]
            for p in (dp, os.path.join(cfg.styles_path(), dp), os.path.join(os.getcwd(), dp)):
                if os.path.isdir(p):
                    roots.append(p)
                    break
            else:
                raise ValueError("unable to resolve dicpath")
        default_path = ""
        if not d.get("dictionaries") and rule_path == "internal":
            default_path = os.path.join(cfg.styles_path(), DICT_DIR) if cfg.styles_path() else ""
        search = [p for p in [default_path, *roots, os.environ.get("DICPATH", "")] if p]

        def load(name: str):
            found = {}
            for ext in (".dic", ".aff"):
                for root in search:
                    cand = os.path.join(root, name + ext)
                    if os.path.exists(cand):
                        found[ext] = cand
                        break
                else:
                    raise ValueError(f"'{name}{ext}' not found in {search}")
            return load_dictionary(found[".aff"], found[".dic"])

        dicts = [load(n) for n in d.get("dictionaries", [])]
        if not dicts or d.get("append", False):
            dicts.append(default_dictionary())
        if default_path and os.path.isdir(default_path):
            for f in sorted(globmod.glob(os.path.join(default_path, "*.dic"))):
                dicts.append(load(os.path.basename(f)[:-4]))
        return Checker(dicts)

    def run(self, blk, file):
        alerts = []
        txt = self.checker.convert(blk.text)
        defn = self.definition
        known = self._known
        if len(known) > 200_000:
            known.clear()
        for word in tokenize_words(txt):
            ok = known.get(word)
            if ok is None:
                ok = known[word] = bool(any(f.search(word) for f in self.filters)
                                        or self.checker.spell(word)
                                        or is_match(self.except_re, word))
            if not ok:
                off = txt.find(word)
                a = Alert(check=defn.name, severity=defn.level, span=(off, off + len(word)),
                          link=defn.link, match=word, action=defn.action)
                a.message = format_message(defn.message, word)
                a.description = format_message(defn.description, word)
                alerts.append(a)
        return alerts
