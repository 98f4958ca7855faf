"""aiwatt.equivalents: household and world comparisons."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiwatt import data, equivalents, units


def test_gpt3_fact_check():
    # The claim (Chen and Bi 2024): 1.28 TWh ~ a month of 6,400 Chinese households.
    # Patterson et al. 2021, Table 4: 1,287 MWh. Only the GWh reading fits a real
    # household: 1.28 GWh / 6,400 = 200 kWh against the sourced China figure.
    claim = data.load("claims").set_index("claim").loc["GPT-3 training"]
    china = equivalents.household_kwh_per_month("China")
    gwh_reading = units.convert(claim["stated_energy_twh"], "GWh", "kWh") / claim["stated_household_count"]
    twh_reading = units.convert(claim["stated_energy_twh"], "TWh", "kWh") / claim["stated_household_count"]
    assert 0.7 < gwh_reading / china < 1.3
    assert twh_reading / china > 500
    published = units.convert(1287, "MWh", "kWh")
    # 1,287 MWh is several thousand Chinese household-months, the order of the claim's 6,400.
    assert 4_000 < equivalents.household_months(published, "China") < 8_000


def test_region_names_are_forgiving_but_strict():
    assert equivalents.canonical_region(" china ") == "China"
    assert equivalents.canonical_region("USA") == "US"
    assert equivalents.canonical_region("European Union") == "EU"
    with pytest.raises(ValueError, match=r"unknown region 'Chian'\. Did you mean 'China'\? Valid regions: China"):
        equivalents.household_months(1, "Chian")
    with pytest.raises(ValueError, match="unknown region 3"):
        equivalents.household_months(1, 3)


@pytest.mark.parametrize("bad", [-5, float("nan"), float("inf")])
def test_bad_energy(bad):
    with pytest.raises(ValueError, match=r"kwh must be a finite number in \[0, inf\) \[kWh\]"):
        equivalents.household_months(bad, "US")
    with pytest.raises(ValueError, match="kwh must be"):
        equivalents.share_of_world_electricity(bad)


def test_types():
    assert isinstance(equivalents.household_months(100, "US"), float)
    assert isinstance(equivalents.household_years(np.array([1.0, 2.0]), "EU"), np.ndarray)
    series = equivalents.household_months(pd.Series([893.0], index=["x"]), "US")
    assert series["x"] == pytest.approx(893 / equivalents.household_kwh_per_month("US"))


@given(kwh=st.floats(min_value=0, max_value=1e15), factor=st.floats(min_value=0, max_value=1e3))
def test_household_months_linear(kwh, factor):
    assert equivalents.household_months(kwh * factor, "China") == pytest.approx(
        factor * equivalents.household_months(kwh, "China"), rel=1e-9, abs=1e-12
    )


def test_years_are_twelve_months():
    assert equivalents.household_years(12_000, "EU") * 12 == pytest.approx(equivalents.household_months(12_000, "EU"))


def test_world_share():
    world_kwh = units.convert(equivalents.world_electricity_twh(), "TWh", "kWh")
    assert equivalents.share_of_world_electricity(world_kwh) == pytest.approx(1.0)
    with pytest.raises(ValueError, match=r"year must be one of \["):
        equivalents.world_electricity_twh(1900)


def test_landmarks_are_sourced_and_sorted():
    table = equivalents.landmarks()
    assert table["energy_kwh"].is_monotonic_increasing
    assert table["source"].notna().all()
    assert (table["energy_kwh"] > 0).all()
