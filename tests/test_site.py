"""End to end: the bundled playbook builds, pages say the right things, failures keep the old site."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import run
from generator.project import Project
from generator.site import build_site, generate_tree

from .conftest import REPO, minimal, write, zensical_command

pytestmark = pytest.mark.slow


def snapshot(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def test_bundled_playbook_is_clean():
    result = run(Project(REPO))
    assert [d.text() for d in result.diagnostics if d.severity.value == "error"] == []
    assert len(result.book.scenarios) >= 8
    assert len({item.scenario.category for item in result.book.scenarios}) >= 4


def test_every_scenario_has_a_page_with_its_replies(bundled_site: Path):
    result = run(Project(REPO))
    for item in result.book.scenarios:
        s = item.scenario
        page = (bundled_site / s.category / s.id / "index.html").read_text(encoding="utf-8")
        assert "You may grant alone" in page
        assert page.count('class="tabbed-block"') == len(s.replies)
        for reply in (r for r in result.replies if r.scenario.id == s.id):
            first_line = reply.text.split("\n")[0]
            assert first_line.replace("'", "&#39;") in page or first_line in page


def test_scenario_page_content(bundled_site: Path):
    page = (bundled_site / "billing" / "absurd-shipping-charge" / "index.html").read_text()
    assert "<title>A shipping charge that is obviously wrong" in page
    assert "Refund: any amount" in page
    assert "Hi Maya," in page and "RF-77120" in page and "{{" not in page
    assert "Team lead" in page and "Executive care team" in page
    assert "Dana Ortiz" in page and "2027-04-05" in page
    assert "you charged me thousands for shipping" in page


def test_index_tags_and_response_targets(bundled_site: Path):
    home = (bundled_site / "index.html").read_text()
    assert 'href="billing/absurd-shipping-charge/"' in home
    tags = (bundled_site / "tags" / "index.html").read_text()
    assert 'id="shipping-fee"' in tags
    targets = (bundled_site / "response-targets" / "index.html").read_text()
    assert re.search(r"Social media \(public replies\)</td>\s*<td>yes</td>\s*<td>30 minutes</td>", targets)


def test_site_requests_nothing_from_other_hosts(bundled_site: Path):
    for page in bundled_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        loads = re.findall(
            r'<(?:script|img|iframe|source|video|audio)\b[^>]*\ssrc="(?:https?:)?//([^"/]+)', html
        )
        links = [
            tag for tag in re.findall(r"<link\b[^>]*>", html) if 'rel="canonical"' not in tag
        ]  # names, loads nothing
        loads += [m for tag in links for m in re.findall(r'\shref="(?:https?:)?//([^"/]+)', tag)]
        assert loads == [], f"{page} loads from {loads}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_search_index_lists_signals(bundled_site: Path):
    index = (bundled_site / "search" / "search_index.json").read_text()
    assert "charged me thousands for shipping" in index


def test_failed_build_leaves_previous_site_intact(project: Path, tmp_path: Path):
    site = tmp_path / "site"
    _, built = build_site(Project(project), site)
    assert built
    before = snapshot(site)
    write(project, "playbooks/delivery/late-parcel.yaml", minimal().replace("channel: email", "channel: fax"))
    result, built = build_site(Project(project), site)
    assert not built
    assert [d.rule for d in result.diagnostics] == ["unknown-channel"]
    assert snapshot(site) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == ["repo", "site"], (
        "nothing half-built left"
    )


def test_yaml_text_is_escaped(project: Path, tmp_path: Path):
    path = project / "playbooks/billing/absurd-shipping-charge.yaml"
    text = path.read_text().replace(
        "title: A shipping charge that is obviously wrong", 'title: "Refund <script>alert(1)</script> *now*"'
    )
    path.write_text(text.replace("- why is delivery so expensive", "- '<img src=x onerror=alert(2)>'"))
    site = tmp_path / "site"
    result, built = build_site(Project(project), site)
    assert built, [d.text() for d in result.diagnostics]
    page = (site / "billing" / "absurd-shipping-charge" / "index.html").read_text()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *now*" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "<" not in title.group(1)
    index = (site / "search" / "search_index.json").read_text()
    assert "<script" not in index and "<img src=x" not in index
    assert "&lt;img src=x onerror=alert(2)&gt;" in index


def test_generated_tree_builds_with_mkdocs_and_zensical(tmp_path: Path):
    tree = tmp_path / "tree"
    result, written = generate_tree(Project(REPO), tree)
    assert written, [d.text() for d in result.diagnostics]
    config = (tree / "mkdocs.yml").read_text()
    assert "playbook" not in re.findall(r"^plugins:\n((?:- .*\n)*)", config, re.M)[0]
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=tree, check=True)
    page = tree / "site" / "billing" / "absurd-shipping-charge" / "index.html"
    assert "Hi Maya," in page.read_text()
    shutil.rmtree(tree / "site")
    done = subprocess.run([zensical_command(), "build"], cwd=tree, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Hi Maya," in page.read_text()


def test_mkdocs_build_from_repository_root(project: Path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Hi Maya," in (project / "site/billing/absurd-shipping-charge/index.html").read_text()
    path = project / "playbooks/billing/absurd-shipping-charge.yaml"
    path.write_text(path.read_text().replace("channel: chat", "channel: chatt"))
    failed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, capture_output=True, text=True
    )
    assert failed.returncode != 0
    assert "absurd-shipping-charge.yaml" in failed.stderr and "unknown-channel" in failed.stderr


def test_empowerment_matrix_rows(bundled_site: Path):
    page = (bundled_site / "empowerment" / "index.html").read_text()
    rows = re.findall(r"<tr>\s*<td>(.*?)</td>(.*?)</tr>", page, re.S)
    cells = {name: re.findall(r"<td>(.*?)</td>", rest) for name, rest in rows}
    assert cells["Refund"][:4] == ["$250", "$1,000", "$5,000", "any amount"]
    assert cells["Goodwill gesture"][:4] == ["$40", "$100", "$250", "$1,000"]
    assert cells["Reset two-factor sign-in"][:4] == ["no", "yes", "yes", "yes"]
    # the shipping-charge scenario lets an agent refund any amount
    assert re.search(
        r"absurd-shipping-charge/\">A shipping charge that is obviously wrong</a></td>\s*"
        r"<td>Refund</td>\s*<td>Support agent</td>\s*<td>any amount</td>",
        page,
    )


def test_escalation_directory_rows(bundled_site: Path):
    page = (bundled_site / "escalation" / "index.html").read_text()
    trigger = page.index(">The customer writes to an executive<")
    row = re.search(
        r"absurd-shipping-charge/\">A shipping charge that is obviously wrong</a></td>\s*"
        r"<td>Executive care team</td>\s*<td>1 day</td>",
        page[trigger:],
    )
    assert row, "the executive-complaint step of the shipping scenario is listed under its trigger"
    assert 'id="executive-care-team"' in page and "Queue: Support &gt; Executive care" in page


def test_review_calendar_is_sorted_by_date(bundled_site: Path):
    page = (bundled_site / "review-calendar" / "index.html").read_text()
    page = page[page.index('id="every-approved-reply"') :]
    dates = re.findall(r"<tr>\s*<td>(\d{4}-\d\d-\d\d)</td>", page)
    result = run(Project(REPO))
    approved = [r for item in result.book.scenarios for r in item.scenario.replies if r.approved]
    assert len(dates) == len(approved) and dates == sorted(dates)


def test_broken_link_in_a_hand_written_page_fails_the_build(project: Path, tmp_path: Path):
    (project / "docs" / "extra.md").write_text("# Extra\n\nSee [the refund page](no-such-page.md).\n")
    result, built = build_site(Project(project), tmp_path / "site")
    assert not built
    (problem,) = result.diagnostics
    assert problem.rule == "site-build" and "no-such-page.md" in problem.message


def test_sidebar_lists_categories_not_scenarios(bundled_site: Path):
    """A page's navigation must not grow with the playbook: categories in the sidebar, scenarios
    on their category page, and each scenario page links back to its category."""
    result = run(Project(REPO))
    scenarios = [item.scenario for item in result.book.scenarios]
    page = (bundled_site / "billing" / "absurd-shipping-charge" / "index.html").read_text()
    sidebar = page.split('data-md-type="navigation"', 1)[1].split("</nav>", 1)[0]
    for s in scenarios:
        assert f"/{s.id}/" not in sidebar, s.id
    assert sidebar.count("md-nav__link") < 40
    assert 'href="../"' in page or 'href="../index.html"' in page  # the category link in the glance box
    category = (bundled_site / "billing" / "index.html").read_text()
    for s in (s for s in scenarios if s.category == "billing"):
        assert f'href="{s.id}/"' in category, s.id


def test_review_calendar_lists_overdue_and_due_this_month_first(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner
):
    from generator.cli import cli

    path = project / "playbooks" / "billing" / "absurd-shipping-charge.yaml"
    path.write_text(path.read_text().replace("review_by: 2027-04-06", "review_by: 2027-03-30", 1))
    monkeypatch.setenv("PLAYBOOK_TODAY", "2027-04-02")  # one reply overdue (within grace), two due by 04-30
    site = tmp_path / "site"
    result, built = build_site(Project(project), site)
    assert built, [d.text() for d in result.diagnostics]
    page = (site / "review-calendar" / "index.html").read_text()
    top = page[page.index('id="overdue-and-due-this-month"') : page.index('id="every-approved-reply"')]
    assert "As of 2027-04-02" in top and "1 overdue, 2 due by 2027-04-30" in top
    rows = re.findall(r"<tr>\s*<td>(\d{4}-\d\d-\d\d)</td>\s*<td>(.*?)</td>", top)
    assert rows == [
        ("2027-03-30", "<strong>overdue</strong>"),
        ("2027-04-05", "due this month"),
        ("2027-04-05", "due this month"),
    ]
    said = runner.invoke(cli, ["check", "--root", str(project)])
    assert "2 replies are due for review within 30 days (first: absurd-shipping-charge" in said.stderr
    monkeypatch.setenv("PLAYBOOK_TODAY", "2026-12-01")
    quiet = runner.invoke(cli, ["check", "--root", str(project)])
    assert "due for review" not in quiet.stderr


def test_search_help_lists_every_scenario_page_with_its_words(bundled_site: Path):
    import json

    rows = json.loads((bundled_site / "assets" / "search-help.json").read_text(encoding="utf-8"))
    book = run(Project(REPO)).book
    wanted = {f"{i.scenario.category}/{i.scenario.id}/": i.scenario for i in book.scenarios}
    assert {row[0] for row in rows} == set(wanted)
    for path, title, signals, tags, summary in rows:
        s = wanted[path]
        assert (bundled_site / path / "index.html").is_file(), "the page the row names exists"
        assert title == s.title and signals.split(" | ") == s.signals and tags.split() == s.tags
        assert summary == s.summary

