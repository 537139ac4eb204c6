"""Find and decode the playbook: `policy.yaml` and every scenario file, into typed models.

Load and model stages for a whole playbook directory. Files are found in a fixed, sorted order;
symlinks that lead outside the repository are refused; every file is decoded even when others
fail, so one run reports every problem.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, error
from .load import Document, load_file
from .model import Policy, Scenario
from .progress import QUIET, Progress
from .validate import validate

POLICY_FILE = "policy.yaml"


@dataclass(frozen=True)
class ScenarioFile:
    """A decoded scenario with the document it came from (for positions)."""

    scenario: Scenario
    document: Document
    file: Path


@dataclass
class Playbook:
    """Everything decoded from a playbook directory, plus the problems found on the way."""

    root: Path
    policy: Policy | None
    policy_document: Document | None
    scenarios: list[ScenarioFile] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    known_ids: set[str] = field(default_factory=set)
    whole: bool = True  # False when only some scenario files were loaded (`playbook check FILE`)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def display_path(file: Path, base: Path) -> str:
    """The path shown in diagnostics: relative to `base` when inside it, with `/`."""
    for candidate, root in ((file.absolute(), base.absolute()), (file.resolve(), base.resolve())):
        try:
            return candidate.relative_to(root).as_posix()
        except ValueError:
            continue
    return file.as_posix()


def scenario_files(directory: Path) -> list[Path]:
    """Every `*.yaml`/`*.yml` file below `directory` except the policy, in sorted order.

    Symlinked folders inside the repository are followed once; one that leads outside it is
    returned as it is, so loading reports it instead of silently skipping its files.
    """
    found: list[Path] = []
    repository = directory.resolve().parent
    seen: set[Path] = set()
    for dirpath, dirnames, filenames in os.walk(directory, followlinks=True):
        real = Path(dirpath).resolve()
        if real in seen:
            dirnames[:] = []
            continue
        seen.add(real)
        kept = []
        for name in sorted(d for d in dirnames if not d.startswith(".")):
            sub = Path(dirpath) / name
            if sub.is_symlink() and _outside(sub, repository):
                found.append(sub)
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                path = Path(dirpath) / name
                if path.parent == directory and name == POLICY_FILE:
                    continue
                found.append(path)
    return sorted(found)


def _outside(path: Path, repository: Path) -> bool:
    try:
        path.resolve().relative_to(repository.resolve())
    except ValueError:
        return True
    return False


def _linked_outside(shown: str) -> Diagnostic:
    return error(
        shown,
        1,
        1,
        "symlink-outside",
        "this links outside the repository; copy the file or folder in instead",
    )


def load_policy(directory: Path, base: Path) -> tuple[Policy | None, Document | None, list[Diagnostic]]:
    file = directory / POLICY_FILE
    shown = display_path(file, base)
    if not file.is_file():
        return (
            None,
            None,
            [
                error(
                    shown,
                    1,
                    1,
                    "missing-policy",
                    f"no {POLICY_FILE} in {display_path(directory, base)}; create it (see README)",
                )
            ],
        )
    if _outside(file, base):
        return None, None, [_linked_outside(shown)]
    document, problems = load_file(file, shown)
    if document.data is None:
        return None, document, problems
    policy, more = validate(document, Policy)
    return policy, document, problems + more


def load_scenario(file: Path, base: Path) -> tuple[Document | None, ScenarioFile | None, list[Diagnostic]]:
    shown = display_path(file, base)
    if _outside(file, base):
        return None, None, [_linked_outside(shown)]
    document, problems = load_file(file, shown)
    if document.data is None:
        return document, None, problems
    scenario, more = validate(document, Scenario)
    # a value the loader already refused (e.g. 2026-02-30) is not reported a second time
    refused = {(p.line, p.col) for p in problems}
    more = [m for m in more if (m.line, m.col) not in refused]
    if scenario is None:  # may still be set when only unknown keys were wrong
        return document, None, problems + more
    return document, ScenarioFile(scenario, document, file), problems + more


BATCHES = 4
"""Parts a large playbook is loaded in when the caller takes each part as it is ready (`each`).
The first part's lint starts while the next loads, and the same children lint every part
(`bounded.Pool`), so a part costs no fork and no cold start (1,000 and 5,000 synthetic scenarios: 4
and 8 parts within 2% of each other)."""

BATCH_FILES = 100
"""Fewest files in such a part: a small playbook is one part."""


def load_playbook(
    directory: Path,
    base: Path,
    only: list[Path] | None = None,
    progress: Progress = QUIET,
    each: Callable[[Playbook, list[ScenarioFile]], None] | None = None,
) -> Playbook:
    """Decode the policy and the scenarios (all of them, or just `only`).

    `each(book, scenarios)` is called with every part of the scenarios as soon as it is decoded
    (`BATCHES` parts, of `BATCH_FILES` files at least), so the caller can start work on it, in
    forked children, while the rest loads; the parts, in order, are all the scenarios."""
    policy, policy_doc, problems = load_policy(directory, base)
    book = Playbook(directory, policy, policy_doc, whole=only is None, diagnostics=problems)
    every_file = scenario_files(directory)
    book.known_ids = {f.name.rsplit(".", 1)[0] for f in every_file}
    files = every_file if only is None else only
    progress.stage("loading scenario files", len(files))
    # Loading makes a hundred long-lived objects per scenario and no garbage cycles worth
    # collecting: the cyclic collector would walk the growing heap again and again. It is paused
    # while files load, and what they made is then moved out of its sight (`gc.freeze`), so the
    # later stages do not pay the walk instead. Reference counting still frees everything.
    was_enabled = gc.isenabled()
    gc.disable()
    size = max(BATCH_FILES, -(-len(files) // BATCHES))
    handed = 0  # scenarios already given to `each`
    try:
        for n, file in enumerate(files, 1):
            progress.advance()
            document, loaded, more = load_scenario(file, base)
            book.diagnostics.extend(more)
            if document is not None:
                book.documents.append(document)
            if loaded is not None:
                book.scenarios.append(loaded)
            if each is not None and (n % size == 0 or n == len(files)) and len(book.scenarios) > handed:
                each(book, book.scenarios[handed:])
                handed = len(book.scenarios)
                progress.stage("loading scenario files", len(files))
                progress.advance(n)
    finally:
        if was_enabled:
            gc.freeze()
            gc.enable()
    return book
