"""Context rules: each `.vale.ini` glob section really applies to the virtual paths the lint stage uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.lint import virtual_path
from generator.lint_reply import DraftContext
from generator.vale import Engine
from generator.vale.globs import compile_glob

from .corpus import ROOT


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.from_config(ROOT / ".vale.ini")


def rules(engine: Engine, text: str, path: str) -> set[str]:
    return {a.check for a in engine.lint_text(text, path=path)}


def reply(body: str) -> str:
    return f"Hi Maya,\n\n{body}\n\nJordan\nBrightwell Support\n"


PRIVATE = reply("Please reply with your order number and I will check it within 1 hour.")
NO_APOLOGY = reply("Your order left our warehouse late. It will now arrive on Friday.")
CASUAL_DENIAL = reply("No worries, we do not refund price differences. I can offer store credit today.")
CASUAL_REFUSAL = reply("Nope, we cannot refund this one, sorry :( I can offer store credit today.")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("replies/social/warm/customer/resolve/s--r.md", True),
        ("replies/review/formal/ours/move_private/s--r.md", True),
        ("replies/email/warm/customer/resolve/s--r.md", False),
        ("replies/chat/warm/customer/resolve/s--r.md", False),
    ],
)
def test_private_data_only_in_public_channels(engine, path, expected):
    assert ("Playbook.PublicPrivateData" in rules(engine, PRIVATE, path)) is expected


@pytest.mark.parametrize(
    ("fault", "rule"),
    [
        ("ours", "Playbook.Apology"),
        ("unknown", "Playbook.ApologyOwed"),
        ("customer", None),
        ("third_party", None),
    ],
)
def test_apology_by_fault(engine, fault, rule):
    found = rules(engine, NO_APOLOGY, f"replies/email/warm/{fault}/resolve/s--r.md")
    assert found & {"Playbook.Apology", "Playbook.ApologyOwed"} == ({rule} if rule else set())


@pytest.mark.parametrize(
    ("tone", "intent", "expected"),
    [
        ("warm", "deny", True),
        ("formal", "resolve", True),
        ("warm", "resolve", False),
        ("empathetic", "update", False),
    ],
)
def test_denial_tone_in_denials_and_formal_replies(engine, tone, intent, expected):
    found = rules(engine, CASUAL_DENIAL, f"replies/email/{tone}/customer/{intent}/s--r.md")
    assert ("Playbook.DenialTone" in found) is expected


def test_denial_inferred_only_when_intent_unknown(engine):
    assert "Playbook.DenialToneInferred" in rules(
        engine, CASUAL_REFUSAL, "replies/chat/warm/customer/unknown/draft.md"
    )
    assert "Playbook.DenialToneInferred" not in rules(
        engine, CASUAL_REFUSAL, "replies/chat/warm/customer/resolve/s.md"
    )
    # a casual reply that refuses nothing is left alone
    casual = reply("No worries, your new lamp ships today!")
    assert "Playbook.DenialToneInferred" not in rules(
        engine, casual, "replies/chat/warm/unknown/unknown/draft.md"
    )


def test_every_section_matches_the_lint_stage_paths():
    """Each glob section of .vale.ini matches at least one path shape the lint stage produces."""
    sections = [
        line.strip()[1:-1] for line in (ROOT / ".vale.ini").read_text().splitlines() if line.startswith("[")
    ]
    assert len(sections) >= 6

    class R:
        def __init__(self, **kw):
            self.__dict__.update(kw)

    paths = []
    for kind in ("email", "chat", "social", "review", "phone", "bot"):
        for tone in ("warm", "empathetic", "apologetic", "formal"):
            for fault in ("ours", "customer", "third_party", "unknown"):
                for intent in ("resolve", "deny", "move_private"):
                    fake = R(reply=R(tone=tone, intent=intent, id="r"), scenario=R(fault=fault, id="s"))
                    paths.append(virtual_path(fake, kind))  # type: ignore[arg-type]
    drafts = [
        DraftContext(kind, "unknown", "unknown", "unknown").virtual_path() for kind in ("email", "social")
    ]
    paths += drafts
    for section in sections:
        glob = compile_glob(section)
        assert any(glob.match(p) for p in paths), section
    assert compile_glob("replies/{social,review}/**.md").match("replies/review/warm/ours/resolve/s--r.md")
    assert not compile_glob("replies/*/*/ours/**.md").match("replies/email/warm/customer/ours--x.md")
    assert Path(ROOT / "styles/Playbook").is_dir()


UNSIGNED = "Hi there,\n\nI have reset your password link. It works for 30 minutes, so use it today.\n"
NO_GREETING = "I have reset your password link. It works for 30 minutes, so use it today.\n"


@pytest.mark.parametrize(
    ("kind", "greeting", "sign_off"),
    [
        ("email", "Playbook.Greeting", True),
        ("letter", "Playbook.Greeting", True),
        ("review", "Playbook.GenericGreeting", True),
        ("form", None, True),
        ("survey", None, True),
        ("chat", None, False),
        ("phone", None, False),
        ("social", None, False),
        ("sms", None, False),
        ("bot", None, False),
    ],
)
def test_structure_rules_run_by_channel_kind(engine, kind, greeting, sign_off):
    """A named greeting for email and letters, no generic one on reviews; a named sign-off where a
    person signs."""
    path = f"replies/{kind}/warm/customer/resolve/s--r.md"
    found = rules(engine, UNSIGNED, path)
    greetings = {"Playbook.Greeting", "Playbook.GenericGreeting"}
    assert found & greetings == ({greeting} if greeting else set())
    assert ("Playbook.SignOff" in found) is sign_off
    assert found - greetings - {"Playbook.SignOff"} == set()
    # no greeting at all: email and letters still ask for one, a review reply may start straight in
    bare = rules(engine, NO_GREETING, path) & greetings
    assert bare == ({"Playbook.Greeting"} if greeting == "Playbook.Greeting" else set())


def test_tone_guide_says_where_each_rule_runs():
    from generator.project import Project
    from generator.toneguide import load_rules, tone_guide_page

    docs = {r.name: r for r in load_rules(Project(ROOT))}
    assert docs["Greeting"].channels == ("email", "letter")
    assert docs["GenericGreeting"].channels == ("review",)
    assert docs["SignOff"].channels == ("email", "letter", "review", "form", "survey")
    assert docs["PublicPrivateData"].channels == ("social", "review")
    assert docs["Spelling"].channels_text == "every channel"
    page = tone_guide_page(Project(ROOT))
    assert "**Runs on:** email, letter, review, form, survey" in page
    assert "| Channels |" in page


def test_generic_greeting_is_greeting_without_the_missing_greeting_case():
    """Vale scripts cannot share code or see their path, so the review rule is a copy of Greeting
    with one line changed (a reply with no greeting line passes); any other drift fails here."""
    import yaml

    styles = ROOT / "styles" / "Playbook"
    greeting = yaml.safe_load((styles / "Greeting.yml").read_text(encoding="utf-8"))["script"]
    generic = yaml.safe_load((styles / "GenericGreeting.yml").read_text(encoding="utf-8"))["script"]
    strict = '  if i == 0 && len(words) > 0 && text.has_prefix(words[0], "@") { ok = true }\n'
    assert strict in greeting
    assert generic == greeting.replace(strict, "  if i == 0 { ok = true }\n")
