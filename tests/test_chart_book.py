"""Every chart the built book holds, whoever wrote it, against aiwatt.charts.checks; and ``make figures``.

Reads ``_build/html`` (``make book``); skipped with a reason when it is missing.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from aiwatt.charts import checks, figures, render

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"

pytestmark = pytest.mark.skipif(not (HTML / "index.html").exists(), reason="no _build/html: run 'make book' first")


def _book_charts():
    if not (HTML / "index.html").exists():
        return []
    return figures.book_charts(HTML, ROOT)


BOOK_CHARTS = _book_charts()


def test_the_book_has_its_charts():
    pages = {chart.page for chart in BOOK_CHARTS}
    assert {"book/units", "book/training", "book/inference"} <= pages
    assert len(BOOK_CHARTS) >= 9


@pytest.mark.parametrize("chart", BOOK_CHARTS, ids=lambda chart: chart.name)
def test_book_chart_passes_the_checks(chart):
    assert chart.svg, f"{chart.name}: no static picture (JavaScript off, headless or untrusted notebooks see nothing)"
    assert checks.chart_problems(chart.spec, chart.svg) == []


@pytest.mark.parametrize("chart", BOOK_CHARTS, ids=lambda chart: chart.name)
def test_book_chart_is_described_and_works_without_javascript(chart):
    html = chart.html
    alt_text = re.search(r'<img [^>]*alt="([^"]+)"', html).group(1)
    assert alt_text == chart.title.replace("'", "&#x27;") or alt_text == chart.title
    caption = re.search(r'<figcaption class="aiwatt-chart-description"[^>]*>(.*?)</figcaption>', html, re.S).group(1)
    assert len(caption) >= 20
    meta = chart.spec["usermeta"]["aiwatt"]
    if meta["controls"]:
        note = re.search(r'<p class="aiwatt-chart-note"[^>]*>(.*?)</p>', html, re.S)
        assert note and "starting values" in note.group(1), f"{chart.name}: the static picture does not say what it shows"
        assert not checks.E_NOTATION.search(note.group(1))
    if meta["readouts"]:
        items = re.findall(r"<li>(.*?)</li>", re.search(r'<ul class="aiwatt-chart-readout".*?</ul>', html, re.S).group(0))
        assert len(items) == len(meta["readouts"]) and all(items), f"{chart.name}: readouts not filled for readers without JavaScript"
        assert not any(checks.E_NOTATION.search(item) for item in items)


def test_pages_carry_no_vega_bundle_in_chart_outputs():
    for page in {chart.page for chart in BOOK_CHARTS}:
        text = (HTML / f"{page}.html").read_text(encoding="utf-8")
        assert text.count("vega-lite") < 40, f"{page}: the Vega bundle seems inlined"
        assert "run aiwatt.charts.enable() first" not in text


def test_make_figures_writes_every_chart_with_its_title(tmp_path):
    chosen = BOOK_CHARTS[:2]
    written = figures.export(chosen, tmp_path, width=720, scale=1)
    assert [p.name for p in written] == [name for chart in chosen for name in (f"{chart.name}.svg", f"{chart.name}.png")]
    for chart in chosen:
        svg = (tmp_path / f"{chart.name}.svg").read_text()
        first_title_line = chart.spec["title"]["text"][0]
        assert first_title_line in svg
        png = (tmp_path / f"{chart.name}.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width = struct.unpack(">I", png[16:20])[0]
        assert 700 <= width <= 740


def test_figures_cli_reads_the_built_book(tmp_path, capsys):
    assert figures.main(["--root", str(ROOT), "--html", str(HTML), "--out", str(tmp_path), "--scale", "1"]) == 0
    assert len(list(tmp_path.glob("*.svg"))) == len(BOOK_CHARTS) == len(list(tmp_path.glob("*.png")))
    assert "book/units" not in capsys.readouterr().out  # names are file-safe: "units-01-..."


def test_static_width_fits_a_phone():
    assert render.STATIC_WIDTH <= 358  # the text column of a 390 px phone


def _reader_text(page_html: str) -> str:
    """What a reader of a page reads: the HTML without code cells, scripts, styles, pictures and tags."""
    text = re.sub(r'<div class="cell_input.*?</div>\s*</div>', " ", page_html, flags=re.S)
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r"<img\b[^>]*>", " ", text)
    # Code is code: a literal such as ``7e9`` in a sentence about Python is read as code.
    text = re.sub(r"<code\b.*?</code>", " ", text, flags=re.S)
    # A colour such as "#009E73" is not a number in e-notation.
    text = re.sub(r"#[0-9A-Fa-f]{6}\b", " ", text)
    text = re.sub(r'<div class="highlight.*?</pre></div>', " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"https?://\S+", " ", text)  # addresses are not numbers


@pytest.mark.parametrize("page", figures.toc_documents(ROOT))
def test_page_shows_no_raw_table_and_no_e_notation(page):
    page_html = (HTML / f"{page}.html").read_text(encoding="utf-8")
    # pandas' own HTML (a DataFrame or a Styler left as the cell's value) instead of reader_table
    assert 'class="dataframe' not in page_html and not re.search(r'<table id="T_', page_html), f"{page}: a raw DataFrame is shown"
    found = sorted(set(checks.E_NOTATION.findall(_reader_text(page_html))))
    assert found == [], f"{page}: e-notation where a reader looks: {found}"
