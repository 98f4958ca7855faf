"""The book's charts and tables in Debian's chromium, driven by Playwright, as readers meet them.

On every page that holds a chart: each chart comes alive; its texts, slider
values and readouts carry no e-notation and do not overlap; every slider and
select has a name and announces its value in natural units, and moves with
the keyboard; at 390x844 every chart fits the screen and every table scrolls
rather than being cut; with JavaScript off every chart is still there as a
picture; axe-core finds no serious or critical violation inside the charts.
Screenshots of every chart at 1280 and 390 px go to ``screenshots/charts/``.

Skipped with a reason when Playwright, ``/usr/bin/chromium`` or
``_build/html`` is missing (``tests/browsing.py``), a failure under ``make
test``, which provides all three.
"""

from __future__ import annotations

import re

import pytest
from book_pages import HTML, ROOT
from browsing import DESKTOP, PHONE, SCREENSHOTS, PageVisit

from aiwatt.charts import checks, figures

pytestmark = pytest.mark.browser

CHART_SCREENSHOTS = SCREENSHOTS / "charts"
#: The pages that hold a chart (none when the book is not built: the fixtures then skip, or fail under make test).
CHART_PAGES = sorted({chart.page for chart in figures.book_charts(HTML, ROOT)}) if (HTML / "index.html").exists() else []
E_NOTATION = checks.E_NOTATION.pattern


def _open(browser, url: str, viewport: dict, javascript: bool = True):
    """The page, with every chart live when JavaScript is on; its context, page and errors (page and console)."""
    visit = PageVisit(browser, url, viewport, java_script=javascript)
    if javascript:
        visit.wait_for_charts()
    return visit.context, visit.page, visit.errors


# Everything a reader sees or hears in the charts of a page: SVG texts, slider values,
# their aria-valuetext, readouts, select options.
READER_TEXTS = """() => {
  const texts = [];
  for (const figure of document.querySelectorAll('.aiwatt-chart')) {
    for (const t of figure.querySelectorAll('svg text')) { if (t.getAttribute('opacity') !== '0') texts.push(t.textContent); }
    for (const s of figure.querySelectorAll('.aiwatt-control-value, .aiwatt-chart-readout li, .aiwatt-chart-note, option, .vega-bind-name'))
      texts.push(s.textContent);
    for (const i of figure.querySelectorAll('input')) texts.push(i.getAttribute('aria-valuetext') || '');
  }
  return texts;
}"""

# Visible texts that stick out of their chart's drawing (and so are cut off).
CUT_TEXTS = """() => {
  const found = [];
  document.querySelectorAll('.aiwatt-chart svg.marks').forEach((svg, chart) => {
    const frame = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      if (t.getAttribute('opacity') === '0' || !t.textContent.trim()) continue;
      const r = t.getBoundingClientRect();
      if (r.width === 0) continue;
      if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
        found.push(`chart ${chart + 1}: "${t.textContent.trim()}" is cut at the edge`);
    }
  });
  return found;
}"""

# Pairs of visible texts in one chart whose boxes overlap by more than 2 px in both directions.
OVERLAPS = """() => {
  const found = [];
  document.querySelectorAll('.aiwatt-chart svg').forEach((svg, chart) => {
    const boxes = [...svg.querySelectorAll('text')]
      .filter(t => t.getAttribute('opacity') !== '0' && t.textContent.trim() && !t.closest('[opacity="0"]'))
      .map(t => ({text: t.textContent.trim(), r: t.getBoundingClientRect()}))
      .filter(b => b.r.width > 0 && b.r.height > 0);
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left), dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (dx > 2 && dy > 2) found.push(`chart ${chart + 1}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
    }
  });
  return found;
}"""


def _screenshots(page, name: str, width: int):
    CHART_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    charts = page.locator(".aiwatt-chart")
    for index in range(charts.count()):
        charts.nth(index).screenshot(path=str(CHART_SCREENSHOTS / f"{name.replace('/', '_')}-{index + 1}-{width}.png"))


@pytest.mark.parametrize("document", CHART_PAGES)
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_charts_come_alive_readable_and_without_overlaps(browser, base_url, document, viewport):
    context, page, errors = _open(browser, f"{base_url}/{document}.html", viewport)
    try:
        texts = page.evaluate(READER_TEXTS)
        assert texts, f"{document}: no chart text found"
        assert [t for t in texts if re.search(E_NOTATION, t)] == []
        assert page.evaluate(OVERLAPS) == []
        assert page.evaluate(CUT_TEXTS) == []
        assert page.locator(".aiwatt-chart-static").count() == 0, "static pictures must give way to the live charts"
        _screenshots(page, document, viewport["width"])
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("document", CHART_PAGES)
def test_charts_fit_a_phone_and_tables_scroll(browser, base_url, document):
    context, page, errors = _open(browser, f"{base_url}/{document}.html", PHONE)
    try:
        too_wide = page.evaluate("""() => [...document.querySelectorAll('.aiwatt-chart')].flatMap((figure, i) => {
            const out = [], box = figure.getBoundingClientRect();
            if (box.right > window.innerWidth + 0.5 || box.left < -0.5) out.push(`chart ${i + 1} spans ${box.left}..${box.right}`);
            if (figure.scrollWidth > figure.clientWidth + 1) out.push(`chart ${i + 1} scrolls sideways (${figure.scrollWidth} > ${figure.clientWidth})`);
            for (const svg of figure.querySelectorAll('svg.marks')) {
              const r = svg.getBoundingClientRect();
              if (r.right > box.right + 0.5) out.push(`chart ${i + 1}: its drawing is cut at ${box.right} (ends at ${r.right})`);
            }
            for (const input of figure.querySelectorAll('input, select')) {
              const r = input.getBoundingClientRect();
              if (r.right > window.innerWidth) out.push(`chart ${i + 1}: control ${input.name} runs off the screen`);
            }
            return out;
        })""")
        assert too_wide == []
        cut_tables = page.evaluate("""() => [...document.querySelectorAll('main table')].flatMap((table, i) => {
            if (table.getBoundingClientRect().width <= window.innerWidth) return [];
            for (let box = table.parentElement; box && box !== document.body; box = box.parentElement) {
              const style = getComputedStyle(box);
              if (['auto', 'scroll'].includes(style.overflowX) && box.getBoundingClientRect().right <= window.innerWidth + 0.5) return [];
            }
            return [`table ${i + 1} (${table.querySelector('th') && table.querySelector('th').textContent}) is cut at the screen's edge`];
        })""")
        assert cut_tables == []
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("document", CHART_PAGES)
def test_every_control_is_named_announced_and_moves_with_the_keyboard(browser, base_url, document):
    context, page, errors = _open(browser, f"{base_url}/{document}.html", DESKTOP)
    try:
        controls = page.locator(".aiwatt-chart input[type=range], .aiwatt-chart select")
        for index in range(controls.count()):
            control = controls.nth(index)
            name = control.get_attribute("name")
            label = control.get_attribute("aria-label")
            assert label and "log" not in label.lower(), f"{name}: no name, or one in powers of ten ({label!r})"
            if control.evaluate("e => e.tagName") == "SELECT":
                control.focus()
                figure_svg = control.evaluate("e => e.closest('.aiwatt-chart').querySelector('svg.marks').innerHTML")
                page.keyboard.press("ArrowDown")
                page.wait_for_function("([e, before]) => e.closest('.aiwatt-chart').querySelector('svg.marks').innerHTML !== before",
                                       arg=[control.element_handle(), figure_svg], timeout=5_000)
                continue
            before = control.get_attribute("aria-valuetext")
            assert before and not re.search(E_NOTATION, before), f"{label}: announces {before!r}"
            shown = control.evaluate("e => e.parentNode.querySelector('.aiwatt-control-value').textContent")
            assert shown == before, f"{label}: shows {shown!r} but announces {before!r}"
            readouts = control.evaluate("e => e.closest('.aiwatt-chart').innerText")
            at_max = control.evaluate("e => +e.value >= +e.max")
            control.focus()
            for _ in range(3):
                page.keyboard.press("ArrowLeft" if at_max else "ArrowRight")
            page.wait_for_function("([e, before]) => e.getAttribute('aria-valuetext') !== before", arg=[control.element_handle(), before],
                                   timeout=5_000)
            page.wait_for_function("([e, before]) => e.closest('.aiwatt-chart').innerText !== before",
                                   arg=[control.element_handle(), readouts], timeout=5_000)
            for key in ("End", "Home"):  # the extremes still read naturally
                page.keyboard.press(key)
                page.wait_for_timeout(150)
                texts = page.evaluate(READER_TEXTS)
                assert [t for t in texts if re.search(E_NOTATION, t)] == [], f"{label} at {key}"
        assert errors == []
    finally:
        context.close()


@pytest.mark.parametrize("document", CHART_PAGES)
def test_charts_are_there_without_javascript(browser, base_url, document):
    context, page, _ = _open(browser, f"{base_url}/{document}.html", PHONE, javascript=False)
    try:
        expected = len([chart for chart in figures.book_charts(HTML, ROOT) if chart.page == document])
        pictures = page.locator(".aiwatt-chart .aiwatt-chart-static img")
        assert pictures.count() == expected
        for index in range(expected):
            picture = pictures.nth(index)
            picture.scroll_into_view_if_needed()
            assert picture.evaluate("img => img.complete && img.naturalWidth > 0"), f"picture {index + 1} did not load"
            box = picture.bounding_box()
            assert box and box["height"] > 100 and box["x"] + box["width"] <= PHONE["width"]
        CHART_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(CHART_SCREENSHOTS / f"{document.replace('/', '_')}-nojs-390.png"), full_page=True)
    finally:
        context.close()


def _axe_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [[".aiwatt-chart"]]}, options={"resultTypes": ["violations"]})
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"] if violation["impact"] in ("serious", "critical")
    ]


def _open_as_without_javascript(browser, url: str, viewport: dict):
    """The page as a reader without JavaScript gets it (every script removed before it loads), in a
    context where axe itself can still run."""
    context = browser.new_context(viewport=viewport, service_workers="block")
    page = context.new_page()

    def strip_scripts(route):
        response = route.fetch()
        body = re.sub(r"<script\b[^>]*>.*?</script>", "", response.text(), flags=re.S | re.I)
        route.fulfill(response=response, body=body)

    page.route(url, strip_scripts)
    page.route("**/*.js", lambda route: route.abort())
    page.goto(url, wait_until="load")
    return context, page


@pytest.mark.parametrize("document", CHART_PAGES)
@pytest.mark.parametrize("viewport, javascript", [(DESKTOP, True), (PHONE, True), (PHONE, False)], ids=["1280", "390", "390-nojs"])
def test_chart_internals_pass_axe(browser, base_url, document, viewport, javascript):
    pytest.importorskip("axe_playwright_python", reason="axe-playwright-python is not installed: make install-test")
    url = f"{base_url}/{document}.html"
    if javascript:
        context, page, _ = _open(browser, url, viewport)
    else:
        context, page = _open_as_without_javascript(browser, url, viewport)
        assert page.locator(".aiwatt-chart-static img").count() > 0
    try:
        assert _axe_violations(page) == []
    finally:
        context.close()


def test_bundle_defines_its_globals_and_leaks_no_others(browser, base_url):
    context, page, _ = _open(browser, f"{base_url}/{CHART_PAGES[0]}.html", DESKTOP)
    try:
        assert page.evaluate("() => typeof window.vegaEmbed === 'function' && typeof window.aiwattCharts.upgrade === 'function'")
        assert page.evaluate("() => typeof window._ === 'undefined'"), "the bundle's top-level names must stay in its scope"
    finally:
        context.close()
