"""aiwatt.fleet: AI's electricity bottom-up and top-down, invariants, bad input."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiwatt import Estimate, data, fleet

SLOW = settings(deadline=None, max_examples=30)


@pytest.mark.parametrize("year", range(fleet.FIRST_YEAR, fleet.LAST_YEAR + 1))
def test_every_year_has_an_ordered_positive_band(year):
    band = fleet.ai_electricity(year)
    assert isinstance(band, Estimate) and band.unit == "TWh"
    assert 0 < band.low < band.central < band.high
    top = fleet.top_down_ai_electricity(year)
    assert 0 < top.low < top.central < top.high


def test_bottom_up_2024_between_chip_level_and_rated_facility_power():
    # Consistency, not validation: the end-2024 installed chip power (3.3 to 6.6 GW,
    # from Epoch AI's count) sets the level. The 2024 band must sit below every
    # accelerator running at full rated power all year with the top of the overhead
    # bands (6.6 GW x 1.82 x 1.4 x 8.76 = 147 TWh), and above the NVIDIA chips alone
    # at half load from the end-of-2023 stock (3.3 / 1.53 GW x 0.5 x 8.76 = 9.4 TWh).
    band = fleet.ai_electricity(2024)
    assert 9.4 < band.low and band.high < 147


def test_bottom_up_2025_within_epoch_facility_upper_bound():
    # Held out: Epoch AI's separate estimate of 30 GW to power all chips sold as of
    # 2025 at rated power with a 2.5x overhead (263 TWh a year) is an upper bound the
    # model did not use; the 2025 band must lie below it.
    assert fleet.ai_electricity(2025).high < 263


def test_top_down_2024_is_iea_share_times_pue():
    band = fleet.top_down_ai_electricity(2024)
    assert band.low >= 62 * 1.1 * 0.999 and band.high <= 62 * 1.4 * 1.001


def test_top_down_2030_grows_about_30_percent_a_year():
    ratio = fleet.top_down_ai_electricity(2030).central / fleet.top_down_ai_electricity(2024).central
    assert 1.25 ** 6 < ratio < 1.35 ** 6


def test_same_draws_summarised_once():
    table = fleet.ai_electricity_table()
    for year in (2024, 2030, 2035):
        band = fleet.ai_electricity(year)
        assert table.loc[year, "central_twh"] == pytest.approx(band.central)
        assert table.loc[year, "low_twh"] == pytest.approx(band.low)


def test_boundaries_nest():
    for year in (2024, 2030):
        acc, server, facility = (fleet.ai_electricity(year, boundary=b).central for b in fleet.BOUNDARIES)
        assert acc < server < facility


def test_world_electricity_projection_meets_iea_share():
    # The IEA calls 945 TWh in 2030 "just under 3%" of world consumption, on its own
    # basis (415 TWh is "about 1.5%" of it in 2024). The projection keeps Ember's
    # demand basis: on the IEA's basis, scaled back by 2024's ratio, it must agree.
    iea_basis_2024 = 415 / 0.015
    scale = iea_basis_2024 / fleet.world_electricity_twh(2024)
    assert 0.028 < 945 / (fleet.world_electricity_twh(2030) * scale) < 0.03
    assert fleet.world_electricity_twh(2024) == pytest.approx(30856)


def test_world_electricity_keeps_one_basis():
    # Every year on Ember's demand basis: no year may drop back to the IEA's smaller
    # consumption basis, which would show as a fall in growth or a step down.
    values = [fleet.world_electricity_twh(year) for year in range(2024, 2036)]
    growth = [b / a for a, b in zip(values, values[1:])]
    assert all(1.02 < g < 1.045 for g in growth)
    assert 1700 / fleet.world_electricity_twh(2035) < 0.044


def test_installed_power_2024_low_end_is_the_table_row():
    base = data.load("ai_installed_base")
    nvidia = base[base["year"] == 2024].dropna(subset=["chip_power_gw"]).iloc[0]
    assert fleet.INSTALLED_POWER_2024_GW.low == pytest.approx(nvidia["chip_power_gw"])
    assert fleet.INSTALLED_POWER_2024_GW.high == pytest.approx(2 * nvidia["chip_power_gw"])


def test_step_back_to_2023_uses_power_not_compute_growth():
    # Compute grew 2.3x a year; power grows more slowly as each chip does more per watt.
    assert fleet.GROWTH_TO_2024_RATIO == pytest.approx(2.3 / 1.5)


@SLOW
@given(units=st.floats(1, 1e7), factor=st.floats(0.1, 10))
def test_installed_base_energy_is_linear_in_units(units, factor):
    one = fleet.installed_base_energy(units, "H100", draws=500)
    scaled = fleet.installed_base_energy(units * factor, "H100", draws=500)
    assert scaled.central == pytest.approx(one.central * factor, rel=1e-9)
    assert scaled.high == pytest.approx(one.high * factor, rel=1e-9)


@SLOW
@given(units=st.floats(1, 1e7), seed=st.integers(0, 1000))
def test_facility_never_below_accelerator_boundary(units, seed):
    acc = fleet.installed_base_energy(units, "H100", boundary="accelerator", draws=500, seed=seed)
    server = fleet.installed_base_energy(units, "H100", boundary="server", draws=500, seed=seed)
    facility = fleet.installed_base_energy(units, "H100", boundary="facility", draws=500, seed=seed)
    assert acc.low <= server.low <= facility.low
    assert acc.high <= server.high <= facility.high


@SLOW
@given(pue=st.floats(1.0, 2.5), extra=st.floats(0.01, 1.0))
def test_energy_grows_with_pue(pue, extra):
    low = fleet.installed_base_energy(1000, "H100", pue=pue, draws=500)
    high = fleet.installed_base_energy(1000, "H100", pue=pue + extra, draws=500)
    assert high.central > low.central


def test_one_h100_at_fixed_inputs():
    # 700 W x 0.5 load x 1.5 host x 1.2 PUE x 8,760 h = 5.519 MWh.
    band = fleet.installed_base_energy(1, "H100", utilization=0.5, pue=1.2, host_ratio=1.5)
    assert band.central == pytest.approx(700 * 0.5 * 1.5 * 1.2 * 8760 / 1e12)


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"units": -1}, "units must be"),
        ({"accelerator": "H1000"}, "unknown accelerator 'H1000'. Did you mean"),
        ({"utilization": 1.5}, r"utilization must be a finite number in \(0, 1\]"),
        ({"utilization": 0.0}, "utilization must be"),
        ({"pue": 0.9}, r"pue must be a finite number in \[1, inf\)"),
        ({"boundary": "rack"}, "unknown boundary 'rack'"),
        ({"draws": 5}, "draws must be an integer"),
    ],
)
def test_installed_base_energy_bad_input(kwargs, match):
    arguments = {"units": 1000, "accelerator": "H100"} | kwargs
    with pytest.raises(ValueError, match=match):
        fleet.installed_base_energy(**arguments)


@pytest.mark.parametrize("year", [2023, 2036, 2030.5, "2030", True])
def test_years_outside_the_table(year):
    with pytest.raises(ValueError, match="year must be an integer from 2024 to 2035"):
        fleet.ai_electricity(year)
    with pytest.raises(ValueError, match="year must be an integer from 2024 to 2035"):
        fleet.top_down_ai_electricity(year)


def test_bad_bands():
    with pytest.raises(ValueError, match="growth_2026 must be"):
        fleet.ai_electricity(2030, growth_2026=-1.5)
    with pytest.raises(ValueError, match="utilization must be"):
        fleet.ai_electricity(2030, utilization=(0.5, 1.2))
    with pytest.raises(ValueError, match="unknown bands"):
        fleet.ai_electricity_table(growth=0.3)


def test_pue_band_is_the_documented_contract():
    assert fleet.PUE_BAND == Estimate(1.1, 1.2, 1.4, "ratio")


def test_boundary_factor():
    assert fleet.boundary_factor("facility").central == 1.0
    assert fleet.boundary_factor("accelerator").central == pytest.approx(1.43 * 1.2)
    assert fleet.HOST_RATIO_BAND.high == pytest.approx(1.82)


def test_vega_demand_path_matches_python():
    # The chart's slider line and fleet.demand_path are the same model written twice:
    # evaluate the Vega expression at sample points and compare.
    from aiwatt.charts.gobbling import demand_path_expr

    expression = demand_path_expr(80.0, 2025)
    for growth, after, tokens, efficiency in [(0.5, 0.5, 0.2, 0.3), (0.0, 0.0, 0.0, 0.0), (1.2, 0.3, 0.6, 0.55)]:
        for year in (2025, 2028, 2030, 2033, 2035):
            python = expression.replace("pow(", "_pow(").replace("datum.year", str(year))
            value = eval(python, {"_pow": pow, "min": min, "max": max, "growth": growth, "growth_after": after,  # noqa: S307
                                  "tokens": tokens, "efficiency": efficiency})
            expected = fleet.demand_path([year], 80.0, 2025, growth, tokens, efficiency, growth_after_per_year=after)[0]
            assert value == pytest.approx(float(expected))


def test_chart_defaults_follow_the_bottom_up_central_path():
    # The slider line must start on the chapter's own estimate: with the rates that
    # demand_growth_to_match returns, demand_path passes through the bottom-up central
    # values of 2025, 2030 and 2035.
    table = fleet.ai_electricity_table()
    central = table["central_twh"]
    growth, after = fleet.demand_growth_to_match(central[2025], 2025, central[2030], 2030, central[2035], 2035, 0.11, 0.27)
    path = fleet.demand_path([2025, 2030, 2035], central[2025], 2025, growth, 0.11, 0.27, growth_after_per_year=after)
    assert path == pytest.approx(central.loc[[2025, 2030, 2035]].to_numpy())


def test_step_back_rate_is_the_scenarios_hardware_trend():
    from aiwatt import scenarios

    assert fleet.GROWTH_TO_2024_RATIO == pytest.approx(2.3 * (1 - scenarios.hardware_efficiency_gain_per_year()))


def test_demand_path_bad_input():
    with pytest.raises(ValueError, match="efficiency_gain_per_year must be"):
        fleet.demand_path([2030], 80.0, 2025, 0.3, 0.1, 1.0)
    with pytest.raises(ValueError, match="start_twh must be"):
        fleet.demand_path([2030], 0.0, 2025, 0.3, 0.1, 0.2)
