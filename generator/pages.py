"""Pages: turn the checked model into a plain Markdown tree through the Jinja templates in templates/.

The pages stage. The result is an in-memory mapping of relative path to file content (text or
bytes): the generated pages, the hand-written pages from docs/, and the site's own assets. It is
plain Markdown with standard extensions, so both MkDocs and Zensical build it.
"""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import diagrams, overviews, site_privacy
from .model import Policy, Scenario, format_duration
from .pipeline import Result
from .text import attribute, fence, inline, plain_title
from .toneguide import tone_guide_page
from .views import ScenarioView, scenario_view

ASSETS = ("assets/playbook.css", "assets/playbook.js", "assets/search-rank.js")


@dataclass(frozen=True)
class NavCategory:
    id: str
    title: str
    description: str | None
    scenarios: list[Scenario]


def _url(value: str) -> str:
    return value.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace('"', "%22")


def _title_attr(value: str) -> str:
    """A value for a double-quoted YAML front-matter string, safe where tags are stripped."""
    return plain_title(value).replace("\\", "\\\\").replace('"', '\\"')


def page_environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=inline, attr=attribute, fence=fence, title_attr=_title_attr, urlencode_url=_url)
    env.globals.update(scenario_flow=diagrams.scenario_flow, trigger_flow=diagrams.trigger_flow)
    return env


def categories(policy: Policy, scenarios: list[Scenario]) -> list[NavCategory]:
    """Categories in policy order, each with its scenarios sorted by title; empty ones left out."""
    out = []
    for cid, cat in policy.categories.items():
        members = sorted((s for s in scenarios if s.category == cid), key=lambda s: s.title.lower())
        if members:
            out.append(NavCategory(cid, cat.title, cat.description, members))
    return out


def _hand_written(docs: Path) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.parts):
                files[path.relative_to(docs).as_posix()] = path.read_bytes()
    return files


def _title_of(markdown: bytes, fallback: str) -> str:
    lines = markdown.decode("utf-8", "replace").splitlines()
    if lines and lines[0].strip() == "---" and "---" in (line.strip() for line in lines[1:]):
        lines = lines[[line.strip() for line in lines].index("---", 1) + 1 :]  # past the front matter
    for line in lines:
        if line.startswith("# "):
            return line[2:].strip()
    return fallback


def _overview_pages(env: Environment, policy: Policy, scenarios: list[Scenario]) -> dict[str, str]:
    from .checks.approvals import today

    rows = overviews.directory(policy, scenarios)
    now = today()
    calendar = overviews.review_calendar(policy, scenarios)
    overdue, due = overviews.needs_review(calendar, now, overviews.month_end(now))
    return {
        "empowerment.md": env.get_template("empowerment.md.j2").render(
            currency=policy.currency,
            roles=[r.name for r in policy.roles.values()],
            matrix=overviews.empowerment_matrix(policy),
            overrides=overviews.overrides(policy, scenarios),
        ),
        "escalation.md": env.get_template("escalation.md.j2").render(
            triggers=overviews.by_trigger(rows), targets=overviews.by_target(rows)
        ),
        "review-calendar.md": env.get_template("review-calendar.md.j2").render(
            rows=calendar,
            overdue=overdue,
            due=due,
            today=now.isoformat(),
            month_end=overviews.month_end(now).isoformat(),
            grace=policy.review_grace_days,
        ),
    }


def render_pages(result: Result) -> tuple[dict[str, str | bytes], list[tuple[str, Any]]]:
    """Every file of the docs tree, and the navigation as (title, path or children) pairs."""
    policy = result.book.policy
    assert policy is not None, "render_pages needs a policy; run it only on a result without errors"
    env = page_environment(result.project.templates)
    scenarios = sorted((item.scenario for item in result.book.scenarios), key=lambda s: s.id)
    by_id = {s.id: s for s in scenarios}
    cats = categories(policy, scenarios)
    files: dict[str, str | bytes] = {}
    nav: list[tuple[str, Any]] = [("Home", "index.md")]
    views: dict[str, ScenarioView] = {}
    for s in scenarios:
        views[s.id] = scenario_view(policy, s, result.replies)
    # The navigation lists categories, never scenarios: a category's page lists its scenarios,
    # so every page's sidebar stays the same size however large the playbook grows.
    for cat in cats:
        files[f"{cat.id}/index.md"] = env.get_template("category.md.j2").render(cat=cat)
        for s in cat.scenarios:
            related = [by_id[r] for r in s.related if r in by_id]
            files[f"{s.category}/{s.id}.md"] = env.get_template("scenario.md.j2").render(
                s=s, view=views[s.id], related=related
            )
        nav.append((cat.title, f"{cat.id}/index.md"))
    tags: dict[str, list[Scenario]] = {}
    for s in scenarios:
        for tag in s.tags:
            tags.setdefault(tag, []).append(s)
    files["tags.md"] = env.get_template("tags.md.j2").render(tags=sorted(tags.items()))
    channels = [
        {
            "name": c.name,
            "public": c.public,
            "first_response": format_duration(c.first_response),
            "follow_up": format_duration(c.follow_up),
            "owner": policy.teams[c.owner].name if c.owner in policy.teams else c.owner,
            "hours": c.hours,
        }
        for c in policy.channels.values()
    ]
    files["response-targets.md"] = env.get_template("response-targets.md.j2").render(
        channels=channels, measures=policy.measures
    )
    files.update(_overview_pages(env, policy, scenarios))
    reference: list[tuple[str, Any]] = [
        ("Response targets", "response-targets.md"),
        ("Empowerment matrix", "empowerment.md"),
        ("Escalation directory", "escalation.md"),
        ("Review calendar", "review-calendar.md"),
        ("Tags", "tags.md"),
        ("Tone guide", "tone-guide.md"),
    ]
    files["tone-guide.md"] = tone_guide_page(result.project)
    extra_pages = []
    for rel, content in _hand_written(result.project.docs).items():
        files[rel] = content
        if rel.endswith(".md") and rel != "index.md":
            title = _title_of(content, rel)
            extra_pages.append({"title": title, "path": rel})
            reference.append((plain_title(title), rel))
    files["index.md"] = env.get_template("home.md.j2").render(
        brand=policy.brand.name, categories=cats, extra_pages=extra_pages
    )
    nav.append(("Reference", reference))
    for asset in ASSETS:
        files[asset] = importlib.resources.files("generator").joinpath(asset).read_bytes()
    files["assets/search-help.json"] = search_help(scenarios)
    files.update(site_privacy.site_files(result.project.public))
    return files, nav


def search_help(scenarios: list[Scenario]) -> str:
    """What `playbook.js` re-ranks the theme's search results with: per scenario page, the words
    an agent would type (title, what customers say, tags) and, weighed least, the summary (what
    happened, in the agent's words). One compact line per scenario."""
    import json

    rows = [
        [f"{s.category}/{s.id}/", plain_title(s.title), " | ".join(s.signals), " ".join(s.tags), s.summary]
        for s in scenarios
    ]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
