"""In a real headless Chromium: an agent searches with a customer's words and finds the reply.

Runs against the bundled site served on 127.0.0.1. In CI (CI=true) a missing Chromium fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.project import Project
from generator.site import build_site

from .conftest import REPO

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
def served(tmp_path_factory) -> Iterator[str]:
    site = tmp_path_factory.mktemp("browser") / "site"
    result, built = build_site(Project(REPO), site)
    assert built, [d.text() for d in result.diagnostics]
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def page(served: str):
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        tab = context.new_page()
        requests: list[str] = []
        tab.on("request", lambda request: requests.append(request.url))
        tab.requests = requests  # type: ignore[attr-defined]
        yield tab
        context.close()
        browser.close()


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


def test_agent_fills_in_the_customers_details_and_copies(page, served: str):
    page.goto(served + "/billing/absurd-shipping-charge/")
    reply = page.locator(".tabbed-block").first
    form = reply.locator("form.pb-fill__form")
    form.wait_for(timeout=10_000)
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
    page.goto(served + "/billing/absurd-shipping-charge/")
    reply = page.locator(".tabbed-block").first
    inputs = reply.locator("form.pb-fill__form input")
    inputs.first.wait_for(timeout=10_000)
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
    page.goto(served + "/billing/absurd-shipping-charge/")
    reply = page.locator(".tabbed-block").first
    subject = reply.locator("p.pb-subject strong")
    subject.wait_for(timeout=10_000)
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
