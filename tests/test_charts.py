"""aiwatt.charts: the offline renderer and the chapter charts."""

import json
import re

import altair as alt
import pandas as pd
import pytest

from aiwatt import charts, equivalents


def test_renderer_is_offline_and_escapes_the_spec():
    charts.enable("book")
    chart = alt.Chart(pd.DataFrame({"label": ["</script><b>x"]})).mark_text().encode(text="label")
    bundle = chart._repr_mimebundle_()
    html = bundle["text/html"] if isinstance(bundle, dict) else bundle[0]["text/html"]
    assert 'class="aiwatt-chart"' in html
    assert "</script><b>" not in html  # escaped inside the JSON
    assert not re.search(r"https?://(?!vega\.github\.io/schema)", html), "the chart must not load anything remote"


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


def test_javascript_bundle_defines_vega_embed_in_its_own_scope():
    bundle = charts.javascript_bundle()
    assert bundle.startswith("(function () {")
    assert "window.vegaEmbed" in bundle


def test_energy_ladder_has_a_bound_slider():
    households = {"in China": 228.0}
    spec = charts.energy_ladder(equivalents.landmarks(), households, 2.7e13).to_dict()
    params = spec.get("params", []) + [p for view in spec["vconcat"] for p in view.get("params", [])]
    assert [p["name"] for p in params if p.get("bind", {}).get("input") == "range"] == ["log10_kwh"]
    assert "household in China" in json.dumps(spec)


def _bound_params(spec: dict) -> list[str]:
    found = []

    def walk(node):
        if isinstance(node, dict):
            for param in node.get("params", []):
                if "bind" in param:
                    found.append(param["name"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def test_interactive_charts_bind_their_sliders():
    from aiwatt import data, training

    reproduction = training.reproduce_reference_runs()
    calculator = charts.training_calculator(data.load("accelerators"), reproduction["reported_mwh"].dropna() * 1e3, {"in China": 228.0}, 480)
    assert {"log10_params", "log10_tokens", "chip", "chip_count", "utilization", "power_w", "pue", "grid"} <= set(_bound_params(calculator.to_dict()))
    crossover = charts.crossover_chart(1.287e6, 2.5e9, 0.3)
    assert {"log10_queries", "wh_query", "log10_training"} <= set(_bound_params(crossover.to_dict()))
    reference = pd.DataFrame({"label": ["IEA"], "year": [2030], "twh": [945.0]})
    scenario = charts.scenario_chart(reference, 2025, 2.5e9, 0.3, 1.0, 0.33, 1.4e11, 1.1)
    assert {"growth", "efficiency", "wh0", "log10_ceiling"} <= set(_bound_params(scenario.to_dict()))
