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
    assert charts.enable() == "book"
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
