"""Serve: live preview through `mkdocs serve` and the playbook plugin.

Editing a scenario, a page template or a hand-written page rebuilds the site and reloads the
browser; the plugin registers those folders with the dev server's watcher.
"""

from __future__ import annotations

from .project import Project


def serve(project: Project, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_serve(config_file=str(project.mkdocs_config), dev_addr=dev_addr, livereload=True)
