"""Draft placeholders: fill the placeholders of a pasted draft with sensible values before lint.

`lint-reply` takes drafts written anywhere: a help desk's macro, a template library, a writer's
notes. Each tool writes placeholders its own way (`{{ticket.requester.first_name}}` in Zendesk,
`{%customer.firstName%}` in Help Scout, `[Your name]` in a template library). The labelling rubric
judges a template on its fixed wording, with every placeholder filled with a sensible value, so
the draft is linted the same way: `Hi [Name],` is linted as `Hi Maya,`, `[Your name]` as `Jordan`,
`within [X] days` as `within 3 days`. A template of the playbook never reaches this module: it is
rendered with its declared example values first.

What a placeholder stands for is read from its words (agent, customer, brand, date, amount...);
`Filled.position` maps a place in the filled text back to the draft, so alerts point at the
draft's own line and column.
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

# One pattern per syntax family; the group is the placeholder's words.
_SYNTAXES = (
    re.compile(r"\{\{\{?\s*([^{}\n]{1,100}?)\s*\}?\}\}"),  # Jinja, Liquid, Handlebars, Zendesk, Intercom
    re.compile(r"\{%\s*([^{}%\n]{1,100}?)\s*%\}"),  # Help Scout {%customer.firstName%}, Jinja tags
    re.compile(r"\*\|([A-Z0-9_:]{1,40})\|\*"),  # Mailchimp *|FNAME|*
    re.compile(r"\$\{([A-Za-z_][\w.]{0,60})\}"),  # ${name}
    re.compile(r"%\{([A-Za-z_][\w.]{0,60})\}"),  # osTicket %{recipient.name.first}
    re.compile(r"(?<![\w{])\{([A-Za-z_][\w. -]{0,40})\}(?![\w}])"),  # {first_name}, {amount-of-money}
    re.compile(r"(?<![\w$\\])\$([A-Za-z_][A-Za-z0-9_]{1,40})\b"),  # $queuePosition, $reply_time
    re.compile(r"(?<!\w)%([A-Za-z][\w.]{0,40})%(?!\w)"),  # %customer_name%
    # [Name], [Your name], [X], [Name, role]: never a Markdown link `[text](url)` or `[ref]: url`
    re.compile(r"\[([A-Za-z#][^\[\]\n]{0,120}|\d+(?:[-–]\d+)?|X|#|\.\.\.|…)\](?![(\[:])"),
    # (your name), (customer's name), (name of company): call scripts and template libraries
    re.compile(
        r"\(((?:[A-Za-z’']+ ){0,3}name(?: of (?:the )?[a-z]+)?|company|business name|agent|your company)\)",
        re.I,
    ),
    # <customer name>, <Name>, <X%>, <DATE and TIME here>; HTML tags are reserved before this runs
    re.compile(r"<([A-Za-z][A-Za-z_]*%?(?:[ _][A-Za-z]+){0,4})>"),
)

_STATEMENT = re.compile(r"^(?:if|elif|else|endif|for|endfor|unless|endunless|set|raw|endraw|case|when|end)\b")
_FALLBACK = re.compile(r"(?:,\s*fallback\s*=|\|\s*(?:default|fallback)\b).*$", re.I)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")

# (what it stands for, words that say so, the value it is linted with); first match wins, so the
# narrower meanings come before the broad "name".
_MEANINGS: tuple[tuple[str, str, str], ...] = (
    (
        "body",  # the agent's own answer, written in when the macro is used: `%{response}`
        r"^(?:response|reply|answer|body|message body|reply body|content|(?:clear )?explanation|"
        r"solution|resolution|steps|agent reply|agent response|"
        r"(?:resolution|solution|troubleshooting|next|action) steps)$",
        "I have updated your account, and the change will show within 2 business days.",
    ),
    ("email", r"e-?mail", "help@example.com"),
    ("link", r"link|url|website|web site|page\b|article", "https://example.com/help"),
    ("phone", r"phone|mobile|telephone|extension", "555-0100"),
    ("count", r"queue|how many|quantity|count\b", "3"),
    ("title", r"position|job title|title\b|role\b|designation", "Senior Advisor"),
    (
        "agent",
        r"agent|your name|your first name|yourname|my name|current.user|sender|rep\b|"
        r"representative|assignee|signature|staff|advisor|adviser|employee|manager|owner|"
        r"author|team member|signed|signatory",
        "Jordan",
    ),
    (
        "brand",
        r"company|brand|business|store|shop|hotel|restaurant|organi[sz]ation|property|"
        r"team name|support team|team\b|department",
        "Example",
    ),
    (
        "span",
        r"time ?frame|timeline|duration|period|number of days|x days|days\b|weeks\b|turnaround|"
        r"(?:reply|response|wait|waiting|hold|queue) ?time|wait\b",
        "2 business days",
    ),
    ("time", r"time\b|hour|o.clock", "3 pm"),
    ("date", r"date|day\b|deadline|eta\b|when", "Friday, 14 March"),
    ("currency", r"^currency$", "USD"),
    ("amount", r"amount|money|price|cost|total|fee|credit|refund|discount|\$|value|balance|charge", "$25.00"),
    (
        "number",
        r"order|ticket|case|reference|ref\b|tracking|confirmation|invoice|booking|"
        r"account|id\b|number|no\b|#",
        "48213",
    ),
    ("product", r"product|item|service|plan|model|subscription|package|feature|app\b|application", "kettle"),
    ("location", r"address|city|location|country|branch", "12 High Street"),
    (
        "name",
        r"name|fname|lname|first|last|customer|requester|guest|client|reviewer|contact|recipient|"
        r"person|member|user|patient|buyer|caller|visitor",
        "Maya",
    ),
    ("count", r"^(?:x|n|#|\d+)$", "3"),
)
_ROLES = tuple(
    (role, re.compile(rf"(?<![A-Za-z])(?:{words})", re.I), value) for role, words, value in _MEANINGS
)
_WHO = tuple(r for r in _ROLES if r[0] in ("agent", "brand"))
"""Checked on the whole path first: `{{ brand.name }}` is the brand, `{{current_user.first_name}}`
the agent, whatever their last part says."""


@dataclass(frozen=True)
class Placeholder:
    """One placeholder in a draft: where it is, its words, and the value it is linted with."""

    start: int
    end: int
    words: str
    role: str
    value: str


def _classify(words: str, roles: tuple[tuple[str, re.Pattern[str], str], ...]) -> tuple[str, str] | None:
    for role, pattern, value in roles:
        if pattern.search(words):
            return role, value
    return None


def _meaning(inner: str, brand: str) -> tuple[str, str]:
    """(role, value) for a placeholder's words; the brand comes from policy.yaml."""
    if is_logic(inner):
        return "logic", ""
    if re.fullmatch(r"\d+(?:[-–]\d+)?", inner.strip()):
        return "count", inner.strip()  # [15-30] minutes
    path = _FALLBACK.sub("", inner).strip()
    path = re.split(r"\s*(?:,|/|:|—|–|\s-\s|\(|\|)\s*", path)[0] or path  # [Name, role — who]: the first part
    parts = [_CAMEL.sub(" ", p).replace("_", " ").replace("-", " ").strip() for p in path.split(".")]
    whole = " ".join(parts)
    found = _classify(whole, _WHO) or _classify(parts[-1], _ROLES) or _classify(whole, _ROLES)
    if found:
        role, value = found
        return role, brand if role == "brand" else value
    plain = re.sub(r"\s+", " ", re.sub(r"[^\w'’ ]+", " ", whole)).strip()
    return "words", plain or "this"


def base_path(words: str) -> str:
    """A placeholder's words without fallback or filters: `customer.firstName,fallback=there` and
    `ticket.requester.first_name | capitalize` give `customer.firstName`, `ticket.requester.first_name`."""
    return _FALLBACK.sub("", words).split("|")[0].strip()


def is_logic(words: str) -> bool:
    """Whether a `{% ... %}` placeholder's words are a template statement (`if`, `for`, `unless`...)."""
    return bool(_STATEMENT.match(words.strip()))


def _opens_sentence(text: str, at: int) -> bool:
    """Whether a placeholder at `at` starts a sentence: at the start, on a new line, or after . ! ?"""
    before = text[:at].rstrip(" \t")
    return not before or before[-1] in ".!?…\n"


def _word_before(text: str, at: int) -> str:
    """The word just before `at`, lower-cased ('' when there is none on the line)."""
    m = re.search(r"([A-Za-z'’]+)[ \t]*$", text[max(0, at - 40) : at])
    return m.group(1).lower() if m else ""


def _word_after(text: str, at: int) -> str:
    """The word just after `at`, lower-cased ('' when there is none on the line)."""
    m = re.match(r"[ \t]*([A-Za-z'’]+)", text[at : at + 40])
    return m.group(1).lower() if m else ""


def find_placeholders(
    text: str, brand: str = "Example", reserved: Iterable[tuple[int, int]] = ()
) -> list[Placeholder]:
    """Every placeholder in `text`, in order, none overlapping another nor a `reserved` span."""
    found: list[Placeholder] = []
    taken: list[tuple[int, int]] = list(reserved)
    for pattern in _SYNTAXES:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            role, value = _meaning(m.group(1), brand)
            if role == "words" and _opens_sentence(text, m.start()):
                value = value[:1].upper() + value[1:]  # "... [take action]." is a sentence of its own
            elif role == "words" and value.lower() in (
                _word_before(text, m.start()),
                _word_after(text, m.end()),
            ):
                value = "standard"  # "size {size}", "a {pizza} pizza": the slot is the word's value
            found.append(Placeholder(m.start(), m.end(), m.group(1), role, value))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda p: p.start)


@dataclass(frozen=True)
class Filled:
    """A draft with its placeholders filled, and the way back to the draft's positions."""

    original: str
    text: str
    placeholders: tuple[Placeholder, ...]
    _starts: tuple[int, ...]  # where each filled value starts in `text`

    def offset(self, filled: int) -> int:
        """The draft offset of an offset in the filled text (inside a value: the placeholder)."""
        i = bisect.bisect_right(self._starts, filled) - 1
        if i < 0:
            return filled
        p, start = self.placeholders[i], self._starts[i]
        if filled < start + len(p.value):
            return p.start
        return p.end + (filled - start - len(p.value))

    def position(self, line: int, col: int) -> tuple[int, int]:
        """Line and column (1-based) in the draft of a line and column in the filled text."""
        lines = self.text.split("\n")
        line = max(1, min(line, len(lines)))
        at = sum(len(x) + 1 for x in lines[: line - 1]) + max(col - 1, 0)
        orig = self.offset(at)
        before = self.original[:orig]
        return before.count("\n") + 1, orig - (before.rfind("\n") + 1) + 1


_BLOCK_TAGS = "p|div|br|hr|h[1-6]|li|ul|ol|tr|table|tbody|thead|blockquote|section|header|footer|center|pre"
_INLINE_TAGS = "span|strong|b|i|em|u|a|font|small|big|img|code|td|th|sup|sub|abbr|mark|s|strike|html|body"
_TAG = re.compile(rf"</?(?:({_BLOCK_TAGS})|(?:{_INLINE_TAGS}))(?=[\s/>])[^<>]{{0,1000}}>", re.I)
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-f]{1,6}|[a-z]{2,8});", re.I)


def html_markup(text: str) -> list[Placeholder]:
    """The HTML tags and entities of a draft pasted from an HTML macro (osTicket, Zendesk's
    dynamic content), as pieces to replace: a block tag by a line break (`<hr>` by a
    Markdown rule), an inline tag by nothing,
    an entity by its character, so the house style reads the reply's words and lines."""
    out = []
    for m in _TAG.finditer(text):
        block = (m.group(1) or "").lower()
        value = "\n---\n" if block == "hr" else "\n" if block else ""
        out.append(Placeholder(m.start(), m.end(), m.group(0), "markup", value))
    for m in _ENTITY.finditer(text):
        value = html.unescape(m.group(0))
        if value != m.group(0):
            out.append(Placeholder(m.start(), m.end(), m.group(0), "markup", value.replace("\xa0", " ")))
    return out


def fill(text: str, brand: str = "Example") -> Filled:
    """`text` with every placeholder replaced by a sensible value of its kind, and HTML markup by
    the line breaks it stands for (a placeholder inside a tag goes with the tag)."""
    markup = html_markup(text)
    reserved = [(m.start, m.end) for m in markup]
    placeholders = sorted(markup + find_placeholders(text, brand, reserved), key=lambda p: p.start)
    out: list[str] = []
    starts: list[int] = []
    pos = size = 0
    for p in placeholders:
        out.append(text[pos : p.start])
        size += p.start - pos
        starts.append(size)
        out.append(p.value)
        size += len(p.value)
        pos = p.end
    out.append(text[pos:])
    return Filled(text, "".join(out), tuple(placeholders), tuple(starts))
