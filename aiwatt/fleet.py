"""AI's own electricity, two ways: bottom-up from the installed accelerators, top-down from published shares.

Bottom-up (:func:`installed_base_energy`, :func:`ai_electricity`)
------------------------------------------------------------------
Count the accelerators, multiply by what each draws:

.. math:: E = N \\cdot P_{TDP} \\cdot u \\cdot h \\cdot PUE \\cdot 8{,}760\\ \\text{h}

with :math:`N` accelerators, :math:`P_{TDP}` the rated (thermal design) power of
one, :math:`u` the average load over the year as a fraction of that rating
(:data:`LOAD_BAND`), :math:`h` the server around it as a multiple of the
accelerators' own draw (:data:`HOST_RATIO_BAND`) and :math:`PUE` the facility
overhead (:data:`PUE_BAND`). The three boundaries of the book are the three
partial products: ``"accelerator"`` (:math:`N P u`), ``"server"`` (times
:math:`h`) and ``"facility"`` (times PUE as well).

:func:`ai_electricity` applies this to the world's installed AI accelerators,
counted as their total rated chip power (table ``ai_installed_base``): about
3.3 GW of NVIDIA chips at the end of 2024 (from Epoch AI's count, up to twice
that with Google's TPUs and others) and over 10 GW across the major designers
at the end of 2025 (Epoch AI's chip-sales data). From 2026 the installed power grows by a
rate that falls linearly from :data:`GROWTH_2026_BAND` to
:data:`GROWTH_2035_BAND`: an assumption, not a measurement, which the reader
can change.

Top-down (:func:`top_down_ai_electricity`)
------------------------------------------
Start from all data centres and take AI's share: the IEA's accelerated servers,
about 15% of data centres' 415 TWh in 2024 (IT equipment only), growing about
30% a year to 2030, times the same PUE band; after 2030 in step with the IEA's
total for data centres.

Every band is a 90% interval of Monte Carlo draws (triangular over each input
band, independent, seeded), summarised once.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from aiwatt import data, hardware
from aiwatt._checks import checked_scalar
from aiwatt.estimate import BAND_PERCENTILES, Estimate, as_band, triangular_draws

#: The three boundaries of an energy figure, narrowest first.
BOUNDARIES: tuple[str, ...] = ("accelerator", "server", "facility")

#: Years :func:`ai_electricity` and :func:`top_down_ai_electricity` cover.
FIRST_YEAR, LAST_YEAR = 2024, 2035

#: PUE the AI baseline assumes [ratio]: 1.1 for hyperscale sites such as
#: Google's (1.09 to 1.10), 1.4 for the colocation and enterprise sites that host
#: much of the rest (the industry average is about 1.56, Uptime Institute 2024;
#: LBNL finds specialised data centres about 0.29 below the average). The
#: mitigation chapter builds on this band: keep it stable.
PUE_BAND = Estimate(1.1, 1.2, 1.4, "ratio")

#: Average power of an installed accelerator over a year as a fraction of its
#: rated power [fraction]. Central: 0.7, Epoch AI's adjustment for partial
#: utilisation ("average consumption found by Microsoft"), close to the 76% of
#: its 10.2 kW rating that a measured 8-GPU H100 node drew under intensive
#: training (Newkirk et al. 2025). High: 0.9, Google's TPU v4 fleet's mean of
#: 170 W over its measured maximum of 192 W (a measured maximum, not a rated
#: TDP, so an upper end). Low: 0.5, an assumption for serving fleets that keep
#: idle reserve (Google counts idle machines at 10% of a Gemini prompt's energy).
LOAD_BAND = Estimate(0.5, 0.7, 0.9, "fraction of rated power")

#: Server power per accelerator as a multiple of the accelerators' own draw
#: [ratio], for a fleet of mixed accelerators: one plus the measured host ratios
#: of :data:`aiwatt.hardware.DEFAULT_HOST_RATIO` (TPU v3 fleet 1.29; Google's
#: Gemini serving measurement 1.43; the DGX H100 nameplate 1.82, the value
#: Epoch AI uses).
HOST_RATIO_BAND = Estimate(*(1.0 + value for value in (hardware.DEFAULT_HOST_RATIO.low, hardware.DEFAULT_HOST_RATIO.central,
                                                        hardware.DEFAULT_HOST_RATIO.high)), "ratio")

#: Rated chip power of the world's installed AI accelerators at the end of 2024
#: [GW]. Low: NVIDIA's data-centre GPUs alone, 3.3 GW (table
#: ``ai_installed_base``: Epoch AI's 4 million H100-equivalents, counted by
#: compute, of which Hopper chips hold 77% at 700 W per H100-equivalent and the
#: older chips the rest at about 1,270 W per H100-equivalent, an A100's
#: 400 W over its 0.32 of an H100's speed). High: twice that, if Google's TPUs
#: and the other designers' chips, which Epoch AI says "may provide comparable
#: total computing power", drew as much (an assumption). Central: the midpoint
#: (an assumption).
INSTALLED_POWER_2024_GW = Estimate(3.3, 4.95, 6.6, "GW")

#: The same at the end of 2025 [GW]: Epoch AI's chip-sales data, over 10 GW at
#: the chip level for 15 million H100-equivalents sold by the five main
#: designers (no retirements), with 90% intervals of "roughly 2x, or ~1.5x in
#: either direction from the median": 10 / 1.5 to 10 x 1.5.
INSTALLED_POWER_2025_GW = Estimate(6.7, 10.0, 15.0, "GW")


def _growth_rate(metric: str) -> float:
    table = data.load("growth_rates").set_index("metric")
    return float(table.loc[metric, "per_year_fraction"])


#: Growth of the installed chip *power* in the year to the end of 2024 [ratio
#: per year], used to step back from the end of 2024 to the end of 2023 for the
#: 2024 average: Epoch AI's growth of NVIDIA's installed compute (2.3x a year
#: since 2019) divided by the growth of hardware's operations per joule (1.5x a
#: year, the trend of :func:`aiwatt.scenarios.hardware_efficiency_gain_per_year`,
#: read from the same table row), since power grows more slowly than compute
#: when each new chip does more per watt: 2.3 / 1.5 = 1.53.
GROWTH_TO_2024_RATIO = ((1.0 + _growth_rate("installed NVIDIA data-centre compute (FLOP/s)"))
                        / (1.0 + _growth_rate("leading ML hardware energy efficiency (FLOP per joule)")))

#: Growth of the installed chip power in 2026 [fraction per year]: an
#: assumption. The installed power about doubled in 2025 (end-2024 and end-2025
#: figures above, counted on different bases); for comparison, the IEA's
#: accelerated servers grow about 30% a year to 2030, and Epoch AI's leading
#: clusters double their power every 13 months.
GROWTH_2026_BAND = Estimate(0.2, 0.45, 0.7, "fraction per year")

#: Growth of the installed chip power in 2035 [fraction per year], reached
#: linearly from :data:`GROWTH_2026_BAND`: an assumption (growth slows as the
#: market matures and old chips retire; 0 means the installed power stops
#: growing, below 0 that it shrinks).
GROWTH_2035_BAND = Estimate(-0.05, 0.05, 0.2, "fraction per year")

#: The IEA's accelerated servers in 2024 [TWh, IT equipment], 15% of 415 TWh.
IEA_ACCELERATED_2024_TWH = 62.0

#: The IEA's growth of accelerated servers' electricity to 2030 [fraction per
#: year]: "about 30%", read in secondary accounts; the band is our reading of
#: "about".
IEA_ACCELERATED_GROWTH_BAND = Estimate(0.25, 0.30, 0.35, "fraction per year")

#: Epoch AI's overhead on rated chip power for servers, networking, cooling and
#: other infrastructure [ratio], in its estimate of about 30 GW to power all AI
#: chips sold as of 2025 (table ``ai_installed_base``).
EPOCH_CHIP_OVERHEAD = 2.5

#: Monte Carlo draws per band.
DEFAULT_DRAWS = 20_000

_HOURS_PER_YEAR = 8760.0


def _checked_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"year must be an integer from {FIRST_YEAR} to {LAST_YEAR}; got {year!r}")
    return int(year)


def _checked_boundary(boundary: str) -> str:
    if boundary not in BOUNDARIES:
        from aiwatt._checks import unknown_name_error

        raise unknown_name_error("boundary", boundary, BOUNDARIES)
    return boundary


def _checked_draws(draws) -> int:
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or not 100 <= draws <= 10_000_000:
        raise ValueError(f"draws must be an integer from 100 to 10,000,000; got {draws!r}")
    return int(draws)


def _summary(values: np.ndarray, unit: str) -> Estimate:
    low, central, high = np.percentile(values, [BAND_PERCENTILES[0], 50.0, BAND_PERCENTILES[1]])
    return Estimate(float(low), float(central), float(high), unit)


def _boundary_factor(boundary: str, load, host, pue):
    """Average draw per watt of rating, up to a boundary: u, u h or u h PUE."""
    factor = np.asarray(load, dtype=float)
    if boundary in ("server", "facility"):
        factor = factor * host
    if boundary == "facility":
        factor = factor * pue
    return factor


def installed_base_energy(
    units,
    accelerator,
    utilization=None,
    pue=None,
    *,
    host_ratio=None,
    boundary: str = "facility",
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> Estimate:
    """A year of electricity of an installed base of accelerators [TWh per year].

    Parameters
    ----------
    units : float
        Accelerators installed [count], >= 0.
    accelerator : str or aiwatt.hardware.Accelerator
        Their model, e.g. ``"H100"``; its rated power (``tdp_w``) is used.
    utilization : float, (low, high), (low, central, high) or Estimate, optional
        Average power over the year as a fraction of the rated power, in
        (0, 1]; :data:`LOAD_BAND` when omitted.
    pue : float, (low, high), (low, central, high) or Estimate, optional
        Facility overhead [ratio], >= 1; :data:`PUE_BAND` when omitted.
    host_ratio : float, tuple or Estimate, optional
        Server power per accelerator as a multiple of the accelerator's draw
        [ratio], >= 1; when omitted, one plus the accelerator's own host band
        (:attr:`aiwatt.hardware.Accelerator.host_power_band_w`) over its TDP.
    boundary : {"accelerator", "server", "facility"}, default "facility"
        What is counted (see the module notes).
    draws : int, default 20,000
        Monte Carlo draws, from 100 to 10,000,000.
    seed : int, default 0
        Random seed: the same inputs give the same band.

    Returns
    -------
    Estimate
        Energy in a year [TWh]: 5th, 50th and 95th percentiles of the draws.

    Raises
    ------
    ValueError
        For negative ``units``, an unknown accelerator (with the closest
        names), a load outside (0, 1], a PUE or
        host ratio below 1, or an unknown boundary.

    Notes
    -----
    .. math:: E = N \\cdot P_{TDP} \\cdot u \\cdot h \\cdot PUE \\cdot 8{,}760 / 10^{12}

    with :math:`P_{TDP}` in W; at the accelerator boundary :math:`h = PUE = 1`,
    at the server boundary :math:`PUE = 1`.

    Examples
    --------
    A hundred thousand H100s for a year, counted at the facility:

    >>> band = installed_base_energy(100_000, "H100")
    >>> 0.4 < band.central < 1.0
    True
    """
    count = checked_scalar("units", units, minimum=0.0, unit="accelerators")
    chip = hardware.accelerator(accelerator)
    boundary = _checked_boundary(boundary)
    n = _checked_draws(draws)
    rng = np.random.default_rng(seed)
    load = triangular_draws(as_band("utilization", utilization, LOAD_BAND, "fraction of rated power",
                                    minimum=0.0, maximum=1.0, min_inclusive=False), rng, n)
    chip_host = chip.host_power_band_w.scaled(1.0 / chip.tdp_w, "ratio")
    own_host = Estimate(1 + chip_host.low, 1 + chip_host.central, 1 + chip_host.high, "ratio")
    host = triangular_draws(as_band("host_ratio", host_ratio, own_host, "ratio", minimum=1.0), rng, n)
    ratio = triangular_draws(as_band("pue", pue, PUE_BAND, "ratio", minimum=1.0), rng, n)
    twh = count * chip.tdp_w * _boundary_factor(boundary, load, host, ratio) * _HOURS_PER_YEAR / 1e12
    return _summary(twh, "TWh")


@lru_cache(maxsize=32)
def _bottom_up_draws(boundary: str, growth_2026: Estimate, growth_2035: Estimate, load_band: Estimate,
                     pue_band: Estimate, draws: int, seed: int) -> np.ndarray:
    """Draws of AI's electricity for every year [TWh], shape (draws, years)."""
    rng = np.random.default_rng(seed)
    end_2024 = triangular_draws(INSTALLED_POWER_2024_GW, rng, draws)
    end_2025 = triangular_draws(INSTALLED_POWER_2025_GW, rng, draws)
    g_first = triangular_draws(growth_2026, rng, draws)
    g_last = triangular_draws(growth_2035, rng, draws)
    load = triangular_draws(load_band, rng, draws)
    host = triangular_draws(HOST_RATIO_BAND, rng, draws)
    pue = triangular_draws(pue_band, rng, draws)
    stock = {2023: end_2024 / GROWTH_TO_2024_RATIO, 2024: end_2024, 2025: end_2025}
    for year in range(2026, LAST_YEAR + 1):
        share = (year - 2026) / (LAST_YEAR - 2026)
        stock[year] = stock[year - 1] * (1 + g_first + (g_last - g_first) * share)
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    # The year's average installed power: the mean of its first and last day.
    average_gw = np.column_stack([(stock[y - 1] + stock[y]) / 2 for y in years])
    factor = _boundary_factor(boundary, load, host, pue)[:, None]
    result = average_gw * factor * _HOURS_PER_YEAR / 1e3
    result.setflags(write=False)
    return result


def ai_electricity(
    year: int,
    *,
    boundary: str = "facility",
    growth_2026=None,
    growth_2035=None,
    utilization=None,
    pue=None,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> Estimate:
    """AI's electricity in a year, bottom-up from the installed accelerators [TWh].

    Parameters
    ----------
    year : int
        From 2024 to 2035.
    boundary : {"accelerator", "server", "facility"}, default "facility"
        What is counted: the accelerators; their servers; the whole facility.
    growth_2026, growth_2035 : float, tuple or Estimate, optional
        Growth of the installed chip power in 2026 and in 2035 [fraction per
        year], > -1, interpolated linearly in between;
        :data:`GROWTH_2026_BAND` and :data:`GROWTH_2035_BAND` when omitted.
    utilization : float, tuple or Estimate, optional
        Average load as a fraction of rated power, in (0, 1]; :data:`LOAD_BAND`.
    pue : float, tuple or Estimate, optional
        Facility overhead [ratio] >= 1; :data:`PUE_BAND`.
    draws : int, default 20,000
        Monte Carlo draws, from 100 to 10,000,000.
    seed : int, default 0
        Random seed.

    Returns
    -------
    Estimate
        AI's electricity in ``year`` [TWh]: the 5th, 50th and 95th percentiles
        of the draws. With the defaults, at the facility boundary: the
        accelerators, their servers and the data centre's overhead (PUE).

    Raises
    ------
    ValueError
        For a year outside 2024-2035, an unknown boundary, or a band outside
        its range.

    Notes
    -----
    .. math:: E(y) = \\bar{P}(y) \\cdot u \\cdot h \\cdot PUE \\cdot 8{,}760\\ \\text{h}

    where :math:`\\bar{P}(y)` is the mean of the installed rated chip power at
    the start and the end of year :math:`y` [GW]; see the module notes for the
    installed power and its growth.

    Examples
    --------
    >>> band = ai_electricity(2024)
    >>> 10 < band.low < band.central < band.high < 100
    True
    """
    index = _checked_year(year) - FIRST_YEAR
    table = _bottom_up(boundary, growth_2026, growth_2035, utilization, pue, draws, seed)
    return _summary(table[:, index], "TWh")


def _bottom_up(boundary, growth_2026, growth_2035, utilization, pue, draws, seed) -> np.ndarray:
    return _bottom_up_draws(
        _checked_boundary(boundary),
        as_band("growth_2026", growth_2026, GROWTH_2026_BAND, "fraction per year", minimum=-1.0, min_inclusive=False),
        as_band("growth_2035", growth_2035, GROWTH_2035_BAND, "fraction per year", minimum=-1.0, min_inclusive=False),
        as_band("utilization", utilization, LOAD_BAND, "fraction of rated power", minimum=0.0, maximum=1.0, min_inclusive=False),
        as_band("pue", pue, PUE_BAND, "ratio", minimum=1.0),
        _checked_draws(draws),
        int(seed),
    )


def ai_electricity_table(*, boundary: str = "facility", draws: int = DEFAULT_DRAWS, seed: int = 0, **bands) -> pd.DataFrame:
    """:func:`ai_electricity` for every year 2024-2035, from one set of draws [TWh].

    Parameters
    ----------
    boundary, draws, seed, **bands
        As in :func:`ai_electricity` (``growth_2026``, ``growth_2035``,
        ``utilization``, ``pue``).

    Returns
    -------
    pandas.DataFrame
        Indexed by year, columns ``low_twh``, ``central_twh``, ``high_twh``.
    """
    unknown = set(bands) - {"growth_2026", "growth_2035", "utilization", "pue"}
    if unknown:
        raise ValueError(f"unknown bands {sorted(unknown)}; allowed: growth_2026, growth_2035, utilization, pue")
    table = _bottom_up(boundary, bands.get("growth_2026"), bands.get("growth_2035"), bands.get("utilization"),
                       bands.get("pue"), draws, seed)
    low, central, high = np.percentile(table, [BAND_PERCENTILES[0], 50.0, BAND_PERCENTILES[1]], axis=0)
    return pd.DataFrame({"low_twh": low, "central_twh": central, "high_twh": high},
                        index=pd.Index(range(FIRST_YEAR, LAST_YEAR + 1), name="year"))


def _iea_data_centres_twh(year: int) -> float:
    """The IEA's Base Case for all data centres [TWh], geometric between its published years."""
    table = data.load("data_centres")
    base = table[(table["region"] == "World") & table["scenario"].isin(["IEA Energy and AI: estimate", "IEA Energy and AI: Base Case"])]
    points = base.set_index("year")["data_centre_twh"].astype(float).sort_index()
    years = points.index.to_numpy(dtype=float)
    return float(np.exp(np.interp(year, years, np.log(points.to_numpy()))))


def top_down_ai_electricity(year: int, *, pue=None, draws: int = DEFAULT_DRAWS, seed: int = 0) -> Estimate:
    """AI's electricity in a year, top-down from the IEA's accelerated servers [TWh, facility].

    Parameters
    ----------
    year : int
        From 2024 to 2035.
    pue : float, tuple or Estimate, optional
        Facility overhead [ratio] >= 1; :data:`PUE_BAND` when omitted, the same
        band as the bottom-up route so that the two differ only in what they count.
    draws, seed
        As in :func:`ai_electricity`.

    Returns
    -------
    Estimate
        [TWh], facility boundary.

    Notes
    -----
    .. math:: E(y) = 62\\ \\text{TWh} \\cdot (1 + g)^{\\min(y, 2030) - 2024} \\cdot \\frac{D(y)}{D(\\min(y, 2030))} \\cdot PUE

    with :math:`g` the IEA's growth of accelerated servers
    (:data:`IEA_ACCELERATED_GROWTH_BAND`) and :math:`D` the IEA's Base Case for
    all data centres (415 TWh in 2024, 945 in 2030, about 1,200 in 2035). After
    2030 AI keeps its 2030 share of data centres: the IEA's published growth
    rates stop at 2030.

    Examples
    --------
    >>> 60 < top_down_ai_electricity(2024).central < 90
    True
    """
    year = _checked_year(year)
    n = _checked_draws(draws)
    rng = np.random.default_rng(seed)
    growth = triangular_draws(IEA_ACCELERATED_GROWTH_BAND, rng, n)
    ratio = triangular_draws(as_band("pue", pue, PUE_BAND, "ratio", minimum=1.0), rng, n)
    pivot = min(year, 2030)
    it_twh = IEA_ACCELERATED_2024_TWH * (1 + growth) ** (pivot - FIRST_YEAR) * _iea_data_centres_twh(year) / _iea_data_centres_twh(pivot)
    return _summary(it_twh * ratio, "TWh")


def world_electricity_twh(year: int) -> float:
    """World electricity demand [TWh]: Ember's for 2022-2024, projected from the IEA's shares after.

    Between 2024 and 2030 and between 2030 and 2035 the demand grows
    geometrically between the table's years (``world_electricity`` and
    ``world_electricity_projection``).

    Parameters
    ----------
    year : int
        A calendar year from 2022 to 2035.

    Returns
    -------
    float
        World electricity demand [TWh].

    Raises
    ------
    ValueError
        For a year outside 2022-2035.
    """
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or not 2022 <= year <= LAST_YEAR:
        raise ValueError(f"year must be an integer from 2022 to {LAST_YEAR}; got {year!r}")
    points = pd.concat([data.load("world_electricity"), data.load("world_electricity_projection")])
    points = points.set_index("year")["world_electricity_twh"].astype(float).sort_index()
    return float(np.exp(np.interp(year, points.index.to_numpy(dtype=float), np.log(points.to_numpy()))))


def data_centre_electricity_twh(year: int) -> float:
    """The IEA's Base Case for all data centres in a year [TWh], 2024-2035 (geometric between 2024, 2030, 2035).

    Parameters
    ----------
    year : int
        A calendar year from 2024 to 2035.

    Returns
    -------
    float
        Data centres' electricity [TWh].
    """
    return _iea_data_centres_twh(_checked_year(year))


def data_centres_with_ai_twh(year: int, ai_twh) -> float:
    """All data centres' electricity with a given estimate of AI in place of the IEA's own [TWh].

    The IEA's total for data centres (:func:`data_centre_electricity_twh`)
    already holds its own accelerated servers (:func:`top_down_ai_electricity`,
    central); to set another estimate of AI against all data centres, swap it
    in: :math:`D(y) - E_{IEA}(y) + E_{AI}`. For the top-down estimate itself
    this is the IEA's total.

    Parameters
    ----------
    year : int
        A calendar year from 2024 to 2035.
    ai_twh : float
        AI's electricity in ``year`` [TWh, facility boundary], >= 0.

    Returns
    -------
    float
        [TWh].

    Examples
    --------
    >>> round(data_centres_with_ai_twh(2024, top_down_ai_electricity(2024).central))
    415
    """
    value = checked_scalar("ai_twh", ai_twh, minimum=0.0, unit="TWh")
    year = _checked_year(year)
    return data_centre_electricity_twh(year) - top_down_ai_electricity(year).central + value


def boundary_factor(boundary: str, *, pue=None, host_ratio=None) -> Estimate:
    """What multiplies a figure on ``boundary`` to reach the facility boundary [ratio].

    ``"accelerator"``: host ratio x PUE; ``"server"``: PUE; ``"facility"``: 1.
    Bands as in :func:`installed_base_energy`; the central value is the product
    of the central values, the ends the products of the ends (a conservative
    band, not a 90% interval).

    Parameters
    ----------
    boundary : {"accelerator", "server", "facility"}
        What the figure counts.
    pue : float, (low, central, high) or Estimate, optional
        Facility overhead [ratio]; the package's band when omitted.
    host_ratio : float, (low, central, high) or Estimate, optional
        Server power over accelerator power [ratio]; the package's band when omitted.

    Returns
    -------
    Estimate
        The factor to the facility boundary [ratio].

    Examples
    --------
    >>> boundary_factor("server").central
    1.2
    """
    boundary = _checked_boundary(boundary)
    ratio = as_band("pue", pue, PUE_BAND, "ratio", minimum=1.0)
    host = as_band("host_ratio", host_ratio, HOST_RATIO_BAND, "ratio", minimum=1.0)
    if boundary == "facility":
        return Estimate(1.0, 1.0, 1.0, "ratio")
    if boundary == "server":
        return ratio
    return Estimate(host.low * ratio.low, host.central * ratio.central, host.high * ratio.high, "ratio")


def demand_path(years, start_twh: float, start_year: int, growth_per_year, tokens_growth_per_year, efficiency_gain_per_year,
                *, growth_after_per_year=None, pivot_year: int = 2030):
    """AI's electricity grown from demand: requests, tokens per answer, efficiency [TWh].

    The demand-side twin of :func:`ai_electricity`, with rates a reader can
    set (the book's sliders run the same formula in the browser).

    Parameters
    ----------
    years : array-like
        Years [calendar year].
    start_twh : float
        AI's electricity in ``start_year`` [TWh], > 0.
    start_year : int
        The year of ``start_twh``.
    growth_per_year : float
        Growth of AI requests up to ``pivot_year`` [fraction per year], > -1.
    tokens_growth_per_year : float
        Growth of the tokens written per answer [fraction per year], > -1.
    efficiency_gain_per_year : float
        Fall in the fleet's energy per token [fraction per year], in [0, 1).
    growth_after_per_year : float, optional
        Growth of AI requests after ``pivot_year`` [fraction per year], > -1;
        ``growth_per_year`` when omitted.
    pivot_year : int, default 2030
        The year the requests' growth changes [calendar year].

    Returns
    -------
    numpy.ndarray
        [TWh], one value per year.

    Notes
    -----
    .. math:: E(t) = E_0 (1 + g_1)^{\\min(t, t_p) - t_0} (1 + g_2)^{\\max(t - t_p, 0)} \\left[(1 + \\tau)(1 - \\eta)\\right]^{t - t_0}

    with :math:`t_p` the pivot year; years before ``start_year`` run the
    first rate backwards.

    Examples
    --------
    Requests x1.5 a year, answers x1.2, energy per token x0.7: x1.26 a year.

    >>> [round(float(v), 1) for v in demand_path([2025, 2026], 80.0, 2025, 0.5, 0.2, 0.3)]
    [80.0, 100.8]
    """
    e0 = checked_scalar("start_twh", start_twh, minimum=0.0, min_inclusive=False, unit="TWh")
    g = checked_scalar("growth_per_year", growth_per_year, minimum=-1.0, min_inclusive=False, unit="fraction per year")
    g_after = g if growth_after_per_year is None else checked_scalar(
        "growth_after_per_year", growth_after_per_year, minimum=-1.0, min_inclusive=False, unit="fraction per year")
    tau = checked_scalar("tokens_growth_per_year", tokens_growth_per_year, minimum=-1.0, min_inclusive=False, unit="fraction per year")
    eta = checked_scalar("efficiency_gain_per_year", efficiency_gain_per_year, minimum=0.0, maximum=1.0, max_inclusive=False,
                         unit="fraction per year")
    year = np.asarray(years, dtype=float)
    t = year - start_year
    before = np.minimum(year, pivot_year) - start_year
    after = np.maximum(year - pivot_year, 0.0)
    return e0 * (1 + g) ** before * (1 + g_after) ** after * ((1 + tau) * (1 - eta)) ** t


def demand_growth_to_match(start_twh: float, start_year: int, pivot_twh: float, pivot_year: int, end_twh: float, end_year: int,
                           tokens_growth_per_year: float, efficiency_gain_per_year: float) -> tuple[float, float]:
    """The growth of requests before and after ``pivot_year`` that makes :func:`demand_path` pass through two values [fraction per year].

    Parameters
    ----------
    start_twh, pivot_twh, end_twh : float
        AI's electricity in ``start_year``, ``pivot_year`` and ``end_year``
        [TWh], > 0 (for example the central values of :func:`ai_electricity`).
    start_year, pivot_year, end_year : int
        Three years, in that order [calendar years].
    tokens_growth_per_year, efficiency_gain_per_year : float
        As in :func:`demand_path` [fraction per year].

    Returns
    -------
    tuple of float
        Growth of requests to ``pivot_year`` and after it [fraction per year].

    Notes
    -----
    .. math:: g_1 = \\frac{(E_p / E_0)^{1/(t_p - t_0)}}{(1 + \\tau)(1 - \\eta)} - 1, \\qquad
              g_2 = \\frac{(E_1 / E_p)^{1/(t_1 - t_p)}}{(1 + \\tau)(1 - \\eta)} - 1

    Examples
    --------
    >>> [round(g, 2) for g in demand_growth_to_match(80.0, 2025, 160.0, 2030, 160.0, 2035, 0.0, 0.0)]
    [0.15, 0.0]
    """
    if not start_year < pivot_year < end_year:
        raise ValueError(f"years must be in order start < pivot < end; got {start_year!r}, {pivot_year!r}, {end_year!r}")
    values = [checked_scalar(name, value, minimum=0.0, min_inclusive=False, unit="TWh")
              for name, value in (("start_twh", start_twh), ("pivot_twh", pivot_twh), ("end_twh", end_twh))]
    tau = checked_scalar("tokens_growth_per_year", tokens_growth_per_year, minimum=-1.0, min_inclusive=False, unit="fraction per year")
    eta = checked_scalar("efficiency_gain_per_year", efficiency_gain_per_year, minimum=0.0, maximum=1.0, max_inclusive=False,
                         unit="fraction per year")
    per_token = (1 + tau) * (1 - eta)
    first = (values[1] / values[0]) ** (1 / (pivot_year - start_year)) / per_token - 1
    second = (values[2] / values[1]) ** (1 / (end_year - pivot_year)) / per_token - 1
    return float(first), float(second)
