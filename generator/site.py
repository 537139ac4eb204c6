"""Site: write the docs tree with its mkdocs.yml, build it with MkDocs, and swap it in atomically.

The last stage. Nothing is written while any diagnostic is an error. The new site is built in a
private sibling directory and only then swapped with the old one, so a failed build leaves the
previous site exactly as it was.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime, time, timezone
from pathlib import Path
from typing import Any

import yaml

from . import site_privacy
from .diagnostics import error
from .pipeline import Result, run
from .progress import QUIET, Progress
from .project import Project

ADAPTER_PLUGIN = "playbook"
"""The MkDocs plugin that generates pages on the fly; dropped from the generated config."""


def nav_entries(nav: list[tuple[str, Any]]) -> list[dict[str, Any]]:
    """The (title, path-or-children) navigation as mkdocs.yml `nav:` entries."""
    return [{title: nav_entries(target) if isinstance(target, list) else target} for title, target in nav]


def base_config(project: Project) -> dict[str, Any]:
    """The repository's mkdocs.yml, the single source of theme and extension settings."""
    if not project.mkdocs_config.is_file():
        return {"site_name": "Support playbook", "theme": {"name": "material", "font": False}}
    with project.mkdocs_config.open(encoding="utf-8") as handle:
        config = yaml.safe_load(handle) or {}
    return dict(config)


def generated_config(project: Project, result: Result, nav: list[tuple[str, Any]]) -> dict[str, Any]:
    config = base_config(project)
    plugins = [
        p
        for p in config.get("plugins", ["search"])
        if (next(iter(p)) if isinstance(p, dict) else p) != ADAPTER_PLUGIN
    ]
    config["plugins"] = plugins
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    config["nav"] = nav_entries(nav)
    theme = config.get("theme") or {"name": "material"}
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme}
    theme["custom_dir"] = site_privacy.OVERRIDES_DIR  # privacy meta and CSP, both engines
    config["theme"] = theme
    policy = result.book.policy
    if policy is not None and "site_name" not in config:
        config["site_name"] = f"{policy.brand.name} support playbook"
    return config


def write_tree(target: Path, files: dict[str, str | bytes]) -> None:
    """Make `target` hold exactly `files`, rewriting only what changed (keeps file watchers calm)."""
    target.mkdir(parents=True, exist_ok=True)
    for rel, content in files.items():
        path = target / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    wanted = {target / rel for rel in files}
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def content_epoch(result: Result) -> int:
    """A build time derived from the content (latest approval), so builds are reproducible."""
    dates = [r.approved.on for item in result.book.scenarios for r in item.scenario.replies if r.approved]
    day = max(dates) if dates else datetime(2026, 1, 1).date()
    return int(datetime.combine(day, time(12), tzinfo=timezone.utc).timestamp())


@contextlib.contextmanager
def _locked(target: Path) -> Iterator[None]:
    """Hold an exclusive lock beside `target` so two builds never swap at the same time."""
    lock = target.with_name(f".{target.name}.lock")
    with lock.open("a") as handle:
        try:
            import fcntl
        except ImportError:  # not POSIX: renames stay atomic, only the ordering is lost
            yield
            return
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def swap_into(built: Path, target: Path) -> None:
    """Replace `target` with `built` in two renames, under a lock; the old tree is removed after."""
    with _locked(target):
        _swap(built, target)


def _swap(built: Path, target: Path) -> None:
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    old.rmdir()
    if target.exists():
        target.rename(old)
    try:
        built.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def _render(
    project: Project, progress: Progress = QUIET, cache: bool = True
) -> tuple[Result, dict[str, str | bytes] | None, list[tuple[str, Any]]]:
    from .pages import render_pages

    result = run(project, progress=progress, cache=cache)
    if not result.ok:
        return result, None, []
    progress.stage("writing pages")
    files, nav = render_pages(result)
    return result, files, nav


def theme_overrides(project: Project) -> dict[str, str | bytes]:
    """The files of the generated tree's `theme.custom_dir`: the repository's own overrides, if
    mkdocs.yml names a `custom_dir`, under the privacy overrides (which win on the same name)."""
    files: dict[str, str | bytes] = {}
    theme = base_config(project).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    folder = project.root / str(custom) if custom else None
    if folder is not None and folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                files[path.relative_to(folder).as_posix()] = path.read_bytes()
    files.update(site_privacy.theme_overrides(project.public))
    return files


def write_source(
    target: Path, project: Project, result: Result, files: dict[str, str | bytes], nav: list[tuple[str, Any]]
) -> Path:
    """Write the buildable source: `target/docs/`, the theme's `target/overrides/` (privacy and
    CSP, see site_privacy.py) and `target/mkdocs.yml`; returns the config path."""
    write_tree(target / "docs", files)
    write_tree(target / site_privacy.OVERRIDES_DIR, theme_overrides(project))
    config_path = target / "mkdocs.yml"
    text = yaml.safe_dump(generated_config(project, result, nav), sort_keys=False, allow_unicode=True)
    config_path.write_text(text, encoding="utf-8")
    return config_path


def generate_tree(project: Project, out_dir: Path) -> tuple[Result, bool]:
    """Write OUT_DIR/mkdocs.yml and OUT_DIR/docs/ (only when the playbook has no errors)."""
    result, files, nav = _render(project)
    if files is None:
        return result, False
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        write_source(staging, project, result, files, nav)
        swap_into(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result, True


def build_site(
    project: Project, site_dir: Path, progress: Progress = QUIET, cache: bool = True
) -> tuple[Result, bool]:
    """Check, generate and build; the site at `site_dir` changes only when everything succeeded."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    result, files, nav = _render(project, progress, cache)
    if files is None:
        return result, False
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.build-", dir=site_dir.parent))
    try:
        config_path = write_source(work / "tree", project, result, files, nav)
        log = io.StringIO()
        handler = logging.StreamHandler(log)
        handler.setLevel(logging.WARNING)
        mkdocs_log = logging.getLogger("mkdocs")
        mkdocs_log.addHandler(handler)
        previous = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = str(content_epoch(result))
        try:
            # strict: a broken link in a hand-written page fails the build instead of shipping
            config = load_config(str(config_path), site_dir=str(work / "site"), strict=True)
            progress.stage(f"building the site with MkDocs ({len(files):,} files)")
            with contextlib.redirect_stdout(io.StringIO()):
                build(config, dirty=False)
        except (MkDocsException, OSError, ValueError) as exc:
            detail = " ".join((log.getvalue() or str(exc)).split()) or type(exc).__name__
            result.diagnostics.append(
                error(
                    "mkdocs.yml",
                    1,
                    1,
                    "site-build",
                    f"the site did not build: {detail}; the previous site is kept",
                )
            )
            return result, False
        finally:
            mkdocs_log.removeHandler(handler)
            if previous is None:
                os.environ.pop("SOURCE_DATE_EPOCH", None)
            else:
                os.environ["SOURCE_DATE_EPOCH"] = previous
        swap_into(work / "site", site_dir)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result, True
