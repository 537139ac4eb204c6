"""Benchmark: does an agent's search land on the right scenario? Top-1 and top-3 hit rates.

Builds the site, serves it on 127.0.0.1 and types each query of `tests/search_queries.yaml`
(what customers and agents say, written without looking at the scenarios) into the search box in
headless Chromium: once with the site's ranking help (`search-rank.js`: function words dropped, re-ranked) and
once with the theme's raw search as the baseline, in the same run. Prints both rates and the
misses.

`--size N` builds a synthetic playbook of N scenarios instead (`synth_playbook.py`: copies of the
bundled ones with their own ids and wording): a query then counts as found when the top result is
a copy of the scenario it names, among all the other scenarios' copies sharing the vocabulary.
Because every bundled scenario has about N/56 copies, three copies of one wrong scenario can fill
the first three places, where a playbook of N distinct scenarios would show that scenario once: so
the synthetic run also prints top-3 over the first three *distinct* scenarios in the result list
(copies of one scenario counted once, order kept). Both figures are printed; neither is the
product's ranking changed, only how a synthetic result list is read.

    .venv/bin/python benchmarks/search_bench.py [--size 1000] [--queries FILE] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.project import Project  # noqa: E402
from generator.site import build_site  # noqa: E402
from tests.search_driver import (  # noqa: E402
    ARGS,
    CHROMIUM,
    QUERIES,
    Searcher,
    held_out,
    load_queries,
    score,
    served,
)


def family(page_id: str) -> str:
    """The bundled scenario a synthetic copy (`<id>-<n>`) was made from."""
    return re.sub(r"-\d+$", "", page_id)


def distinct(ids: list[str]) -> list[str]:
    """The scenarios a synthetic result list shows, in order, each once (its copies collapsed)."""
    return list(dict.fromkeys(family(page_id) for page_id in ids))


def report_distinct(name: str, rows: list[tuple[str, str, list[str]]]) -> dict[str, dict]:
    """Prints and returns top-3 over the first three distinct scenarios of each synthetic result
    list (all queries and the held-out third), and the misses."""
    shown = [(q, want, distinct(ids)) for q, want, ids in rows]
    figures = {}
    for part, part_rows in (("all", shown), ("held_out", [r for i, r in enumerate(shown) if held_out(i)])):
        f = score(part_rows)
        figures[part] = {"n": f["n"], "top3": f["top3"]}
        print(
            f"{name}, {part.replace('_', '-')}, top-3 of the first three distinct scenarios"
            f" (copies counted once): {f['top3']}/{f['n']} ({f['top3'] / f['n']:.0%})"
        )
    print("  misses among the first three distinct scenarios:")
    for q, want, ids in shown:
        if want not in ids[:3]:
            print(f"    {q!r}: expected {want}, got {ids[:3]}")
    return figures


def built_site(size: int, work: Path) -> tuple[Path, int]:
    """The site of the bundled playbook (size 0) or of a synthetic one of `size` scenarios, built
    into `work / "site"`; and how many scenarios it has. Exits with the diagnostics if it fails."""
    root = REPO
    if size:
        from benchmarks.synth_playbook import make_repository

        root = make_repository(size, work / "repo")
    result, built = build_site(Project(root), work / "site")
    if not built:
        sys.exit("\n".join(d.text() for d in result.diagnostics))
    return work / "site", len(result.book.scenarios)


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=0, help="a synthetic playbook of this many scenarios")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--no-baseline", action="store_true", help="skip the theme's raw search")
    args = parser.parse_args()

    queries = load_queries(args.queries)
    work = Path(tempfile.mkdtemp())
    same = (lambda got, want: family(got) == want) if args.size else (lambda got, want: got == want)
    started = time.perf_counter()
    site, scenarios = built_site(args.size, work)
    print(
        f"search benchmark: {len(queries)} queries, {scenarios} scenarios "
        f"(built in {time.perf_counter() - started:.0f} s)"
    )
    figures = {}
    modes = [("site", False)] + ([] if args.no_baseline else [("baseline", True)])
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for label, raw in modes:
            context = browser.new_context()
            if raw:
                context.add_init_script("window.PLAYBOOK_RAW_SEARCH = true;")
            searcher = Searcher(context.new_page(), base)
            rows = []
            for q, want in queries:
                ids = searcher.ranked(q)
                if args.size:  # read on until three distinct scenarios show (or the list ends)
                    ids = searcher.scrolled(ids, lambda got: len(distinct(got)) >= 3)
                rows.append((q, want, ids))
            s = score(rows, same)
            dev = score([r for i, r in enumerate(rows) if not held_out(i)], same)
            kept = score([r for i, r in enumerate(rows) if held_out(i)], same)
            figures[label] = {k: v for k, v in s.items() if k != "misses"} | {"misses": s["misses"]}
            figures[label]["dev"] = {k: v for k, v in dev.items() if k != "misses"}
            figures[label]["held_out"] = {k: v for k, v in kept.items() if k != "misses"}
            name = "site search (search-rank.js ranking help)" if not raw else "theme's raw search (baseline)"
            for part, f in (("all", s), ("dev", dev), ("held-out third", kept)):
                n = f["n"]
                print(
                    f"{name}, {part}: top-1 {f['top1']}/{n} ({f['top1'] / n:.0%}), "
                    f"top-3 {f['top3']}/{n} ({f['top3'] / n:.0%})"
                )
            if args.size:
                figures[label]["distinct"] = report_distinct(name, rows)
            print("  misses of the dev queries (the held-out third's are not shown):")
            for q, want, got in dev["misses"]:
                print(f"    {q!r}: expected {want}, got {got}")
            context.close()
        browser.close()
    if args.json:
        args.json.write_text(
            json.dumps({"scenarios": scenarios, "queries": len(queries), **figures}, indent=2)
        )


if __name__ == "__main__":
    main()
