"""aiwatt.units: exact conversions, round trips, formatting and bad input."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiwatt import units

finite_energy = st.floats(min_value=0, max_value=1e30, allow_nan=False, allow_infinity=False)
unit_names = st.sampled_from(sorted(units.JOULES_PER_UNIT))


def test_definitions():
    # 1 Wh = 3,600 J by definition; each prefix is a factor of 1,000.
    assert units.convert(1, "Wh", "J") == 3600
    assert units.convert(1, "kWh", "MJ") == pytest.approx(3.6)
    assert units.convert(1, "TWh", "kWh") == pytest.approx(1e9)
    assert units.convert(1287, "MWh", "GWh") == pytest.approx(1.287)


@given(value=finite_energy, from_unit=unit_names, to_unit=unit_names)
def test_round_trip(value, from_unit, to_unit):
    there = units.convert(value, from_unit, to_unit)
    back = units.convert(there, to_unit, from_unit)
    assert back == pytest.approx(value, rel=1e-12, abs=1e-300)
    assert there >= 0


@given(value=finite_energy, a=unit_names, b=unit_names, c=unit_names)
def test_conversion_chains_compose(value, a, b, c):
    direct = units.convert(value, a, c)
    via = units.convert(units.convert(value, a, b), b, c)
    assert via == pytest.approx(direct, rel=1e-12, abs=1e-300)


def test_types_are_kept():
    assert isinstance(units.convert(1, "kWh", "Wh"), float)
    array = units.convert(np.array([1.0, 2.0]), "kWh", "Wh")
    assert isinstance(array, np.ndarray) and array.tolist() == [1000.0, 2000.0]
    series = pd.Series([1.0, 2.0], index=["a", "b"], name="e")
    out = units.convert(series, "kWh", "Wh")
    assert isinstance(out, pd.Series) and list(out.index) == ["a", "b"] and out.name == "e"
    assert units.convert([1, 2], "kWh", "Wh").tolist() == [1000.0, 2000.0]


def test_unknown_unit_names_the_closest():
    with pytest.raises(ValueError, match=r"unknown unit 'mwh'\. Did you mean 'MWh'.*Valid units: J, kJ"):
        units.convert(1, "mwh", "kWh")
    with pytest.raises(ValueError, match=r"unknown unit 'kwhr'.*'kWh'"):
        units.convert(1, "kWh", "kwhr")


@pytest.mark.parametrize("bad", [-1.0, math.nan, math.inf, -math.inf])
def test_bad_values_name_the_parameter(bad):
    with pytest.raises(ValueError, match=r"value must be a finite number in \[0, inf\) \[kWh\]; got"):
        units.convert(bad, "kWh", "Wh")


def test_bad_element_in_array_is_located():
    with pytest.raises(ValueError, match=r"got -2\.0 \(element 1\)"):
        units.convert(np.array([1.0, -2.0]), "kWh", "Wh")


@pytest.mark.parametrize("bad", ["12", None, True, object()])
def test_non_numbers_are_rejected(bad):
    with pytest.raises(ValueError, match="value must be a finite number"):
        units.convert(bad, "kWh", "Wh")


@pytest.mark.parametrize(
    "kwh, text",
    [
        (0, "0 Wh"),
        (0.00024, "0.240 Wh"),
        (0.3, "300 Wh"),
        (1, "1.00 kWh"),
        (228, "228 kWh"),
        (999.6, "1.00 MWh"),  # rounds up into the next prefix
        (1_287_000, "1.29 GWh"),
        (1.28e9, "1.28 TWh"),
        (2.77e13, "27,700 TWh"),  # TWh is the top of the ladder
    ],
)
def test_format_energy(kwh, text):
    assert units.format_energy(kwh) == text


def test_format_energy_types_and_errors():
    assert units.format_energy([1, 1e6]).tolist() == ["1.00 kWh", "1.00 GWh"]
    series = units.format_energy(pd.Series([1.0], index=["x"]))
    assert series["x"] == "1.00 kWh"
    assert units.format_energy(1_287_000, significant=4) == "1.287 GWh"
    with pytest.raises(ValueError, match=r"kwh must be a finite number in \[0, inf\) \[kWh\]; got -1"):
        units.format_energy(-1)
    with pytest.raises(ValueError, match="significant must be an integer from 1 to 15; got 0"):
        units.format_energy(1, significant=0)


@given(kwh=st.floats(min_value=1e-3, max_value=1e12))
def test_format_energy_reads_back(kwh):
    number, unit = units.format_energy(kwh, significant=6).split()
    assert units.convert(float(number.replace(",", "")), unit, "kWh") == pytest.approx(kwh, rel=1e-5)
