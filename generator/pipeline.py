"""The pipeline: load → model → checks → replies → lint, the one path every command takes.

`run()` calls each stage in order and gathers every diagnostic; the CLI, the MkDocs plugin and
the tests all call it, so what `playbook check` reports is exactly what blocks a build. Data
flows one way, but the stages overlap in time: a large playbook loads in parts, each part is
rendered as soon as it is decoded and its lint starts in forked children while the next part
loads, and the checks run while the last lint children work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import CHECKS, personal_data
from .diagnostics import Diagnostic, has_errors, sort_unique
from .lint import LintStage
from .playbook import Playbook, ScenarioFile, load_playbook
from .progress import QUIET, Progress
from .project import Project
from .replies import RenderedReply, render_replies


@dataclass
class Result:
    """What the pipeline produced, and every problem found on the way."""

    project: Project
    book: Playbook
    replies: list[RenderedReply] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def files_checked(self) -> int:
        return len(self.book.documents) + (self.book.policy_document is not None)

    @property
    def ok(self) -> bool:
        return not has_errors(self.diagnostics)


def _composed(book: Playbook, replies: list[RenderedReply]) -> list[personal_data.Composed]:
    """Each rendered reply and subject with the template and example values it was made from."""
    policy_examples = [str(p.example) for p in book.policy.placeholders.values()] if book.policy else []
    out = []
    for r in replies:
        parts = (*policy_examples, *(str(v.example) for v in r.scenario.variables.values()))
        out.append(personal_data.Composed(r.document, r.body_loc, r.text, (r.reply.body, *parts)))
        if r.subject is not None and r.reply.subject is not None:
            loc = ("replies", r.index, "subject")
            out.append(personal_data.Composed(r.document, loc, r.subject, (r.reply.subject, *parts)))
    return out


def run(
    project: Project,
    only: list[Path] | None = None,
    *,
    lint: bool = True,
    engine: str | None = None,
    progress: Progress = QUIET,
    cache: bool = True,
) -> Result:
    """Run every stage up to lint over the whole playbook, or over just the files in `only`.

    `engine` picks the Vale engine (`auto`, `builtin`, `vale`); by default mkdocs.yml's setting.
    `progress` shows how far each stage has got, on a terminal (see `progress.py`).
    `cache` reads and writes the lint cache (see `lint_cache.py`).
    """
    replies: list[RenderedReply] = []
    rendering: list[Diagnostic] = []
    linting: LintStage | None = None

    def loaded(book: Playbook, part: list[ScenarioFile]) -> None:
        """Render a part of the scenarios as soon as it is decoded, and start its lint: the
        lint's children work on it while the next part loads."""
        nonlocal linting
        progress.stage("rendering replies")  # one batch in forked children: no count to show
        done, problems = render_replies(replace(book, scenarios=part))
        replies.extend(done)
        rendering.extend(problems)
        if lint:
            if linting is None:
                linting = LintStage(project, book, engine or project.vale_engine, cache=cache)
            linting.add(done)

    try:
        book = load_playbook(project.playbooks, project.root, only, progress, each=loaded)
    except BaseException:
        if linting is not None:
            linting.close()
        raise
    diagnostics = list(book.diagnostics) + rendering
    checked: list[Diagnostic] = []

    def step(check: Callable[[Playbook], list[Diagnostic]]) -> Callable[[], None]:
        return lambda: checked.extend(check(book))

    steps = [step(c) for c in CHECKS]
    steps.append(lambda: checked.extend(personal_data.check_composed(book, _composed(book, replies))))
    # The checks need nothing the lint finds, nor it theirs: they run one by one while the lint's
    # children work (whose work is topped up between them), else on their own.
    if linting is not None:
        diagnostics += linting.finish(progress, meanwhile=steps)
    else:
        progress.stage("checking policy and escalation paths")
        for each in steps:
            each()
    diagnostics += checked
    return Result(project, book, replies, sort_unique(diagnostics))
