"""The MkDocs adapter: lets `mkdocs build` and `mkdocs serve` run from the repository root.

A thin plugin: on every (re)build it runs the pipeline, writes the generated docs tree to a
private directory and points MkDocs at it. It holds no logic of its own, so the same site builds
under Zensical from the tree `playbook generate` writes.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .diagnostics import format_text
from .pipeline import run
from .project import Project
from .site import nav_entries, write_tree

_TREES: dict[Path, Path] = {}


def _tree_for(root: Path) -> Path:
    """One private docs directory per repository per process, stable across serve rebuilds."""
    if root not in _TREES:
        path = Path(tempfile.mkdtemp(prefix="playbook-docs-"))
        atexit.register(shutil.rmtree, path, True)
        _TREES[root] = path
    return _TREES[root]


class PlaybookPlugin(BasePlugin):  # type: ignore[type-arg]
    """Generate the playbook pages before MkDocs reads its docs directory."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        from .pages import render_pages

        project = Project(Path(config.config_file_path).resolve().parent)
        result = run(project)
        if not result.ok:
            raise PluginError("the playbook has errors:\n" + format_text(result.diagnostics))
        files, nav = render_pages(result)
        tree = _tree_for(project.root)
        write_tree(tree, files)
        config.docs_dir = str(tree)
        config.nav = nav_entries(nav)
        self._project = project
        return config

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        project = self._project
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
