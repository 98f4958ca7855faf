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
    return _format_each(kwh, significant, "kwh", _format_one, minimum=0.0, unit="kWh")

#: Words for large numbers, largest first: what :func:`format_number` writes.
NUMBER_WORDS: tuple[tuple[float, str], ...] = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _significant(value: float, significant: int) -> str:
    """``value`` rounded to ``significant`` digits, with thousands separators and no e-notation."""
    rounded = float(f"{value:.{significant}g}")
    if rounded == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(rounded)))
    decimals = max(0, significant - 1 - magnitude)
    return f"{rounded:,.{decimals}f}"


def _format_number_one(value: float, significant: int) -> str:
    if value == 0:
        return "0"
    size = abs(value)
    if size >= 1e15 or size < 1e-3:
        exponent = math.floor(math.log10(size))
        mantissa = float(f"{math.copysign(10 ** (math.log10(size) - exponent), value):.{significant}g}")
        if abs(mantissa) >= 10:  # 9.995 rounds up to 10.0
            mantissa, exponent = mantissa / 10, exponent + 1
        digits = f"{mantissa:.{significant - 1}f}" if significant > 1 else f"{mantissa:.0f}"
        return f"{digits} × 10{str(exponent).translate(_SUPERSCRIPT)}"
    for scale, word in NUMBER_WORDS:
        if float(f"{size:.{significant}g}") >= scale:
            return f"{_significant(value / scale, significant)} {word}"
    return _significant(value, significant)


def format_number(value, significant: int = 3):
    """Write a number for a reader: words for millions and up, powers of ten at the extremes.

    Between 0.001 and a million the number is written out with thousands
    separators; from a million to a thousand trillion in words ("71.0
    billion"); beyond those, as a power of ten with a superscript exponent
    ("3.15 × 10²³"). Never in e-notation.

    Parameters
    ----------
    value : float, array-like or pandas.Series
        Any finite number.
    significant : int, default 3
        Significant digits shown, from 1 to 15.

    Returns
    -------
    str, numpy.ndarray of str or pandas.Series of str

    Raises
    ------
    ValueError
        If ``value`` is NaN or infinite, or ``significant`` is not an integer
        from 1 to 15.

    Examples
    --------
    >>> format_number(70.6e9)
    '70.6 billion'
    >>> format_number(3.15e23)
    '3.15 × 10²³'
    >>> format_number(1287, significant=4)
    '1,287'
    """
    return _format_each(value, significant, "value", _format_number_one, minimum=None)


#: The smallest share written as a percentage ("0.077%"); below it, parts in a million, billion or trillion.
SMALLEST_PERCENT: float = 1e-4

#: What a share below one part in a trillion reads as: smaller shares are not worth a number.
BELOW_A_TRILLIONTH: str = "less than one part in a trillion"


def _format_share_one(fraction: float, significant: int) -> str:
    if fraction == 0:
        return "0%"
    if fraction >= SMALLEST_PERCENT:
        return f"{_significant(100 * fraction, significant)}%"
    # Parts in 10^k, with k a multiple of three so that the denominator reads in words.
    k = 3 * math.ceil(-math.log10(fraction) / 3)
    parts = 10 ** (math.log10(fraction) + k)  # not fraction * 10**k, which overflows for tiny shares
    if float(f"{parts:.{significant}g}") >= 1000:
        k, parts = k - 3, parts / 1000
    if k > 12:
        return BELOW_A_TRILLIONTH
    denominator = {6: "a million", 9: "a billion", 12: "a trillion"}[k]
    count = _significant(parts, significant)
    if "." in count:
        count = count.rstrip("0").rstrip(".")
    return f"{count} {'part' if count == '1' else 'parts'} in {denominator}"


def format_share(fraction, significant: int = 2):
    """Write a fraction for a reader: a percentage down to 0.01%, then parts in a million, billion or trillion.

    One kind of unit for the shares a reader compares: every share from
    :data:`SMALLEST_PERCENT` (0.01%) up is a percentage ("0.077%", "1.3%");
    smaller ones are parts in a million, a billion or a trillion, and below
    one part in a trillion, :data:`BELOW_A_TRILLIONTH`.

    Parameters
    ----------
    fraction : float, array-like or pandas.Series
        A share [fraction], finite and non-negative (1 is 100%).
    significant : int, default 2
        Significant digits shown, from 1 to 15.

    Returns
    -------
    str, numpy.ndarray of str or pandas.Series of str

    Examples
    --------
    >>> format_share(0.0134), format_share(0.00077)
    ('1.3%', '0.077%')
    >>> format_share(4.2e-8)
    '42 parts in a billion'
    >>> format_share(1e-17)
    'less than one part in a trillion'
    """
    return _format_each(fraction, significant, "fraction", _format_share_one, minimum=0.0)


def _format_each(value, significant, name, format_one, minimum, unit=""):
    """Apply ``format_one`` to every element of a checked input, keeping its type."""
    if isinstance(significant, bool) or not isinstance(significant, (int, np.integer)) or not 1 <= significant <= 15:
        raise ValueError(f"significant must be an integer from 1 to 15; got {significant!r}")
    array, _ = checked_array(name, value, minimum=minimum, unit=unit)
    texts = [format_one(float(x), int(significant)) for x in array.ravel()]
    if isinstance(value, pd.Series):
        return pd.Series(texts, index=value.index, name=value.name)
    if np.ndim(value) == 0:
        return texts[0]
    return np.array(texts, dtype=object).reshape(array.shape)
