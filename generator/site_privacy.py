"""Site privacy: keep the built playbook out of search engines and stop injected script.

Part of the site stage. The playbook is internal by default: every page carries a `noindex`
robots meta and the site a `robots.txt` that disallows everything, unless mkdocs.yml sets the
`playbook` plugin option `public: true`. Every page, public or not, carries a
Content-Security-Policy that lets scripts, styles, fonts, images and connections come from the
site itself only, so text that ever escaped the escaping could neither run nor call out.

Both engines build the same pages from the same files: theme overrides (a `main.html` that puts
the policy first in `<head>`, and the theme's inline scripts moved into `assets/theme/*.js`),
written beside the docs tree as `overrides/` (`theme.custom_dir`) for MkDocs and Zensical alike,
and put first on the theme's search path by the MkDocs plugin.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import re
from importlib.resources.abc import Traversable

THEME_STYLE_HASHES = ("sha256-NwSx/R2V/U4jnW0Tq5pQ53Y/rzPVJ4dqE7D6UTA/J1k=",)
"""Inline styles the themes need, allowed by hash: Zensical's search dialog (0.0.73) puts one
`<style>` into its shadow root. A Zensical upgrade that changes it fails the browser test
`test_zensical_site_works_under_the_policy`, which prints the new hash from Chromium's report."""

CSP_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' " + " ".join(f"'{h}'" for h in THEME_STYLE_HASHES)),
    # data: only for the theme's own icons, which its stylesheet embeds as data: SVG masks
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),  # the search index runs in a worker loaded from the site
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
"""The Content-Security-Policy of every page. No `'unsafe-inline'`: the theme's inline scripts are
moved into files. `frame-ancestors` is left out because browsers ignore it in a `<meta>` (and say
so on the console); send it as a header (docs/deploying-privately.md)."""

CSP = "; ".join(f"{name} {value}" for name, value in CSP_DIRECTIVES)

ROBOTS_META = '<meta name="robots" content="noindex, nofollow">'
REFERRER_META = '<meta name="referrer" content="same-origin">'
"""Links out (a help-centre page) do not tell the other site which internal page sent the agent."""

PRIVATE_ROBOTS = "# An internal support playbook: no crawler may read it.\nUser-agent: *\nDisallow: /\n"
PUBLIC_ROBOTS = "# A public support playbook (`public: true` in mkdocs.yml).\nUser-agent: *\nDisallow:\n"

OVERRIDES_DIR = "overrides"
"""Where the theme overrides go beside a generated docs tree (`theme.custom_dir`)."""

THEME_ASSETS = ("bootstrap.js", "content.js", "palette.js", "announce.js")


def head_meta(public: bool) -> str:
    """The tags every page's `<head>` starts with: the policy first, then robots and referrer."""
    tags = [f'<meta http-equiv="Content-Security-Policy" content="{CSP}">']
    if not public:
        tags.append(ROBOTS_META)
    tags.append(REFERRER_META)
    return "\n    ".join(tags)


def _package_dir(name: str) -> Traversable:
    return importlib.resources.files("generator").joinpath("assets").joinpath(name)


def _walk(folder: Traversable, prefix: str = "") -> dict[str, str]:
    found: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            found.update(_walk(entry, rel + "/"))
        else:
            found[rel] = entry.read_text(encoding="utf-8")
    return found


def theme_overrides(public: bool) -> dict[str, str | bytes]:
    """The files of the theme's `custom_dir`: `main.html` and the moved inline-script partials."""
    files: dict[str, str | bytes] = dict(_walk(_package_dir("overrides")))
    files["main.html"] = (
        "{#- Written by the playbook generator (site_privacy.py): privacy and CSP for every page. -#}\n"
        '{% extends "base.html" %}\n'
        "{% block site_meta %}\n"
        f"    {head_meta(public)}\n"
        "    {{ super() }}\n"
        "{% endblock %}\n"
    )
    return files


def site_files(public: bool) -> dict[str, str | bytes]:
    """Files the docs tree carries for privacy: `robots.txt` and the theme's moved scripts."""
    files: dict[str, str | bytes] = {"robots.txt": PUBLIC_ROBOTS if public else PRIVATE_ROBOTS}
    theme = _package_dir("theme")
    for name in THEME_ASSETS:
        files[f"assets/theme/{name}"] = theme.joinpath(name).read_bytes()
    return files


_LAST_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>(?=\s*</body>)", re.S)
_SCRIPT_SRC = b"script-src 'self'"


def allow_injected_script(page: bytes) -> bytes:
    """The page with the inline script just before `</body>` allowed by its hash in the policy.

    Only for the live preview: the dev server (`mkdocs serve`, `playbook serve`) injects its
    reload script into every page it sends, with a per-request id, so the policy of that one
    response allows exactly that script and still no other.
    """
    found = _LAST_INLINE_SCRIPT.search(page)
    if found is None:
        return page
    digest = base64.b64encode(hashlib.sha256(found.group(1)).digest())
    return page.replace(_SCRIPT_SRC, _SCRIPT_SRC + b" 'sha256-" + digest + b"'", 1)
