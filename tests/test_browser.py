"""The built book in a real browser: Debian's chromium driven by Playwright.

For every page of the table of contents: nothing is requested outside
127.0.0.1, no request fails, no page or console error, and every chart holds a
rendered SVG. On the first chapter a slider is moved and the chart must change.
Screenshots of every page go to ``screenshots/`` (ignored by git).

Needs ``_build/html`` (``make book``) and ``/usr/bin/chromium`` (``make
chromium``); ``make test`` provides both.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Console errors that are expected, each with the reason. None so far.
KNOWN_CONSOLE_ERRORS: dict[str, str] = {}


def toc_pages() -> list[str]:
    """Every document of ``_toc.yml``, root first, without extension."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def base_url():
    assert (HTML / "index.html").exists(), "no _build/html: run 'make book' first"
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} missing: run 'make chromium' (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class PageVisit:
    """A page opened with every request and error recorded."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", lambda request: self.failed.append(f"{request.url}: {request.failure}"))
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", self._console)
        self.response = self.page.goto(url, wait_until="networkidle")

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def _console(self, message):
        if message.type == "error" and not any(known in message.text for known in KNOWN_CONSOLE_ERRORS):
            self.errors.append(f"console error: {message.text}")

    def close(self):
        self.context.close()


@pytest.mark.parametrize("document", toc_pages())
def test_page_is_offline_clean_and_rendered(browser, base_url, document):
    visit = PageVisit(browser, f"{base_url}/{document}.html")
    try:
        assert visit.response is not None and visit.response.ok, f"{document}: HTTP {visit.response and visit.response.status}"
        charts = visit.page.locator(".aiwatt-chart")
        for index in range(charts.count()):
            charts.nth(index).locator("svg.marks, canvas.marks").first.wait_for(state="visible", timeout=15_000)
        widget_state = visit.page.locator('script[type="application/vnd.jupyter.widget-state+json"]')
        if widget_state.count():
            visit.page.locator(".jupyter-widgets").first.wait_for(state="visible", timeout=15_000)
        SCREENSHOTS.mkdir(exist_ok=True)
        visit.page.screenshot(path=str(SCREENSHOTS / f"{document.replace('/', '_')}.png"), full_page=True)
        assert visit.outside == [], f"{document} requested outside 127.0.0.1: {visit.outside}"
        assert visit.failed == [], f"{document} had failed requests: {visit.failed}"
        assert visit.errors == [], f"{document} had errors: {visit.errors}"
    finally:
        visit.close()


def test_first_chapter_slider_changes_chart(browser, base_url):
    visit = PageVisit(browser, f"{base_url}/book/units.html")
    try:
        chart = visit.page.locator(".aiwatt-chart").first
        svg = chart.locator("svg.marks")
        svg.wait_for(state="visible", timeout=15_000)
        before = svg.inner_html()
        assert "GWh" in svg.text_content()
        slider = chart.locator("input[type=range]").first
        slider.fill("12")  # 10^12 kWh = 1,000 TWh
        visit.page.wait_for_function(
            "([element, before]) => element.innerHTML !== before", arg=[svg.element_handle(), before], timeout=5_000
        )
        assert "1,000 TWh" in svg.text_content() or "1000 TWh" in svg.text_content()
        SCREENSHOTS.mkdir(exist_ok=True)
        chart.screenshot(path=str(SCREENSHOTS / "units_slider_moved.png"))
        assert visit.errors == [], visit.errors
    finally:
        visit.close()


@pytest.mark.parametrize(
    "document, chart_index, value",
    [("book/training", 3, "12.5"), ("book/inference", 2, "10"), ("book/inference", 3, "0.05")],
)
def test_sliders_change_later_charts(browser, base_url, document, chart_index, value):
    # The training calculator (parameters slider), the crossover chart (traffic) and
    # the scenario chart (growth): moving a slider must redraw the chart in the page.
    visit = PageVisit(browser, f"{base_url}/{document}.html")
    try:
        chart = visit.page.locator(".aiwatt-chart").nth(chart_index)
        svg = chart.locator("svg.marks")
        svg.wait_for(state="visible", timeout=15_000)
        before = svg.inner_html()
        chart.locator("input[type=range]").first.fill(value)
        visit.page.wait_for_function(
            "([element, before]) => element.innerHTML !== before", arg=[svg.element_handle(), before], timeout=5_000
        )
        assert visit.errors == [], visit.errors
    finally:
        visit.close()
