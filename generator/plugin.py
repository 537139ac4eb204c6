"""The MkDocs adapter: lets `mkdocs build` and `mkdocs serve` run from the repository root.

A thin plugin: on every (re)build it runs the pipeline, writes the generated docs tree to a
private directory and points MkDocs at it. It holds no logic of its own, so the same site builds
under Zensical from the tree `playbook generate` writes.

A build with errors fails. Under `mkdocs serve` it does not: the preview keeps the last good
pages with the errors in a banner on top of each (and in the terminal), and recovers as soon as
the files are fixed.
"""

from __future__ import annotations

import atexit
import logging
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from . import site_privacy
from .diagnostics import Diagnostic, format_text
from .pipeline import run
from .project import Project
from .site import nav_entries, write_tree
from .text import inline

log = logging.getLogger("mkdocs.plugins.playbook")
_TREES: dict[Path, Path] = {}
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)


def _tree_for(root: Path) -> Path:
    """One private directory per repository per process, stable across serve rebuilds: the docs
    tree in `docs/`, the theme overrides in `overrides/`."""
    if root not in _TREES:
        path = Path(tempfile.mkdtemp(prefix="playbook-docs-"))
        atexit.register(shutil.rmtree, path, True)
        _TREES[root] = path
    return _TREES[root]


def error_banner(diagnostics: list[Diagnostic]) -> str:
    """A Markdown admonition listing the errors, every value escaped."""
    rows = "".join(f"    - {inline(d.text())}\n" for d in diagnostics if d.severity.value == "error")
    return (
        f'!!! failure "The playbook has errors: this preview shows the last version that built"\n\n{rows}\n'
    )


def with_banner(files: dict[str, str | bytes], banner: str) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for rel, content in files.items():
        if rel.endswith(".md") and isinstance(content, str):
            match = _FRONT_MATTER.match(content)
            cut = match.end() if match else 0
            content = content[:cut] + "\n" + banner + content[cut:]
        out[rel] = content
    return out


def _allow_live_reload(server: Any) -> None:
    """Let the dev server's injected reload script run under the pages' CSP (see
    `site_privacy.allow_injected_script`). MkDocs injects it in `_inject_js_into_html`; if a
    MkDocs version has no such method, the preview still works and only reloads by hand."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        log.warning("this MkDocs cannot be told to allow its reload script: reload the page by hand")
        return

    def with_hash(content: bytes, epoch: int) -> bytes:
        return site_privacy.allow_injected_script(inject(content, epoch))

    server._inject_js_into_html = with_hash


class PlaybookConfig(Config):
    vale_engine = config_options.Choice(("auto", "builtin", "vale"), default="auto")
    """Which Vale engine lints replies: a `vale` binary on PATH if any (`auto`), or forced."""
    public = config_options.Type(bool, default=False)
    """False (the default): every page says `noindex, nofollow` and `robots.txt` disallows all.
    True: a playbook meant for everyone; search engines may index it. The CSP stays either way."""
    helpdesk = config_options.Type(dict, default={})
    """Extra placeholder mappings per help desk for `playbook export`/`import` (see README)."""


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    """Generate the playbook pages before MkDocs reads its docs directory."""

    def __init__(self) -> None:
        super().__init__()
        self._serving = False
        self._last_good: tuple[dict[str, str | bytes], list[Any]] | None = None
        self._project: Project | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self._serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from .pages import render_pages

        project = Project(Path(config.config_file_path).resolve().parent)
        self._project = project
        result = run(project)
        if result.ok:
            files, nav = render_pages(result)
            self._last_good = (files, nav)
        elif not self._serving:
            raise PluginError("the playbook has errors:\n" + format_text(result.diagnostics))
        else:
            log.error("the playbook has errors:\n%s", format_text(result.diagnostics))
            banner = error_banner(result.diagnostics)
            if self._last_good is not None:
                files = with_banner(self._last_good[0], banner)
                nav = self._last_good[1]
            else:
                files = {"index.md": "# Playbook preview\n\n" + banner}
                nav = [("Home", "index.md")]
        tree = _tree_for(project.root)
        write_tree(tree / "docs", files)
        config.docs_dir = str(tree / "docs")
        overrides = tree / site_privacy.OVERRIDES_DIR
        write_tree(overrides, site_privacy.theme_overrides(project.public))
        if str(overrides) not in config.theme.dirs:
            config.theme.dirs.insert(0, str(overrides))  # what `custom_dir` does, privacy and CSP
        config.nav = nav_entries(nav)
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        _allow_live_reload(server)
        project = self._project
        if project is None:
            return server
        for path in (
            project.playbooks,
            project.templates,
            project.docs,
            project.root / "styles",
            project.vale_config,
        ):
            if path.exists():
                server.watch(str(path))
        return server
