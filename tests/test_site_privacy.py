"""Private by default: noindex, robots.txt and a Content-Security-Policy in every page, both engines."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.project import Project
from generator.site import build_site, generate_tree
from generator.site_privacy import CSP, PRIVATE_ROBOTS, PUBLIC_ROBOTS

from .conftest import EXAMPLE, write

pytestmark = pytest.mark.slow

ROBOTS = '<meta name="robots" content="noindex, nofollow">'
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


@pytest.fixture(scope="module")
def mkdocs_site(bundled_site: Path) -> Path:
    return bundled_site


def _pages(site: Path, at_least: int = 30) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= at_least
    return pages


def _head(html: str) -> str:
    return html.split("<head>", 1)[1].split("</head>", 1)[0]


def _inline_scripts(html: str) -> list[str]:
    """Scripts that would run from the page itself (not data blocks such as the theme's config)."""
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    return [body for attrs, body in scripts if "src=" not in attrs and "application/json" not in attrs]


@pytest.mark.parametrize("engine", ["mkdocs_site", "zensical_site"])
def test_every_page_is_private_and_carries_the_policy(engine: str, request: pytest.FixtureRequest):
    site: Path = request.getfixturevalue(engine)
    for page in _pages(site):
        html = page.read_text(encoding="utf-8")
        head = _head(html)
        policy = CSP_META.search(head)
        assert policy and policy.group(1) == CSP, page
        assert head.lstrip().startswith(CSP_META.pattern[:40]), "the policy comes before anything loads"
        assert head.count(ROBOTS) == 1, page
        assert _inline_scripts(html) == [], page
    assert (site / "robots.txt").read_text() == PRIVATE_ROBOTS
    assert re.search(r"^User-agent: \*\nDisallow: /$", PRIVATE_ROBOTS, re.M)


@pytest.mark.parametrize("engine", ["mkdocs_site", "zensical_site"])
def test_search_help_runs_before_the_theme_starts_its_worker(engine: str, request: pytest.FixtureRequest):
    """The theme listens to its search worker as soon as its script runs: the search help's hooks
    must be installed before it, in the head (loaded at the end of the page they never ran)."""
    site: Path = request.getfixturevalue(engine)
    for page in [site / "index.html", site / "billing" / "absurd-shipping-charge" / "index.html"]:
        html = page.read_text(encoding="utf-8")
        rank = html.find("assets/search-rank.js")
        bundle = html.find("assets/javascripts/bundle.")
        assert 0 <= rank < html.find("</head>") and bundle >= 0 and rank < bundle, (page, rank, bundle)
    assert (site / "assets" / "search-rank.js").is_file()


def test_the_policy_allows_only_the_site_itself():
    directives = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'", "no inline script, no other host, no eval"
    for name in ("style-src", "img-src", "font-src", "connect-src", "worker-src"):
        sources = directives[name].split()
        assert sources[0] == "'self'" and "'unsafe-inline'" not in sources, name
        assert all(s in ("'self'", "data:") or s.startswith("'sha256-") for s in sources), name
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"
    assert "frame-ancestors" not in directives, "ignored in a <meta>, and Chromium says so on the console"


def test_the_themes_moved_scripts_are_served(mkdocs_site: Path):
    page = (mkdocs_site / "billing/absurd-shipping-charge/index.html").read_text()
    for name in ("bootstrap.js", "content.js"):
        assert f'src="../../assets/theme/{name}"' in page
        assert (mkdocs_site / "assets/theme" / name).is_file()
    assert 'data-md-scope="../.."' in page and "data-md-tabs-link" in page


def _set_public(project: Path, value: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text().replace("public: false", f"public: {value}")
    assert f"public: {value}" in text
    config.write_text(text)


def test_public_option_drops_noindex_but_keeps_the_policy(project: Path, tmp_path: Path):
    _set_public(project, "true")
    assert Project(project).public
    site = tmp_path / "site"
    result, built = build_site(Project(project), site)
    assert built, [d.text() for d in result.diagnostics]
    for page in _pages(site, at_least=10):
        html = page.read_text(encoding="utf-8")
        assert 'name="robots"' not in _head(html)
        assert CSP_META.search(_head(html))
    assert (site / "robots.txt").read_text() == PUBLIC_ROBOTS
    assert "Disallow: /" not in PUBLIC_ROBOTS


def test_the_public_option_must_be_true_to_count(project: Path):
    _set_public(project, "'yes'")
    assert not Project(project).public


def test_mkdocs_build_from_the_repository_root_is_private(project: Path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    page = (project / "site/billing/absurd-shipping-charge/index.html").read_text()
    assert ROBOTS in page and CSP_META.search(_head(page)) and _inline_scripts(page) == []
    assert (project / "site/robots.txt").read_text() == PRIVATE_ROBOTS


def test_a_flagged_secret_stops_generate_and_build(project: Path, tmp_path: Path):
    path = project / "playbooks" / EXAMPLE
    path.write_text(
        path.read_text() + "# deploy key: " + "ghp_" + "Zz9Yy8Xx7Ww6Vv5Uu4Tt3Ss2Rr1Qq0Pp9Oo8Nn" + "\n"
    )
    result, written = generate_tree(Project(project), tmp_path / "out")
    assert not written and not (tmp_path / "out").exists()
    assert [d.rule for d in result.diagnostics if d.severity.value == "error"] == ["secret"]
    result, built = build_site(Project(project), tmp_path / "site")
    assert not built and not (tmp_path / "site").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"], "nothing half-written"


def test_the_repositorys_own_theme_overrides_are_kept(project: Path, tmp_path: Path):
    write(project, "overrides/partials/copyright.html", '<div class="house-note">Internal use only</div>\n')
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    )
    site = tmp_path / "site"
    result, built = build_site(Project(project), site)
    assert built, [d.text() for d in result.diagnostics]
    page = (site / "billing/absurd-shipping-charge/index.html").read_text()
    assert '<div class="house-note">Internal use only</div>' in page
    assert ROBOTS in _head(page) and CSP_META.search(_head(page)) and _inline_scripts(page) == []
