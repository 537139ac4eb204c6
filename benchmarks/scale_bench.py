"""Benchmark: how the playbook scales from 100 to 5,000 scenarios (issue 11's figures).

For each size, a synthetic playbook (`synth_playbook.py`: the bundled scenarios under new ids,
every reply worded differently) is written to a temporary repository, and these are measured as
whole processes, each the median of `--runs` runs:

- `playbook check FILE`: one edited scenario, start-up included (the writer's on-save loop);
- `playbook check`: the whole playbook;
  both cold (`--no-cache`) and warm (lint results from `.playbook-cache/`);
- `playbook build` (lint cache warm, as after a check): check and site, against a bare
  `mkdocs build` (and `zensical build`, when installed) of the same generated tree in the same
  run: the ratio is the generator's overhead;
- peak memory of the whole check and of the build (resident set size, from the OS);
- the built site: bytes per scenario page (median and largest), whole site, search index;
- the first search results after the page loads, in headless Chromium (with `--browser`).

Then the growth factor between sizes (10x more scenarios should cost about 10x, not 100x).

Before measuring, the generator's modules are byte-compiled (`compileall`), as Python does on
the first run of any install; without it, a machine with `PYTHONDONTWRITEBYTECODE` set (as
some sandboxes and containers are) compiles every module from source on every run, which adds
about 0.06 s to each command's start-up (`check FILE`: 0.38 s against 0.33 s, farm-bench). The
compiled-pattern store (`generator/vale/regexes.py`) is the user's, like the bytecode; it is warm
after the first run, and cold runs here still mean no lint cache (`--no-cache`).
Prints a table and writes JSON.

    .venv/bin/python benchmarks/scale_bench.py [--sizes 100 1000 5000] [--runs 3] [--browser] [--json OUT]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.synth_playbook import make_repository  # noqa: E402

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PLAYBOOK_TODAY": "2026-12-01", "NO_COLOR": "1"}


def timed(cmd: list[str], cwd: Path, runs: int) -> tuple[float, float, int]:
    """Median seconds, peak RSS in MiB (largest of the runs), exit code of the last run."""
    times, peaks, code = [], [], 0
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = proc.stdout.read() if proc.stdout else b""
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        code = proc.returncode
        if code not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed in {cwd}:\n{out.decode(errors='replace')[-3000:]}")
    return statistics.median(times), max(peaks), code


def site_sizes(site: Path, scenario_dirs: list[Path]) -> dict[str, float]:
    pages = [
        len((site / d / "index.html").read_bytes())
        for d in scenario_dirs
        if (site / d / "index.html").exists()
    ]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = site / "search" / "search_index.json"
    return {
        "page_kb_median": statistics.median(pages) / 1024 if pages else 0.0,
        "page_kb_max": max(pages) / 1024 if pages else 0.0,
        "site_mb": total / 2**20,
        "search_index_mb": index.stat().st_size / 2**20 if index.exists() else 0.0,
    }


FIRST_RESULT = """
new MutationObserver((_, observer) => {
  if (document.querySelector(".md-search-result__item")) {
    window.__firstResult = performance.now();
    observer.disconnect();
  }
}).observe(document, { subtree: true, childList: true });
"""
"""Notes in the page when the first result enters it: Playwright's own wait polls at up to 500 ms
and would round the figure up by as much."""


def first_search(site: Path, query: str) -> float:
    """Seconds from the page's load event to the first search result in the page, in headless
    Chromium (the robot's click and typing, right after the load, included)."""
    import functools
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page()
            page.add_init_script(FIRST_RESULT)
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
            page.locator("label.md-search__icon, .md-search__input").first.click()
            page.locator("input.md-search__input").fill(query)
            page.wait_for_selector(".md-search-result__item", timeout=60_000)
            took = page.evaluate(
                "() => window.__firstResult - performance.getEntriesByType('navigation')[0].loadEventEnd"
            )
            browser.close()
            return float(took) / 1000
    finally:
        server.shutdown()


def measure(size: int, runs: int, browser: bool, work: Path) -> dict[str, float]:
    root = make_repository(size, work / f"repo-{size}")
    one = next(iter(sorted((root / "playbooks").glob("delivery/*.yaml"))))
    playbook = str(BIN / "playbook")
    row: dict[str, float] = {"scenarios": size}
    # Cold: `--no-cache`, as for a file just edited or a fresh clone; then warm, from the cache
    # the first warm run fills (the writer's second save, CI with a restored cache, build after check).
    cold = ["--no-cache"]
    row["check_file_s"], _, _ = timed([playbook, "check", *cold, str(one.relative_to(root))], root, runs)
    row["check_s"], row["check_peak_mb"], code = timed([playbook, "check", *cold], root, runs)
    if code != 0:
        sys.exit(f"the synthetic playbook of {size} does not check clean; see {root}")
    timed([playbook, "check"], root, 1)  # fills the lint cache
    row["check_warm_s"], _, _ = timed([playbook, "check"], root, runs)
    row["check_file_warm_s"], _, _ = timed([playbook, "check", str(one.relative_to(root))], root, runs)
    site = work / f"site-{size}"
    row["build_s"], row["build_peak_mb"], _ = timed([playbook, "build", "--site-dir", str(site)], root, runs)
    tree = work / f"tree-{size}"
    if tree.exists():
        shutil.rmtree(tree)
    subprocess.run([playbook, "generate", str(tree)], cwd=root, env=ENV, check=True, capture_output=True)
    row["mkdocs_s"], _, _ = timed(
        [str(BIN / "mkdocs"), "build", "--quiet", "-d", str(work / "bare")], tree, runs
    )
    row["build_over_mkdocs"] = row["build_s"] / row["mkdocs_s"]
    zensical = shutil.which("zensical") or str(BIN / "zensical")
    if Path(zensical).exists():
        row["zensical_s"], _, _ = timed([zensical, "build"], tree, runs)
    dirs = [p.parent.relative_to(root / "playbooks") / p.stem for p in (root / "playbooks").glob("*/*.yaml")]
    row.update(site_sizes(site, dirs))
    if browser:
        row["first_search_s"] = first_search(site, "parcel arrived broken")
    return row


COLUMNS = (
    ("scenarios", "scenarios", "{:.0f}"),
    ("check_file_s", "check FILE s", "{:.2f}"),
    ("check_s", "check s", "{:.2f}"),
    ("check_warm_s", "check warm s", "{:.2f}"),
    ("check_file_warm_s", "check FILE warm s", "{:.2f}"),
    ("check_peak_mb", "check MiB", "{:.0f}"),
    ("build_s", "build s", "{:.2f}"),
    ("mkdocs_s", "mkdocs s", "{:.2f}"),
    ("build_over_mkdocs", "build/mkdocs", "{:.2f}"),
    ("zensical_s", "zensical s", "{:.2f}"),
    ("build_peak_mb", "build MiB", "{:.0f}"),
    ("page_kb_median", "page KB", "{:.0f}"),
    ("page_kb_max", "page KB max", "{:.0f}"),
    ("site_mb", "site MB", "{:.1f}"),
    ("search_index_mb", "index MB", "{:.1f}"),
    ("first_search_s", "1st search s", "{:.2f}"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true", help="also time the first search in Chromium")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="playbook-scale-"))
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "generator")], check=True)
    print(
        f"scale benchmark: sizes {args.sizes}, median of {args.runs} runs,"
        f" {os.cpu_count()} cores, work in {work}"
    )
    rows = []
    for size in args.sizes:
        rows.append(measure(size, args.runs, args.browser, work))
        print("  measured", size, flush=True)
    cols = [c for c in COLUMNS if any(c[0] in r for r in rows)]
    print(" | ".join(title for _, title, _ in cols))
    for r in rows:
        print(" | ".join(fmt.format(r[key]) if key in r else "-" for key, _, fmt in cols))
    growth = []
    for a, b in itertools.pairwise(rows):
        g = {"from": a["scenarios"], "to": b["scenarios"]}
        for key in ("check_s", "build_s", "site_mb", "page_kb_median"):
            g[key] = b[key] / a[key] if a.get(key) else float("nan")
        growth.append(g)
        print(
            f"growth {a['scenarios']:.0f} -> {b['scenarios']:.0f} scenarios"
            f" (x{b['scenarios'] / a['scenarios']:.0f}):"
            f" check x{g['check_s']:.1f}, build x{g['build_s']:.1f}, site x{g['site_mb']:.1f},"
            f" page x{g['page_kb_median']:.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "growth": growth}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
