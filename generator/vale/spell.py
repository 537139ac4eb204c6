"""A pure-Python port of Vale's Hunspell reader (``internal/spell``, after gospell):
affixes are expanded into a word set when a dictionary first loads (kept on disk as sorted 64-bit
fingerprints, see :class:`WordSet`); lookups are a fingerprint search.

The default dictionary is Vale's own embedded ``en_US-web`` (SCOWL), shipped in ``data/``.
"""

from __future__ import annotations

import array
import bisect
import functools
import hashlib
import json
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from .cachefiles import cache_dir, write_bytes, write_json

DATA = Path(__file__).parent / "data"
_NUMBER = re.compile(r"^([0-9]+[.,-]?)+$")
_NUMBER_UNITS = re.compile(r"^[0-9]+[a-zA-Z]+$")
_HEX = re.compile(r"^0?[x][0-9A-Fa-f]+$")
_BIN = re.compile(r"^0[b][01]+$")
_SHA = re.compile(r"^[0-9a-z]{40}$")


class _Affix:
    __slots__ = ("cross", "prefix", "rules")

    def __init__(self, prefix: bool, cross: bool) -> None:
        self.prefix = prefix
        self.cross = cross
        self.rules: list[tuple[str, str, re.Pattern | None]] = []

    def expand(self, word: str, out: list[str]) -> None:
        for strip, text, matcher in self.rules:
            if matcher is not None and not matcher.search(word):
                continue
            if self.prefix:
                out.append(text + word)
            else:
                stem = word[: len(word) - len(strip)] if strip and word.endswith(strip) else word
                out.append(stem + text)


class _Aff:
    def __init__(self, text: str) -> None:
        self.iconv: list[tuple[str, str]] = []
        self.compound_rules: list[str] = []
        self.compound_only = ""
        self.compound_map: dict[str, list[str]] = {}
        self.affixes: dict[str, _Affix] = {}
        for line in text.splitlines():
            parts = line.split()
            if not parts:
                continue
            head = parts[0]
            if head == "ICONV" and len(parts) >= 3:
                self.iconv.append((parts[1], parts[2]))
            elif head == "ONLYINCOMPOUND" and len(parts) >= 2:
                self.compound_only = parts[1]
            elif head == "COMPOUNDRULE" and len(parts) >= 2:
                if not parts[1].isdigit():
                    self.compound_rules.append(parts[1])
                    for ch in parts[1]:
                        self.compound_map.setdefault(ch, [])
            elif head in ("PFX", "SFX"):
                if len(parts) > 4:
                    flag = parts[1][0]
                    a = self.affixes.get(flag)
                    if a is None:
                        raise ValueError(f"got rules for flag {flag!r} but no definition")
                    strip = "" if parts[2] == "0" else parts[2]
                    pat = parts[4]
                    matcher = None
                    if pat != ".":
                        matcher = re.compile("^" + pat if a.prefix else pat + "$")
                    a.rules.append((strip, "" if parts[3] == "0" else parts[3], matcher))
                elif len(parts) > 3:
                    if parts[2] not in ("Y", "N"):
                        raise ValueError(f"CrossProduct is not Y or N: got {parts[2]!r}")
                    self.affixes[parts[1][0]] = _Affix(head == "PFX", parts[2] == "Y")

    def expand(self, entry: str, out: list[str]) -> None:
        idx = entry.find("/")
        if idx == -1:
            out.append(entry)
            return
        if idx == 0 or idx + 1 == len(entry):
            raise ValueError("slash char found in first or last position")
        word, keys = entry[:idx], entry[idx + 1:]
        compound_only = False
        for k in keys:
            if k in self.compound_only:
                compound_only = True
                continue
            if k in self.compound_map:
                self.compound_map[k].append(word)
        if compound_only:
            return
        out.append(word)
        prefixes, suffixes = [], []
        for k in keys:
            af = self.affixes.get(k)
            if af is None:
                continue
            if not af.cross:
                af.expand(word, out)
            elif af.prefix:
                prefixes.append(af)
            else:
                suffixes.append(af)
        for suf in suffixes:
            suf.expand(word, out)
        for pre in prefixes:
            prewords: list[str] = []
            pre.expand(word, prewords)
            out.extend(prewords)
            for suf in suffixes:
                for w in prewords:
                    suf.expand(w, out)


class Dictionary:
    """One Hunspell dictionary, expanded to a set of words."""

    def __init__(self, aff_text: str, dic_text: str) -> None:
        aff = _Aff(aff_text)
        words: set[str] = set()
        out: list[str] = []
        lines = dic_text.splitlines()
        for line in lines[1:]:
            line = line.split("\t")[0]
            out.clear()
            aff.expand(line, out)
            words.update(out)
        self.words = WordSet.of(words)
        self.compounds = []
        for rule in aff.compound_rules:
            pat = "^"
            for key in rule:
                if key in "()+?*":
                    pat += re.escape(key)  # Vale quotes these too
                else:
                    pat += "(" + "|".join(re.escape(w) for w in aff.compound_map.get(key, [])) + ")"
            self.compounds.append(re.compile(pat + "$"))
        self.iconv = aff.iconv

    def convert(self, s: str) -> str:
        for a, b in self.iconv:
            s = s.replace(a, b)
        return s

    def add_word_list_file(self, name: str) -> None:
        with open(name, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                w = line.strip()
                if w and w != "#":
                    self.words.add(w)

    def spell(self, word: str) -> bool:
        words = self.words
        if word in words or word.lower() in words:
            return True
        if _NUMBER.match(word) or _HEX.match(word) or _BIN.match(word) or _SHA.match(word):
            return True
        if any(p.match(word) for p in self.compounds):
            return True
        if _NUMBER_UNITS.match(word):
            units = word.lstrip("0123456789")
            if units in words:
                return True
        return False


EXPANDED_FORMAT = 2
"""Bumped when the expansion or its file layout changes, so expanded dictionaries on disk are rebuilt."""


def word_hash(word: str) -> int:
    """A word's 64-bit fingerprint: two of the expanded dictionaries' 340,000 words, or a word of
    a reply and a dictionary word, share one with a chance of about one in 10^13."""
    digest = hashlib.blake2b(word.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


class WordSet:
    """An expanded dictionary's words as a sorted array of fingerprints (read from disk in about a
    millisecond, where reading and building a set of 170,000 strings took 21 to 27 ms, and the
    garbage collector then walked them on every full collection), plus the words added to this
    copy (vocabularies, ignore files) as a plain set."""

    __slots__ = ("extra", "hashes")

    def __init__(self, hashes: array.array, extra: set[str] | None = None) -> None:
        self.hashes = hashes
        self.extra = extra if extra is not None else set()

    @classmethod
    def of(cls, words: Iterable[str]) -> WordSet:
        return cls(array.array("Q", sorted({word_hash(w) for w in words})))

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word in self.extra:
            return True
        h, hashes = word_hash(word), self.hashes
        i = bisect.bisect_left(hashes, h)
        return i < len(hashes) and hashes[i] == h

    def add(self, word: str) -> None:
        self.extra.add(word)


def _paths(key: str) -> tuple[Path, Path]:
    folder = cache_dir() / "dictionaries"
    return folder / f"{key}.json", folder / f"{key}.words"


def _expanded_from_disk(key: str) -> tuple[array.array, list, list] | None:
    meta, words = _paths(key)
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        raw = words.read_bytes()
        if len(raw) != 8 * data["count"]:
            return None
        hashes = array.array("Q")
        hashes.frombytes(raw)
        if sys.byteorder != "little":
            hashes.byteswap()
        compounds = [re.compile(p) for p in data["compounds"]]
        return hashes, compounds, [tuple(pair) for pair in data["iconv"]]
    except (OSError, ValueError, KeyError, TypeError, re.error):
        return None


def _expanded_to_disk(key: str, hashes: array.array, compounds: list, iconv: list) -> None:
    meta, words = _paths(key)
    raw = hashes
    if sys.byteorder != "little":  # the file is little-endian: swap a copy, not the loaded array
        raw = array.array("Q", hashes)
        raw.byteswap()
    data = {"count": len(hashes), "compounds": [p.pattern for p in compounds], "iconv": iconv}
    if write_bytes(words, raw.tobytes()):  # the words first: the metadata says they are whole
        write_json(meta, data)  # unwritable: expand next run


@functools.lru_cache(maxsize=32)
def _load_cached(aff_path: str, dic_path: str, mtime: float) -> tuple[array.array, list, list]:
    """A dictionary's expanded words (as fingerprints): from memory, from the disk cache (keyed by
    the content of both files) or expanded now (about half a second for en_US) and then kept on disk."""
    with open(aff_path, "rb") as fa, open(dic_path, "rb") as fd:
        aff_raw, dic_raw = fa.read(), fd.read()
    key = hashlib.sha256(b"%d\0%s\0%s" % (EXPANDED_FORMAT, aff_raw, dic_raw)).hexdigest()[:32]
    kept = _expanded_from_disk(key)
    if kept is not None:
        return kept
    d = Dictionary(aff_raw.decode("utf-8", "replace"), dic_raw.decode("utf-8", "replace"))
    hashes = d.words.hashes
    _expanded_to_disk(key, hashes, d.compounds, d.iconv)
    return hashes, d.compounds, d.iconv


def load_dictionary(aff_path: str, dic_path: str) -> Dictionary:
    """Load (once per process) and return a fresh, extendable copy."""
    mtime = os.path.getmtime(dic_path)
    hashes, compounds, iconv = _load_cached(str(aff_path), str(dic_path), mtime)
    d = Dictionary.__new__(Dictionary)
    d.words = WordSet(hashes)
    d.compounds = compounds
    d.iconv = iconv
    return d


def default_dictionary() -> Dictionary:
    return load_dictionary(str(DATA / "en_US-web.aff"), str(DATA / "en_US-web.dic"))


class Checker:
    """Several dictionaries; a word is right if any of them knows it."""

    def __init__(self, dicts: list[Dictionary]) -> None:
        self.dicts = dicts

    def spell(self, word: str) -> bool:
        return any(d.spell(word) for d in self.dicts)

    def convert(self, s: str) -> str:
        for d in self.dicts:
            s = d.convert(s)
        return s

    def add_word_list_file(self, name: str) -> None:
        for d in self.dicts:
            d.add_word_list_file(name)
