"""Energy units: conversion between joules and watt-hours and readable formatting.

The table :data:`JOULES_PER_UNIT` defines every unit the package knows. Unit
names are case-sensitive on purpose: ``mWh`` (milliwatt-hour) and ``MWh``
(megawatt-hour) differ by a factor of 10^9, so a wrong case is an error with a
suggestion rather than a silent guess.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aiwatt._checks import checked_array, unknown_name_error

#: Joules in one of each unit [J]. 1 Wh = 3,600 J by definition of the watt-hour.
JOULES_PER_UNIT: dict[str, float] = {
    "J": 1.0,
    "kJ": 1e3,
    "MJ": 1e6,
    "GJ": 1e9,
    "TJ": 1e12,
    "PJ": 1e15,
    "Wh": 3.6e3,
    "kWh": 3.6e6,
    "MWh": 3.6e9,
    "GWh": 3.6e12,
    "TWh": 3.6e15,
}

#: The watt-hour ladder that :func:`format_energy` climbs, smallest first.
WATT_HOUR_LADDER: tuple[str, ...] = ("Wh", "kWh", "MWh", "GWh", "TWh")


def _check_unit(unit) -> float:
    if unit not in JOULES_PER_UNIT:
        raise unknown_name_error("unit", unit, JOULES_PER_UNIT)
    return JOULES_PER_UNIT[unit]


def convert(value, from_unit: str, to_unit: str):
    """Convert an energy between units.

    Parameters
    ----------
    value : float, array-like or pandas.Series
        Energy in ``from_unit``; finite and non-negative.
    from_unit, to_unit : str
        Unit names from :data:`JOULES_PER_UNIT` (case-sensitive), e.g.
        ``"kWh"``, ``"GWh"``, ``"MJ"``.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy in ``to_unit``, in the same type as ``value``.

    Raises
    ------
    ValueError
        If a unit is unknown (the message lists the valid units and the closest
        match) or ``value`` is negative, NaN or infinite.

    Notes
    -----
    .. math:: E_{to} = E_{from} \\cdot j_{from} / j_{to}

    where :math:`j_u` is the number of joules in one unit :math:`u`; one
    watt-hour is 3,600 J (SI Brochure, 9th edition, table 8).

    References
    ----------
    .. [1] BIPM, The International System of Units (SI), 9th edition, 2019.
       https://www.bipm.org/en/publications/si-brochure

    Examples
    --------
    >>> convert(1287, "MWh", "GWh")
    1.287
    """
    from_joules = _check_unit(from_unit)
    to_joules = _check_unit(to_unit)
    array, restore = checked_array("value", value, minimum=0.0, unit=from_unit)
    return restore(array * (from_joules / to_joules))


def _format_one(kwh: float, significant: int) -> str:
    if kwh == 0:
        return "0 Wh"
    wh = kwh * 1e3
    # Climb while the number would read 1,000 or more after rounding.
    rung = 0
    value = wh
    while rung < len(WATT_HOUR_LADDER) - 1:
        rounded = float(f"{value:.{significant}g}")
        if rounded < 1000:
            break
        value /= 1000
        rung += 1
    rounded = float(f"{value:.{significant}g}")
    magnitude = math.floor(math.log10(abs(rounded))) if rounded else 0
    decimals = max(0, significant - 1 - magnitude)
    return f"{rounded:,.{decimals}f} {WATT_HOUR_LADDER[rung]}"


def format_energy(kwh, significant: int = 3):
    """Write an energy with the watt-hour prefix that reads best.

    The prefix is the largest of Wh, kWh, MWh, GWh and TWh that keeps the
    number at 1 or above (energies below 1 Wh stay in Wh; energies above
    1,000 TWh stay in TWh, with thousands separators).

    Parameters
    ----------
    kwh : float, array-like or pandas.Series
        Energy [kWh]; finite and non-negative.
    significant : int, default 3
        Significant digits shown, from 1 to 15.

    Returns
    -------
    str, numpy.ndarray of str or pandas.Series of str
        For example ``"1.29 GWh"``.

    Raises
    ------
    ValueError
        If ``kwh`` is negative, NaN or infinite, or ``significant`` is not an
        integer from 1 to 15.

    Examples
    --------
    >>> format_energy(1_287_000)
    '1.29 GWh'
    >>> format_energy(0.00024)
    '0.240 Wh'
    """
    if isinstance(significant, bool) or not isinstance(significant, (int, np.integer)) or not 1 <= significant <= 15:
        raise ValueError(f"significant must be an integer from 1 to 15; got {significant!r}")
    array, _ = checked_array("kwh", kwh, minimum=0.0, unit="kWh")
    texts = [_format_one(float(x), int(significant)) for x in array.ravel()]
    if isinstance(kwh, pd.Series):
        return pd.Series(texts, index=kwh.index, name=kwh.name)
    if np.ndim(kwh) == 0:
        return texts[0]
    return np.array(texts, dtype=object).reshape(array.shape)
