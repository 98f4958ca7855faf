"""Every model written twice, in Python and as a Vega expression for the browser, agrees at sample points.

vl-convert compiles each chart's spec and evaluates its expressions without a
browser (:func:`aiwatt.charts.render.evaluate`): the readable-number twins of
:mod:`aiwatt.units`, the training chain of the calculator, the crossover and
the logistic scenario, with the sliders set to sample values.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import altair as alt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiwatt import charts, data, equivalents, grid, inference, scenarios, training, units
from aiwatt.charts import common, render
from aiwatt.charts.units import household_time_text, vega_household_time, vega_world_share, world_share_text

EMPTY = alt.Chart(pd.DataFrame({"a": [0]})).mark_point().to_dict()


def _is_tie(value: float, significant: int) -> bool:
    """Whether ``value`` lies exactly halfway at ``significant`` digits: there Python rounds
    half to even and JavaScript half up, a difference of one in the last digit."""
    if value == 0 or not math.isfinite(value):
        return False
    exact = Decimal(value)
    quantum = Decimal(1).scaleb(exact.adjusted() - significant + 1)
    return exact.quantize(quantum, ROUND_HALF_EVEN) != exact.quantize(quantum, ROUND_HALF_UP)


def _vega(formatter, values, **kwargs) -> list[str]:
    out = render.evaluate(EMPTY, {str(i): formatter(repr(float(v)), **kwargs) for i, v in enumerate(values)})
    return [out[str(i)] for i in range(len(values))]


SAMPLES = [0, 1e-9, 4.171e-8, 0.000999, 0.001, 0.0312, 0.24, 0.9996, 1, 12.345, 999.4, 999.6, 1287, 99_999, 999_999,
           1.287e6, 70.6e9, 8.4e12, 9.9996e14, 1e15, 3.15e23, 9.996e22]


@pytest.mark.parametrize("significant", [1, 2, 3, 4])
def test_vega_number_is_format_number(significant):
    values = SAMPLES + [-v for v in SAMPLES if v]
    assert _vega(common.vega_number, values, significant=significant) == [units.format_number(v, significant) for v in values]


@pytest.mark.parametrize("significant", [2, 3])
def test_vega_energy_is_format_energy(significant):
    assert _vega(common.vega_energy, SAMPLES, significant=significant) == [units.format_energy(v, significant) for v in SAMPLES]


def test_the_energy_that_disagreed_now_agrees():
    # Issue 11: 999.6 kWh showed as "1000 kWh" in the chart and "1.00 MWh" in Python.
    assert _vega(common.vega_energy, [999.6]) == [units.format_energy(999.6)] == ["1.00 MWh"]


@pytest.mark.parametrize("significant", [1, 2, 3])
def test_vega_share_is_format_share(significant):
    values = [v / 1e3 for v in SAMPLES if v / 1e3 < 1e3] + [0.5, 0.0134, 0.00099, 0.00077, 1e-4, 9.99e-5, 4.2e-5, 4.2e-8, 1e-9, 3e-12, 9.9996e-13, 3e-13, 1e-17]
    assert _vega(common.vega_share, values, significant=significant) == [units.format_share(v, significant) for v in values]


@settings(max_examples=4, deadline=None)
@given(st.lists(st.floats(min_value=-1e30, max_value=1e30, allow_nan=False, allow_infinity=False), min_size=50, max_size=120),
       st.integers(1, 4))
def test_vega_number_is_format_number_anywhere(values, significant):
    values = [v for v in values if not _is_tie(v, significant) and not _is_tie(abs(v) / 1e6, significant)]
    assert _vega(common.vega_number, values, significant=significant) == [units.format_number(v, significant) for v in values]


@settings(max_examples=3, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=1e16, allow_nan=False), min_size=50, max_size=120))
def test_vega_energy_is_format_energy_anywhere(values):
    values = [v for v in values if not any(_is_tie(v * 1e3 / 1000**k, 3) for k in range(5))]
    assert _vega(common.vega_energy, values) == [units.format_energy(v) for v in values]


@settings(max_examples=3, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=100, allow_nan=False), min_size=50, max_size=120))
def test_vega_share_is_format_share_anywhere(values):
    values = [v for v in values if not _is_tie(v, 2) and not _is_tie(100 * v, 2)]
    assert _vega(common.vega_share, values) == [units.format_share(v) for v in values]


# ----------------------------------------------------------------------------
# The training calculator against aiwatt.training


@pytest.fixture(scope="module")
def calculator():
    runs = training.reproduce_reference_runs()["reported_mwh"].dropna() * 1e3
    return charts.training_calculator(data.load("accelerators"), runs, {"in China": 228.1}, 480).to_dict()


@pytest.mark.parametrize(
    "params, tokens, chip, utilization, power_w, pue, grid_g, count",
    [(70e9, 2e12, "H100", 0.38, 700, 1.1, 480, 1024), (175e9, 300e9, "V100", 0.2, 330, 1.1, 429, 10_000),
     (7e9, 1e13, "A100-80GB", 0.5, 400, 1.5, 50, 256), (1e12, 3e13, "B200", 0.3, 1000, 1.05, 800, 32_768)],
)
def test_calculator_chain_is_the_training_model(calculator, params, tokens, chip, utilization, power_w, pue, grid_g, count):
    values = {"n_params_log10": math.log10(params), "n_tokens_log10": math.log10(tokens), "chip": chip,
              "chip_count_log10": math.log10(count), "utilization": utilization, "power_w": power_w, "pue": pue,
              "grid_g_per_kwh": grid_g}
    got = render.evaluate(calculator, ["run_flop", "run_chip_hours", "run_energy_kwh", "run_emissions_t", "run_days", "aiwatt_readout_2"], values)
    flop = training.training_flops(10 ** math.log10(params), 10 ** math.log10(tokens))
    # The slider is the whole-run utilisation (in-step MFU x goodput): goodput 1 in the model.
    hours = training.chip_hours_from_flops(flop, chip, utilization, goodput=1)
    energy = training.energy_from_chip_hours(hours, power_w, pue)
    assert got["run_flop"] == pytest.approx(flop, rel=1e-12)
    assert got["run_chip_hours"] == pytest.approx(hours, rel=1e-12)
    assert got["run_energy_kwh"] == pytest.approx(energy, rel=1e-12)
    assert got["run_emissions_t"] == pytest.approx(grid.emissions_kg(energy, grid_g) / 1e3, rel=1e-12)
    assert got["run_days"] == pytest.approx(hours / round(10 ** math.log10(count)) / 24, rel=1e-12)
    assert got["aiwatt_readout_2"] == f"Energy at the facility: {units.format_energy(energy)}"


@pytest.mark.parametrize("chip", ["H100", "V100", "A100-80GB", "B200", "TPUv4"])
def test_choosing_an_accelerator_sets_its_power_and_utilisation(calculator, chip):
    # Student review: choosing the V100 left 700 W and 36%. The select now moves both sliders to the chip's
    # own central values, and the energy is then the package's facility energy at those inputs.
    from aiwatt import hardware

    accelerator = hardware.accelerator(chip)
    got = render.evaluate(calculator, ["power_w", "utilization", "run_chip_hours", "run_energy_kwh"],
                          {"chip": chip, "n_params_log10": math.log10(70e9), "n_tokens_log10": math.log10(2e12)})
    assert got["power_w"] == pytest.approx(training.power_at_boundary(chip, "server"), abs=0.5)
    assert got["utilization"] == pytest.approx(accelerator.utilization.central * training.DEFAULT_GOODPUT.central, abs=0.005)
    flop = training.training_flops(10 ** math.log10(70e9), 10 ** math.log10(2e12))
    hours = training.chip_hours_from_flops(flop, chip, got["utilization"], goodput=1)
    assert got["run_energy_kwh"] == pytest.approx(training.energy_at_boundary(hours, chip, power_w=accelerator.typical_power_w,
                                                                               host_power_w=got["power_w"] - accelerator.typical_power_w,
                                                                               pue=1.1), rel=1e-9)


def test_the_calculator_starts_where_the_dashboard_starts(calculator):
    # Same run, same boundary: the in-browser calculator at its starting values is the package's energy at the
    # central inputs, and lies inside the live dashboard's band (the median of draws from lopsided bands differs).
    got = render.evaluate(calculator, ["run_energy_kwh", "power_w", "utilization"])
    band = training.estimate_training_energy(70e9, 2e12, "H100")
    point = training.energy_at_boundary(training.chip_hours_from_flops(training.training_flops(70e9, 2e12), "H100"), "H100")
    assert got["run_energy_kwh"] == pytest.approx(point, rel=0.01)
    assert band.energy_kwh.contains(got["run_energy_kwh"])


def test_calculator_offers_only_known_accelerators(calculator):
    from aiwatt import hardware

    chips = next(p for p in calculator["params"] if p["name"] == "chip")["bind"]["options"]
    for chip in chips:
        peak = render.evaluate(calculator, ["peak_flop_per_s"], {"chip": chip})["peak_flop_per_s"]
        assert peak == hardware.accelerator(chip).peak_flop_per_s


# ----------------------------------------------------------------------------
# The crossover and the scenario against aiwatt.inference and aiwatt.scenarios


@pytest.mark.parametrize("training_kwh, queries, wh", [(1.287e6, 2.5e9, 0.374), (3.3e7, 1e9, 1.0), (1e4, 1e5, 5.0)])
def test_crossover_is_the_inference_model(training_kwh, queries, wh):
    spec = charts.crossover_chart(1.287e6, 2.5e9, 0.374).to_dict()
    values = {"training_kwh_log10": math.log10(training_kwh), "queries_per_day_log10": math.log10(queries), "wh_query": wh}
    got = render.evaluate(spec, ["crossover_days", "daily_kwh"], values)
    expected = inference.crossover_days(10 ** math.log10(training_kwh), wh, 10 ** math.log10(queries))
    assert got["crossover_days"] == pytest.approx(expected, rel=1e-12)
    assert got["daily_kwh"] == pytest.approx(inference.fleet_energy(10 ** math.log10(queries), wh) / 365, rel=1e-12)


@pytest.mark.parametrize(
    "growth, efficiency, tokens, life, wh0, ceiling",
    [(0.4, 0.33, 0.11, 5, 0.34, 1e13), (1.0, 0.1, 0.0, 1, 1.0, 5e10), (2.0, 0.5, 0.6, 8, 0.05, 1e12), (0.0, 0.0, 0.2, 3, 2.0, 1e10)],
)
def test_scenario_is_the_inference_model(growth, efficiency, tokens, life, wh0, ceiling):
    start, q0, pue = 2025, 2.5e9, 1.1
    reference = pd.DataFrame({"label": ["IEA Base Case"], "year": [2030], "twh": [945.0]})
    spec = charts.scenario_chart(reference, start, q0, 0.34, 0.4, 0.33, 1e13, pue, tokens_growth_per_year=0.1, service_life_years=5).to_dict()
    path = charts.inference.scenario_twh_expr(start, q0, pue)
    years = (2025, 2027, 2030, 2035)
    values = {"growth": growth, "efficiency": efficiency, "tokens": tokens, "life": life, "wh0": wh0, "log10_ceiling": math.log10(ceiling)}
    got = render.evaluate(spec, {str(y): path.replace("datum.year", str(y)) for y in years} | {"2030 text": "aiwatt_readout_0"}, values)
    model = scenarios.inference_scenario(q0, wh0, growth, efficiency, start_year=start, end_year=2035, tokens_growth_per_year=tokens,
                                         service_life_years=life, saturation_queries_per_day=10 ** math.log10(ceiling), pue=pue, draws=100)
    for year in years:
        assert got[str(year)] == pytest.approx(model.loc[year, "central_twh"], rel=1e-9), year
    assert got["2030 text"] == f"2030: {units.format_number(model.loc[2030, 'central_twh'])} TWh for this service at these inputs"


def test_scenario_readout_names_the_median_of_the_uncertain_runs():
    # Two "central" values on one page must say what each is: the sliders' path at
    # central inputs, and the median of the uncertain runs that the table shows.
    reference = pd.DataFrame({"label": ["IEA Base Case"], "year": [2030], "twh": [945.0], "group": ["All data centres"]})
    runs = scenarios.inference_scenario(2.5e9, (0.15, 0.3, 0.6), (0.1, 0.4, 1.0), (0.1, 0.33, 0.5), start_year=2025,
                                        tokens_growth_per_year=(0.0, 0.11, 0.23), service_life_years=5, draws=2000)
    spec = charts.scenario_chart(reference, 2025, 2.5e9, 0.3, 0.4, 0.33, 1e13, 1.0, tokens_growth_per_year=0.11,
                                 service_life_years=5, uncertain=runs).to_dict()
    text = render.evaluate(spec, ["aiwatt_readout_0"])["aiwatt_readout_0"]
    assert text.endswith(f"(median of the uncertain runs: {units.format_number(float(runs.loc[2030, 'central_twh']))} TWh)")


@pytest.mark.parametrize("queries, wh, expected", [(1e9, 0.3, "days"), (1e7, 0.05, "years")])
def test_crossover_readout_in_days_or_years_and_axis_reaches_it(queries, wh, expected):
    spec = charts.crossover_chart(3.0e7, 1e9, 0.3, days=120).to_dict()
    values = {"training_kwh_log10": math.log10(3.0e7), "queries_per_day_log10": math.log10(queries), "wh_query": wh}
    got = render.evaluate(spec, ["crossover_days", "span_days", "aiwatt_readout_2"], values)
    assert got["span_days"] >= got["crossover_days"]
    days = inference.crossover_days(3.0e7, wh, 10 ** math.log10(queries))
    when = f"{units.format_number(days / 365.25)} years" if days > 365 else f"{units.format_number(days)} days"
    assert got["aiwatt_readout_2"].startswith(f"Inference overtakes training after {when} (")
    assert expected in got["aiwatt_readout_2"]


@pytest.mark.parametrize("growth, after, tokens, efficiency", [(0.6, 0.6, 0.1, 0.3), (0.0, 0.0, 0.0, 0.0), (1.5, 1.5, 0.6, 0.0), (0.7, 0.4, 0.11, 0.27)])
def test_ai_electricity_sliders_are_the_fleet_model(growth, after, tokens, efficiency):
    from aiwatt import fleet
    from aiwatt.charts.gobbling import demand_path_expr

    world = pd.DataFrame({"year": [2030, 2035], "twh": [37_000.0, 43_100.0]})
    spec = charts.ai_electricity_chart(2025, 80.0, pd.DataFrame({"low_twh": [60.0], "central_twh": [80.0], "high_twh": [110.0]}, index=[2025]),
                                       pd.DataFrame({"low_twh": [70.0], "central_twh": [90.0], "high_twh": [120.0]}, index=[2025]),
                                       pd.DataFrame({"year": [2030], "twh": [945.0]}), world, 0.6, 0.1, 0.3).to_dict()
    years = (2025, 2030, 2035)
    got = render.evaluate(spec, {str(y): demand_path_expr(80.0, 2025).replace("datum.year", str(y)) for y in years}
                          | {"text": "aiwatt_readout_0", "text_2035": "aiwatt_readout_1"},
                          {"growth": growth, "growth_after": after, "tokens": tokens, "efficiency": efficiency})
    model = fleet.demand_path(list(years), 80.0, 2025, growth, tokens, efficiency, growth_after_per_year=after)
    for year, expected in zip(years, model):
        assert got[str(year)] == pytest.approx(float(expected), rel=1e-9)
    for key, value, world_twh, year in (("text", model[1], 37_000.0, 2030), ("text_2035", model[2], 43_100.0, 2035)):
        start = f"{year}: AI at {units.format_number(float(value))} TWh with these rates, "
        if value > world_twh:
            # A line above the world's electricity must say so, not give a share above 100%.
            assert got[key] == start + "more than the world's electricity: rates like these cannot last"
        else:
            assert got[key] == start + f"{units.format_share(float(value) / world_twh)} of the world's electricity"


# ----------------------------------------------------------------------------
# The energy ladder's readouts against aiwatt.equivalents


@pytest.mark.parametrize("kwh", [2.4e-4, 0.3, 228.1, 1.287e6, 1.28e9, 3.0856e13])
def test_ladder_readouts_are_the_equivalents(kwh):
    households = {"in China": equivalents.household_kwh_per_month("China"), "in the US": equivalents.household_kwh_per_month("US")}
    world_kwh = units.convert(equivalents.world_electricity_twh(), "TWh", "kWh")
    spec = charts.energy_ladder(equivalents.landmarks(), households, world_kwh).to_dict()
    got = render.evaluate(spec, [f"aiwatt_readout_{i}" for i in range(4)], {"energy_kwh_log10": math.log10(kwh)})
    energy = 10 ** math.log10(kwh)
    assert got["aiwatt_readout_0"] == f"{units.format_energy(energy)} is the electricity of"
    china = household_time_text(equivalents.household_months(energy, "China"))
    assert got["aiwatt_readout_1"] == f"{china} of an average household in China,"
    share = world_share_text(equivalents.share_of_world_electricity(energy))
    assert got["aiwatt_readout_3"] == f"or {share} of the world's electricity in a year."


@pytest.mark.parametrize("months", [5000.0, 13.0, 12.0, 1.0, 0.5, 0.01, 1e-4, 2e-7, 1e-9])
def test_household_time_twins_agree(months):
    assert render.evaluate(EMPTY, [vega_household_time(repr(months))])[vega_household_time(repr(months))] == household_time_text(months)


def test_household_time_reads_naturally():
    assert household_time_text(5640) == "470 years"
    assert household_time_text(0.5) == "15.2 days"
    assert household_time_text(4.38e-7) == "1.15 seconds"


@pytest.mark.parametrize("energy_kwh, expected", [(3e-4, "less than a billionth"), (1.287e6, "42 parts in a billion"), (1e10, "0.032%")])
def test_the_ladder_never_writes_a_share_in_powers_of_ten(energy_kwh, expected):
    # Student review: 0.3 Wh read "10 parts in 10¹⁸ of the world's electricity".
    from aiwatt.charts.units import SMALLEST_SHARE

    households = data.load("households")
    world_kwh = units.convert(equivalents.world_electricity_twh(), "TWh", "kWh")
    spec = charts.energy_ladder(equivalents.landmarks(), dict(zip(households["in_region"], households["household_kwh_per_month"])), world_kwh).to_dict()
    text = render.evaluate(spec, ["aiwatt_readout_5"], {"energy_kwh_log10": math.log10(energy_kwh)})["aiwatt_readout_5"]
    assert text == f"or {expected} of the world's electricity in a year."
    assert "10" not in text or energy_kwh / world_kwh >= SMALLEST_SHARE


@pytest.mark.parametrize("fraction", [0.0, 1e-14, 9.99e-10, 1e-9, 4.2e-8, 3.2e-4, 0.02])
def test_world_share_twins_agree(fraction):
    expr = vega_world_share(repr(fraction))
    assert render.evaluate(EMPTY, [expr])[expr] == world_share_text(fraction)
