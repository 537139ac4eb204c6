"""Syllable counting, ported from jdkato/twine ``summarize/syllables.go`` (MIT): the
same corner cases, prefix/suffix increments and regular expressions, so readability
scores match Vale's."""

from __future__ import annotations

import functools
import re

_MONO_ONE_BEFORE = (
    "cia(l|$)|tia|cius|cious|[^aeiou]giu|[aeiouy][^aeiouy]ion|iou|sia$|eous$|[oa]gue$"
)
_MONO_ONE_ED = ".[^aeiuoycgltdb]{2,}ed$"
_MONO_ONE_AFTER = (
    ".ely$|^jua|uai|eau|^busi$|([aeiouy](b|c|ch|dg|f|g|gh|gn"
    "|k|l|lch|ll|lv|m|mm|n|nc|ng|nch|nn|p|r|rc|rn|rs|rv|s|sc|sk|sl|squ|ss|th|v|y|z)ed"
    "$)|([aeiouy](b|ch|d|f|gh|gn|k|l|lch|ll|lv|m|mm|n|nch|nn|p|r|rn|rs|rv|s|sc|sk|sl|"
    "squ|ss|st|t|th|v|y)es$)"
)
MONO_ONE = re.compile(f"{_MONO_ONE_BEFORE}|{_MONO_ONE_ED}|{_MONO_ONE_AFTER}")
"""twine's pattern, as one regex; `_mono_one` counts its matches without its quadratic part."""
_BEFORE = re.compile(_MONO_ONE_BEFORE)
_OTHERS = re.compile(f"{_MONO_ONE_BEFORE}|{_MONO_ONE_AFTER}")
_ED_RUN = re.compile("[^aeiuoycgltdb]*")


def _mono_one(text: str) -> int:
    """``len(MONO_ONE.findall(text))`` in linear time.

    The alternative ``.[^aeiuoycgltdb]{2,}ed$`` makes a backtracking engine rescan the rest of
    the word from every position (Go's RE2 does not): a pasted 6,000-character token took
    seconds. It can only match from one known position on, found here with one scan; the other
    alternatives keep their regex, and which alternative wins at a position follows their order.
    """
    ed_from = -1
    if text.endswith("ed") and "\n" not in text:
        run = _ED_RUN.match(text[-3::-1])  # the run before "ed", read backwards: one scan
        assert run is not None
        start = max(len(text) - 2 - run.end() - 1, 0)
        if len(text) - 2 - (start + 1) >= 2:
            ed_from = start
    count, pos = 0, 0
    while pos <= len(text):
        m = _OTHERS.search(text, pos)
        at = max(ed_from, pos) if ed_from >= 0 else -1
        if at >= 0 and len(text) - 2 - (at + 1) < 2:
            at = -1
        if at >= 0 and (m is None or at < m.start() or (at == m.start() and not _BEFORE.match(text, at))):
            return count + 1  # the match runs to the end of the word
        if m is None:
            return count
        count += 1
        pos = m.end() if m.end() > m.start() else m.end() + 1
    return count


MONO_TWO = re.compile(
    "[aeiouy](b|c|ch|d|dg|f|g|gh|gn|k|l|ll|lv|m|mm|n|nc|ng|nn|p|r|rc|rn|rs|rv|s|sc|sk"
    "|sl|squ|ss|st|t|th|v|y|z)e$"
)
DOUBLE_ONE = re.compile(
    "(?:[^aeiouy]ie(r|st|t)|[aeiouym]bl|eo|ism|asm|thm|dnt|uity|dea|gean|oa|ua|eings?"
    "|[aeiouy]sh?e[rsd])$"
)
DOUBLE_TWO = re.compile("[^gq]ua[^auieo]|[aeiou]{3}|^(ia|mc|coa[dglx].)")
DOUBLE_THREE = re.compile(
    "[^aeiou]y[ae]|[^l]lien|riet|dien|iu|io|ii|uen|real|iell|eo[^aeiou]|[aeiou]y[aeiou]"
)
DOUBLE_FOUR = re.compile("[^s]ia")
VOWELS = re.compile("[aeiouy]+")
CORNER_CASES = {
    "abalone": 4,
    "abare": 3,
    "abbruzzese": 4,
    "abed": 2,
    "aborigine": 5,
    "aborigines": 5,
    "abruzzese": 4,
    "acreage": 3,
    "adame": 3,
    "adieu": 2,
    "adobe": 3,
    "anemone": 4,
    "apache": 3,
    "aphrodite": 4,
    "apostrophe": 4,
    "ariadne": 4,
    "cafe": 2,
    "cafes": 2,
    "calliope": 4,
    "catastrophe": 4,
    "chile": 2,
    "chloe": 2,
    "circe": 2,
    "coyote": 3,
    "daphne": 2,
    "epitome": 4,
    "eurydice": 4,
    "euterpe": 3,
    "facsimile": 4,
    "forever": 3,
    "gethsemane": 4,
    "guacamole": 4,
    "hermione": 4,
    "hyperbole": 4,
    "jesse": 2,
    "jukebox": 2,
    "karate": 3,
    "machete": 3,
    "maybe": 2,
    "penelope": 4,
    "people": 2,
    "persephone": 4,
    "phoebe": 2,
    "recipe": 3,
    "sesame": 3,
    "shoreline": 2,
    "simile": 3,
    "syncope": 3,
    "tamale": 3,
    "yosemite": 4,
    "zoe": 2,
}
INCREMENT_TO_PREFIX = [
    [
        "above",
        "anti",
        "ante",
        "counter",
        "hyper",
        "afore",
        "agri",
        "infra",
        "intra",
        "inter",
        "over",
        "semi",
        "ultra",
        "under",
        "extra",
        "dia",
        "micro",
        "mega",
        "kilo",
        "pico",
        "nano",
        "macro",
    ],
    ["un", "fore", "ware", "none", "non", "out", "post", "sub", "pre", "pro", "dis", "side"],
]
INCREMENT_TO_SUFFIX = [
    ["ology", "ologist", "onomy", "onomist"],
    ["fully", "berry", "woman", "women"],
    [
        "ly",
        "less",
        "some",
        "ful",
        "er",
        "ers",
        "ness",
        "cian",
        "cians",
        "ment",
        "ments",
        "ette",
        "ettes",
        "ville",
        "villes",
        "ships",
        "ship",
        "side",
        "sides",
        "port",
        "ports",
        "shire",
        "shires",
        "tion",
        "tioned",
    ],
]


def _clear_part(s: str, options: list[list[str]], prefix: bool) -> tuple[str, int]:
    old = s
    pos = len(options)
    for i, trim in enumerate(options):
        for t in trim:
            if prefix and s.startswith(t):
                s = s[len(t) :]
                break
            if not prefix and s.endswith(t):
                s = s[: len(s) - len(t)]
                break
        if s != old:
            return s, pos - i
    return s, 0


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Number of syllables in ``word`` (twine's Syllables); kept per word, as words repeat."""
    n = len(word)
    if n < 1:
        return 0
    if n < 3:
        return 1
    word = word.lower()
    if word in CORNER_CASES:
        return CORNER_CASES[word]
    text, p = _clear_part(word, INCREMENT_TO_PREFIX, True)
    text, s = _clear_part(text, INCREMENT_TO_SUFFIX, False)
    count = p + s
    count += len(VOWELS.findall(text))
    count -= _mono_one(text)
    count -= len(MONO_TWO.findall(text))
    count += len(DOUBLE_ONE.findall(text))
    count += len(DOUBLE_TWO.findall(text))
    count += len(DOUBLE_THREE.findall(text))
    count += len(DOUBLE_FOUR.findall(text))
    return max(count, 1)
