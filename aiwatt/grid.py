"""Electricity grids: carbon intensity by region, and emissions of an energy.

Intensities are average emissions of electricity generation
[g CO2e per kWh] from the sourced table
``aiwatt.data.load("grid_intensity")``.
"""

from __future__ import annotations

from aiwatt import data
from aiwatt._checks import checked_array, common_restorer, unknown_name_error


def regions() -> list[str]:
    """Regions with a sourced carbon intensity."""
    return list(dict.fromkeys(data.load("grid_intensity")["region"]))


def carbon_intensity(region: str, year: int | None = None) -> float:
    """Average carbon intensity of a region's electricity [g CO2e/kWh].

    Parameters
    ----------
    region : str
        A region of the table (``"World"``, ``"China"``, ``"US"``, ``"EU"``,
        ``"France"`` ...), case-insensitive.
    year : int, optional
        A year the table has for that region; the latest when omitted.

    Raises
    ------
    ValueError
        For an unknown region (the message lists the regions and the closest
        match) or a year the table lacks (the message lists the years).
    """
    table = data.load("grid_intensity")
    known = regions()
    match = [name for name in known if isinstance(region, str) and name.lower() == region.strip().lower()]
    if not match:
        raise unknown_name_error("region", region, known)
    rows = table[table["region"] == match[0]]
    years = sorted(int(y) for y in rows["year"])
    if year is None:
        year = years[-1]
    if year not in years:
        raise ValueError(f"year for {match[0]} must be one of {years}; got {year!r}")
    return float(rows.loc[rows["year"] == year, "grid_g_per_kwh"].iloc[0])


def emissions_kg(energy_kwh, intensity_g_per_kwh):
    """Emissions of an energy at a carbon intensity [kg CO2e].

    Parameters
    ----------
    energy_kwh : float, array-like or pandas.Series
        Energy [kWh], finite and non-negative.
    intensity_g_per_kwh : float, array-like or pandas.Series
        Carbon intensity [g CO2e/kWh], finite and non-negative.

    Notes
    -----
    .. math:: m = E \\cdot I / 1000
    """
    energy, _ = checked_array("energy_kwh", energy_kwh, minimum=0.0, unit="kWh")
    intensity, _ = checked_array("intensity_g_per_kwh", intensity_g_per_kwh, minimum=0.0, unit="g CO2e/kWh")
    return common_restorer(energy_kwh, intensity_g_per_kwh)(energy * intensity / 1000.0)
