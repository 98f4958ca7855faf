"""Mitigation levers, the rebound effect and scenarios (aiwatt.mitigation)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from aiwatt import fleet, grid, mitigation

#: Settings that switch every lever off: no reach, no algorithmic gain spent, a target PUE above any baseline's.
OFF = {lever: 0.0 for lever in mitigation.LEVERS} | {"facility": mitigation.PUE_RANGE[1]}

years = st.integers(min_value=mitigation.FIRST_YEAR, max_value=mitigation.LAST_YEAR)
shares = st.floats(min_value=0.0, max_value=1.0)


def only(lever: str, value: float) -> dict:
    return OFF | {lever: value}


@settings(max_examples=40, deadline=None)
@given(year=years, lever=st.sampled_from([name for name in mitigation.LEVERS if name != "facility"]), value=shares)
def test_each_lever_saves_between_none_and_all_of_the_baseline(year, lever, value):
    result = mitigation.scenario(year, only(lever, value), baseline_twh=100.0, draws=200)
    saved_twh = sum(result.saving_twh.values())
    saved_t = sum(result.saving_tco2e.values())
    assert -1e-9 <= saved_twh <= result.baseline_twh.central + 1e-9
    assert -1e-6 <= saved_t <= result.baseline_tco2e.central + 1e-6
    assert 0.0 <= result.mitigated_twh.low <= result.mitigated_twh.high <= 100.0 + 1e-9


@settings(max_examples=30, deadline=None)
@given(year=years, target=st.floats(min_value=mitigation.PUE_RANGE[0], max_value=mitigation.PUE_RANGE[1]))
def test_the_facility_lever_saves_between_none_and_all(year, target):
    result = mitigation.scenario(year, only("facility", target), baseline_twh=(50.0, 100.0, 150.0), draws=200)
    assert 0.0 <= result.saving_twh["facility"] <= result.baseline_twh.central
    assert result.mitigated_twh.high <= 150.0 + 1e-9


@settings(max_examples=25, deadline=None)
@given(year=years, hw=shares, q=shares, moe=shares)
def test_rebound_zero_keeps_the_saving_whole_and_one_takes_it_all_back(year, hw, q, moe):
    levers = OFF | {"hardware": hw, "quantisation": q, "mixture_of_experts": moe}
    whole = mitigation.scenario(year, levers, rebound=0.0, baseline_twh=200.0, draws=200)
    expected = 200.0 * (1 - hw * mitigation.hardware_potential().central) * (1 - q * mitigation.lever_band("quantisation").central) * (
        1 - moe * mitigation.lever_band("mixture_of_experts").central
    )
    assert math.isclose(whole.mitigated_twh.central, expected, rel_tol=1e-9)
    gone = mitigation.scenario(year, levers, rebound=1.0, baseline_twh=200.0, draws=200)
    assert math.isclose(gone.mitigated_twh.central, 200.0, rel_tol=1e-12)
    assert gone.mitigated_twh.low == gone.mitigated_twh.high == 200.0
    # The levers' savings stay visible; the rebound takes all of them back.
    assert math.isclose(gone.rebound_twh, sum(gone.saving_twh.values()), rel_tol=1e-9, abs_tol=1e-9)
    assert all(math.isclose(gone.saving_twh[k], whole.saving_twh[k], rel_tol=1e-9, abs_tol=1e-9) for k in mitigation.LEVERS)


@settings(max_examples=25, deadline=None)
@given(year=years, rebound=st.floats(min_value=0.0, max_value=2.0))
def test_the_parts_sum_to_the_total_saving(year, rebound):
    result = mitigation.scenario(year, rebound=rebound, baseline_twh=300.0, draws=200)
    assert math.isclose(sum(result.saving_twh.values()) - result.rebound_twh, result.baseline_twh.central - result.mitigated_twh.central,
                        rel_tol=1e-9, abs_tol=1e-9)
    assert math.isclose(
        sum(result.saving_tco2e.values()) - result.rebound_tco2e, result.baseline_tco2e.central - result.mitigated_tco2e.central,
        rel_tol=1e-9, abs_tol=1e-6
    )
    assert result.rebound_twh >= -1e-9
    if sum(result.saving_tco2e.values()):
        assert math.isclose(sum(result.shares.values()), 1.0, rel_tol=1e-9)


def test_full_rebound_keeps_the_baseline_band():
    result = mitigation.scenario(2035, rebound=1.0)
    for end in ("low", "central", "high"):
        assert getattr(result.mitigated_twh, end) == pytest.approx(getattr(result.baseline_twh, end), rel=0.05)


def test_rebound_above_one_backfires():
    result = mitigation.scenario(2030, rebound=1.5, baseline_twh=100.0)
    assert result.mitigated_twh.central > 100.0


@settings(max_examples=30, deadline=None)
@given(energy=st.floats(min_value=0, max_value=1e9), intensity=st.floats(min_value=0, max_value=2000), k=st.floats(min_value=0, max_value=10))
def test_emissions_scale_with_intensity(energy, intensity, k):
    assert math.isclose(grid.emissions_kg(energy, k * intensity), k * grid.emissions_kg(energy, intensity), rel_tol=1e-9, abs_tol=1e-9)


def test_scenario_emissions_scale_with_the_region_intensity():
    by_region = {r: mitigation.scenario(2030, region=r, baseline_twh=100.0) for r in ("World", "France", "India")}
    per_gram = {r: s.mitigated_tco2e.central / s.intensity_g_per_kwh for r, s in by_region.items()}
    assert len({round(v, 6) for v in per_gram.values()}) == 1
    assert by_region["India"].baseline_tco2e.central > by_region["World"].baseline_tco2e.central > by_region["France"].baseline_tco2e.central


def test_the_baseline_is_the_fleet_model():
    assert mitigation.scenario(2030).baseline_twh == fleet.ai_electricity(2030)


def test_default_levers_follow_the_grid_trend():
    assert mitigation.default_levers(2035)["clean_supply"] > mitigation.default_levers(2030)["clean_supply"] > 0
    # One yearly rate for every year: the 2022-2023 change, rounded to the slider's step.
    assert mitigation.DEFAULT_CLEAN_SUPPLY_RATE == pytest.approx(round(mitigation.grid_trend_per_year(), 3))
    for year in (2025, 2030, 2035):
        share = mitigation.default_levers(year)["clean_supply"]
        assert mitigation.clean_supply_rate(share, year) == pytest.approx(mitigation.DEFAULT_CLEAN_SUPPLY_RATE)
    assert mitigation.default_levers(2030)["facility"] == fleet.PUE_BAND.central


def test_hardware_halving_time_is_fitted_to_the_accelerator_table():
    # V100 (2017, 2.4 pJ) to B200 (2025, 0.44 pJ): a factor 5.4 in 8 years is a halving every ~3.3 years.
    assert 30 < mitigation.hardware_halving_months() < 50


def test_rebound_energy_factor():
    assert mitigation.rebound_energy_factor(4.0, 0.5) == 0.5
    assert mitigation.rebound_energy_factor(4.0, 2.0) == 4.0


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"year": 2024}, "year"),
        ({"year": 2036}, "year"),
        ({"year": 2030, "levers": {"quantisation": 1.5}}, "quantisation (share)"),
        ({"year": 2030, "levers": {"clean_supply": -0.1}}, "clean_supply (share)"),
        ({"year": 2030, "levers": {"facility": 0.9}}, "facility (target PUE)"),
        ({"year": 2030, "levers": {"quantization": 0.5}}, "Did you mean 'quantisation'"),
        ({"year": 2030, "rebound": -0.2}, "rebound"),
        ({"year": 2030, "region": "Frnace"}, "Did you mean 'France'"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        mitigation.scenario(**kwargs)
