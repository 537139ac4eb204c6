"""Model building blocks shared by the policy and the scenarios: ids, durations, amounts.

Part of the model stage: typed values that every YAML input is decoded into, so no untyped
dict travels past validation.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints


class Strict(BaseModel):
    """Base of every model: unknown keys are errors, values are immutable after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
IDENT_PATTERN = r"^[a-z][a-z0-9_]*$"
PLACEHOLDER_PATTERN = r"^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*$"

Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Lower-case words joined by hyphens, e.g. `absurd-shipping-charge`."),
]
Ident = Annotated[
    str,
    StringConstraints(pattern=IDENT_PATTERN, max_length=60),
    Field(description="A lower-case identifier with underscores, e.g. `team_lead`."),
]
PlaceholderName = Annotated[
    str,
    StringConstraints(pattern=PLACEHOLDER_PATTERN, max_length=80),
    Field(description="A placeholder name, dotted for grouping, e.g. `order.id`."),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]

_DURATION = re.compile(r"^\s*(?:(\d+)\s*w)?\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$")


def parse_duration(text: str) -> timedelta:
    """Parse `30m`, `4h`, `1d 12h`, `2w` into a timedelta; raise ValueError otherwise."""
    match = _DURATION.match(text)
    if not text.strip() or not match or not any(match.groups()):
        raise ValueError(
            f"`{text}` is not a duration; write a number and a unit: `30m`, `4h`, `2d`, `1w` or `1d 12h`"
        )
    weeks, days, hours, minutes = (int(g or 0) for g in match.groups())
    delta = timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)
    if delta <= timedelta(0):
        raise ValueError(f"`{text}` is zero; a deadline must be longer than that")
    return delta


def _check_duration(text: str) -> str:
    parse_duration(text)
    return text.strip()


Duration = Annotated[
    str,
    AfterValidator(_check_duration),
    Field(description="A duration such as `30m`, `4h`, `2d` or `1d 12h`."),
]


def format_duration(text: str) -> str:
    """Say a duration the way an agent reads it: `4h` becomes `4 hours`."""
    delta = parse_duration(text)
    minutes = int(delta.total_seconds() // 60)
    parts = []
    for size, unit in ((7 * 24 * 60, "week"), (24 * 60, "day"), (60, "hour"), (1, "minute")):
        n, minutes = divmod(minutes, size)
        if n:
            parts.append(f"{n} {unit}{'' if n == 1 else 's'}")
    return " ".join(parts)


Amount = Annotated[float, Field(ge=0, description="An amount in the policy currency, 0 or more.")]
Limit = Amount | Literal["unlimited"]
"""A money limit: an amount in the policy currency, or `unlimited`."""
