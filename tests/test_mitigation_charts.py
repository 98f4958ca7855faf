"""The scenario builder's in-browser formulas agree with aiwatt.mitigation at sample points.

The chart recomputes the scenario in Vega expressions when a slider moves; here
it is rendered (vl-convert runs the same Vega engine as the browser) with the
sliders set to sample values, and the numbers it prints are compared with
:func:`aiwatt.mitigation.scenario`'s central values.
"""

from __future__ import annotations

import re

import pytest

from aiwatt import mitigation

vl_convert = pytest.importorskip("vl_convert")
from aiwatt.charts import mitigation as mitigation_charts  # noqa: E402

SAMPLES = [
    (2030, {}, 0.0),
    (2035, {"hardware": 0.9, "algorithms": 0.2, "quantisation": 0.3, "facility": 1.1, "clean_supply": 0.4}, 0.5),
    (2030, {"mixture_of_experts": 1.0, "shorter_answers": 0.6, "power_capping": 0.8, "distillation": 0.1}, 1.25),
    (2035, {}, 1.0),
]


def rendered_numbers(spec: dict, year: int) -> tuple[list[float], list[float]]:
    """The value labels of the electricity and emissions panels, in step order."""
    svg = vl_convert.vegalite_to_svg(spec)
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    panels = []
    for title in ("Electricity, TWh", "Emissions, Mt CO2e"):
        end = texts.index(title)
        start = texts.index(f"AI in {year}, with levers", 0 if not panels else texts.index("Electricity, TWh")) + 1
        panels.append([float(t.replace("\u2212", "-").replace(",", "")) for t in texts[start:end]])
    return panels[0], panels[1]


@pytest.mark.parametrize("year, levers, rebound", SAMPLES)
def test_browser_formulas_match_the_package(year, levers, rebound):
    result = mitigation.scenario(year, levers, rebound)
    spec = mitigation_charts.scenario_waterfall(mitigation.slider_table(), result.levers, rebound, year).to_dict()
    electricity, emissions = rendered_numbers(spec, year)
    expected_twh = ([result.baseline_twh.central] + [-result.saving_twh[k] for k in mitigation.LEVERS] + [result.rebound_twh]
                    + [result.mitigated_twh.central])
    expected_mt = [result.baseline_tco2e.central / 1e6] + [-result.saving_tco2e[k] / 1e6 for k in mitigation.LEVERS] + [
        result.rebound_tco2e / 1e6, result.mitigated_tco2e.central / 1e6
    ]
    assert electricity == pytest.approx(expected_twh, abs=0.51)
    assert emissions == pytest.approx(expected_mt, abs=0.51)


def test_switching_the_year_shows_that_years_defaults():
    # The chart starts in 2030; choosing 2035 must show the 2035 defaults (the grid's
    # trend carried on), as the chapter's table does, not 2030's clean-supply share.
    spec = mitigation_charts.scenario_waterfall(mitigation.slider_table(), mitigation.default_levers(2030), 0.0, 2030).to_dict()
    moved = mitigation_charts.with_settings(spec, {}, 0.0, 2035)
    result = mitigation.scenario(2035)
    electricity, emissions = rendered_numbers(moved, 2035)
    assert emissions[-1] == pytest.approx(result.mitigated_tco2e.central / 1e6, abs=0.51)
    assert electricity[-1] == pytest.approx(result.mitigated_twh.central, abs=0.51)


@pytest.mark.parametrize("year, rebound", [(2030, 0.0), (2035, 0.5), (2035, 1.0), (2030, 1.5)])
def test_summary_lines_state_the_year_and_the_total(year, rebound):
    from aiwatt import units
    from aiwatt.charts import render

    spec = mitigation_charts.scenario_waterfall(mitigation.slider_table(), mitigation.default_levers(2030), 0.0, 2030).to_dict()
    moved = mitigation_charts.with_settings(spec, mitigation.default_levers(year), rebound, year)
    lines = render.evaluate(moved, ["aiwatt_readout_0", "aiwatt_readout_1"])
    result, whole = mitigation.scenario(year, rebound=rebound), mitigation.scenario(year)
    before = 1 - whole.mitigated_twh.central / whole.baseline_twh.central
    after = 1 - result.mitigated_twh.central / result.baseline_twh.central
    assert lines["aiwatt_readout_0"].startswith(f"In {year}, the levers take {units.format_share(before)} off")
    if after >= 0:
        assert lines["aiwatt_readout_0"].endswith(f"with this rebound, {units.format_share(after)} off.")
    else:
        assert lines["aiwatt_readout_0"].endswith(f"they add {units.format_share(-after)} to it.")
    emissions = 1 - result.mitigated_tco2e.central / result.baseline_tco2e.central
    words = f"{units.format_share(emissions)} less" if emissions >= 0 else f"{units.format_share(-emissions)} more"
    assert lines["aiwatt_readout_1"] == f"Emissions: {words} than with no levers."


def test_with_settings_moves_only_the_sliders():
    spec = mitigation_charts.scenario_waterfall(mitigation.slider_table(), mitigation.default_levers(2030)).to_dict()
    moved = mitigation_charts.with_settings(spec, {"hardware": 0.2, "facility": 1.3}, 0.7, 2035)
    values = {p["name"]: p["value"] for p in moved["params"] if "value" in p}
    assert values["hardware_pct"] == 20 and values["facility_pue"] == 1.3 and values["rebound"] == 0.7 and values["year_shown"] == 2035
    # Clean supply is a share of the year's fossil supply in the package, a yearly rate on the slider.
    share = mitigation.clean_supply_share(0.05, 2035)
    rate = {p["name"]: p["value"] for p in mitigation_charts.with_settings(spec, {"clean_supply": share}, 0.0, 2035)["params"] if "value" in p}
    assert rate["clean_supply_pct"] == pytest.approx(5.0)
    assert {p["name"]: p["value"] for p in spec["params"] if "value" in p}["rebound"] == 0.0
    fresh = mitigation_charts.scenario_waterfall(mitigation.slider_table(), mitigation.default_levers(2035) | {"hardware": 0.2, "facility": 1.3}, 0.7, 2035).to_dict()
    assert {p["name"]: p["value"] for p in fresh["params"] if "value" in p} == values
