"""The `playbook` command line: options and help only; each command calls one function.

Exit codes: 0 clean (warnings allowed), 1 problems of severity error, 2 usage or configuration.
Heavy modules are imported inside commands so the on-save `check` starts fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .diagnostics import FORMATTERS, Diagnostic, has_errors, summary
from .project import Project, ProjectNotFound

FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATTERS)),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list of objects; github: Actions annotations.",
)
CHECK_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice([*sorted(FORMATTERS), "sarif"]),
    default="text",
    show_default=True,
    help="text: path:line:col lines; json: a list of objects; github: Actions annotations; "
    "sarif: SARIF 2.1.0 for code scanning.",
)
QUIET_OPTION = click.option(
    "--quiet", "-q", is_flag=True, help="No progress line on the terminal (it never shows in CI or a pipe)."
)
NO_CACHE = click.option(
    "--no-cache",
    is_flag=True,
    help="Lint every reply afresh; neither read nor write .playbook-cache/ (see README).",
)
ROOT = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Repository root (default: nearest folder with playbooks/ at or above the cwd).",
)


def _project(root: Path | None) -> Project:
    try:
        return Project.find(root)
    except ProjectNotFound as exc:
        raise click.UsageError(str(exc)) from exc


def _report(diagnostics: list[Diagnostic], fmt: str, files: int) -> None:
    out = FORMATTERS[fmt](diagnostics)
    if out:
        click.echo(out, nl=False)
    if fmt == "text":
        mark = "✖" if has_errors(diagnostics) else "✔"
        click.echo(f"{mark} {summary(diagnostics, files)}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="playbook-generator")
def cli() -> None:
    """Playbook-as-code: YAML support scenarios to a checked, searchable reply site."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@CHECK_FORMAT
@ROOT
@click.option(
    "--engine",
    type=click.Choice(["auto", "builtin", "vale"]),
    default=None,
    help="Lint engine (default: `vale_engine` in mkdocs.yml, else auto).",
)
@QUIET_OPTION
@NO_CACHE
def check(
    paths: tuple[Path, ...], fmt: str, root: Path | None, engine: str | None, quiet: bool, no_cache: bool
) -> None:
    """Validate, check, render and lint the playbook (or just the scenario files in PATHS); build
    no site. A path that is not a scenario (policy.yaml, a template, a style rule, .vale.ini,
    mkdocs.yml) checks the whole playbook, since it touches every scenario."""
    from .pipeline import run

    project = _project(root)
    only: list[Path] | None = None
    if paths:
        only = []
        playbooks = project.playbooks.resolve()
        for path in paths:
            if not path.exists():
                raise click.BadParameter(f"{path} does not exist", param_hint="PATHS")
            if path.is_dir():
                from .playbook import scenario_files

                only.extend(scenario_files(path))
            elif path.suffix in (".yaml", ".yml") and path.resolve().is_relative_to(playbooks) and (
                path.resolve() != playbooks / "policy.yaml"
            ):
                only.append(path)
            else:
                only = None  # policy, a template, a rule, .vale.ini or mkdocs.yml: it touches every scenario
                break
    from .progress import Progress

    progress = Progress.for_terminal(quiet)
    result = run(project, only, engine=engine, progress=progress, cache=not no_cache)
    progress.clear()
    if fmt == "sarif":
        from .sarif import format_sarif

        click.echo(format_sarif(result.diagnostics, project), nl=False)
    else:
        _report(result.diagnostics, fmt, result.files_checked)
        if fmt == "text":
            _reviews_due(result)
    sys.exit(0 if result.ok else 1)


def _reviews_due(result: Any) -> None:
    """One line on the replies whose review falls due within 30 days (none: nothing said)."""
    from datetime import timedelta

    from .checks.approvals import today
    from .overviews import needs_review, review_calendar

    policy = result.book.policy
    if policy is None:
        return
    now = today()
    rows = review_calendar(policy, [item.scenario for item in result.book.scenarios])
    _, due = needs_review(rows, now, now + timedelta(days=30))
    if due:
        first = due[0]
        click.echo(
            f"{len(due)} {'reply is' if len(due) == 1 else 'replies are'} due for review within 30 days "
            f"(first: {first.scenario.id} / {first.reply} by {first.review_by}); "
            "see the review calendar",
            err=True,
        )


@cli.command()
@click.argument("base", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text for a terminal; markdown for a pull-request comment; json for other tools.",
)
@ROOT
def diff(base: str | None, fmt: str, root: Path | None) -> None:
    """What changes for agents and customers since BASE (a git revision; default: the
    merge-base with the default branch, else HEAD): limits, powers, hand-overs, channels,
    replies and scenarios, riskiest first. Exit 0 whatever changed, 1 if the working tree
    does not check, 2 on a usage error."""
    import tempfile

    from .pipeline import run
    from .playbook import Playbook, load_playbook
    from .policy_diff import FORMATS, compare, reply_findings
    from .revision import RevisionError, export, resolve

    project = _project(root)
    try:
        commit, label = resolve(project.root, base)
        with tempfile.TemporaryDirectory(prefix="playbook-diff-") as tmp:
            old_root = export(project.root, commit, Path(tmp))
            old_dir = old_root / project.playbooks.relative_to(project.root)
            old = load_playbook(old_dir, old_root) if old_dir.is_dir() else Playbook(old_dir, None, None)
    except RevisionError as exc:
        raise click.UsageError(str(exc)) from exc
    result = run(project)
    changes = compare(old, result.book, reply_findings(result.book, result.diagnostics))
    click.echo(FORMATS[fmt](changes, f"`{label}` ({commit[:12]})"), nl=False)
    if not result.ok:
        errors = [d for d in result.diagnostics if d.severity.value == "error"]
        click.echo(f"the working tree does not check ({len(errors)} errors); run `playbook check`", err=True)
        for d in errors[:20]:
            click.echo(d.text(), err=True)
        sys.exit(1)


@cli.command()
@click.option(
    "--export", "of_export", is_flag=True, help="Print the schema of `export --to json` files instead."
)
@click.option("--policy", is_flag=True, help="Print the schema of policy.yaml instead.")
def schema(of_export: bool, policy: bool) -> None:
    """Print the JSON Schema of the scenario format (for editor completion)."""
    if of_export:
        from .helpdesk.shape import export_schema_json

        click.echo(export_schema_json())
        return
    from .schema import policy_schema_json, scenario_schema_json

    click.echo(policy_schema_json() if policy else scenario_schema_json())


@cli.command()
@click.argument("scenario_id")
@click.option("--category", "-c", required=True, help="Category id from policy.yaml.")
@ROOT
def new(scenario_id: str, category: str, root: Path | None) -> None:
    """Scaffold playbooks/CATEGORY/SCENARIO_ID.yaml with TODOs to fill in."""
    from .scaffold import ScaffoldError, scaffold

    project = _project(root)
    try:
        path = scaffold(project, scenario_id, category)
    except ScaffoldError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(
        f"created {path.relative_to(project.root).as_posix()}; fill in every TODO, "
        "then run `playbook check` on it"
    )


@cli.command()
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@FORMAT
@ROOT
def generate(out_dir: Path, fmt: str, root: Path | None) -> None:
    """Write the Markdown docs tree and its mkdocs.yml to OUT_DIR (buildable by MkDocs or Zensical)."""
    from .site import generate_tree

    project = _project(root)
    result, written = generate_tree(project, out_dir)
    _report(result.diagnostics, fmt, result.files_checked)
    if written:
        click.echo(f"wrote {out_dir}", err=True)
    sys.exit(0 if written else 1)


@cli.command()
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the site goes (default: site/ in the repository).",
)
@FORMAT
@ROOT
@QUIET_OPTION
@NO_CACHE
def build(site_dir: Path | None, fmt: str, root: Path | None, quiet: bool, no_cache: bool) -> None:
    """Check, generate and build the site; on any error the previous site stays as it was."""
    from .progress import Progress
    from .site import build_site

    project = _project(root)
    target = site_dir or project.root / "site"
    progress = Progress.for_terminal(quiet)
    result, built = build_site(project, target, progress, cache=not no_cache)
    progress.clear()
    _report(result.diagnostics, fmt, result.files_checked)
    if built:
        click.echo(f"built {target}", err=True)
    sys.exit(0 if built else 1)


@cli.command()
@click.option(
    "--dev-addr",
    default="127.0.0.1:8000",
    show_default=True,
    help="Address to serve on; anything but a loopback address is warned about (the playbook is internal).",
)
@ROOT
def serve(dev_addr: str, root: Path | None) -> None:
    """Live preview: rebuilds when a scenario, template or doc changes."""
    from .serve import exposure_warning
    from .serve import serve as run_serve

    project = _project(root)
    warning = exposure_warning(dev_addr)
    if warning:
        click.echo(warning, err=True)
    run_serve(project, dev_addr)


@cli.command(
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []}
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def vale(args: tuple[str, ...]) -> None:
    """Run the built-in Vale-compatible engine with Vale's own arguments."""
    from .vale.cli import main as vale_main

    sys.exit(vale_main(list(args)))


@cli.command("export")
@click.option(
    "--to",
    "target",
    required=True,
    type=click.Choice(["zendesk", "freshdesk", "helpscout", "json", "csv"]),
    help="Zendesk macros, Freshdesk canned responses, Help Scout saved replies, json or csv.",
)
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@FORMAT
@ROOT
@QUIET_OPTION
@NO_CACHE
def export_command(target: str, out: Path, fmt: str, root: Path | None, quiet: bool, no_cache: bool) -> None:
    """Check the playbook, then write its approved replies to OUT (.json, or .csv for --to csv)."""
    from .helpdesk import HelpdeskError
    from .helpdesk.export import export
    from .progress import Progress

    project = _project(root)
    progress = Progress.for_terminal(quiet)
    try:
        outcome = export(project, target, out, progress=progress, cache=not no_cache)
    except HelpdeskError as exc:
        progress.clear()
        raise InputError(str(exc)) from exc
    progress.clear()
    _report(sorted(outcome.diagnostics, key=Diagnostic.sort_key), fmt, outcome.files_checked)
    if not outcome.ok:
        click.echo(f"nothing written to {out}: fix the errors above first", err=True)
        sys.exit(1)
    from .helpdesk.report import export_summary

    click.echo(export_summary(outcome, target, out), err=True)


@cli.command("import")
@click.option(
    "--from",
    "source",
    required=True,
    type=click.Choice(["zendesk", "freshdesk", "helpscout", "csv"]),
    help="What FILE is: Zendesk macros, Freshdesk canned responses, Help Scout saved replies, or csv.",
)
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--category", "-c", default=None, help="Put every scenario in this category of policy.yaml.")
@click.option("--no-lint", is_flag=True, help="Skip the house-style summary (faster with thousands).")
@click.option("--dry-run", is_flag=True, help="Say what would be written; write nothing.")
@ROOT
@QUIET_OPTION
def import_command(
    source: str,
    file: Path,
    category: str | None,
    no_lint: bool,
    dry_run: bool,
    root: Path | None,
    quiet: bool,
) -> None:
    """Write the macros of FILE as scenario drafts under playbooks/<category>/ (never overwriting)."""
    from .helpdesk import HelpdeskError
    from .helpdesk.importer import plan_import, write_plan
    from .helpdesk.report import import_summary

    project = _project(root)
    if not file.is_file():
        raise click.BadParameter(f"{file} does not exist", param_hint="FILE")
    try:
        plan = plan_import(project, source, file, category)
        if not dry_run:
            write_plan(plan)
    except HelpdeskError as exc:
        for line in exc.problems:
            click.echo(f"error: {line}", err=True)
        click.echo("✖ nothing imported: fix the problems above and run the import again", err=True)
        sys.exit(exc.exit_code)
    for f in plan.files:
        verb = "would write" if dry_run else "wrote"
        click.echo(f"{verb} {f.shown} ({f.replies} {'reply' if f.replies == 1 else 'replies'})")
    for line in plan.skipped:
        click.echo(f"skipped: {line}", err=True)
    for line in plan.warnings:
        click.echo(f"warning: {line}", err=True)
    found = None
    if dry_run:
        click.echo(f"(dry run: nothing written; {len(plan.files):,} files would be)", err=True)
        return
    if not no_lint and plan.files:
        from .pipeline import run
        from .progress import Progress

        progress = Progress.for_terminal(quiet)
        found = run(project, [f.path for f in plan.files], progress=progress)
        progress.clear()
    for line in import_summary(plan, found):
        click.echo(line, err=True)


class InputError(click.ClickException):
    """Unusable input: one line on stderr, exit 2 (a usage problem, not a finding)."""

    exit_code = 2


@cli.command("lint-reply")
@click.argument("file", type=click.File("rb"), default="-")
@click.option(
    "--channel", default=None, help="Channel id from policy.yaml, or a kind (email, chat, social...)."
)
@click.option("--tone", type=click.Choice(["warm", "empathetic", "apologetic", "formal"]), default=None)
@click.option(
    "--fault",
    type=click.Choice(["ours", "customer", "third_party", "unknown"]),
    default="unknown",
    show_default=True,
    help="Whose fault it is; unknown lets the rules infer an owed apology from the text.",
)
@click.option(
    "--intent",
    type=click.Choice(["acknowledge", "resolve", "update", "deny", "move_private", "follow_up", "escalate"]),
    default=None,
    help="What the reply does; if not given, a refusal in the text counts as a denial.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@ROOT
def lint_reply(
    file, channel: str | None, tone: str | None, fault: str, intent: str | None, fmt: str, root: Path | None
) -> None:
    """Lint a draft reply (FILE, or - for stdin) as if it were a template of that context."""
    from .lint_reply import UNKNOWN, DraftContext, DraftError, channel_kind, decode_draft, lint_draft

    project = _project(root)
    name = getattr(file, "name", "-")
    shown = "stdin" if name in ("<stdin>", "-") else name
    try:
        text = decode_draft(file.read(), shown)
    except DraftError as exc:
        raise InputError(str(exc)) from exc
    try:
        kind = channel_kind(project, channel)
        context = DraftContext(kind, tone or UNKNOWN, fault, intent or UNKNOWN)
        found = lint_draft(project, text, context, shown)
    except DraftError as exc:
        raise click.UsageError(str(exc)) from exc
    _report(found, fmt, 1)
    sys.exit(1 if has_errors(found) else 0)


def main() -> None:
    cli(prog_name="playbook")
