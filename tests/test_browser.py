"""In a real headless Chromium: an agent searches with a customer's words and finds the reply.

Runs against the bundled site served on 127.0.0.1, with the site's Content-Security-Policy on:
every test also fails when the page reports a CSP violation or the console shows one. In CI
(CI=true) a missing Chromium fails.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.project import Project
from generator.site import build_site

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("PLAYBOOK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {CHROMIUM}; CI must install Debian's `chromium`")
    pytest.skip(f"Chromium not found at {CHROMIUM} (install Debian's `chromium`)")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(bundled_site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(bundled_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# Every `securitypolicyviolation` event of every document the tab opens is reported back.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) =>
  window.__pbViolation([e.effectiveDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber].join(" ")));
"""


def csp_console(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Content-Security-Policy" in m]


@contextlib.contextmanager
def open_tab(executable: str) -> Iterator[Any]:
    """A Chromium tab that records its requests, console messages and CSP violations."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        violations: list[str] = []
        context.expose_binding("__pbViolation", lambda source, text: violations.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        tab = context.new_page()
        requests: list[str] = []
        console: list[str] = []
        failed: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.on("requestfailed", lambda request: failed.append(f"{request.url} {request.failure}"))
        tab.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
        tab.requests = requests  # type: ignore[attr-defined]
        tab.console = console  # type: ignore[attr-defined]
        tab.violations = violations  # type: ignore[attr-defined]
        tab.failed = failed  # type: ignore[attr-defined]
        yield tab
        context.close()
        browser.close()


def assert_policy_kept(tab: Any) -> None:
    assert tab.violations == [], f"CSP violations: {tab.violations}"
    assert csp_console(tab.console) == [], f"the console reports CSP problems: {tab.console}"


@pytest.fixture
def page(served: str):
    with open_tab(_chromium_or_skip()) as tab:
        yield tab
        assert_policy_kept(tab)  # every test in this file runs under the site's policy


def test_agent_finds_the_scenario_by_the_customers_words(page, served: str):
    page.goto(served + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("charged me thousands for shipping", delay=20)
    # Results update as the agent types; wait for the ranking of the whole query to settle.
    first = page.locator(".md-search-result__item a").first
    page.wait_for_function(
        """() => {
            const a = document.querySelector('.md-search-result__item a');
            return a && a.innerText.toLowerCase().includes('shipping charge');
        }""",
        timeout=15_000,
    )
    first.click()
    page.wait_for_url("**/billing/absurd-shipping-charge/**")
    reply = page.locator(".tabbed-block").first
    assert "Hi Maya," in reply.inner_text()
    copy = reply.locator("button.md-code__button[data-clipboard-target]")
    copy.wait_for(timeout=10_000)
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    copy.click()  # placeholders still hold example values: a warning, not a silent copy
    assert reply.locator(".pb-fill__warning").is_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "nothing yet"
    copy.click()  # asked twice: copied with the examples
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("Hi Maya,") and "RF-77120" in copied
    assert "You may grant alone" in page.locator(".pb-glance").inner_text()
    outside = [url for url in page.requests if not url.startswith(served)]
    assert outside == [], f"requests left 127.0.0.1: {outside}"


# What customers actually say, and the scenario an agent must land on first.
SEARCHES = [
    ("the bill says I paid thousands for postage", "absurd-shipping-charge"),
    ("you took the money two times", "double-charge"),
    ("my parcel never came", "lost-parcel"),
    ("I want to speak to a manager", "asks-for-manager"),
    ("nobody answered my message", "contact-form-unanswered"),
]


@pytest.mark.parametrize(("words", "scenario"), SEARCHES)
def test_customer_words_rank_the_right_scenario_first(page, served: str, words: str, scenario: str):
    page.goto(served + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(words, delay=10)
    page.wait_for_function(
        "(id) => { const a = document.querySelector('.md-search-result__item a');"
        " return a && a.getAttribute('href').includes('/' + id + '/'); }",
        arg=scenario,
        timeout=15_000,
    )


def test_escaped_text_never_runs(page, served: str):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served + "/billing/absurd-shipping-charge/")
    page.wait_for_load_state("networkidle")
    assert dialogs == []
    assert page.title().startswith("A shipping charge")


@pytest.fixture
def hostile_site(project: Path, tmp_path: Path) -> Iterator[str]:
    """A site whose YAML text tries to inject markup in a title, a signal and a reply."""
    (project / ".vale.ini").unlink()  # this test is about escaping, not the house style
    path = project / "playbooks/billing/absurd-shipping-charge.yaml"
    text = path.read_text()
    text = text.replace(
        "title: A shipping charge that is obviously wrong",
        "title: 'Refund <script>window.__pwned = 1</script> now'",
    )
    text = text.replace(
        "  - why is delivery so expensive", "  - '<img src=x onerror=\"window.__pwned = 2\">'"
    )
    text = text.replace("      Best wishes,\n", "      <script>window.__pwned = 3</script> Best wishes,\n", 1)
    path.write_text(text)
    site = tmp_path / "hostile-site"
    result, built = build_site(Project(project), site)
    assert built, [d.text() for d in result.diagnostics]
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_markup_from_yaml_never_runs(page, hostile_site: str):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site + "/billing/absurd-shipping-charge/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert "<script>" not in page.title()
    heading = page.locator("h1").first.inner_text().rstrip("¶").strip()
    assert heading == "Refund <script>window.__pwned = 1</script> now", "shown as the text the writer typed"
    assert '<img src=x onerror="window.__pwned = 2">' in page.locator("article").inner_text()
    # the search index and its result list render the same text without running it
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("Refund pwned", delay=10)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(500)
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []



EXAMPLE_PAGE = "/billing/absurd-shipping-charge/"


def first_reply(page, served: str):
    """The example scenario's first reply, once its fill-in form is on the page."""
    page.goto(served + EXAMPLE_PAGE)
    reply = page.locator(".tabbed-block").first
    reply.locator("form.pb-fill__form").wait_for(timeout=10_000)
    return reply


def test_agent_fills_in_the_customers_details_and_copies(page, served: str):
    reply = first_reply(page, served)
    form = reply.locator("form.pb-fill__form")
    form.locator("input[data-placeholder='customer.first_name']").fill("Priya")
    form.locator("input[data-placeholder='refund_reference']").fill("RF-99001")
    form.locator("input[data-placeholder='agent.first_name']").fill("Sam")
    text = reply.locator("pre > code").inner_text()
    assert text.startswith("Hi Priya,") and "RF-99001" in text and "Sam" in text
    assert "Maya" not in text and "RF-77120" not in text
    assert "$7,455.00" in text, "a field left empty keeps its example value"
    marked = reply.locator("mark.pb-unfilled").all_inner_texts()
    assert "$7,455.00" in marked and "BW-482913" in marked, "and is marked"
    assert "Priya" not in marked and "Brightwell" not in marked, "filled values and the brand are not"
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    copy = reply.locator("button.md-code__button[data-clipboard-target]").first
    copy.click()
    warning = reply.locator(".pb-fill__warning")
    assert warning.is_visible() and "not copied" in warning.inner_text().lower()
    assert page.evaluate("navigator.clipboard.readText()") == "nothing yet", "no silent copy"
    left = [f for f in form.locator("input").all() if not f.input_value()]
    assert any(f.evaluate("el => el === document.activeElement") for f in left), "a field left is focused"
    for field in left:
        field.fill("filled")
    assert reply.locator(".pb-fill__warning").count() == 0, "the warning goes once all are filled"
    assert reply.locator("mark.pb-unfilled").count() == 0
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Hi Priya,")
    # the agent's own name is remembered on the next page
    page.goto(served + "/billing/double-charge/")
    remembered = page.locator("input[data-placeholder='agent.first_name']").first
    remembered.wait_for(timeout=10_000)
    assert remembered.input_value() == "Sam"


def test_the_escalation_path_is_drawn_from_the_site_itself(page, served: str):
    page.goto(served + "/media-executive/legal-or-regulator-threat/")
    figure = page.locator("figure.pb-escalation svg.pb-flow")
    figure.wait_for(timeout=10_000)
    box = figure.bounding_box()
    assert box and box["width"] > 400 and box["height"] > 150, "drawn at a readable size"
    labels = figure.locator("text").all_text_contents()
    assert "Legal team" in labels and "within 1 day" in labels
    assert figure.get_attribute("role") == "img"
    assert "hand over to Legal team" in (figure.locator("desc").text_content() or "")
    # the numbered list stays beside it for screen readers and search
    assert page.locator("h2#escalation ~ ol li").count() >= 4
    assert all(url.startswith(served) for url in page.requests), page.requests


def test_enter_moves_through_the_fields_and_copies_from_the_last(page, served: str):
    reply = first_reply(page, served)
    inputs = reply.locator("form.pb-fill__form input")
    page.evaluate("navigator.clipboard.writeText('nothing yet')")
    count = inputs.count()
    for i in range(count):
        field = inputs.nth(i)
        assert field.evaluate("el => el === document.activeElement") or i == 0
        field.fill(f"value{i}")
        field.press("Enter")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert reply.locator("mark.pb-unfilled").count() == 0 and reply.locator(".pb-fill__warning").count() == 0
    assert copied == reply.locator("pre > code").inner_text() and "value0" in copied


def test_the_email_subject_is_filled_and_copied_on_its_own(page, served: str):
    reply = first_reply(page, served)
    subject = reply.locator("p.pb-subject strong")
    reply.locator("input[data-placeholder='order.id']").fill("BW-1")
    wanted = "Your shipping charge on order BW-1 has been refunded"
    assert subject.inner_text() == wanted
    reply.locator("button.pb-copy-subject").click()
    assert page.evaluate("navigator.clipboard.readText()") == wanted


def test_keys_move_through_reply_tabs_and_the_glance_follows_the_channel(page, served: str):
    page.goto(served + "/billing/absurd-shipping-charge/")
    now = page.locator(".pb-glance .pb-now")
    now.wait_for(state="attached", timeout=10_000)
    page.wait_for_function("() => document.querySelector('.pb-now').textContent.includes('Email')")
    assert "answer within 4 hours" in now.inner_text()
    page.locator("body").press("]")
    page.wait_for_function("() => document.querySelector('.pb-now').textContent.includes('Live chat')")
    assert "answer within 2 minutes" in now.inner_text()
    labels = page.locator(".tabbed-set").first.locator(".tabbed-labels > label")
    assert "Live chat" in labels.nth(1).inner_text()
    page.locator("body").press("[")
    page.wait_for_function("() => document.querySelector('.pb-now').textContent.includes('Email')")


def test_slash_focuses_search_and_the_keyboard_opens_a_result(page, served: str):
    page.goto(served + "/")
    page.locator("body").press("/")
    search = page.locator("input.md-search__input")
    assert search.evaluate("el => el === document.activeElement")
    search.press_sequentially("my card was charged two times", delay=10)
    page.wait_for_function(
        "() => { const a = document.querySelector('.md-search-result__item a');"
        " return a && a.getAttribute('href').includes('/double-charge/'); }",
        timeout=15_000,
    )
    search.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/billing/double-charge/**")


def test_pasted_words_search_without_a_key_press(page, served: str):
    # The theme searches on key events; a paste with the mouse is an input event alone.
    page.goto(served + "/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_timeout(1500)  # the index is ready: nothing else will run the query
    page.locator("input.md-search__input").fill("my card was charged two times")
    page.wait_for_function(
        "() => { const a = document.querySelector('.md-search-result__item a');"
        " return a && a.getAttribute('href').includes('/double-charge/'); }",
        timeout=15_000,
    )


def test_home_search_tabs_and_fill_work_under_the_policy(page, served: str):
    home = page.goto(served + "/")
    assert home is not None
    assert (
        page.locator('meta[http-equiv="Content-Security-Policy"]')
        .get_attribute("content")
        .startswith("default-src 'self'")
    )
    assert page.locator('meta[name="robots"]').get_attribute("content") == "noindex, nofollow"
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("refund to a closed card", delay=10)
    page.locator(".md-search-result__item a").first.wait_for(timeout=15_000)
    page.goto(served + "/billing/absurd-shipping-charge/")
    labels = page.locator(".tabbed-labels").first.locator("label")
    assert labels.count() >= 2
    labels.nth(1).click()
    second = page.locator(".tabbed-block").nth(1)
    second.wait_for(state="visible", timeout=10_000)
    for field in second.locator("form.pb-fill__form input").all():
        field.fill("Ana" if field.get_attribute("data-placeholder") == "customer.first_name" else "x1")
    assert second.locator("pre > code").inner_text().startswith("Hi Ana,")
    second.locator("button.md-code__button[data-clipboard-target]").first.click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("Hi Ana,")
    # the theme's moved bootstrap still keeps its settings: the linked tab is remembered
    assert page.evaluate("typeof __md_get") == "function" and page.evaluate("__md_scope.pathname") == "/"
    page.wait_for_function("() => Array.isArray(__md_get('__tabs'))", timeout=5_000)
    assert page.locator(".tabbed-labels label").nth(1).inner_text() in page.evaluate("__md_get('__tabs')")
    assert [url for url in page.requests if not url.startswith(served)] == []


def test_the_policy_stops_injected_script_and_calls_out(served: str):
    """Proof the policy is on: markup that escaped the escaping can neither run nor call out."""
    with open_tab(_chromium_or_skip()) as tab:
        tab.goto(served + "/billing/absurd-shipping-charge/")
        tab.wait_for_load_state("networkidle")
        assert tab.violations == []
        tab.evaluate(
            """() => {
                const s = document.createElement("script");
                s.textContent = "window.__ran = 1";
                document.body.appendChild(s);
                const img = document.createElement("img");
                img.src = "http://192.0.2.1/pixel.png";
                document.body.appendChild(img);
            }"""
        )
        tab.wait_for_function("() => true")
        tab.wait_for_timeout(300)
        assert tab.evaluate("window.__ran") is None
        blocked = " ".join(tab.violations)
        assert "script-src-elem inline" in blocked and "img-src http://192.0.2.1/pixel.png" in blocked
        (refused,) = [f for f in tab.failed if "192.0.2.1" in f]
        assert refused.endswith(" csp"), "the browser refused it for the policy, before any connection"


@pytest.fixture(scope="module")
def zensical_served(zensical_site: Path) -> Iterator[str]:
    """The bundled playbook built by Zensical from the generated tree, served on 127.0.0.1."""
    handler = functools.partial(_Quiet, directory=str(zensical_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_zensical_site_works_under_the_policy(zensical_served: str):
    with open_tab(_chromium_or_skip()) as tab:
        tab.goto(zensical_served + "/")
        tab.locator("button.md-search__button").first.click()
        tab.keyboard.type("charged me thousands for shipping", delay=10)
        tab.locator("a[href*='absurd-shipping-charge']").first.wait_for(timeout=15_000)
        tab.goto(zensical_served + "/billing/absurd-shipping-charge/")
        form = tab.locator("form.pb-fill__form").first
        form.wait_for(timeout=10_000)
        form.locator("input[data-placeholder='customer.first_name']").fill("Priya")
        assert tab.locator(".tabbed-block pre > code").first.inner_text().startswith("Hi Priya,")
        hashes = re.findall(r"'sha256-[^']+'", " ".join(tab.console))
        assert tab.violations == [], (
            f"{tab.violations}; allow in THEME_STYLE_HASHES if the theme needs it: {hashes}"
        )
        assert_policy_kept(tab)
        assert [url for url in tab.requests if not url.startswith(zensical_served)] == []


def test_live_preview_reloads_under_the_policy(project: Path):
    """`playbook serve` injects its reload script into each page; the page's policy allows
    exactly that script, so an edit reloads the open page and nothing is reported."""
    from .test_serve import _free_port, _serve

    port = _free_port()
    proc = _serve(project, port)
    url = f"http://127.0.0.1:{port}/billing/absurd-shipping-charge/"
    try:
        with open_tab(_chromium_or_skip()) as tab:
            for _ in range(200):  # the first build takes a few seconds
                try:
                    tab.goto(url)
                    break
                except Exception:
                    tab.wait_for_timeout(300)
            tab.locator("h1", has_text="obviously wrong").wait_for(timeout=60_000)
            path = project / "playbooks" / "billing" / "absurd-shipping-charge.yaml"
            path.write_text(path.read_text().replace("obviously wrong", "plainly absurd"))
            tab.locator("h1", has_text="plainly absurd").wait_for(timeout=60_000)
            assert_policy_kept(tab)
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
