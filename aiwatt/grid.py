"""Electricity grids: carbon intensity by region and basis, daily profiles, scheduling, supply.

Intensities are average emissions of electricity generation [g CO2e per kWh]
from the sourced table ``aiwatt.data.load("grid_intensity")``. Every row has
a **basis**:

``"lifecycle"``
    Emissions over the whole life of the plants and their fuel (mining,
    methane leaks, manufacturing, construction), in CO2-equivalents: Ember's
    method, shown by Our World in Data.
``"direct"``
    Only the CO2 (or greenhouse gases) emitted where fuel is burnt: the US
    EIA's, the EEA's and China's Ministry of Ecology and Environment's method.
    Lower than lifecycle for the same grid.

Figures on different bases must not be compared as if alike; every function
here says which basis it used.

The daily profile (:func:`hourly_profile`), the scheduling of a flexible job
(:func:`shift_job`) and the sizing of a solar or wind supply with storage
(:func:`supply_balance`) are stylised models built on sourced shares and bands
(tables ``generation_mix`` and ``supply_parameters``); their shapes are the
documented constants below.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aiwatt import data
from aiwatt._checks import checked_array, checked_scalar, common_restorer, unknown_name_error
from aiwatt.estimate import Estimate

#: The two bases of a grid intensity (see the module documentation).
BASES: tuple[str, ...] = ("lifecycle", "direct")

#: The stylised solar day: output follows half a sine wave from sunrise to
#: sunset [hour of day], an equinox day of 12 hours, and is zero at night.
SOLAR_DAY_HOURS: tuple[float, float] = (6.0, 18.0)

#: Sources :func:`supply_balance` can size.
SUPPLY_SOURCES: tuple[str, ...] = ("solar", "wind")


def canonical_region(region) -> str:
    """The table's spelling of a region name given in any case; ValueError with close matches if unknown.

    Parameters
    ----------
    region : str
        A region of the grid table, in any case.

    Returns
    -------
    str
    """
    known = regions()
    match = [name for name in known if isinstance(region, str) and name.lower() == region.strip().lower()]
    if not match:
        raise unknown_name_error("region", region, known)
    return match[0]


def _check_basis(basis):
    if basis is not None and basis not in BASES:
        raise unknown_name_error("basis", basis, BASES)
    return basis


def regions() -> list[str]:
    """Regions with a sourced carbon intensity, in table order."""
    return list(dict.fromkeys(data.load("grid_intensity")["region"]))


def _row(region: str, year: int | None, basis: str | None) -> pd.Series:
    table = data.load("grid_intensity")
    name = canonical_region(region)
    _check_basis(basis)
    rows = table[table["region"] == name]
    if basis is not None:
        if not (rows["basis"] == basis).any():
            raise ValueError(
                f"basis for {name} must be one of {sorted(set(rows['basis']))} (the table has no {basis} figure for it); got {basis!r}"
            )
        rows = rows[rows["basis"] == basis]
    years = sorted(int(y) for y in rows["year"])
    if year is None:
        year = years[-1]
    if year not in years:
        raise ValueError(f"year for {name} must be one of {sorted(set(years))}; got {year!r}")
    rows = rows[rows["year"] == year]
    # Where both bases exist for a year and none is asked for, lifecycle (the fuller count) wins.
    rows = rows.assign(_order=rows["basis"].map({b: i for i, b in enumerate(BASES)})).sort_values("_order")
    return rows.iloc[0]


def carbon_intensity(region: str, year: int | None = None, basis: str | None = None) -> float:
    """Average carbon intensity of a region's electricity [g CO2e/kWh].

    Parameters
    ----------
    region : str
        A region of the table (``"World"``, ``"China"``, ``"US"``, ``"EU"``,
        ``"France"``, ``"India"``, ``"Ireland"``, ``"Sweden"`` ...),
        case-insensitive.
    year : int, optional
        A year the table has for that region (and basis); the latest when omitted.
    basis : {"lifecycle", "direct"}, optional
        The accounting basis; when omitted, the latest figure of either basis
        (lifecycle where both exist). :func:`intensity_basis` tells which.

    Raises
    ------
    ValueError
        For an unknown region or basis (the message lists the valid names and
        the closest match), a basis the region lacks, or a year the table
        lacks (the message lists the years).

    Examples
    --------
    >>> carbon_intensity("France")
    56.0
    >>> carbon_intensity("China", basis="direct")
    537.0
    """
    return float(_row(region, year, basis)["grid_g_per_kwh"])


def intensity_basis(region: str, year: int | None = None, basis: str | None = None) -> str:
    """The basis (``"lifecycle"`` or ``"direct"``) of :func:`carbon_intensity` for the same arguments.

    Parameters
    ----------
    region : str
        A region of the grid table, in any case.
    year : int, optional
        The year; the latest for the region when omitted.
    basis : {"lifecycle", "direct"}, optional
        The accounting basis; the table's default for the region when omitted.

    Returns
    -------
    str
    """
    return str(_row(region, year, basis)["basis"])


def intensity_label(region: str, year: int | None = None, basis: str | None = None) -> str:
    """A label for readers: region, basis and year, e.g. ``"World (lifecycle, 2023)"``.

    Parameters
    ----------
    region : str
        A region of the grid table, in any case.
    year : int, optional
        The year; the latest for the region when omitted.
    basis : {"lifecycle", "direct"}, optional
        The accounting basis; the table's default for the region when omitted.

    Returns
    -------
    str
    """
    row = _row(region, year, basis)
    return f"{row['region']} ({row['basis']}, {int(row['year'])})"


def region_options() -> list[tuple[str, str]]:
    """(label, region) pairs for a drop-down: every region with its latest basis and year."""
    return [(intensity_label(region), region) for region in regions()]


def intensities() -> pd.DataFrame:
    """The latest intensity of every region on each basis it has: region, basis, year, g/kWh, source."""
    table = data.load("grid_intensity")
    latest = table.sort_values("year").groupby(["region", "basis"], sort=False).tail(1)
    order = {name: i for i, name in enumerate(regions())}
    latest = latest.assign(_order=latest["region"].map(order)).sort_values(["_order", "basis"])
    return latest[["region", "basis", "year", "grid_g_per_kwh", "source", "confidence"]].reset_index(drop=True)


def emissions_kg(energy_kwh, intensity_g_per_kwh, basis: str | None = None):
    """Emissions of an energy at a carbon intensity [kg CO2e].

    Parameters
    ----------
    energy_kwh : float, array-like or pandas.Series
        Energy [kWh], finite and non-negative.
    intensity_g_per_kwh : float, array-like, pandas.Series or str
        Carbon intensity [g CO2e/kWh], finite and non-negative; or a region
        name, whose :func:`carbon_intensity` is used.
    basis : {"lifecycle", "direct"}, optional
        With a region name: the basis of its intensity (see
        :func:`carbon_intensity`).

    Notes
    -----
    .. math:: m = E \\cdot I / 1000

    Examples
    --------
    >>> emissions_kg(1000.0, 480.0)
    480.0
    >>> emissions_kg(1000.0, "France")
    56.0
    """
    if isinstance(intensity_g_per_kwh, str):
        intensity_g_per_kwh = carbon_intensity(intensity_g_per_kwh, basis=basis)
    energy, _ = checked_array("energy_kwh", energy_kwh, minimum=0.0, unit="kWh")
    intensity, _ = checked_array("intensity_g_per_kwh", intensity_g_per_kwh, minimum=0.0, unit="g CO2e/kWh")
    return common_restorer(energy_kwh, intensity_g_per_kwh)(energy * intensity / 1000.0)


def profile_regions() -> list[str]:
    """Regions with a generation mix, for which :func:`hourly_profile` draws a day."""
    return list(data.load("generation_mix")["region"])


def solar_shape() -> np.ndarray:
    """Solar output in each hour of the stylised day, as a multiple of its daily mean [ratio].

    Half a sine wave between the :data:`SOLAR_DAY_HOURS`, zero at night,
    evaluated at the middle of each hour 0-23 and scaled so that the 24
    values average 1.
    """
    sunrise, sunset = SOLAR_DAY_HOURS
    t = np.arange(24) + 0.5
    shape = np.where((t > sunrise) & (t < sunset), np.sin(np.pi * (t - sunrise) / (sunset - sunrise)), 0.0)
    return shape * 24.0 / shape.sum()


def hourly_profile(region: str = "World") -> pd.DataFrame:
    """A stylised day of solar and wind output and grid intensity for a region.

    Demand is taken as flat through the day; solar follows
    :func:`solar_shape`; wind is taken as flat (its swings span days, not
    hours); other low-carbon sources (hydro, nuclear) are flat; fossil plants
    fill the rest. The hourly intensity is the region's average intensity
    scaled by the fossil share of the hour over the fossil share of the day,
    so low-carbon generation counts as zero and the day's mean equals the
    published average.

    Parameters
    ----------
    region : str
        A region of :func:`profile_regions` (``"World"``, ``"EU"``).

    Returns
    -------
    pandas.DataFrame
        One row per hour (0-23): ``solar_fraction``, ``wind_fraction``,
        ``low_carbon_fraction`` (shares of the hour's demand) and
        ``grid_g_per_kwh``. ``attrs`` hold the basis, the year and the
        sources.

    Raises
    ------
    ValueError
        For a region without a generation mix.

    Notes
    -----
    .. math::
        s_h = s \\cdot \\phi_h, \\qquad c_h = c - s + s_h, \\qquad
        I_h = \\bar I \\, \\frac{1 - c_h}{1 - c}

    with :math:`s` the solar share, :math:`\\phi_h` the solar shape, :math:`c`
    the low-carbon share and :math:`\\bar I` the average intensity. If the
    noon solar share would exceed the fossil share, the hour is capped at
    fully low-carbon (curtailment) and the intensities are rescaled so that
    the day's mean stays the published average.
    """
    mix = data.load("generation_mix")
    known = profile_regions()
    name = [r for r in known if isinstance(region, str) and r.lower() == region.strip().lower()]
    if not name:
        raise unknown_name_error("region with a generation mix", region, known)
    row = mix[mix["region"] == name[0]].iloc[0]
    hours = np.arange(24)
    solar = row["solar_fraction"] * solar_shape()
    low_carbon = np.minimum(row["low_carbon_fraction"] - row["solar_fraction"] + solar, 1.0)
    fossil = 1.0 - low_carbon
    mean_intensity = carbon_intensity(name[0])
    intensity = mean_intensity * fossil / fossil.mean()
    frame = pd.DataFrame(
        {"hour": hours, "solar_fraction": solar, "wind_fraction": np.full(24, row["wind_fraction"]),
         "low_carbon_fraction": low_carbon, "grid_g_per_kwh": intensity}
    )
    frame.attrs.update(
        region=name[0], basis=intensity_basis(name[0]), intensity_year=int(_row(name[0], None, None)["year"]),
        mix_year=int(row["year"]), source=f"{row['source']};{_row(name[0], None, None)['source']}",
    )
    return frame


@dataclass(frozen=True)
class JobShift:
    """What moving a flexible job to the cleanest hours of a day saves.

    Attributes
    ----------
    hours : tuple of int
        The hours of day (0-23) the shifted job runs in, cleanest first.
    baseline_g_per_kwh : float
        Mean intensity of the day, what a job run at a random time meets on average.
    shifted_g_per_kwh : float
        Mean intensity of the chosen hours.
    saving_fraction : float
        ``1 - shifted / baseline``.
    saving_kg : float or None
        Emissions saved [kg CO2e] for the given energy; None without one.
    """

    hours: tuple[int, ...]
    baseline_g_per_kwh: float
    shifted_g_per_kwh: float
    saving_fraction: float
    saving_kg: float | None


def shift_job(hours: int, profile, energy_kwh: float | None = None) -> JobShift:
    """Move a flexible job to the cleanest hours of a day and say what it saves.

    The job needs ``hours`` hours of running at constant power, in any hours
    of the day (it can pause and resume). It runs in the ``hours`` hours of
    lowest intensity; the comparison is the day's mean intensity.

    Parameters
    ----------
    hours : int
        Hours the job runs [h], from 1 to 24.
    profile : pandas.DataFrame or str
        A day from :func:`hourly_profile` (a ``grid_g_per_kwh`` column of 24
        rows) or a region name for it.
    energy_kwh : float, optional
        The job's energy [kWh], to give the emissions saved.

    Raises
    ------
    ValueError
        If ``hours`` is not a whole number from 1 to 24, the profile is not 24
        non-negative intensities, or the energy is negative.

    Notes
    -----
    The mean of the ``k`` smallest of 24 numbers never exceeds the mean of
    all 24, so a shifted job never emits more than the baseline.
    """
    count = checked_scalar("hours", hours, minimum=1, maximum=24, unit="h")
    if count != int(count):
        raise ValueError(f"hours must be a whole number from 1 to 24 [h]; got {hours!r}")
    count = int(count)
    if isinstance(profile, str):
        profile = hourly_profile(profile)
    if not isinstance(profile, pd.DataFrame) or "grid_g_per_kwh" not in profile or len(profile) != 24:
        raise ValueError("profile must be a day from hourly_profile (24 rows with a grid_g_per_kwh column) or a region name")
    intensity, _ = checked_array("profile grid_g_per_kwh", profile["grid_g_per_kwh"].to_numpy(), minimum=0.0, unit="g CO2e/kWh")
    order = np.argsort(intensity, kind="stable")[:count]
    baseline = float(intensity.mean())
    shifted = float(intensity[order].mean())
    saving = 0.0 if baseline == 0 else 1.0 - shifted / baseline
    saved_kg = None
    if energy_kwh is not None:
        energy = checked_scalar("energy_kwh", energy_kwh, minimum=0.0, unit="kWh")
        saved_kg = energy * (baseline - shifted) / 1000.0
    hour_values = profile["hour"].to_numpy() if "hour" in profile else np.arange(24)
    return JobShift(tuple(int(hour_values[i]) for i in order), baseline, shifted, saving, saved_kg)


def supply_band(parameter: str) -> Estimate:
    """A sourced band from the ``supply_parameters`` table [fraction].

    ``parameter`` is ``"solar capacity factor"``, ``"wind capacity factor"``
    or ``"battery round-trip efficiency"``.

    Parameters
    ----------
    parameter : str
        A row of the ``supply_parameters`` table.

    Returns
    -------
    Estimate
    """
    table = data.load("supply_parameters").set_index("parameter")
    if parameter not in table.index:
        raise unknown_name_error("supply parameter", parameter, table.index)
    row = table.loc[parameter]
    return Estimate(row["low_fraction"], row["central_fraction"], row["high_fraction"], "fraction")


@dataclass(frozen=True)
class SupplyBalance:
    """Generation and storage that run a constant load on solar or wind.

    Attributes
    ----------
    load_mw : float
        The constant load [MW].
    source : str
        ``"solar"`` or ``"wind"``.
    storage_hours : float
        Hours of load the storage delivers each day [h].
    generation_mw : Estimate
        Nameplate generation needed [MW]; the band spans the capacity-factor
        and efficiency bands (low: best sites and batteries).
    overbuild_ratio : Estimate
        ``generation_mw / load_mw`` [ratio].
    storage_mwh : float
        Usable storage [MWh]: ``load_mw * storage_hours``.
    covered_fraction : float
        Share of the day's hours the load runs on this supply [fraction].
    """

    load_mw: float
    source: str
    storage_hours: float
    generation_mw: Estimate
    overbuild_ratio: Estimate
    storage_mwh: float
    covered_fraction: float


def supply_balance(load_mw: float, source: str = "solar", storage_hours: float = 12.0) -> SupplyBalance:
    """Size the solar or wind generation and the storage that run a constant load.

    Stylised: the load is constant around the clock. Solar supplies it directly
    in the 12 daylight hours of :data:`SOLAR_DAY_HOURS` and charges the storage
    for up to the 12 night hours; wind is taken as evenly spread, so its
    storage rides through lulls of ``storage_hours`` a day. Every hour served
    from storage costs the round-trip loss. The generation is sized so that its
    average output (nameplate x capacity factor) covers the day's energy.

    Parameters
    ----------
    load_mw : float
        Constant load [MW], positive.
    source : {"solar", "wind"}
        The generator.
    storage_hours : float, default 12
        Hours of load delivered from storage each day [h], from 0 to 24
        (for solar, hours beyond the 12 night hours are a reserve for cloudy
        days and add no generation).

    Returns
    -------
    SupplyBalance

    Raises
    ------
    ValueError
        For a non-positive load, an unknown source, or storage hours outside
        [0, 24].

    Notes
    -----
    .. math::
        P = L \\, \\frac{d + s / \\eta}{24 \\, f}

    with :math:`d` the hours served directly (solar: 12; wind: 24 - s),
    :math:`s` the storage hours actually used (solar: at most 12),
    :math:`\\eta` the round-trip efficiency and :math:`f` the capacity factor.
    Capacity factors: IRENA's global averages of new plants; efficiency: the
    US battery fleet's (EIA); see :func:`supply_band`.

    Examples
    --------
    >>> round(supply_balance(100, "solar", 12).overbuild_ratio.central, 2)
    6.53
    """
    load = checked_scalar("load_mw", load_mw, minimum=0.0, min_inclusive=False, unit="MW")
    if source not in SUPPLY_SOURCES:
        raise unknown_name_error("source", source, SUPPLY_SOURCES)
    storage = checked_scalar("storage_hours", storage_hours, minimum=0.0, maximum=24.0, unit="h")
    capacity = supply_band(f"{source} capacity factor")
    efficiency = supply_band("battery round-trip efficiency")
    if source == "solar":
        night = 24.0 - (SOLAR_DAY_HOURS[1] - SOLAR_DAY_HOURS[0])
        used = min(storage, night)
        direct = 24.0 - night
    else:
        used = storage
        direct = 24.0 - storage

    def nameplate(factor: float, eta: float) -> float:
        return load * (direct + used / eta) / (24.0 * factor)

    generation = Estimate(
        nameplate(capacity.high, efficiency.high), nameplate(capacity.central, efficiency.central),
        nameplate(capacity.low, efficiency.low), "MW",
    )
    covered = (direct + used) / 24.0
    return SupplyBalance(
        load, source, storage, generation, generation.scaled(1.0 / load, "ratio"), load * storage, float(covered)
    )
