"""Drive the built site's search in headless Chromium, as an agent types: for the search floor test
and `benchmarks/search_bench.py`.

The queries live in `tests/search_queries.yaml`: what customers and agents say, written without
looking at the scenarios, each with the one scenario an agent should land on.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import yaml

QUERIES = Path(__file__).with_name("search_queries.yaml")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def load_queries(path: Path = QUERIES) -> list[tuple[str, str]]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [(str(q), str(t)) for q, t in rows]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def scenario_ids(paths: Iterable[str]) -> list[str]:
    """Scenario ids in the order of `paths` (page URLs or site paths), each once."""
    ids: list[str] = []
    for path in paths:
        parts = [p for p in urlparse(path).path.split("/") if p]
        if parts and parts[-1] not in ids:
            ids.append(parts[-1])
    return ids


def _ids(page) -> list[str]:
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return scenario_ids(hrefs)


RAW_RESULTS = """
(function () {
  // Installed before any page script: keeps the theme's own order of each result list, before
  // search-rank.js (which wraps this listener in turn) re-ranks it.
  window.__themeOrder = [];
  var listen = Worker.prototype.addEventListener || EventTarget.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, listener, options) {
    if (type !== "message" || typeof listener !== "function") return listen.apply(this, arguments);
    return listen.call(this, type, function (event) {
      var d = event && event.data;
      if (d && d.type === 3 && d.data && Array.isArray(d.data.items)) {
        window.__themeOrder.push(d.data.items.map(function (g) { return g && g[0] ? g[0].location : ""; }));
      }
      return listener.call(this, event);
    }, options);
  };
})();
"""
"""An init script (`page.add_init_script`) for `Searcher.theme_order`: `benchmarks/search_replay.py`."""


_WRAP = "const w = document.querySelector('.md-search__scrollwrap');"
_SCROLL_BACK = "() => { " + _WRAP + " if (w) w.scrollTop -= 300; }"
_SCROLL_END = "() => { " + _WRAP + " if (w) w.scrollTop = w.scrollHeight; }"


class Searcher:
    """One page with the search open; each query replaces the last, results read once settled."""

    def __init__(self, page, base: str) -> None:
        self.page = page
        page.goto(base + "/")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        self.box = page.locator("input.md-search__input")

    def ranked(self, query: str, settle_ms: int = 350, most_ms: int = 4000) -> list[str]:
        self.box.fill(query)
        self.box.press("End")  # the theme searches on key events, not on a programmatic fill
        last: list[str] | None = None
        stable = waited = 0
        while waited < most_ms:
            self.page.wait_for_timeout(70)
            waited += 70
            now = _ids(self.page)
            stable = stable + 70 if now == last and now else 0
            last = now
            if stable >= settle_ms:
                break
        return last or []

    def scrolled(self, ids: list[str], enough: Callable[[list[str]], bool], most: int = 40) -> list[str]:
        """The result list `ids` (of the last query) read further: the theme renders a few more
        results each time the end of the list comes into view, so scroll to the end until
        `enough(ids)` holds or three tries bring nothing (`benchmarks/search_bench.py`, for a
        synthetic site's copies)."""
        still = 0
        for _ in range(most):
            if enough(ids) or still >= 3:
                break
            # the theme adds results when the end of the list comes into view: leave it, come back
            self.page.evaluate(_SCROLL_BACK)
            self.page.wait_for_timeout(60)
            self.page.evaluate(_SCROLL_END)
            self.page.wait_for_timeout(250)
            now = _ids(self.page)
            still = still + 1 if len(now) == len(ids) else 0
            ids = now
        return ids

    def theme_order(self) -> list[str]:
        """The theme's own order of the last result list (needs `RAW_RESULTS` in the page)."""
        return self.page.evaluate("(window.__themeOrder || []).slice(-1)[0] || []")


def held_out(index: int) -> bool:
    """Every third query (the 3rd, 6th, ...) is held out: ranking work reads only the misses of
    the others, so the held-out figure says how the ranking does on queries nobody tuned it on."""
    return index % 3 == 2


def score(results: list[tuple[str, str, list[str]]], same=lambda got, want: got == want) -> dict:
    """Top-1 and top-3 hits and the misses, for (query, expected, ranked ids) rows."""
    top1 = sum(bool(ids) and same(ids[0], want) for _, want, ids in results)
    top3 = sum(any(same(i, want) for i in ids[:3]) for _, want, ids in results)
    misses = [(q, want, ids[:3]) for q, want, ids in results if not (ids and same(ids[0], want))]
    return {"n": len(results), "top1": top1, "top3": top3, "misses": misses}
