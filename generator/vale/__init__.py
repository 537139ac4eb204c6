"""A Vale-compatible prose linter: reads ``.vale.ini`` and Vale styles, lints Markdown,
plain text and HTML like Vale does, and prints Vale's outputs.

Library use (configuration and styles load once; then lint many texts in one pass)::

    from generator.vale import Engine
    engine = Engine.from_config(Path(".vale.ini"))
    alerts = engine.lint_text(text, path="replies/email/x.md")

Command line: ``python -m generator.vale ARGS`` (see ``cli.py``). This package imports
nothing from the rest of ``generator``.
"""

from __future__ import annotations

import os
from pathlib import Path

from .alert import Action, Alert
from .config import Config, Flags, load_config
from .errors import ValeConfigError, ValeError, ValeRuntimeError

__all__ = ["Action", "Alert", "Engine", "ValeConfigError", "ValeError", "ValeRuntimeError",
           "make_engine"]


class Engine:
    """The built-in engine: one loaded configuration, many lint calls."""

    def __init__(self, config: Config) -> None:
        from .linter import Linter

        self.config = config
        try:
            self.linter = Linter(config)
        except ValeRuntimeError as exc:
            raise ValeConfigError(exc.message, config.config_files[-1]
                                  if config.config_files else "", 1, 1) from None

    @classmethod
    def from_config(cls, path: Path | str, *, min_alert_level: str = "",
                    use_global: bool = False) -> Engine:
        """Load ``path`` (a ``.vale.ini``) and every style it names.

        Raises :class:`ValeConfigError` (``.path``, ``.line``, ``.message``) when the
        configuration or a style file is broken.
        """
        flags = Flags(ignore_global=not use_global, alert_level=min_alert_level)
        path = str(path)
        if not os.path.isfile(path):
            raise ValeConfigError(f"configuration file '{path}' does not exist", path, 0, 0)
        try:
            # discovery starts beside the given file, so errors name it whatever the cwd
            cfg = load_config(flags, config_path=path, start=os.path.dirname(os.path.abspath(path)))
        except ValeConfigError:
            raise
        except ValeRuntimeError as exc:
            raise ValeConfigError(exc.message, path, 1, 1) from None
        return cls(cfg)

    def lint_text(self, text: str, path: str = "stdin.md") -> list[Alert]:
        """Lint ``text`` as if it were the file ``path`` (format and ``[glob]`` sections
        follow the path); returns alerts sorted by line and column."""
        f = self.linter.new_file(path, text, virtual=True)
        return list(self.linter.lint_file(f).sorted_alerts())

    def prepare(self) -> None:
        """Load what the first lint would load lazily (the sentence model, caches), so that
        children forked from this process start ready instead of each loading it again."""
        if getattr(self, "_prepared", False):
            return
        self._prepared = True
        for rule in self.linter.manager.rules.values():
            narrowing = getattr(rule, "narrowing", None)
            if narrowing is not None:
                narrowing.compile_all()
        self.lint_text("Hi Sam,\n\nThank you. Your order is on its way.\n\nBest,\nAlex\n", "prepare.md")

    def lint_file(self, path: str | Path) -> list[Alert]:
        return list(self.linter.lint_path(str(path)).sorted_alerts())

    def rules_for(self, path: str) -> set[str]:
        """The rules (``Style.Rule``) that run on a file at ``path``, by ``.vale.ini`` alone
        (a rule's level and scope aside): what the glob sections switch on and off."""
        f = self.linter.new_file(path, "", virtual=True)
        names = {".".join(name.split(".")[:2]) for name in self.linter.manager.rules}
        return {name for name in names if self.linter.switched_on(name, f)}

    def lint_many(self, items: dict[str, str]) -> dict[str, list[Alert]]:
        """Lint several virtual files (path -> text) in one pass."""
        return {p: self.lint_text(t, p) for p, t in items.items()}


def make_engine(config: Path | str, engine: str = "auto"):
    """Pick an engine: ``builtin``, ``vale`` (the binary on PATH) or ``auto`` (the binary
    when one is on PATH, else the built-in engine). Both offer ``lint_text`` and
    ``lint_many`` returning :class:`Alert` objects."""
    from .binary import ValeBinaryEngine, find_vale

    if engine not in ("auto", "builtin", "vale"):
        raise ValueError(f"engine must be one of auto, builtin, vale (got {engine!r})")
    if engine == "vale" or (engine == "auto" and find_vale()):
        exe = find_vale()
        if exe is None:
            raise ValeRuntimeError("engine", "engine 'vale' selected but no vale on PATH")
        return ValeBinaryEngine(Path(config), exe)
    return Engine.from_config(config)
