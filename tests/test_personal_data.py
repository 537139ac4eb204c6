"""The personal-data check: each kind of real data is refused at its line, look-alikes are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks.personal_data import Accepted, find, iban_ok, luhn_ok
from generator.pipeline import run
from generator.project import Project
from generator.site import build_site

from .conftest import EXAMPLE, minimal, write

ACCEPTED = Accepted.of(
    "brightwell.com", ["+1 415 867 5309", "press@newsdesk.co.uk", "GB29 NWBK 6016 1331 9268 19"]
)


def flagged(text: str) -> list[str]:
    return [f.value for f in find(text, ACCEPTED)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("paid with 4111 1111 1111 1111 yesterday", "4111 1111 1111 1111"),
        ("card 5555-5555-5555-4444", "5555-5555-5555-4444"),
        ("amex 378282246310005.", "378282246310005"),
        ("write to jane.doe@gmail.com today", "jane.doe@gmail.com"),
        ("cc: Sam.O'Neil+orders@outlook.co.uk", "O'Neil+orders@outlook.co.uk"[2:]),
        ("call (212) 867-5309 after six", "(212) 867-5309"),
        ("call 1-800-867-5309", "1-800-867-5309"),
        ("call 212.555.1212", "212.555.1212"),  # a 555 number outside 0100-0199 is in service
        ("mobile 07911 123456", "07911 123456"),
        ("office 020 7123 4567", "020 7123 4567"),
        ("office +44 (0)20 7123 4567", "+44 (0)20 7123 4567"),
        ("Berlin +49 30 1234567", "+49 30 1234567"),
        ("IBAN DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00"),
        ("IBAN GB82WEST12345698765432", "GB82WEST12345698765432"),
        ("NI number AB 12 34 56 C", "AB 12 34 56 C"),
        ("NI JG103759A", "JG103759A"),
        ("SSN 078-05-1120", "078-05-1120"),
        ("SSN 219 09 9999", "219 09 9999"),
    ],
)
def test_real_looking_values_are_found(text: str, value: str):
    assert flagged(text) == [value]


@pytest.mark.parametrize(
    "text",
    [
        "order BW-4111111111111111 shipped",  # an order number, even a Luhn-valid one
        "order 4111111111111112",  # 16 digits, not Luhn-valid
        "order 1234567890123456",  # no card issuer starts with 1
        "invoice 7455000088001234",  # no card issuer starts with 7
        "USPS 9400 1000 0000 0000 0000 00",  # a tracking number longer than any card
        "UPS 1Z999AA10123456784",
        "case C-20931, order BW-482913, refund RF-77120",
        "a fee of $7,455.00 on an order of $88.00 (1,234,567.89 in total)",
        "charged on 2026-12-01 at 22:00, open Mon-Fri 8:00-20:00 ET, 24/7",
        "phone ext. 4410; queue 4500; 3 to 5 business days",
        "version 10.4.1234.5678, build 2026.12.02.1530",
        "name@example.com, help@support.example.org, a@b.example, x@y.test, z@host.invalid",
        "support@brightwell.com and care@uk.brightwell.com",  # the brand's own domain
        "call 555-0142 or (415) 555-0199 or +1 212 555 0100",  # fictional North American lines
        "mobile 07700 900123, London 020 7946 0018, Manchester 0161 496 0999",  # Ofcom drama ranges
        "freephone 08081 570123, no area 01632 960001",
        "+1 415 867 5309 and (415) 867-5309, press@newsdesk.co.uk",  # listed in public_contacts
        "our account GB29 NWBK 6016 1331 9268 19",  # listed in public_contacts
        "IBAN GB82 WEST 1234 5698 7654 33",  # fails the mod-97 check
        "HMRC's example QQ 12 34 56 C; prefixes GB 12 34 56 A and ZZ 12 34 56 A are never issued",
        "SSNs 000-12-3456, 666-12-3456, 987-65-4321, 123-00-4567 and 123-45-0000 are never issued",
        "{{ customer.email }} and {{ order.id }}",
    ],
)
def test_look_alikes_are_not_flagged(text: str):
    assert flagged(text) == []


def test_luhn_and_mod97():
    assert luhn_ok("4242424242424242") and not luhn_ok("4242424242424241")
    assert iban_ok("GB82WEST12345698765432") and not iban_ok("GB82WEST12345698765423")


def test_messages_mask_the_value_and_say_what_to_use():
    (card,) = find("4111 1111 1111 1111")
    assert "`4111…`" in card.message and "1111 1111" not in card.message
    (mail,) = find("jane.doe@gmail.com", Accepted.of("brightwell.com", []))
    assert "name@example.com" in mail.message and "brightwell.com" in mail.message
    assert "public_contacts" in mail.message and "jane.doe" not in mail.message
    (phone,) = find("(212) 867-5309")
    assert "555-0142" in phone.message and "07700 900123" in phone.message


SEEDED = {
    # what is pasted where, and the text the error must point at
    "summary": ("an $88 item. The charge", "an $88 item, call 07911 123456. The charge", "07911 123456"),
    "signal": ("  - why is delivery so expensive", "  - mail me at jane.doe@gmail.com", "jane.doe@"),
    "example": ("example: RF-77120", 'example: "4111 1111 1111 1111"', "4111 1111"),
    "subject": ('has been refunded"', 'has been refunded to GB82 WEST 1234 5698 7654 32"', "GB82 WEST"),
    "body": ("      card today. The refund", "      card today (SSN 078-05-1120). The refund", "078-05"),
    "do": (
        "  - Apologize once, plainly,",
        "  - Note NI number AB 12 34 56 C. Apologize once, plainly,",
        "AB 12 34",
    ),
}
"""One of each class (phone, e-mail, card, IBAN, SSN, NINO), each in another kind of value."""


def _seed(project: Path, where: str) -> list[str]:
    path = project / "playbooks" / EXAMPLE
    old, new, _ = SEEDED[where]
    text = path.read_text()
    assert text.count(old) == 1, where
    path.write_text(text.replace(old, new))
    return path.read_text().splitlines()


@pytest.mark.parametrize("where", sorted(SEEDED))
def test_seeded_real_data_is_refused_at_its_line(project: Path, where: str):
    lines = _seed(project, where)
    (problem,) = run(Project(project), lint=False).diagnostics
    assert (problem.path, problem.rule, problem.severity.value) == (
        "playbooks/" + EXAMPLE,
        "personal-data",
        "error",
    )
    assert lines[problem.line - 1][problem.col - 1 :].startswith(SEEDED[where][2])


def test_policy_domain_and_public_contacts_accept_values_on_purpose(project: Path):
    policy = project / "playbooks" / "policy.yaml"
    text = policy.read_text()
    write(
        project,
        "playbooks/delivery/late-parcel.yaml",
        minimal().replace(
            "will arrive by Friday.", "will arrive by Friday. Call 0121 234 5678 or mail help@brightwell.com."
        ),
    )
    found = [(d.line, d.rule) for d in run(Project(project), lint=False).diagnostics]
    assert found == [(18, "personal-data"), (18, "personal-data")]
    text = text.replace("domain: brightwell.example", "domain: brightwell.com")
    text = text.replace("public_contacts:\n", "public_contacts:\n  - 0121 234 5678\n")
    policy.write_text(text)
    assert run(Project(project), lint=False).diagnostics == []


def test_policy_itself_is_checked(project: Path):
    policy = project / "playbooks" / "policy.yaml"
    policy.write_text(policy.read_text().replace("phone ext. 4410", "phone 020 7123 4567"))
    (problem,) = run(Project(project), lint=False).diagnostics
    assert (problem.path, problem.rule) == ("playbooks/policy.yaml", "personal-data")
    assert policy.read_text().splitlines()[problem.line - 1][problem.col - 1 :].startswith("020 7123")


def test_hand_written_pages_are_checked(project: Path):
    write(project, "docs/extra.md", "# Extra\n\nOur old contact was jo.bloggs@yahoo.com.\n")
    (problem,) = run(Project(project), lint=False).diagnostics
    assert (problem.path, problem.line, problem.col, problem.rule) == (
        "docs/extra.md",
        3,
        21,
        "personal-data",
    )


@pytest.mark.slow
def test_the_site_is_not_built_with_flagged_data(project: Path, tmp_path: Path):
    site = tmp_path / "site"
    _, built = build_site(Project(project), site)
    assert built
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    page = (site / "billing/absurd-shipping-charge/index.html").read_text()
    _seed(project, "example")
    result, built = build_site(Project(project), site)
    assert not built
    assert [d.rule for d in result.diagnostics if d.severity.value == "error"] == ["personal-data"]
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert (site / "billing/absurd-shipping-charge/index.html").read_text() == page
    assert "4111" not in page


def test_a_value_made_only_by_rendering_is_refused_at_the_template(project: Path):
    text = minimal().replace("will arrive by Friday.", "will arrive by Friday. Call 020 {{ line }}.")
    text = text.replace(
        "replies:\n", "variables:\n  line: {description: Direct line, example: 7123 4567}\nreplies:\n"
    )
    path = write(project, "playbooks/delivery/late-parcel.yaml", text)
    (problem,) = run(Project(project), lint=False).diagnostics
    assert (problem.rule, problem.path) == ("personal-data", "playbooks/delivery/late-parcel.yaml")
    assert path.read_text().splitlines()[problem.line - 1].endswith("body: |")
    assert problem.message.startswith(
        "once its placeholders are filled with their examples, the reply reads `020 "
    )


def test_shape_gates_never_hide_a_finding() -> None:
    """Each number finder runs only on a text holding its shape (`NUMBER_FINDERS`); on random
    texts made of digits, separators, capitals and pieces of numbers, the gated search finds
    exactly what every finder finds run on its own."""
    import random

    from generator.checks import personal_data

    rng = random.Random(11)
    pieces = [*"0123456789" * 3, *"  --.()+ABCD", "GB", "DE", "QQ", "AB", "NW", "00"]
    pieces += ["555", "0100", "07700", "12", "34 ", "-56", "6789"]
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(6, 24)))
        ungated = sorted(
            (f.offset, f.value) for _, _, finder in personal_data.NUMBER_FINDERS for f in finder(text)
        )
        assert [(f.offset, f.value) for f in find(text)] == ungated, text
