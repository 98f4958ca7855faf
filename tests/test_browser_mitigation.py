"""The mitigation chapters' sliders in a real browser (Debian's chromium via Playwright).

Uses the browser fixtures of ``tests/conftest.py``: needs ``_build/html`` and
``/usr/bin/chromium`` (skipped with the reason when missing, a failure under
``make test``; left out by ``make check``).
"""

from __future__ import annotations

import pytest
from browsing import SCREENSHOTS, PageVisit

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "document, chart_index, value, shot",
    [
        ("book/scenario_builder", 0, "0", "scenario_builder_slider_moved"),
        ("book/cleaner_supply", 1, "0", "cleaner_supply_slider_moved"),
    ],
)
def test_mitigation_sliders_redraw_the_chart(browser, base_url, document, chart_index, value, shot):
    visit = PageVisit(browser, f"{base_url}/{document}.html")
    try:
        chart = visit.move_slider(chart_index, value)
        SCREENSHOTS.mkdir(exist_ok=True)
        chart.screenshot(path=str(SCREENSHOTS / f"{shot}.png"))
        assert visit.errors == [], visit.errors
    finally:
        visit.close()


def test_scenario_builder_has_no_dead_control(browser, base_url):
    # The ipywidgets dashboard is for live notebooks only: the static page shows no widget.
    visit = PageVisit(browser, f"{base_url}/book/scenario_builder.html")
    try:
        assert visit.page.locator(".jupyter-widgets").count() == 0
        assert visit.page.locator('script[type="application/vnd.jupyter.widget-state+json"]').count() == 0
    finally:
        visit.close()
