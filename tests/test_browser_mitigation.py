"""The mitigation chapters' sliders in a real browser (Debian's chromium via Playwright).

Uses the fixtures of ``test_browser``: needs ``_build/html`` and ``/usr/bin/chromium``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

# Skipped with the reason, like test_browser, when Playwright, chromium or the built
# book is missing (a failure under make test); left out by make check.
pytestmark = pytest.mark.browser
sys.path.insert(0, str(Path(__file__).parent))

from test_browser import SCREENSHOTS, PageVisit, base_url, browser  # noqa: E402,F401  (fixtures)


@pytest.mark.parametrize(
    "document, chart_index, value, shot",
    [
        ("book/scenario_builder", 0, "0", "scenario_builder_slider_moved"),
        ("book/cleaner_supply", 1, "0", "cleaner_supply_slider_moved"),
    ],
)
def test_mitigation_sliders_redraw_the_chart(browser, base_url, document, chart_index, value, shot):  # noqa: F811
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
        SCREENSHOTS.mkdir(exist_ok=True)
        chart.screenshot(path=str(SCREENSHOTS / f"{shot}.png"))
        assert visit.errors == [], visit.errors
    finally:
        visit.close()


def test_scenario_builder_has_no_dead_control(browser, base_url):  # noqa: F811
    # The ipywidgets dashboard is for live notebooks only: the static page shows no widget.
    visit = PageVisit(browser, f"{base_url}/book/scenario_builder.html")
    try:
        assert visit.page.locator(".jupyter-widgets").count() == 0
        assert visit.page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count() == 0
    finally:
        visit.close()
