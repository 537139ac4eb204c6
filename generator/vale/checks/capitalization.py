"""``extends: capitalization`` — a block must be in title, sentence, lower or upper case,
or match a pattern (Vale's capitalization.go and variables.go).
"""

from __future__ import annotations

from ..alert import format_message
from ..definition import compile_rule_regex, decode, make_alert, make_definition, update_exceptions
from ..regexes import is_match
from ..strcase import SentenceConverter, TitleConverter

KEYS = {"match": "str", "style": "str", "exceptions": "list", "indicators": "list",
        "threshold": "float", "vocab": "bool", "prefix": "str"}
WORD = r"[\p{N}\p{L}*]+[^\s]*"


def _go_title(w: str) -> str:
    """Go's strings.Title(strings.ToLower(w)): upper-case each word's first letter."""
    out, prev_letter = [], False
    for c in w.lower():
        out.append(c.upper() if not prev_letter and c.isalpha() else c)
        prev_letter = c.isalpha() or c.isdigit() or c == "_" or c == "'"
    return "".join(out)


class Capitalization:
    """Checks a whole block; the alert spans the block."""

    def __init__(self, cfg, generic: dict, path: str) -> None:
        d = decode(generic, KEYS, path)
        self.definition = make_definition(d, path)
        vocab = d.get("vocab", True)
        exceptions = list(d.get("exceptions", []))
        self.except_re = update_exceptions(exceptions, cfg.accepted_tokens, vocab, path)
        self.threshold = d.get("threshold") or 0.8
        if vocab:
            exceptions = exceptions + list(cfg.accepted_tokens)
        self.match = d.get("match", "")
        ps = WORD
        if self.except_re is not None:
            ps = self.except_re.pattern + "|" + ps
        self.word_re = compile_rule_regex(ps, path)
        self.converter: TitleConverter | SentenceConverter | None = None
        self.pattern = None
        if self.match == "$title":
            self.converter = TitleConverter(d.get("style", "AP"), exceptions,
                                            d.get("prefix", ""))
        elif self.match == "$sentence":
            self.converter = SentenceConverter(exceptions, d.get("prefix", ""),
                                               d.get("indicators", []))
        elif self.match not in ("$lower", "$upper"):
            self.pattern = compile_rule_regex(self.match, path)

    def _check(self, s: str) -> tuple[str, bool]:
        if self.match == "$lower":
            exp = s.lower()
            return exp, s == exp or is_match(self.except_re, s)
        if self.match == "$upper":
            exp = s.upper()
            return exp, s == exp or is_match(self.except_re, s)
        if self.pattern is not None:
            return self.match, bool(self.pattern.search(s)) or is_match(self.except_re, s)
        if self.converter is None:
            return s, True
        expected = self.converter.convert(s)
        exp_tokens = [m.group(0) for m in self.word_re.finditer(expected)]
        count = words = 0.0
        sentence = self.match == "$sentence"
        for i, w in enumerate(m.group(0) for m in self.word_re.finditer(s)):
            if i >= len(exp_tokens) or w == exp_tokens[i] or is_match(self.except_re, w):
                count += 1
            elif sentence and i == 0 and w != _go_title(w):
                return expected, False
            elif not sentence and w == w.upper():
                count += 1
            words += 1
        if words == 0:
            return expected, True
        return expected, (count / words) >= self.threshold

    def run(self, blk, file):
        expected, ok = self._check(blk.text)
        if ok:
            return []
        defn = self.definition
        a = make_alert(defn, (0, len(blk.text)), blk.text)
        params = defn.action.params
        if defn.action.name == "replace" and not params and self.converter is not None:
            params = [expected]
        a.action.params = params
        a.message = format_message(defn.message, blk.text, expected)
        a.description = format_message(defn.description, blk.text, expected)
        return [a]
