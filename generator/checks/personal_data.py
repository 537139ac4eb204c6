"""Personal-data check: no real customer's card, e-mail, phone, IBAN, NINO or SSN in the playbook.

Part of the checks stage. Every string of `policy.yaml` and of every scenario (example values,
reply bodies and subjects, signals, summaries and the rest) and, on a whole run, every published
file (mkdocs.yml, templates/, docs/) is searched for values that look like a real person's data.
Each is a located `personal-data` error that says what to write instead; since a build stops on
any error, a flagged value never reaches the site or an export.

Accepted on purpose: reserved example values (e-mail at `example.com`/`.org`/`.net` or the
`.test`, `.invalid`, `.example`, `.localhost` names of RFC 2606 and RFC 6761; fictional phone
numbers), any address at the `brand.domain` of policy.yaml, and exactly the values listed under
`public_contacts:` in policy.yaml (the company's own published support line, press address...).
Order numbers, case numbers, prices, dates and times never look like any of these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..diagnostics import Diagnostic, error
from ..load import Document
from ..playbook import Playbook
from .scan import Finding, Loc, in_string, line_col, mask, published_files, walk_strings, yaml_documents

RULE = "personal-data"

ACCEPT_HINT = "or, if the company publishes it, list it under `public_contacts:` in policy.yaml"

RESERVED_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
"""Second-level domains reserved for documentation (RFC 2606), with all their subdomains."""
RESERVED_EMAIL_TLDS = ("test", "invalid", "example", "localhost")
"""Top-level names that never resolve (RFC 2606, RFC 6761)."""

UK_DRAMA_RANGES = (
    ("01134960000", "01134960999"),  # Leeds
    ("01144960000", "01144960999"),  # Sheffield
    ("01154960000", "01154960999"),  # Nottingham
    ("01164960000", "01164960999"),  # Leicester
    ("01174960000", "01174960999"),  # Bristol
    ("01184960000", "01184960999"),  # Reading
    ("01214960000", "01214960999"),  # Birmingham
    ("01314960000", "01314960999"),  # Edinburgh
    ("01414960000", "01414960999"),  # Glasgow
    ("01514960000", "01514960999"),  # Liverpool
    ("01614960000", "01614960999"),  # Manchester
    ("01914980000", "01914980999"),  # Tyneside, Durham, Sunderland
    ("01632960000", "01632960999"),  # no area (fictional code 01632)
    ("02079460000", "02079460999"),  # London
    ("02896496000", "02896496999"),  # Northern Ireland
    ("02920180000", "02920180999"),  # Cardiff
    ("03069990000", "03069990999"),  # UK-wide
    ("07700900000", "07700900999"),  # mobile
    ("08081570000", "08081570999"),  # freephone
    ("09098790000", "09098790999"),  # premium rate
)
"""Ofcom's "telephone numbers for drama purposes", never allocated to a provider (Ofcom, Telephone
numbers for drama purposes; BBC News, "The 20,000 fake phone numbers used on film and television",
20 April 2015, https://www.bbc.com/news/blogs-magazine-monitor-32348371: 07700 mobile, 08081
freephone, 0909 premium rate, 03069 UK-wide, 01632 no area, and city ranges such as 020 7946)."""

NANP_FICTIONAL_LINES = range(100, 200)
"""555-0100 to 555-0199: the only 555 lines NANPA reserves for fiction in every area code (other
555 numbers, 555-1212 for one, are in service)."""

IBAN_LENGTHS = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
    "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27, "HR": 21, "HU": 28,
    "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MT": 31,
    "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24, "SM": 27,
}  # fmt: skip
"""IBAN length per country (SEPA members, from the SWIFT IBAN registry); others: 15 to 34."""

CARD_PREFIXES = (
    ("4", "4"),  # Visa
    ("51", "55"),  # Mastercard
    ("2221", "2720"),  # Mastercard 2-series
    ("2200", "2204"),  # Mir
    ("34", "34"),  # American Express
    ("37", "37"),
    ("300", "305"),  # Diners Club
    ("36", "36"),
    ("38", "39"),
    ("3528", "3589"),  # JCB
    ("6011", "6011"),  # Discover
    ("644", "649"),
    ("65", "65"),
    ("62", "62"),  # UnionPay
    ("50", "50"),  # Maestro
    ("56", "69"),
)
"""Issuer number ranges: a run of digits outside all of them is an order number, not a card."""

_NOT_BEFORE = r"(?<![\w@+./-])(?<!\d[ .-])"  # not inside an id (BW-4829...), a decimal or a longer number
_NOT_AFTER = r"(?![\w@-]|[ .-]\d)"  # not followed by more of the same number

CARD = re.compile(_NOT_BEFORE + r"\d(?:[ -]?\d){12,18}" + _NOT_AFTER)
EMAIL = re.compile(
    r"(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@((?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})"
    r"(?![\w-])"
)
INTERNATIONAL_PHONE = re.compile(
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(0\))?(?:[ .-]?\(?\d{1,4}\)?){2,5}" + _NOT_AFTER
)
NANP_PHONE = re.compile(_NOT_BEFORE + r"(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}" + _NOT_AFTER)
UK_PHONE = re.compile(
    _NOT_BEFORE + r"(?:\(0[1237-9]\d{1,3}\)|0[1237-9]\d{1,3})[ -]?\d{3,4}[ -]?\d{3,4}" + _NOT_AFTER
)
IBAN = re.compile(r"(?<![\w-])[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![\w-])")
NINO = re.compile(
    r"(?<![\w-])(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]"
    r" ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])"
)
SSN = re.compile(r"(?<![\w-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}" + _NOT_AFTER)


@dataclass(frozen=True)
class Accepted:
    """What the policy publishes on purpose: its e-mail domain and its public contacts."""

    domain: str | None = None
    contacts: frozenset[str] = frozenset()

    @classmethod
    def of(cls, domain: str | None, contacts: Iterable[str]) -> Accepted:
        keys: set[str] = set()
        for value in contacts:
            keys.add(_key(value))
            keys.add(_phone_key(value))
        return cls(domain.lower() if domain else None, frozenset(k for k in keys if k))

    def allows(self, value: str) -> bool:
        return _key(value) in self.contacts or (_phone_key(value) or "-") in self.contacts


def _key(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z@.]", "", value).lower()


def _phone_key(value: str) -> str:
    """A phone number as its full international digits, so `+1 415 555 0100` = `(415) 555-0100`."""
    digits = re.sub(r"\D", "", value.replace("(0)", ""))
    if value.strip().startswith("+"):
        return digits
    if len(digits) == 10 and digits[0] in "23456789":
        return "1" + digits
    if len(digits) == 11 and digits[0] == "1":
        return digits
    if digits.startswith("0") and len(digits) in (10, 11):
        return "44" + digits[1:]
    return ""


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _card_issuer(digits: str) -> bool:
    return any(low <= digits[: len(low)] <= high for low, high in CARD_PREFIXES)


def iban_ok(compact: str) -> bool:
    """The ISO 13616 check: the country and check digits moved to the end, read as a number mod 97."""
    if len(compact) < 15 or len(compact) > 34 or not compact[2:4].isdigit():
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def _cards(text: str) -> Iterable[Finding]:
    for m in CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        separators = set(re.sub(r"\d", "", m.group()))
        if len(separators) > 1 or not _card_issuer(digits) or not luhn_ok(digits):
            continue
        yield Finding(
            m.start(),
            m.group(),
            f"`{mask(m.group())}` looks like a real card number ({len(digits)} digits, Luhn-valid); "
            "never copy a customer's card: write `the card ending in 4242`, or a placeholder",
        )


def _emails(text: str, accepted: Accepted) -> Iterable[Finding]:
    for m in EMAIL.finditer(text):
        domain = m.group(1).lower()
        reserved = (*RESERVED_EMAIL_DOMAINS, *((accepted.domain,) if accepted.domain else ()))
        if domain.rsplit(".", 1)[-1] in RESERVED_EMAIL_TLDS or any(
            domain == d or domain.endswith("." + d) for d in reserved
        ):
            continue
        own = f" or an address at {accepted.domain} (`brand.domain`)" if accepted.domain else ""
        yield Finding(
            m.start(),
            m.group(),
            f"`{mask(m.group())}` is an e-mail address at {domain}, which could be a real person's; "
            f"use a reserved example address such as name@example.com{own}, {ACCEPT_HINT}",
        )


PHONE_HINT = (
    "use a fictional number such as 555-0142 (North America: 555-0100 to 555-0199) or "
    f"07700 900123 (UK: Ofcom's drama ranges), {ACCEPT_HINT}"
)


def _phone_is_fictional(key: str) -> bool:
    if key.startswith("1") and len(key) == 11:
        return key[4:7] == "555" and int(key[7:]) in NANP_FICTIONAL_LINES
    if key.startswith("44"):
        national = "0" + key[2:]
        return any(len(low) == len(national) and low <= national <= high for low, high in UK_DRAMA_RANGES)
    return False


def _nanp_valid(key: str) -> bool:
    """NPA and exchange both start with 2-9 (NXX-NXX-XXXX): else it is no North American number."""
    return len(key) == 11 and key[1] in "23456789" and key[4] in "23456789"


def _phones(text: str) -> Iterable[Finding]:
    taken: list[range] = []
    for pattern in (INTERNATIONAL_PHONE, NANP_PHONE, UK_PHONE):
        for m in pattern.finditer(text):
            if any(m.start() in r for r in taken):
                continue
            key = _phone_key(m.group())
            if not key or not 8 <= len(key) <= 15:
                continue
            if key.startswith("1") and not (len(key) == 11 and _nanp_valid(key)):
                continue
            taken.append(range(m.start(), m.end()))
            if _phone_is_fictional(key):
                continue
            yield Finding(
                m.start(),
                m.group(),
                f"`{mask(m.group())}` looks like a real phone number; {PHONE_HINT}",
            )


def _ibans(text: str) -> Iterable[Finding]:
    for m in IBAN.finditer(text):
        compact = m.group().replace(" ", "")
        length = IBAN_LENGTHS.get(compact[:2])
        if length is not None:
            compact = compact[:length]
            if len(compact) != length:
                continue
        if iban_ok(compact):
            yield Finding(
                m.start(),
                m.group(),
                f"`{mask(m.group())}` is a valid IBAN, a real bank account; write only its last four "
                f"characters (`the account ending in {compact[-4:]}`), {ACCEPT_HINT}",
            )


def _shape_finder(pattern: re.Pattern[str], what: str, instead: str) -> Callable[[str], Iterable[Finding]]:
    """A finder for an identity number known by its shape alone (no check digit to test)."""

    def finder(text: str) -> Iterable[Finding]:
        for m in pattern.finditer(text):
            yield Finding(m.start(), m.group(), f"`{mask(m.group())}` has the shape of {what}; {instead}")

    return finder


_ninos = _shape_finder(
    NINO, "a UK National Insurance number", "use HMRC's example QQ 12 34 56 C, which is never issued"
)
_ssns = _shape_finder(
    SSN, "a US Social Security number", "use one from the never-issued 9xx range, such as 987-65-4321"
)


_DROP_DIGITS = str.maketrans("", "", "0123456789")
_DIGIT = re.compile("[0-9]")

NUMBER_FINDERS: tuple[tuple[int, re.Pattern[str], Callable[[str], Iterable[Finding]]], ...] = (
    (13, re.compile(r"\d[ -]?\d[ -]?\d[ -]?\d"), _cards),
    # every phone pattern ends in two groups of at least three digits, or starts with `+digit`
    (8, re.compile(r"\+\d|\d{3}[ .-]?\d{3}"), _phones),
    (6, re.compile(r"[A-Z]{2}\d{2}"), _ibans),
    (6, re.compile(r"\d{2} ?\d{2} ?\d{2} ?[A-D]"), _ninos),
    (9, re.compile(r"\d{2}[- ]\d{4}"), _ssns),
)
"""Each finder of numbers, with the fewest digits a text needs for it to find anything and a
pattern that every one of its matches contains: most strings (a signal, a do or don't) have no
digit, most others not the shape, and are passed over without the finder's slower patterns
(whose look-behinds the regex engine cannot skip ahead to)."""


def find(text: str, accepted: Accepted = Accepted()) -> list[Finding]:
    """Every value in `text` that looks like a real person's data and is not accepted, in order."""
    has_at = "@" in text
    if not has_at and _DIGIT.search(text) is None:  # most strings: nothing to look for
        return []
    digits = len(text) - len(text.translate(_DROP_DIGITS))
    finders = [finder for least, shape, finder in NUMBER_FINDERS if digits >= least and shape.search(text)]
    if has_at:
        finders.append(lambda t: _emails(t, accepted))
    found = [f for finder in finders for f in finder(text) if not accepted.allows(f.value)]
    return sorted(found, key=lambda f: f.offset)


def _accepted(book: Playbook) -> Accepted:
    policy = book.policy
    return Accepted.of(policy.brand.domain, policy.public_contacts) if policy else Accepted()


@dataclass(frozen=True)
class Composed:
    """A text the build makes from parts (a reply rendered with its example values), where its
    template is, and the parts it was made from (each already checked on its own)."""

    document: Document
    loc: Loc
    text: str
    parts: tuple[str, ...]


def check_composed(book: Playbook, composed: Iterable[Composed]) -> list[Diagnostic]:
    """Values that appear only once the parts are put together: `call 020 {{ line }}` with the
    example `7123 4567`. Reported at the template, since no single value holds them."""
    accepted = _accepted(book)
    problems: list[Diagnostic] = []
    for item in composed:
        for f in find(item.text, accepted):
            if any(f.value in part for part in item.parts):
                continue  # reported where it was written
            pos = item.document.source.value(item.loc)
            message = f"once its placeholders are filled with their examples, the reply reads {f.message}"
            problems.append(error(item.document.path, pos.line, pos.col, RULE, message))
    return problems


def check(book: Playbook) -> list[Diagnostic]:
    accepted = _accepted(book)
    problems: list[Diagnostic] = []
    for doc in yaml_documents(book):
        for loc, text in walk_strings(doc.data):
            for f in find(text, accepted):
                pos = in_string(doc, loc, text, f.offset, f.value)
                problems.append(error(doc.path, pos.line, pos.col, RULE, f.message))
    for shown, text in published_files(book):
        for f in find(text, accepted):
            pos = line_col(text, f.offset)
            problems.append(error(shown, pos.line, pos.col, RULE, f.message))
    return problems
