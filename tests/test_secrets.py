"""The secret check: keys and tokens anywhere in the playbook's files, masked and located."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.secrets import entropy, find
from generator.pipeline import run
from generator.project import Project

from .conftest import EXAMPLE, write

# Built from parts so that this file is not itself a list of secrets for other scanners.
AWS = "AKIA" + "IOSFODNN7EXAMPLE"
GITHUB = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"
GITHUB_PAT = "github_pat_" + "11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGH"
SLACK = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"
STRIPE = "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc"
GOOGLE = "AIza" + "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"
TWILIO = "SK" + "0123456789abcdef0123456789abcdef"
SENDGRID = "SG." + "ngeVfQFYQlKU0ufo8x5d1A" + "." + "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"
JWT = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
PRIVATE_KEY = "-----BEGIN " + "RSA PRIVATE KEY-----"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (f"aws_access_key_id = {AWS}", AWS),
        (
            f"aws_secret_access_key: {'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY'}",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ),
        (f"token {GITHUB} here", GITHUB),
        (GITHUB_PAT, GITHUB_PAT),
        (f"slack: {SLACK}", SLACK),
        (f"stripe {STRIPE}", STRIPE),
        (f"maps key {GOOGLE}", GOOGLE),
        (f"twilio {TWILIO}", TWILIO),
        (f"sendgrid {SENDGRID}", SENDGRID),
        (f"{PRIVATE_KEY}\nMIIEpAIBAAKCAQEA...\n", PRIVATE_KEY),
        (f"session {JWT}", JWT),
        ("Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
        (
            "https://brightwell.zendesk.com/api/v2/tickets.json?access_token=Zx81kPq0VbLm29TnRw7Y",
            "Zx81kPq0VbLm29TnRw7Y",
        ),
        (
            "https://api.example.com/v1?format=json&api_key=a8Fj3kQ9zL2mX7pR4tV1&page=2",
            "a8Fj3kQ9zL2mX7pR4tV1",
        ),
        (
            "https://files.example.com/a.pdf?X-Amz-Signature=4f2b9c1e8d7a6b5c4d3e2f1a0b9c8d7e",
            "4f2b9c1e8d7a6b5c4d3e2f1a0b9c8d7e",
        ),
        ("ftp://admin:Hunter2Secret@files.example.com/", "Hunter2Secret"),
    ],
)
def test_secrets_are_found_at_the_value(text: str, value: str):
    (finding,) = find(text)
    assert finding.value == value
    assert text[finding.offset :].startswith(value)
    assert f"`{value[:4]}…`" in finding.message and value[4:12] not in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "https://help.brightwell.example/refunds?topic=shipping-charges&lang=en",
        "https://example.com/search?q=refund+to+a+closed+card+please+now",  # not a key-like name
        "https://example.com/reset?token=expired",  # too short to be a token
        "https://example.com/unsubscribe?token=aaaaaaaaaaaaaaaaaaaaaaaa",  # not random
        "https://example.com/x?key={{ api_key }}&secret=${SECRET}&auth=<your-token>",  # stand-ins
        "use the bearer token from the vault; the key is in 1Password",
        "ask the customer for the last four digits (ask, never store); sk_live_ keys start so",
        "AKIA is how AWS key ids start; ghp_ is a GitHub prefix",
        "-----BEGIN PUBLIC KEY-----",
        "order BW-482913, case C-20931, refund RF-77120",
    ],
)
def test_mentions_and_ordinary_urls_are_not_secrets(text: str):
    assert find(text) == []


def test_entropy_separates_words_from_random_values():
    assert entropy("aaaaaaaa") == 0
    assert entropy("shippingcharges") < 3.5 < entropy("a8Fj3kQ9zL2mX7pR4tV1")


def test_a_secret_in_a_yaml_comment_is_found_at_its_line(project: Path):
    path = project / "playbooks" / EXAMPLE
    lines = path.read_text().splitlines()
    lines.insert(3, f"# temporary: {STRIPE}")
    path.write_text("\n".join(lines) + "\n")
    (problem,) = run(Project(project), lint=False).diagnostics
    assert (problem.path, problem.line, problem.col, problem.rule) == (
        "playbooks/" + EXAMPLE,
        4,
        14,
        "secret",
    )
    assert STRIPE not in problem.message and "`sk_l…`" in problem.message
    assert "revoke" in problem.message


@pytest.mark.parametrize(
    "secret", [AWS, GITHUB, GITHUB_PAT, SLACK, STRIPE, GOOGLE, TWILIO, SENDGRID, JWT, PRIVATE_KEY]
)
def test_each_class_of_seeded_secret_is_refused_at_its_line(project: Path, secret: str):
    path = project / "playbooks" / EXAMPLE
    text = path.read_text().replace("      Best wishes,\n", f"      Best wishes, {secret}\n", 1)
    path.write_text(text)
    (problem,) = run(Project(project), lint=False).diagnostics
    assert (problem.path, problem.rule, problem.severity.value) == ("playbooks/" + EXAMPLE, "secret", "error")
    line = path.read_text().splitlines()[problem.line - 1]
    assert line[problem.col - 1 :].startswith(secret) and secret[4:] not in problem.message


def test_a_secret_in_a_reply_url_is_found(project: Path):
    path = project / "playbooks" / EXAMPLE
    text = path.read_text()
    text = text.replace(
        "      Best wishes,\n",
        f"      https://track.example.com/p?auth={'Q7vX2mN9pL4kR8sT1wY6'}\n      Best wishes,\n",
        1,
    )
    path.write_text(text)
    problems = [d for d in run(Project(project), lint=False).diagnostics if d.rule == "secret"]
    assert len(problems) == 1
    line = path.read_text().splitlines()[problems[0].line - 1]
    assert line[problems[0].col - 1 :].startswith("Q7vX2mN9")


@pytest.mark.parametrize(
    ("rel", "text"),
    [
        ("mkdocs.yml", None),
        ("templates/home.md.j2", None),
        ("docs/extra.md", "# Extra\n\nThe widget key is {key}.\n"),
        ("playbooks/policy.yaml", None),
    ],
)
def test_every_published_file_is_scanned(project: Path, rel: str, text: str | None):
    path = project / rel
    if text is None:
        path.write_text(path.read_text() + f"# {GOOGLE}\n")
    else:
        write(project, rel, text.format(key=GOOGLE))
    problems = run(Project(project), lint=False).diagnostics
    assert [(d.path, d.rule) for d in problems] == [(rel, "secret")]


def test_check_of_one_file_scans_that_file(project: Path):
    write(project, "playbooks/billing/other.yaml", f"id: other\n# {GITHUB}\n")
    result = run(Project(project), [project / "playbooks/billing/other.yaml"], lint=False)
    assert ("playbooks/billing/other.yaml", 2, 3, "secret") in [
        (d.path, d.line, d.col, d.rule) for d in result.diagnostics
    ]
