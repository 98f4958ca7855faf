"""The built book in Debian's chromium, driven by Playwright: what every browser test shares.

The fixtures ``browser`` (one chromium for the session) and ``base_url`` (the
built book served on 127.0.0.1) are defined in ``tests/conftest.py`` from the
functions here; :class:`PageVisit` opens one page with every request, error
and console message recorded.

Needs Playwright, ``/usr/bin/chromium`` (``make chromium``; never
``playwright install``) and ``_build/html`` (``make book``). Without one of
them a browser test is skipped with the reason, unless
``AIWATT_REQUIRE_ALL_TESTS=1`` (set by ``make test``) turns the skip into a
failure.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
from book_pages import HTML, ROOT

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
REQUIRE_ALL = os.environ.get("AIWATT_REQUIRE_ALL_TESTS") == "1"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
#: Console errors that are expected, each with the reason. None so far.
KNOWN_CONSOLE_ERRORS: dict[str, str] = {}


def skip_or_fail(reason: str):
    """Skip a browser test for a missing prerequisite, or fail under ``make test``."""
    if REQUIRE_ALL:
        pytest.fail(f"{reason} (AIWATT_REQUIRE_ALL_TESTS=1: make test runs every test)")
    pytest.skip(reason)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve_book(html_dir: Path = HTML):
    """The built book on 127.0.0.1 (a free port), for as long as the block runs; yields its address."""
    if not (html_dir / "index.html").exists():
        skip_or_fail("no _build/html: run 'make book' first")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(html_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def launch_chromium():
    """Debian's chromium, headless, through Playwright, for as long as the block runs."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        skip_or_fail("Playwright is not installed: run 'make install-test'")
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} missing: run 'make chromium' (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


class PageVisit:
    """A page opened with every request and error recorded.

    ``outside`` lists requests for anything but 127.0.0.1 (aborted), ``failed``
    the failed requests, ``errors`` the page errors and console errors.
    """

    def __init__(self, browser, url: str, viewport: dict = DESKTOP, java_script: bool = True):
        self.context = browser.new_context(viewport=viewport, service_workers="block", java_script_enabled=java_script)
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

    def wait_for_charts(self, timeout_ms: int = 30_000) -> int:
        """Wait until every chart on the page has replaced its static picture with the live chart; return how many there are."""
        self.page.wait_for_function(
            "() => [...document.querySelectorAll('.aiwatt-chart')].every(f => f.dataset.aiwattChart === 'live')", timeout=timeout_ms
        )
        charts = self.page.locator(".aiwatt-chart")
        for index in range(charts.count()):
            charts.nth(index).locator("svg.marks, canvas.marks").first.wait_for(state="visible", timeout=timeout_ms)
        return charts.count()

    def move_slider(self, chart_index: int, value: str, timeout_ms: int = 5_000):
        """Set the first slider of chart ``chart_index`` (from 0) to ``value`` and wait until the chart is redrawn.

        Returns the chart's ``<figure>`` locator; fails if the drawing does not change.
        """
        chart = self.page.locator(".aiwatt-chart").nth(chart_index)
        svg = chart.locator("svg.marks")
        svg.wait_for(state="visible", timeout=15_000)
        before = svg.inner_html()
        chart.locator("input[type=range]").first.fill(value)
        self.page.wait_for_function(
            "([element, before]) => element.innerHTML !== before", arg=[svg.element_handle(), before], timeout=timeout_ms
        )
        return chart

    def screenshot(self, name: str, folder: Path = SCREENSHOTS):
        """The whole page as ``folder/name.png``."""
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    def close(self):
        self.context.close()
