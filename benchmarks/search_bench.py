"""Benchmark: does an agent's search land on the right scenario? Top-1 and top-3 hit rates.

Builds the bundled site, serves it on 127.0.0.1 and types each customer phrasing of
benchmarks/search_queries.yaml into the search box in headless Chromium, once with the site's
query filter (function words dropped) and once with the theme's raw search as the baseline, in
the same run. Prints both rates and the misses.

    .venv/bin/python benchmarks/search_bench.py
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlparse

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import Project  # noqa: E402
from generator.site import build_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def ranked(page, base: str, query: str) -> list[str]:
    page.goto(base + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=5)
    page.wait_for_timeout(1200)  # let the results for the whole query settle
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    ids = []
    for href in hrefs:
        parts = [p for p in urlparse(href).path.split("/") if p]
        if parts and parts[-1] not in ids:
            ids.append(parts[-1])
    return ids


def main() -> None:
    from playwright.sync_api import sync_playwright

    queries = yaml.safe_load((REPO / "benchmarks/search_queries.yaml").read_text(encoding="utf-8"))
    site = Path(tempfile.mkdtemp()) / "site"
    result, built = build_site(Project(REPO), site)
    if not built:
        sys.exit("\n".join(d.text() for d in result.diagnostics))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, raw in (
            ("theme's raw search (baseline)", True),
            ("site search (function words dropped)", False),
        ):
            context = browser.new_context()
            if raw:
                context.add_init_script("window.PLAYBOOK_RAW_SEARCH = true;")
            page = context.new_page()
            top1 = top3 = 0
            misses = []
            for query, expected in queries:
                ids = ranked(page, base, query)
                top1 += ids[:1] == [expected]
                top3 += expected in ids[:3]
                if ids[:1] != [expected]:
                    misses.append(f"    {query!r}: expected {expected}, got {ids[:3]}")
            n = len(queries)
            print(f"{label}: top-1 {top1}/{n} ({top1 / n:.0%}), top-3 {top3}/{n} ({top3 / n:.0%})")
            print("\n".join(misses))
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
