"""Grid intensity by basis, daily profiles, scheduling and supply (aiwatt.grid)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from aiwatt import data, grid

REQUIRED = ("World", "China", "US", "EU", "France", "India", "Ireland", "Sweden")


def test_every_required_region_has_a_labelled_intensity():
    for region in REQUIRED:
        assert grid.carbon_intensity(region) > 0
        assert grid.intensity_basis(region) in grid.BASES
        assert grid.intensity_basis(region) in grid.intensity_label(region)


def test_every_row_states_lifecycle_or_direct():
    assert set(data.load("grid_intensity")["basis"]) <= set(grid.BASES)


def test_existing_callers_still_work():
    assert grid.carbon_intensity("World") == 480.0
    assert grid.carbon_intensity("world", 2022) == 486.0
    assert grid.carbon_intensity("US") == 366.0


def test_china_has_both_bases_and_lifecycle_is_higher():
    assert grid.carbon_intensity("China", basis="lifecycle") > grid.carbon_intensity("China", basis="direct")
    assert grid.intensity_basis("China") == "lifecycle"


def test_region_dropdown_labels_say_the_basis():
    labels = [label for label, _ in grid.region_options()]
    assert all("lifecycle" in label or "direct" in label for label in labels)


def test_emissions_accept_a_region_name():
    assert grid.emissions_kg(1000.0, "France") == 56.0
    assert grid.emissions_kg(1000.0, "China", basis="direct") == 537.0


@settings(max_examples=50, deadline=None)
@given(
    hours=st.integers(min_value=1, max_value=24),
    intensities=st.lists(st.floats(min_value=0, max_value=1500), min_size=24, max_size=24),
)
def test_a_shifted_job_never_emits_more(hours, intensities):
    profile = pd.DataFrame({"hour": range(24), "grid_g_per_kwh": intensities})
    result = grid.shift_job(hours, profile, energy_kwh=100.0)
    assert result.shifted_g_per_kwh <= result.baseline_g_per_kwh + 1e-9
    assert result.saving_kg >= -1e-9
    assert len(result.hours) == hours


@pytest.mark.parametrize("region", ["World", "EU"])
def test_the_profile_keeps_the_published_average_and_is_cleanest_at_noon(region):
    profile = grid.hourly_profile(region)
    assert len(profile) == 24
    assert np.isclose(profile["grid_g_per_kwh"].mean(), grid.carbon_intensity(region))
    assert profile["grid_g_per_kwh"].idxmin() in (11, 12)
    assert profile.attrs["basis"] == grid.intensity_basis(region)


def test_solar_plus_storage_needs_more_generation_than_wind():
    solar = grid.supply_balance(100.0, "solar", 12.0)
    wind = grid.supply_balance(100.0, "wind", 12.0)
    assert solar.covered_fraction == 1.0
    assert solar.generation_mw.central > wind.generation_mw.central > 100.0
    assert solar.storage_mwh == 1200.0
    # Without storage, solar covers only daylight.
    assert grid.supply_balance(100.0, "solar", 0.0).covered_fraction == 0.5


@pytest.mark.parametrize(
    "call, words",
    [
        (lambda: grid.carbon_intensity("Chna"), "Did you mean 'China'"),
        (lambda: grid.carbon_intensity("France", 1990), "year for France"),
        (lambda: grid.carbon_intensity("US", basis="lifecycle"), "basis for US"),
        (lambda: grid.carbon_intensity("World", basis="operational"), "unknown basis"),
        (lambda: grid.supply_balance(100.0, "solar", -1.0), "storage_hours"),
        (lambda: grid.supply_balance(0.0, "solar", 4.0), "load_mw"),
        (lambda: grid.supply_balance(10.0, "nuclear", 4.0), "unknown source"),
        (lambda: grid.shift_job(0, "World"), "hours"),
        (lambda: grid.shift_job(2.5, "World"), "whole number"),
        (lambda: grid.hourly_profile("Mars"), "unknown region"),
    ],
)
def test_bad_input_names_the_parameter(call, words):
    with pytest.raises(ValueError, match=words):
        call()
