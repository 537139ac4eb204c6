"""lint-reply: lint one draft reply exactly as a template of the same context would be linted.

A writer or an agent checks a draft before sending it. The draft becomes the virtual file
`replies/<channel-kind>/<tone>/<fault>/<intent>/draft.md`, the same path shape the lint stage
gives every template, so `.vale.ini` chooses the same context rules. What is not given stays
`unknown`: a `fault` of unknown turns on the rules that infer an owed apology from the text, an
`intent` of unknown the rule that infers a denial. Placeholders in any help desk's syntax
(`[Your name]`, `{{ticket.requester.first_name}}`, `{%customer.firstName%}`) are filled with
sensible values first (`draft_fill`), as the labelling rubric judges a template on its fixed
wording; alerts point at the draft's own lines and columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from .diagnostics import Diagnostic, Severity, error
from .draft_fill import fill
from .model.policy import ChannelKind, Policy
from .model.scenario import Fault, Intent, Tone
from .project import Project, stamp

KINDS: tuple[str, ...] = get_args(ChannelKind)
TONES: tuple[str, ...] = get_args(Tone)
FAULTS: tuple[str, ...] = get_args(Fault)
INTENTS: tuple[str, ...] = get_args(Intent)
UNKNOWN = "unknown"
_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "suggestion": Severity.SUGGESTION}


class DraftError(Exception):
    """A usage problem: an unknown channel or a missing style configuration."""


@dataclass(frozen=True)
class DraftContext:
    """Where a draft would be sent and what it does: the parts of its virtual path."""

    kind: str = "email"
    tone: str = UNKNOWN
    fault: str = UNKNOWN
    intent: str = UNKNOWN

    def virtual_path(self) -> str:
        return f"replies/{self.kind}/{self.tone}/{self.fault}/{self.intent}/draft.md"


_CONTROL = {*range(0, 9), 11, 12, *range(14, 32), 127}


def decode_draft(data: bytes, shown: str) -> str:
    """The draft as text; binary or non-UTF-8 input is a DraftError naming where it goes wrong."""
    if b"\0" in data or (data and sum(b in _CONTROL for b in data[:4096]) > len(data[:4096]) // 10):
        raise DraftError(
            f"{shown} is not text (it holds binary data); give a plain-text draft saved as UTF-8"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DraftError(
            f"{shown}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}); save the draft as UTF-8 and try again"
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


_POLICIES: dict[tuple[object, ...], Policy | None] = {}


def _policy(project: Project) -> Policy | None:
    """policy.yaml as a model, loaded once while the file stays the same."""
    from .playbook import load_policy

    key = stamp(project.playbooks / "policy.yaml")
    if key not in _POLICIES:
        _POLICIES.clear()
        _POLICIES[key] = load_policy(project.playbooks, project.root)[0]
    return _POLICIES[key]


def policy_channels(project: Project) -> dict[str, str]:
    """Channel id -> channel kind from `playbooks/policy.yaml` (empty when it cannot be read)."""
    policy = _policy(project)
    if policy is None:
        return {}
    return {cid: ch.kind for cid, ch in policy.channels.items()}


def brand_name(project: Project) -> str:
    """The brand a `[Company name]` placeholder stands for: policy.yaml's, else a neutral one."""
    policy = _policy(project)
    return policy.brand.name if policy is not None else "Example"


def channel_kind(project: Project, channel: str | None) -> str:
    """A generic kind is used as it is; a channel id from policy.yaml gives its kind."""
    if channel is None:
        return "email"
    if channel in KINDS:
        return channel
    channels = policy_channels(project)
    if channel in channels:
        return channels[channel]
    known = ", ".join(sorted(set(channels) | set(KINDS)))
    raise DraftError(f"unknown channel `{channel}`; use a channel id from policy.yaml or a kind: {known}")


def lint_draft(
    project: Project, text: str, context: DraftContext, shown: str = "-", *, bounded: bool = True
) -> list[Diagnostic]:
    """Every alert of the house style on `text`, located in the draft as `shown:line:col`.

    `bounded` lints in a forked child within the time limit (the command line); a harness that
    lints hundreds of known drafts in a row may turn it off: the alerts are the same.
    """
    from .bounded import Failed
    from .lint import engine_for, lint_bounded, quoted
    from .vale import ValeConfigError, ValeRuntimeError

    if not project.vale_config.is_file():
        raise DraftError(f"no .vale.ini in {project.root}; the house style is configured there")
    try:  # the same engine `playbook check` uses (mkdocs.yml `vale_engine`, default auto)
        engine = engine_for(project, project.vale_engine)
    except ValeConfigError as exc:
        raise DraftError(f"the house style does not load: {getattr(exc, 'message', exc)}") from exc
    except (ValueError, ValeRuntimeError) as exc:
        raise DraftError(f"cannot use the `{project.vale_engine}` lint engine ({exc})") from exc
    filled = fill(text, brand_name(project))
    path = context.virtual_path()
    if bounded:
        (found,) = lint_bounded(engine, [(path, filled.text)])
    else:
        found = engine.lint_text(filled.text, path)
    if isinstance(found, Failed):
        return [error(shown, 1, 1, "lint-stopped", f"the house style was stopped: {found.reason}; "
                      "shorten the draft or move long codes and pasted text out of it")]
    out = []
    for alert in found:
        level = _LEVELS.get(alert.severity, Severity.WARNING)
        line, col = filled.position(alert.line, alert.span[0])
        out.append(Diagnostic(shown, line, col, level, alert.check, quoted(alert.message, alert.match or "")))
    return sorted(out, key=Diagnostic.sort_key)
