"""The Landauer limit and energy per operation (aiwatt.limits)."""

import math

import pytest
from hypothesis import given, strategies as st

from aiwatt import limits


def test_landauer_limit_at_room_temperature():
    assert math.isclose(limits.landauer_limit_j(300.0), 2.87e-21, rel_tol=2e-3)


@given(t=st.floats(min_value=1e-3, max_value=1e4), k=st.floats(min_value=0.01, max_value=100))
def test_landauer_limit_is_proportional_to_temperature(t, k):
    assert math.isclose(limits.landauer_limit_j(k * t), k * limits.landauer_limit_j(t), rel_tol=1e-9)


def test_accelerators_are_far_above_the_limit_and_photonics_below_them():
    table = limits.energy_per_operation()
    h100 = table.set_index("name").loc["H100"]
    assert 8 < math.log10(h100["landauer_multiple_ratio"]) < 9
    photonic = limits.energy_per_operation("photonic")["energy_per_operation_j"]
    assert (photonic < h100["energy_per_operation_j"]).all()


@pytest.mark.parametrize("bad", [0.0, -5.0, float("nan")])
def test_bad_temperature(bad):
    with pytest.raises(ValueError, match="temperature_k"):
        limits.landauer_limit_j(bad)


def test_unknown_kind():
    with pytest.raises(ValueError, match="Did you mean 'quantum'"):
        limits.energy_per_operation("quantun")
