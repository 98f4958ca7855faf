"""aiwatt.estimate and aiwatt._checks: units, signs, no silent widening, labels, overflow."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiwatt import Estimate
from aiwatt._checks import aligned, checked_array, finite_result
from aiwatt.estimate import as_band, triangular_draws


def test_negative_and_unordered_bounds_are_refused():
    with pytest.raises(ValueError, match="Estimate in 'kWh' must not be negative"):
        Estimate(-5, -1, 0, "kWh")
    with pytest.raises(ValueError, match="low <= central <= high"):
        Estimate(3, 2, 1, "kWh")
    with pytest.raises(ValueError, match="unit must be a non-empty string"):
        Estimate(1, 2, 3, "")
    with pytest.raises(ValueError, match="must be a finite number"):
        Estimate("1", 2, 3, "kWh")
    # A change may be negative.
    assert Estimate(-0.1, 0.1, 0.3, "fraction per year").low == -0.1


def test_from_draws_never_widens():
    draws = np.arange(1.0, 101.0)
    band = Estimate.from_draws(draws, "kWh")
    assert band.central == pytest.approx(50.5)
    with pytest.raises(ValueError, match="outside the band of the draws"):
        Estimate.from_draws(draws, "kWh", central=1000.0)
    assert Estimate.from_draws(draws, "kWh", central=60.0).high == band.high


def test_units_convert_within_a_kind_and_refuse_across():
    assert Estimate(1, 2, 3, "kW").to("W") == Estimate(1000, 2000, 3000, "W")
    assert Estimate(24, 48, 72, "h").to("days") == Estimate(1, 2, 3, "days")
    with pytest.raises(ValueError, match="cannot convert an Estimate in 'kW' to 'kWh'"):
        Estimate(1, 2, 3, "kW").to("kWh")
    assert as_band("power_w", Estimate(0.5, 0.7, 0.7, "kW"), None, "W") == Estimate(500, 700, 700, "W")
    with pytest.raises(ValueError, match="power_w must be in 'W'; got an Estimate in 'h'"):
        as_band("power_w", Estimate(1, 2, 3, "h"), None, "W")


def test_aligned_pairs_by_label():
    a = pd.Series([1.0, 2.0], index=["x", "y"])
    b = pd.Series([20.0, 10.0], index=["y", "x"])
    _, b2 = aligned(a=a, b=b)
    assert list(b2.index) == ["x", "y"] and list(b2) == [10.0, 20.0]
    with pytest.raises(ValueError, match="b and a are pandas Series with different index labels"):
        aligned(a=a, b=pd.Series([1.0], index=["x"]))


def test_non_finite_results_are_refused():
    with pytest.raises(ValueError, match="result is not a finite number"):
        finite_result("result", [1.0, math.inf])
    with pytest.raises(ValueError, match="takes plain numbers"):
        checked_array("power_w", Estimate(1, 2, 3, "kW"), unit="W")


bounds = st.floats(min_value=0, max_value=1e12, allow_nan=False)


@given(st.lists(bounds, min_size=3, max_size=3), st.integers(min_value=1, max_value=5000))
def test_draws_stay_inside_their_band(values, n):
    low, central, high = sorted(values)
    band = Estimate(low, central, high, "kWh")
    draws = triangular_draws(band, np.random.default_rng(0), n)
    assert np.all(draws >= low) and np.all(draws <= high)
    summary = Estimate.from_draws(draws, "kWh")
    assert low <= summary.low <= summary.central <= summary.high <= high
