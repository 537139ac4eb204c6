"""Replay the site's search ranking offline: try a ranking change in milliseconds, not minutes.

`search-rank.js` re-ranks what the theme's search worker returns. This module is a line-for-line
port of that re-ranking (the words, stems, typo and prefix matches, weights and the theme's order),
reading its stop words and the theme's weight from the script itself, so that a change can be tried
on captured theme results for all 185 queries at once and judged on the dev queries before the
held-out third is looked at. `tests/test_search_floor.py` checks that the port still ranks exactly
as the browser does; a change that works here is then made in `search-rank.js` and measured with
`search_bench.py`.

    .venv/bin/python benchmarks/search_replay.py capture [--size 1000] OUT.json   # headless Chromium
    .venv/bin/python benchmarks/search_replay.py replay IN.json [--theme 0.1] [--misses]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.search_driver import scenario_ids  # noqa: E402

SCRIPT = REPO / "generator" / "assets" / "search-rank.js"


def _from_script() -> tuple[frozenset[str], float]:
    source = SCRIPT.read_text(encoding="utf-8")
    stop = re.search(r"var STOP = new Set\(\((.*?)\)\.split", source, re.S)
    theme = re.search(r"var THEME = ([0-9.]+);", source)
    if not stop or not theme:
        sys.exit(f"{SCRIPT}: STOP or THEME not found; update search_replay.py with the script")
    words = "".join(re.findall(r'"([^"]*)"', stop.group(1)))
    return frozenset(words.split()), float(theme.group(1))


STOP, THEME = _from_script()


@dataclass(frozen=True)
class Weights:
    """The re-ranking's knobs, as `search-rank.js` sets them."""

    fields: tuple[float, float, float, float] = (3, 2, 1.5, 1)  # title, signals, tags, summary
    prefix: float = 0.6  # a word cut short or with another ending
    typo: float = 0.5  # one edit apart
    theme: float = THEME  # the theme's own order: theme / (1 + rank)
    inject: float = 0.5  # least score for a page the theme's search left out


def stem(word: str) -> str:
    word = re.sub(r"[^a-z0-9]", "", word.lower())
    if len(word) > 5:
        word = re.sub(r"(ing|ed|es|ly|er)$", "", word)
    if len(word) > 3:
        word = re.sub(r"s$", "", word)
    return word


def words(text: str) -> list[str]:
    out = []
    for w in re.split(r"[^a-z0-9']+", text.lower()):
        if w and w not in STOP and w.replace("'", "") not in STOP:
            s = stem(w)
            if len(s) > 1:
                out.append(s)
    return out


def near(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 5:
        return False
    i = j = edits = 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            i, j = i + 1, j + 1
            continue
        edits += 1
        if edits > 1:
            return False
        if len(a) > len(b):
            i += 1
        elif len(b) > len(a):
            j += 1
        else:
            i, j = i + 1, j + 1
    return edits + (len(a) - i) + (len(b) - j) <= 1


@dataclass
class Help:
    """`assets/search-help.json`, as the script builds it: each page's words and their weight."""

    docs: dict[str, dict[str, float]] = field(default_factory=dict)
    df: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, rows: list[list[str]], w: Weights) -> Help:
        h = cls()
        for row in rows:
            weights: dict[str, float] = {}
            texts = (row[1], row[2], row[3], row[4] if len(row) > 4 else "")
            for text, weight in zip(texts, w.fields, strict=True):
                for word in words(text or ""):
                    weights[word] = max(weights.get(word, 0), weight)
            h.docs[row[0]] = weights
            h.titles[row[0]] = row[1]
            for word in weights:
                h.df[word] = h.df.get(word, 0) + 1
        return h


def scores(h: Help, query: str, w: Weights) -> dict[str, float]:
    out: dict[str, float] = {}
    n = len(h.docs)
    for q in words(query):
        best: dict[str, float] = {}
        for v in h.df:
            if v == q:
                close = 1.0
            elif len(q) >= 4 and len(v) >= 4 and (v.startswith(q) or q.startswith(v)):
                close = w.prefix
            elif near(q, v):
                close = w.typo
            else:
                continue
            idf = math.log(1 + n / h.df[v])
            for page, weights in h.docs.items():
                if v in weights:
                    best[page] = max(best.get(page, 0), close * idf * weights[v])
        for page, s in best.items():
            out[page] = out.get(page, 0) + s
    return out


def page_of(location: str) -> str:
    return re.sub(r"[#?].*$", "", re.sub(r"^\.?/", "", location or ""))


def rerank(h: Help, query: str, theme_order: list[str], w: Weights) -> list[str]:
    """The pages in the order the search box shows them, from the theme's order."""
    mine = scores(h, query, w)
    top = max(mine.values(), default=0)
    if not theme_order or not top:
        return [page_of(loc) for loc in theme_order]
    ranked = [
        (page_of(loc), mine.get(page_of(loc), 0) / top + w.theme / (1 + rank))
        for rank, loc in enumerate(theme_order)
    ]
    shown = {page for page, _ in ranked}
    ranked += [
        (page, s / top)
        for page, s in mine.items()
        if page not in shown and s / top >= w.inject and page in h.titles
    ]
    ranked.sort(key=lambda r: -r[1])  # stable, as Array.prototype.sort is
    return [page for page, _ in ranked]


def replay(capture: dict, w: Weights) -> list[tuple[str, str, list[str]]]:
    """(query, expected, scenario ids as the search box would list them) for each captured query."""
    h = Help.build(capture["help"], w)
    return [(r["q"], r["want"], scenario_ids(rerank(h, r["q"], r["raw"], w))) for r in capture["rows"]]


def capture(size: int, out: Path) -> None:
    """Build the site (or a synthetic one of `size` scenarios), type every query in headless
    Chromium and keep the theme's own order of results before the re-ranking, with what the page showed."""
    from playwright.sync_api import sync_playwright

    from benchmarks.search_bench import built_site
    from tests.search_driver import ARGS, CHROMIUM, RAW_RESULTS, Searcher, load_queries, served

    site, _ = built_site(size, Path(tempfile.mkdtemp()))
    rows = []
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        page.add_init_script(RAW_RESULTS)
        searcher = Searcher(page, base)
        for q, want in load_queries():
            shown = searcher.ranked(q)
            rows.append({"q": q, "want": want, "shown": shown, "raw": searcher.theme_order()})
        browser.close()
    rows_help = json.loads((site / "assets" / "search-help.json").read_text(encoding="utf-8"))
    out.write_text(json.dumps({"size": size, "rows": rows, "help": rows_help}), encoding="utf-8")
    print(f"{len(rows)} queries captured into {out}")


def main() -> None:
    from benchmarks.search_bench import family
    from tests.search_driver import held_out, score

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("out", type=Path)
    cap.add_argument("--size", type=int, default=0)
    rep = sub.add_parser("replay")
    rep.add_argument("capture", type=Path)
    rep.add_argument("--theme", type=float)
    rep.add_argument("--prefix", type=float)
    rep.add_argument("--typo", type=float)
    rep.add_argument("--misses", action="store_true", help="list the dev queries' misses")
    args = parser.parse_args()
    if args.command == "capture":
        capture(args.size, args.out)
        return
    data = json.loads(args.capture.read_text(encoding="utf-8"))
    w = Weights()
    for knob in ("theme", "prefix", "typo"):
        if getattr(args, knob) is not None:
            w = replace(w, **{knob: getattr(args, knob)})
    rows = replay(data, w)
    agree = sum(got[:3] == r["shown"][:3] for (_, _, got), r in zip(rows, data["rows"], strict=True))
    same = (lambda got, want: family(got) == want) if data.get("size") else (lambda got, want: got == want)
    print(w)
    print(f"same top three as the page showed when captured (all, before any change): {agree}/{len(rows)}")
    for part, keep in (("dev", False), ("held-out third", True)):
        s = score([r for i, r in enumerate(rows) if held_out(i) == keep], same)
        print(f"{part}: top-1 {s['top1']}/{s['n']}, top-3 {s['top3']}/{s['n']}")
        if args.misses and not keep:
            for q, want, got in s["misses"]:
                print(f"    {q!r}: expected {want}, got {got}")


if __name__ == "__main__":
    main()
