"""The rule types, one module each, and the explicit registry ``EXTENSION_POINTS``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..definition import Rule
from .capitalization import Capitalization
from .conditional import Conditional
from .consistency import Consistency
from .existence import Existence
from .metric import Metric
from .occurrence import Occurrence
from .readability import Readability
from .repetition import Repetition
from .script import Script
from .sequence import Sequence
from .spelling import Spelling
from .substitution import Substitution

# Order as Vale prints it in its "'extends' key must be one of ..." error.
EXTENSION_POINTS: dict[str, Callable[[Any, dict, str], Rule]] = {
    "capitalization": Capitalization,
    "conditional": Conditional,
    "consistency": Consistency,
    "existence": Existence,
    "occurrence": Occurrence,
    "repetition": Repetition,
    "substitution": Substitution,
    "readability": Readability,
    "spelling": Spelling,
    "sequence": Sequence,
    "metric": Metric,
    "script": Script,
}

__all__ = ["EXTENSION_POINTS"]
