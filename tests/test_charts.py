"""aiwatt.charts: the renderer, the shared helpers, and every chart function against the checks."""

from __future__ import annotations

import json
import re
import urllib.parse

import altair as alt
import pandas as pd
import pytest

from aiwatt import charts, data, equivalents, grid, hardware, inference, training, units
from aiwatt.charts import checks, common, render


# ----------------------------------------------------------------------------
# The chapters' charts, built as the chapters build them


def _ladder():
    households = data.load("households")
    household_kwh = dict(zip(households["in_region"], households["household_kwh_per_month"]))
    return charts.energy_ladder(equivalents.landmarks(), household_kwh, units.convert(equivalents.world_electricity_twh(), "TWh", "kWh"))


def _breakdown():
    h100 = hardware.accelerator("H100")
    parts = training.energy_breakdown(1000 * 30 * 24, h100.tdp_w, h100.host_power_w, 1.1)
    return charts.energy_breakdown_bar(pd.DataFrame([{"run": "1,000 H100 for 30 days", "component": k, "energy_kwh": v} for k, v in parts.items()]))


def _reproduction():
    return charts.reproduction_chart(training.reproduce_reference_runs())


def _trend():
    growth = data.load("compute_growth").set_index("metric").loc["training compute of frontier models", "low_per_year_ratio"]
    return charts.compute_trend_chart(data.load("compute_trend"), growth)


def _calculator():
    runs = training.reproduce_reference_runs()["reported_mwh"].dropna() * 1e3
    return charts.training_calculator(data.load("accelerators"), runs, {"in China": 228.0, "in the US": 893.0}, grid.carbon_intensity("World"))


def _queries():
    figures = data.load("query_energy")
    rows = figures.assign(label=figures["what"], scope=figures["counts"])
    return charts.query_figures_chart(rows[["label", "query_wh", "scope", "boundary"]])


def _tokens():
    curves = pd.DataFrame(
        [{"model": name, "batch_size": b, "joules_per_token": inference.energy_per_token(n, "H100", b, scope="accelerator") * 3600}
         for name, n in {"8B": 8e9, "70B": 70e9}.items() for b in (1, 16, 256)]
    )
    measured = pd.DataFrame({"label": ["ML.ENERGY v3.0"], "batch_size": [64], "joules_per_token": [0.12]})
    return charts.token_energy_chart(curves, measured)


def _crossover():
    return charts.crossover_chart(1.287e6, 2.5e9, 0.374, days=30)


def _scenario():
    reference = pd.DataFrame({"label": ["IEA Base Case", "IEA estimate"], "year": [2030, 2024], "twh": [945.0, 415.0]})
    return charts.scenario_chart(reference, 2025, 2.5e9, 0.34, 0.4, 0.33, 1e13, 1.1, tokens_growth_per_year=0.11, service_life_years=5)


def _ai_electricity():
    from aiwatt import fleet

    table = fleet.ai_electricity_table()
    band = table[["low_twh", "central_twh", "high_twh"]]
    line = pd.DataFrame({"year": [2024, 2030, 2035], "twh": [415.0, 945.0, 1200.0]})
    world = pd.DataFrame({"year": [2024, 2030, 2035], "twh": [30_856.0, 36_000.0, 40_000.0]})
    return charts.ai_electricity_chart(2025, float(band.loc[2025, "central_twh"]), band, band * 1.1, line, world, 0.6, 0.1, 0.3)


def _shares():
    shares = pd.DataFrame({"label": ["AI, world, 2024", "data centres, Ireland, 2023"], "share_fraction": [0.004, 0.21],
                           "kind": ["AI, world", "data centres, a country or state"]})
    return charts.share_chart(shares)


def _power():
    rows = pd.DataFrame({"label": ["a frontier training cluster", "a city of a million homes"], "power_mw": [150.0, 120.0],
                         "kind": ["AI cluster", "for comparison"]})
    return charts.power_chart(rows)


CHARTS = {
    "energy_ladder": _ladder, "energy_breakdown_bar": _breakdown, "reproduction_chart": _reproduction,
    "compute_trend_chart": _trend, "training_calculator": _calculator, "query_figures_chart": _queries,
    "token_energy_chart": _tokens, "crossover_chart": _crossover, "scenario_chart": _scenario,
    "ai_electricity_chart": _ai_electricity, "share_chart": _shares, "power_chart": _power,
}


@pytest.fixture(scope="module")
def specs():
    return {name: build().to_dict() for name, build in CHARTS.items()}


@pytest.mark.parametrize("name", CHARTS)
def test_chart_passes_the_checks(specs, name):
    assert checks.chart_problems(specs[name]) == []


@pytest.mark.parametrize("name", CHARTS)
def test_chart_title_states_a_message(specs, name):
    title = specs[name]["usermeta"]["aiwatt"]["title"]
    # A message is a sentence with a verb or a number, not a two-word label.
    assert len(title.split()) >= 6, title


# ----------------------------------------------------------------------------
# The checks catch what they are meant to catch


def _plain(**properties):
    return alt.Chart(pd.DataFrame({"x": [1.0, 2.0], "y": [3e23, 4e23]})).mark_point().encode(x="x:Q", y="y:Q").properties(**properties)


def test_checks_catch_a_bare_chart():
    problems = checks.chart_problems(_plain(width=440).to_dict())
    text = "\n".join(problems)
    assert "no title" in text and "no description" in text and "not made with aiwatt.charts.common.finish" in text
    assert "fixed width 440 px" in text
    assert "e-notation in the chart" in text  # Vega's default axis labels write 3e+23


def test_checks_catch_low_contrast_and_coloured_text():
    rows = pd.DataFrame({"x": [1.0], "kind": ["a"], "t": ["label"]})
    chart = alt.layer(
        alt.Chart(rows).mark_point(filled=True).encode(x="x:Q", color=alt.Color("kind:N", scale=alt.Scale(range=["#E69F00"]))),
        alt.Chart(rows).mark_text(color=common.PALETTE["inference"], dy=20).encode(x="x:Q", text="t:N"),
    )
    problems = checks.svg_contrast_problems(render.static_svg(chart.to_dict()))
    assert any("role-mark in #e69f00" in p for p in problems), problems  # the old highlight orange: 2.25:1 at best
    assert any("text 'label'" in p and "3.87:1" in p for p in problems), problems  # vermillion text


def test_checks_catch_a_layer_without_legend_and_a_raw_tooltip():
    points = alt.Chart(pd.DataFrame({"x": [1.0], "flop": [3e23]})).mark_point().encode(x="x:Q", tooltip=["flop:Q"])
    rule = alt.Chart(pd.DataFrame({"x": [1.0]})).mark_rule().encode(x="x:Q")
    problems = checks.spec_problems(alt.layer(points, rule).to_dict())
    assert any("rule layer has no legend entry" in p for p in problems)
    assert any("tooltip 'flop'" in p for p in problems)
    assert any("format '.2e'" in p for p in checks.spec_problems(_plain().encode(y=alt.Y("y:Q", axis=alt.Axis(format=".2e"))).to_dict()))


@pytest.mark.parametrize("colour", list(common.PALETTE.values()) + list(common.CATEGORICAL))
def test_palette_meets_wcag_for_marks(colour):
    assert common.contrast_ratio(colour) >= common.MIN_CONTRAST_MARKS


@pytest.mark.parametrize("colour", [common.TEXT, common.MUTED_TEXT])
def test_text_colours_meet_wcag_for_text(colour):
    assert common.contrast_ratio(colour) >= common.MIN_CONTRAST_TEXT


def test_contrast_ratio_matches_wcag_examples():
    assert common.contrast_ratio("#000000") == pytest.approx(21.0)
    assert common.contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)  # WCAG's well-known AA grey
    assert common.contrast_ratio("#E69F00") == pytest.approx(2.25, abs=0.01)
    with pytest.raises(ValueError, match="colour must be"):
        common.contrast_ratio("orange")


# ----------------------------------------------------------------------------
# finish, sliders, selects


def test_finish_refuses_what_cannot_fit_a_phone_or_has_no_message():
    base = _plain()
    with pytest.raises(ValueError, match="title must state"):
        common.finish(base, title=" ", description="A chart of two points for a test.")
    with pytest.raises(ValueError, match="description must say"):
        common.finish(base, title="Two points", description="x")
    with pytest.raises(ValueError, match="readouts= instead of a concatenated text panel"):
        common.finish(alt.vconcat(base, base), title="Two points", description="A chart of two points for a test.")


def test_slider_reads_in_natural_units(specs):
    slider = common.slider("params", "Parameters", 70.6e9, 1e8, 1e13, log=True, suffix=" parameters")
    spec = common.finish(_plain(), title="A test chart with one slider", description="A chart with one slider, for a test.",
                         controls=[slider]).to_dict()
    assert [p["name"] for p in spec["params"]] == ["params_log10", "params", "params_text"]
    bound = spec["params"][0]
    assert bound["bind"]["name"] == "Parameters" and bound["bind"]["min"] == 8 and bound["bind"]["max"] == 13
    assert render.evaluate(spec, ["params_text"])["params_text"] == "70.6 billion parameters"
    assert render.evaluate(spec, ["params_text"], {"params_log10": 23.5})["params_text"] == "3.16 × 10²³ parameters"
    assert spec["usermeta"]["aiwatt"]["controls"] == {"params_log10": "params_text"}
    with pytest.raises(ValueError, match="value must be in"):
        common.slider("x", "X", 5, 0, 1)
    with pytest.raises(ValueError, match="minimum must be > 0 on a log slider"):
        common.slider("x", "X", 1, 0, 10, log=True)
    with pytest.raises(ValueError, match="unknown readout 'energi'. Did you mean 'energy'"):
        common.slider("x", "X", 1, 0, 10, readout="energi")
    with pytest.raises(ValueError, match="name must be a Vega identifier"):
        common.slider("x-y", "X", 1, 0, 10)


def test_every_slider_of_the_book_shows_natural_units(specs):
    for name, spec in specs.items():
        meta = spec["usermeta"]["aiwatt"]
        for input_name, text_name in meta["controls"].items():
            text = render.evaluate(spec, [text_name])[text_name]
            label = meta["control_labels"][input_name]
            assert text and "log" not in label.lower() and not checks.E_NOTATION.search(text), (name, label, text)
            assert not re.fullmatch(r"[\d.]+", text), f"{name}: {label} shows a bare number {text!r}, not natural units"


def test_select_shows_labels():
    choice = common.select("chip", "Accelerator", ["H100", "A100"], "A100", labels=["NVIDIA H100", "NVIDIA A100"])
    spec = common.finish(_plain(), title="A test chart with one select", description="A chart with a select, for a test.",
                         controls=[choice]).to_dict()
    assert render.evaluate(spec, ["chip_text"])["chip_text"] == "NVIDIA A100"
    with pytest.raises(ValueError, match="unknown option 'B200'"):
        common.select("chip", "Accelerator", ["H100"], "B200")


def test_rates_say_what_they_mean(specs):
    texts = render.evaluate(specs["scenario_chart"], ["growth_text", "efficiency_text", "ceiling_text", "life_text"])
    assert texts == {"growth_text": "+40% a year", "efficiency_text": "33% a year", "ceiling_text": "none", "life_text": "5 years"}
    assert render.evaluate(specs["scenario_chart"], ["ceiling_text"], {"log10_ceiling": 11})["ceiling_text"] == "100 billion queries a day"


# ----------------------------------------------------------------------------
# The renderer


def test_renderer_is_offline_and_escapes_the_spec():
    charts.enable("book")
    chart = common.finish(
        alt.Chart(pd.DataFrame({"label": ["</script><b>x"]})).mark_text().encode(text="label"),
        title="A chart whose data tries to close the script", description="A text mark holding a closing script tag.",
    )
    bundle = chart._repr_mimebundle_()
    html = bundle["text/html"] if isinstance(bundle, dict) else bundle[0]["text/html"]
    assert 'class="aiwatt-chart"' in html
    assert "</script><b>" not in html  # escaped inside the JSON
    assert not re.search(r"https?://(?!vega\.github\.io/schema|www\.w3\.org/)", urllib.parse.unquote(html)), "nothing remote"
    assert "run aiwatt.charts.enable() first" not in html


def test_chart_html_holds_a_static_picture_readouts_description_and_spec(specs):
    spec = specs["energy_ladder"]
    html = render.chart_html(spec)
    image = re.search(r'<img src="data:image/svg\+xml;charset=utf-8,([^"]+)" alt="([^"]+)" width="(\d+)"', html)
    assert image and int(image.group(3)) <= render.STATIC_WIDTH
    svg = urllib.parse.unquote(image.group(1))
    assert svg.startswith("<svg") and "GWh" in svg
    assert image.group(2).startswith("From a chatbot prompt")
    readout = re.search(r'<ul class="aiwatt-chart-readout" aria-live="polite"[^>]*>(.*?)</ul>', html).group(1)
    assert "1.29 GWh is the electricity of" in readout and "of an average household in China" in readout
    assert 'class="aiwatt-chart-note"' in html and "Energy: 1.29 GWh" in html
    assert 'class="aiwatt-chart-description"' in html and "screen" not in spec["description"]
    embedded = re.search(r'<script type="application/json" class="aiwatt-chart-spec">(.*?)</script>', html).group(1)
    assert json.loads(embedded) == spec


def test_charts_render_without_the_bundle_in_notebooks_run_headless(monkeypatch):
    # nbconvert and papermill run kernels outside a Jupyter server: "book" mode,
    # no bundle. The output must still hold the picture, not a plea to run enable().
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.delenv("AIWATT_CHARTS", raising=False)
    charts.enable()
    bundle = _crossover()._repr_mimebundle_()
    html = bundle["text/html"] if isinstance(bundle, dict) else bundle[0]["text/html"]
    assert "<img src=\"data:image/svg+xml" in html
    assert len(html) < 120_000, "a chart's output must stay small (no Vega bundle)"


def test_jupyter_mode_clears_the_bundle_from_saved_outputs(monkeypatch):
    shown = []

    class Handle:
        def update(self, data, raw=False):
            shown.append(("update", data))

    def display(data, raw=False, display_id=None):
        shown.append(("display", data))
        return Handle()

    import IPython.display

    monkeypatch.setattr(IPython.display, "display", display)
    charts.enable("jupyter")
    try:
        assert shown[0][0] == "display" and "window.aiwattCharts" in shown[0][1]["text/html"]
        assert shown[-1] == ("update", {"text/plain": ""})  # what the notebook saves
    finally:
        charts.enable("book")


def test_modes(monkeypatch):
    monkeypatch.delenv("AIWATT_CHARTS", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    charts.enable()
    assert charts.active_mode() == "book"
    monkeypatch.setenv("JPY_SESSION_NAME", "lab")
    assert charts.render._resolve_mode("auto") == "jupyter"
    monkeypatch.setenv("AIWATT_CHARTS", "nonsense")
    with pytest.raises(ValueError, match="AIWATT_CHARTS must be one of auto, book, jupyter; got 'nonsense'"):
        charts.enable()
    with pytest.raises(ValueError, match="mode must be one of"):
        charts.enable("svg")


def test_javascript_bundle_matches_altair_and_carries_the_upgrade():
    bundle = charts.javascript_bundle()
    # The Vega-Lite inside is the version Altair writes specs for: a mismatch
    # would compile the book's specs with another grammar.
    assert f'"{alt.SCHEMA_VERSION.lstrip("v")}"' in bundle
    assert bundle.rstrip().endswith("window.aiwattCharts.upgradeAll();")  # charts shown before the bundle come alive
    assert json.dumps(render.EMBED_OPTIONS) in bundle and render.EMBED_OPTIONS["actions"] is False


def test_evaluate_reports_unknown_parameters():
    spec = _crossover().to_dict()
    with pytest.raises(ValueError, match="unknown parameter 'queries_per_dya'. Did you mean 'queries_per_day'"):
        render.evaluate(spec, ["crossover_days"], {"queries_per_dya": 9})
    with pytest.raises(ValueError, match="is computed"):
        render.evaluate(spec, ["crossover_days"], {"crossover_days": 9})


def test_a_notebook_run_headless_saves_pictures_not_the_bundle(tmp_path, monkeypatch):
    # What nbconvert --execute and papermill do: a kernel outside a Jupyter server.
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    monkeypatch.delenv("AIWATT_CHARTS", raising=False)
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("from aiwatt import charts\ncharts.enable()"),
        nbformat.v4.new_code_cell("charts.crossover_chart(1.287e6, 2.5e9, 0.374, days=30)"),
    ]
    NotebookClient(notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(tmp_path)}}).execute()
    saved = nbformat.writes(notebook)
    html = "".join(notebook.cells[1].outputs[0]["data"]["text/html"])
    assert '<img src="data:image/svg+xml' in html and "aiwatt-chart-readout" in html
    assert "run aiwatt.charts.enable() first" not in saved
    assert len(saved) < 150_000, f"a saved notebook with one chart is {len(saved):,} bytes: the Vega bundle must not be in it"
