"""Project: where a playbook repository keeps its parts (playbooks, templates, docs, styles).

Shared by every stage; found from the working directory upwards, like git or Vale find theirs.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

PLAYBOOK_DIR = "playbooks"


class ProjectNotFound(Exception):
    """No playbook repository at or above the given directory."""


@dataclass(frozen=True)
class Project:
    """The directories and files of one playbook repository."""

    root: Path

    @property
    def playbooks(self) -> Path:
        return self.root / PLAYBOOK_DIR

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def vale_config(self) -> Path:
        return self.root / ".vale.ini"

    @property
    def styles_path(self) -> Path:
        """The folder `StylesPath` in `.vale.ini` names (default `styles/`)."""
        styles = "styles"
        if self.vale_config.is_file():
            for line in self.vale_config.read_text(encoding="utf-8").splitlines():
                key, _, value = line.partition("=")
                if key.strip() == "StylesPath" and value.strip():
                    styles = value.strip()
                    break
        return self.root / styles

    @property
    def mkdocs_config(self) -> Path:
        return self.root / "mkdocs.yml"

    def site_config(self) -> dict[str, object]:
        """mkdocs.yml as data (empty when absent or unreadable). Tags such as
        `!!python/name:...`, which MkDocs configs often carry, are read as plain values."""
        import yaml

        class _Tolerant(yaml.SafeLoader):
            pass

        _Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)
        try:
            config = yaml.load(self.mkdocs_config.read_text(encoding="utf-8"), Loader=_Tolerant) or {}
        except (OSError, yaml.YAMLError):
            return {}
        return config if isinstance(config, dict) else {}

    def plugin_options(self) -> dict[str, object]:
        """The options of `plugins: - playbook: {...}` in mkdocs.yml (empty when absent or unreadable)."""
        plugins = self.site_config().get("plugins")
        for plugin in plugins if isinstance(plugins, list) else []:
            if isinstance(plugin, dict) and isinstance(plugin.get("playbook"), dict):
                return dict(plugin["playbook"])
        return {}

    @property
    def vale_engine(self) -> str:
        """`auto`, `builtin` or `vale`, from `plugins: - playbook: {vale_engine: ...}` in mkdocs.yml.

        `auto` uses a `vale` binary on PATH when there is one, else the built-in engine;
        `playbook check --engine` overrides it for one run.
        """
        return str(self.plugin_options().get("vale_engine", "auto"))

    @property
    def public(self) -> bool:
        """True only when mkdocs.yml says `plugins: - playbook: {public: true}`.

        The site is private by default: every page asks search engines not to index it and
        `robots.txt` disallows everything (see `site_privacy.py`).
        """
        return self.plugin_options().get("public", False) is True

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The nearest directory at or above `start` that has a `playbooks/` folder."""
        here = (start or Path.cwd()).resolve()
        for candidate in (here, *here.parents):
            if (candidate / PLAYBOOK_DIR).is_dir():
                return cls(candidate)
        raise ProjectNotFound(
            f"no `{PLAYBOOK_DIR}/` folder in {here} or above it; run this inside a playbook "
            "repository or pass --root"
        )


def stamp(*paths: Path) -> tuple[object, ...]:
    """What a cached value was made from: each file's path, size and modification time (every
    file below a folder), so that a cache keyed by it is missed as soon as one changes."""
    out: list[object] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            with contextlib.suppress(OSError):
                st = f.stat()
                out.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(out)
