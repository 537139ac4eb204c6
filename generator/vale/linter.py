"""The linting pipeline for one input: pick the format, extract scoped blocks, run every
enabled rule on each block and record located alerts (Vale's ``internal/lint/lint.go``).
"""

from __future__ import annotations

import os
from typing import Any

import regex

from .blocks import Block, Scope, new_block
from .config import Config
from .errors import e201_target
from .file import File, split_after
from .formats import format_from_ext, go_ext, replace_ext
from .globs import compile_glob
from .manager import Manager
from .markup import markdown as md
from .markup.html import lint_html_tokens
from .markup.tokenizer import paragraph_tokens
from .nlp import segment_sentences
from .prefilter import INDEX
from .regexes import compile_go

IGNORE_DIRS = {"node_modules", ".git"}


def sanitize(txt: str) -> str:
    return txt.replace("&rsquo;", "'").replace("\r\n", "\n").replace("\r", "\n")


def _wrapper(before: str, after: str, has_group: bool):
    """Vale replaces ignored spans with ``before + $1 + after`` (code block or span)."""

    def repl(m) -> str:
        return before + ((m.group(1) or "") if has_group else "$1") + after

    return repl


class Linter:
    """Lints files and strings with one loaded :class:`Manager`."""

    def __init__(self, cfg: Config, manager: Manager | None = None) -> None:
        self.config = cfg
        self.manager = manager or Manager(cfg)
        self.non_global = not cfg.g_base_styles and not cfg.g_checks
        self._scopes = {name: Scope(r.definition.scope) for name, r in self.manager.rules.items()}
        self._ignore_cache: dict[tuple[str, str], object] = {}
        self._runnable_cache: dict[tuple[object, ...], list[tuple[str, str, Any, frozenset[str] | None]]] = {}
        """`_runnable` for each block kind and file settings (files under one `.vale.ini`
        section share them)."""

    # -- inputs --------------------------------------------------------------
    def new_file(self, src: str, text: str | None = None, virtual: bool = False) -> File:
        cfg = self.config
        lookup = False
        if text is not None:
            data = text
            if virtual:
                ext, fmt = format_from_ext(src, cfg.formats)
            else:
                ext, fmt = format_from_ext(cfg.flags.in_ext, cfg.formats)
                src = "stdin" + cfg.flags.in_ext
                lookup = True
        else:
            with open(src, encoding="utf-8", errors="replace", newline="") as fh:
                data = fh.read()
            probe = cfg.flags.in_ext if cfg.flags.in_ext != ".txt" else src
            ext, fmt = format_from_ext(probe, cfg.formats)
        paths = [src]
        normed = replace_ext(src, cfg.formats)
        if normed != src:
            paths.append(normed)
        base_styles = cfg.g_base_styles
        checks: dict[str, bool] = {}
        for fp in paths:
            for sec in cfg.style_keys:
                pat = cfg.sec_to_pat.get(sec)
                if pat is not None and pat.match(fp):
                    base_styles = cfg.s_base_styles[sec]
            for sec in cfg.rule_keys:
                pat = cfg.sec_to_pat.get(sec)
                if pat is not None and pat.match(fp):
                    checks.update(cfg.s_checks[sec])
        content = sanitize(data)
        return File(path=src, content=content, lines=split_after(content), normed_ext=ext,
                    real_ext=go_ext(src), format=fmt, base_styles=list(base_styles),
                    checks=checks, lookup=lookup, simple=cfg.flags.simple)

    def lint_string(self, text: str) -> File:
        return self.lint_file(self.new_file("", text))

    def lint_path(self, src: str) -> File:
        return self.lint_file(self.new_file(src))

    def skip(self, path: str, glob) -> bool:
        ref = replace_ext(path, self.config.formats).replace(os.sep, "/")
        if glob is not None and not glob.match(path) and not glob.match(ref):
            return True
        if self.non_global:
            return not any(p.match(path) or p.match(ref)
                           for p in self.config.sec_to_pat.values())
        return False

    def walk(self, roots: list[str], pattern: str) -> list[File]:
        glob = compile_glob(pattern) if pattern else None
        out: list[File] = []
        for root in roots:
            if os.path.isfile(root):
                if not self.skip(root, glob):
                    out.append(self.lint_path(root))
                continue
            for dirpath, dirs, files in os.walk(root, followlinks=True):
                dirs[:] = sorted(d for d in dirs if d not in IGNORE_DIRS)
                for fn in sorted(files):
                    fp = os.path.join(dirpath, fn)
                    if fp.startswith("./"):
                        fp = fp[2:]
                    if not self.skip(fp, glob):
                        out.append(self.lint_path(fp))
        return out

    # -- per file ------------------------------------------------------------
    def lint_file(self, f: File) -> File:
        cfg = self.config
        if not f.checks and not f.base_styles and not cfg.g_base_styles and not cfg.g_checks:
            return f
        simple = cfg.flags.simple
        if f.format == "markup" and not simple:
            if f.normed_ext == ".md":
                self.lint_markdown(f)
            elif f.normed_ext == ".html":
                lint_html_tokens(self, f, f.content)
            else:
                self.lint_lines(f)
        elif f.format in ("code", "fragment") and not simple:
            pass  # comments in source code need tree-sitter (not supported): raw scope only
        elif f.normed_ext == ".txt" and not simple:
            self.lint_prose(f, new_block("", f.content, "text" + f.real_ext), len(f.lines))
        else:
            self.lint_lines(f)
        raw = new_block("", "".join(f.lines), "raw" + f.real_ext)
        self.lint_block(f, raw, len(f.lines), 0, True)
        return f

    def lint_lines(self, f: File) -> None:
        self.lint_block(f, new_block("", f.content, "text" + f.real_ext), len(f.lines), 0, True)

    def _patterns_for(self, table: dict[str, list[str]], f: File) -> list:
        out = []
        for syntax, regexes in table.items():
            sec = compile_glob(syntax)
            if sec.match(f.normed_ext) or sec.match(f.real_ext):
                for r in regexes:
                    key = (syntax, r)
                    pat = self._ignore_cache.get(key)
                    if pat is None:
                        try:
                            pat = compile_go(r)
                        except regex.error as exc:
                            raise e201_target(str(exc), r, self.config.root_ini) from None
                        self._ignore_cache[key] = pat
                    out.append(pat)
        return out

    def transform(self, f: File) -> str:
        s = md.RE_FRONT_MATTER.sub(lambda m: "\n```\n" + m.group(1) + "\n```\n", f.content)
        for pat in self._patterns_for(self.config.block_ignores, f):
            s = pat.sub(_wrapper("\n```\n", "\n```\n", pat.groups > 0), s)
        for pat in self._patterns_for(self.config.token_ignores, f):
            s = pat.sub(_wrapper("`", "`", pat.groups > 0), s)
        for syntax, (d0, d1) in self.config.comment_delimiters.items():
            sec = compile_glob(syntax)
            if (sec.match(f.normed_ext) or sec.match(f.real_ext)) and d0 and d1:
                s = s.replace(d0, "<!--").replace(d1, "-->")
        return s

    def lint_markdown(self, f: File) -> None:
        s = self.transform(f)
        paragraphs = md.plain_paragraphs(s)
        f.content = md.mask_source(f.content)
        if paragraphs is not None:  # no Markdown in it: its tokens are known without HTML
            lint_html_tokens(self, f, "", tokens=paragraph_tokens(paragraphs))
        else:
            lint_html_tokens(self, f, md.render(s))

    # -- blocks --------------------------------------------------------------
    def lint_prose(self, f: File, blk: Block, lines: int) -> None:
        scopes = self.manager.scopes
        ctx, idx, ext = blk.context, blk.line, f.real_ext
        blks = []
        if "paragraph" in scopes:
            for p in split_after(blk.text, "\n\n"):
                blks.append(new_block(ctx, p, "paragraph" + ext, idx))
        if "sentence" in scopes:
            for s in segment_sentences(blk.text):
                s = s.strip()
                if s:
                    blks.append(new_block(ctx, s, "sentence" + ext, idx))
        blks.append(new_block(ctx, blk.text, "text" + ext, idx))
        for b in blks:
            b.lower = blk.lower
        lookup = "\n" in blk.text or f.lookup
        for b in blks:
            self.lint_block(f, b, lines, 0, lookup)

    def lint_block(self, f: File, blk: Block, lines: int, pad: int, lookup: bool) -> None:
        f.chk_to_ctx = {}
        key = (blk.scope, blk.parent)
        runnable = f.runnable.get(key)
        if runnable is None:
            shared = (key, tuple(f.base_styles), tuple(sorted(f.checks.items())))
            runnable = self._runnable_cache.get(shared)
            if runnable is None:
                runnable = self._runnable_cache[shared] = self._runnable(f, blk)
            f.runnable[key] = runnable
        comments = f.comments
        found = None  # the literals this block holds, once a gated rule asks
        for name, short, chk, gate in runnable:
            if comments and f.query_comments(short):
                continue
            if gate is not None:
                if found is None:
                    found = INDEX.found(blk.folded)
                if gate.isdisjoint(found):
                    continue
            defn = chk.definition
            for a in chk.run(blk, f):
                if not a.severity:
                    a.severity = defn.level
                if not a.check:
                    a.check = name
                a.limit = defn.limit
                a.message = " ".join(a.message.split("\n")) if "\n" in a.message else a.message
                while "  " in a.message:
                    a.message = a.message.replace("  ", " ")
                f.add_alert(a, blk, lines, pad, lookup)

    def _runnable(self, f: File, blk: Block) -> list[tuple[str, str, Any, frozenset[str] | None]]:
        """(name, Style.Rule, check, gate) of each rule that runs on a block like `blk` in `f`,
        leaving out only the comment directives, which change within a file (`lint_block` asks
        those). A narrowed rule none of whose tokens is live without a literal has its literals as
        `gate`: a block holding none of them gives it nothing to find (two blocks in three), and
        is passed over without running it."""
        out = []
        for name, chk in self.manager.rules.items():
            short = ".".join(name.split(".")[:2]) if name.count(".") > 1 else name
            if self._settled(name, short, f, chk, blk):
                narrowing = getattr(chk, "narrowing", None)
                gate = narrowing.gate if narrowing is not None else None
                out.append((name, short, chk, gate))
        return out

    def _settled(self, name: str, short: str, f: File, chk, blk: Block) -> bool:
        """Whether rule `name` (`short`: its Style.Rule) runs on `blk` in `f`, comment directives
        aside: its level, its scope and the switches of `.vale.ini`."""
        cfg = self.config
        scope = self._scopes.get(name)
        defn = chk.definition
        if {"suggestion": 0, "warning": 1, "error": 2}[defn.level] < cfg.min_alert_level:
            return False
        if scope is None or not scope.matches(blk):
            return False
        return self.switched_on(short, f)

    def switched_on(self, name: str, f: File) -> bool:
        """Whether `.vale.ini` turns the rule ``Style.Rule`` on for ``f``: its glob sections,
        then the global switches, then the styles it is based on."""
        if name in f.checks:
            return f.checks[name]
        if name in self.config.g_checks:
            return self.config.g_checks[name]
        return name.split(".")[0] in f.base_styles
