"""Revisions: the playbook as it was at a git revision, read into a private folder.

`playbook diff` compares the working tree with a base revision through the same loader and
model. This module finds the base (the merge-base with the default branch, else `HEAD`) and
writes the project's files at that revision into a temporary folder with `git archive`, never
touching the working tree or the index. A shallow clone works as long as the revision is in it.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path


class RevisionError(Exception):
    """A usage problem: not a git repository, or a revision git does not know."""


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=not binary, timeout=120, check=False
        )
    except FileNotFoundError as exc:
        raise RevisionError("git is not installed; install git to compare revisions") from exc
    except subprocess.TimeoutExpired as exc:
        raise RevisionError(f"git {args[0]} took too long") from exc


def repository(root: Path) -> Path:
    """The work tree's top folder, or RevisionError when `root` is not inside a git repository."""
    out = _git(root, "rev-parse", "--show-toplevel")
    if out.returncode != 0:
        raise RevisionError(f"{root} is not inside a git repository; `playbook diff` compares git revisions")
    return Path(out.stdout.strip()).resolve()


def _verify(root: Path, rev: str) -> str:
    out = _git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if out.returncode != 0:
        raise RevisionError(
            f"unknown revision `{rev}`; give a branch, tag or commit this clone has "
            "(a shallow clone may need `git fetch --depth=...` for it)"
        )
    return out.stdout.strip()


def default_base(root: Path) -> tuple[str, str]:
    """(commit, how it was chosen): the merge-base of HEAD with the default branch, else HEAD."""
    candidates = []
    head = _git(root, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
    if head.returncode == 0 and head.stdout.strip():
        candidates.append(head.stdout.strip())
    candidates += ["origin/main", "origin/master", "main", "master"]
    current = _git(root, "rev-parse", "--abbrev-ref", "HEAD").stdout.strip()
    for branch in candidates:
        if branch == current:
            continue
        if _git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}").returncode != 0:
            continue
        base = _git(root, "merge-base", "HEAD", branch)
        if base.returncode == 0 and base.stdout.strip():
            return base.stdout.strip(), f"merge-base of HEAD and {branch}"
    return _verify(root, "HEAD"), "HEAD"


def resolve(root: Path, rev: str | None) -> tuple[str, str]:
    """The base commit for `rev` (None: the default), and a label saying what it is."""
    repository(root)
    if rev is None:
        return default_base(root)
    return _verify(root, rev), rev


def export(root: Path, commit: str, dest: Path) -> Path:
    """Write the project folder (`root`, inside its repository) as of `commit` under `dest`;
    returns the project folder there."""
    top = repository(root)
    rel = root.resolve().relative_to(top).as_posix()
    args = ["archive", "--format=tar", commit]
    if rel != ".":
        args += ["--", rel]
    out = _git(top, *args, binary=True)
    if out.returncode != 0:
        message = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RevisionError(f"cannot read {commit[:12]}: {message[-1] if message else 'git archive failed'}")
    with tarfile.open(fileobj=io.BytesIO(out.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return dest / rel if rel != "." else dest
