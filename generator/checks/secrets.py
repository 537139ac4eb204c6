"""Secret check: no API key, token, password or private key anywhere in the playbook's files.

Part of the checks stage. The raw text of `policy.yaml`, of every scenario file and, on a whole
run, of every published file (mkdocs.yml, templates/, docs/) is searched for credentials: the
shapes of the common providers' keys and tokens, private key blocks, JSON Web Tokens, bearer
tokens, passwords in URLs and random-looking values of query parameters named like a key or a
token. Each is a located `secret` error at the value, with the value masked in the message
(first four characters); since a build stops on any error, it never reaches the site or an export.
Raw text, not decoded values: a key in a YAML comment is in git history all the same.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from ..diagnostics import Diagnostic, error
from ..playbook import Playbook
from .scan import Finding, line_col, mask, published_files, yaml_documents

RULE = "secret"


@dataclass(frozen=True)
class Shape:
    """A provider's credential format: its name, a pattern whose group `value` is the secret, and
    the literal texts one of which a text must hold for the pattern to be tried (in lower case
    for a case-insensitive pattern)."""

    name: str
    pattern: re.Pattern[str]
    triggers: tuple[str, ...]


def _shape(name: str, regex: str, *triggers: str) -> Shape:
    if "(?P<value>" not in regex:
        regex = f"(?P<value>{regex})"
    return Shape(name, re.compile(regex), triggers)


SHAPES: tuple[Shape, ...] = (
    _shape(
        "an AWS access key id", r"\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b", "AKIA", "ASIA", "ABIA", "ACCA"
    ),
    _shape(
        "an AWS secret access key",
        r"(?i)aws_?secret_?access_?key\W{1,4}(?P<value>[A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])",
        "aws",
    ),
    _shape(
        "a GitHub token",
        r"\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}\b",
        "ghp_",
        "gho_",
        "ghu_",
        "ghs_",
        "ghr_",
    ),
    _shape("a GitHub token", r"\bgithub_pat_[A-Za-z0-9_]{22,}\b", "github_pat_"),
    _shape("a Slack token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}", "xox"),
    _shape("a Slack webhook", r"https://hooks\.slack\.com/services/(?P<value>T[A-Z0-9]+/B[A-Z0-9]+/\w+)"),
    _shape("a Stripe secret key", r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b", "k_live_", "k_test_"),
    _shape("a Google API key", r"\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])", "AIza"),
    _shape("a Twilio API key", r"\bSK[0-9a-fA-F]{32}\b", "SK"),
    _shape("a Twilio account id", r"\bAC[0-9a-fA-F]{32}\b", "AC"),
    _shape("a SendGrid API key", r"\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}", "SG."),
    _shape("a private key", r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    _shape("a JSON Web Token", r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}", "eyJ"),
    _shape("a bearer token", r"(?i)\bbearer\s+(?P<value>[A-Za-z0-9._~+/-]{20,}=*)", "bearer"),
    _shape("a password in a URL", r"://[^\s:/@]+:(?P<value>[^\s/@]{3,})@"),
)
"""Credential shapes, provider by provider (from each provider's documented key formats)."""

URL = re.compile(r"https?://[^\s\"'<>`)\]]+")
QUERY_PARAM = re.compile(r"[?&;](?P<name>[^=&#\s]+)=(?P<value>[^&#\s]*)")
SECRET_PARAM = re.compile(
    r"(?i)(?:^|[_.-])(?:api[_-]?key|key|token|secret|sig|signature|password|passwd|pwd|auth|"
    r"access[_-]?token|credential|session)s?(?:$|[_.-])"
)
"""Query parameters named like a credential: `key`, `api_key`, `access_token`, `sig`, `auth`..."""

MIN_SECRET_LENGTH = 16
"""Shortest query-parameter value taken for a secret: shorter ones are ids, flags or page names."""
MIN_ENTROPY_BITS = 3.5
"""Shannon entropy per character above which a value is random, not a word: English words score
about 2.5 to 3.2, random base-64 or hex of 16+ characters 3.6 to 4.5."""
PLACEHOLDER = re.compile(r"\{\{|\{%|\$\{|<[A-Za-z_-]+>|^(?:x+|X+|\*+|\.+)$|REPLACE|CHANGE|YOUR[_-]")
"""A value that stands for a secret rather than being one: a template or an obvious stand-in."""


def entropy(text: str) -> float:
    """Shannon entropy of `text`, in bits per character."""
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def _message(what: str, value: str) -> str:
    return (
        f"`{mask(value)}` looks like {what}; delete it and revoke it with the provider (it stays in "
        "git history), and keep credentials in a secret store, never in playbook files"
    )


def _shapes(text: str) -> Iterable[Finding]:
    lower = text.lower()
    for shape in SHAPES:
        within = lower if shape.pattern.flags & re.IGNORECASE else text
        if shape.triggers and not any(t in within for t in shape.triggers):
            continue  # a pattern with a leading \b is slow to try; a substring test is not
        for m in shape.pattern.finditer(text):
            value = m.group("value")
            if not PLACEHOLDER.search(value):
                yield Finding(m.start("value"), value, _message(shape.name, value))


def _query_secrets(text: str) -> Iterable[Finding]:
    for url in URL.finditer(text):
        for m in QUERY_PARAM.finditer(url.group()):
            name, value = unquote(m.group("name")), unquote(m.group("value"))
            if (
                SECRET_PARAM.search(name)
                and len(value) >= MIN_SECRET_LENGTH
                and not PLACEHOLDER.search(value)
                and entropy(value) >= MIN_ENTROPY_BITS
            ):
                at = url.start() + m.start("value")
                yield Finding(
                    at, m.group("value"), _message(f"a secret in the URL parameter `{name}`", value)
                )


def find(text: str) -> list[Finding]:
    """Every credential in `text`, one finding per position, in order."""
    found: dict[int, Finding] = {}
    for f in (*_shapes(text), *_query_secrets(text)):
        found.setdefault(f.offset, f)
    return [found[k] for k in sorted(found)]


def check(book: Playbook) -> list[Diagnostic]:
    files = [(doc.path, doc.text) for doc in yaml_documents(book)] + published_files(book)
    problems: list[Diagnostic] = []
    for shown, text in files:
        for f in find(text):
            pos = line_col(text, f.offset)
            problems.append(error(shown, pos.line, pos.col, RULE, f.message))
    return problems
