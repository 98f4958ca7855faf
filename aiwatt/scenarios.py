"""Growth scenarios: AI inference and data-centre electricity year by year.

Two kinds of projection:

- :func:`inference_scenario` grows a service from today's traffic and energy
  per query: traffic by exponential or logistic (S-curve) adoption, energy per
  query falling by an efficiency gain each year. Uncertain rates are drawn
  (triangular, seeded) and each year's band is the 5th to 95th percentile.
- :func:`segment_projection` grows data-centre consumption segment by segment
  (for example accelerated servers, conventional servers, the rest), each at
  its own annual rate: the structure of the IEA's projections.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aiwatt._checks import checked_array, checked_scalar
from aiwatt.estimate import BAND_PERCENTILES, Estimate, as_band, triangular_draws

ADOPTION_KINDS = ("exponential", "logistic")


def _years(start_year: int, end_year: int) -> np.ndarray:
    for name, value in (("start_year", start_year), ("end_year", end_year)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise ValueError(f"{name} must be an integer year; got {value!r}")
    if not start_year <= end_year <= start_year + 100:
        raise ValueError(f"end_year must be from start_year to start_year + 100; got {start_year!r} to {end_year!r}")
    return np.arange(start_year, end_year + 1)


def exponential_adoption(years, start_value, growth_per_year, start_year):
    """Exponential growth: :math:`q(t) = q_0 (1 + g)^{t - t_0}`.

    Parameters
    ----------
    years : array-like
        Years [calendar year].
    start_value : float or array-like
        Value in ``start_year``, > 0; an array broadcasts over draws.
    growth_per_year : float or array-like
        Annual growth [fraction per year], > -1 (0.3 is +30% a year).
    start_year : int
        The year of ``start_value``.

    Returns
    -------
    numpy.ndarray
        One value per year; with arrays of starting values or rates (one per
        draw), one row per draw.
    """
    t = np.asarray(years, dtype=float) - start_year
    q0, _ = checked_array("start_value", start_value, minimum=0.0, min_inclusive=False)
    g, _ = checked_array("growth_per_year", growth_per_year, minimum=-1.0, min_inclusive=False, unit="fraction per year")
    return q0[..., None] * (1 + g)[..., None] ** t


def logistic_adoption(years, start_value, saturation, rate_per_year, start_year):
    """Logistic (S-curve) growth through ``start_value`` towards ``saturation``.

    :math:`q(t) = K / (1 + (K/q_0 - 1) e^{-r (t - t_0)})`: early on it grows
    like :math:`e^{r t}`, then slows as it nears :math:`K`.

    Parameters
    ----------
    years : array-like
        Years [calendar year].
    start_value : float or array-like
        Value in ``start_year``, > 0 and below ``saturation``.
    saturation : float
        The ceiling :math:`K`, in the unit of ``start_value``.
    rate_per_year : float or array-like
        Logistic rate :math:`r` [per year], > 0.
    start_year : int
        The year of ``start_value``.
    """
    t = np.asarray(years, dtype=float) - start_year
    q0, _ = checked_array("start_value", start_value, minimum=0.0, min_inclusive=False)
    k = checked_scalar("saturation", saturation, minimum=0.0, min_inclusive=False)
    if np.any(q0 >= k):
        raise ValueError(f"saturation must be above start_value; got {k!r} <= {float(np.max(q0))!r}")
    r, _ = checked_array("rate_per_year", rate_per_year, minimum=0.0, min_inclusive=False, unit="per year")
    return k / (1 + (k / q0 - 1)[..., None] * np.exp(-r[..., None] * t))


def inference_scenario(
    queries_per_day: float,
    wh_per_query,
    growth_per_year,
    efficiency_gain_per_year,
    *,
    start_year: int = 2024,
    end_year: int = 2035,
    adoption: str = "logistic",
    saturation_queries_per_day: float | None = None,
    pue: float = 1.1,
    draws: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """Annual electricity of AI inference, year by year, with a band [TWh].

    Parameters
    ----------
    queries_per_day : float
        Queries a day in ``start_year`` [count], > 0.
    wh_per_query : float, (low, high), (low, central, high) or Estimate
        Energy per query in ``start_year`` [Wh], > 0, IT equipment only (the
        PUE is applied here).
    start_year, end_year : int
        The years to project, inclusive.
    adoption : {"logistic", "exponential"}
        Shape of traffic growth.
    growth_per_year : float, (low, high), (low, central, high) or Estimate
        Early growth of traffic [fraction per year]: the exponential rate, or
        the logistic rate (a logistic curve starts growing like ``e^{r t}``).
    saturation_queries_per_day : float, optional
        Ceiling of logistic adoption [count]; required for ``"logistic"``.
    efficiency_gain_per_year : float, (low, high), (low, central, high) or Estimate
        Annual fall in energy per query [fraction], in [0, 1).
    pue : float, default 1.1
        Facility overhead [ratio], >= 1.
    draws : int, default 10,000
        Monte Carlo draws, from 100 to 10,000,000.
    seed : int, default 0
        Random seed: the same inputs give the same bands.

    Returns
    -------
    pandas.DataFrame
        Indexed by year, with ``low_twh``, ``central_twh`` and ``high_twh``
        (5th, 50th and 95th percentiles of the draws), the same as an
        :class:`aiwatt.Estimate` in ``band``, and the central path's
        ``queries_per_day`` and ``wh_per_query``.

    Notes
    -----
    .. math:: E(t) = q(t) \\cdot 365 \\cdot e_0 (1 - \\eta)^{t - t_0} \\cdot PUE / 10^{12}

    Growth, efficiency and starting energy are drawn independently.
    """
    if adoption not in ADOPTION_KINDS:
        raise ValueError(f"adoption must be one of {', '.join(ADOPTION_KINDS)}; got {adoption!r}")
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or not 100 <= draws <= 10_000_000:
        raise ValueError(f"draws must be an integer from 100 to 10,000,000; got {draws!r}")
    years = _years(start_year, end_year)
    q0 = checked_scalar("queries_per_day", queries_per_day, minimum=0.0, min_inclusive=False, unit="queries per day")
    ratio = checked_scalar("pue", pue, minimum=1.0, unit="ratio")
    if adoption == "logistic" and saturation_queries_per_day is None:
        raise ValueError("saturation_queries_per_day is required for logistic adoption")

    rng = np.random.default_rng(seed)
    growth_floor = -1.0 if adoption == "exponential" else 0.0
    bands = {
        "growth": as_band("growth_per_year", growth_per_year, None, "fraction per year", minimum=growth_floor, min_inclusive=False),
        "efficiency": as_band("efficiency_gain_per_year", efficiency_gain_per_year, None, "fraction per year",
                              minimum=0.0, maximum=1.0, max_inclusive=False),
        "energy": as_band("wh_per_query", wh_per_query, None, "Wh", minimum=0.0, min_inclusive=False),
    }
    growth, efficiency, energy0 = (triangular_draws(band, rng, draws) for band in bands.values())

    if adoption == "exponential":
        queries = exponential_adoption(years, q0, growth, start_year)
    else:
        queries = logistic_adoption(years, q0, saturation_queries_per_day, growth, start_year)
    energy = energy0[:, None] * (1 - efficiency)[:, None] ** (years - start_year)[None, :]
    twh = queries * 365.0 * energy * ratio / 1e12
    low, central, high = np.percentile(twh, [BAND_PERCENTILES[0], 50.0, BAND_PERCENTILES[1]], axis=0)

    # The central path: every uncertain input at the median of its draws.
    growth_median, efficiency_median, energy_median = (float(np.median(v)) for v in (growth, efficiency, energy0))
    central_queries = (
        exponential_adoption(years, q0, growth_median, start_year)
        if adoption == "exponential"
        else logistic_adoption(years, q0, saturation_queries_per_day, growth_median, start_year)
    )
    return pd.DataFrame(
        {
            "low_twh": low,
            "central_twh": central,
            "high_twh": high,
            "band": [Estimate(lo, mid, hi, "TWh") for lo, mid, hi in zip(low, central, high)],
            "queries_per_day": central_queries,
            "wh_per_query": energy_median * (1 - efficiency_median) ** (years - start_year),
        },
        index=pd.Index(years, name="year"),
    )


def segment_projection(start_twh: dict[str, float], growth_per_year: dict[str, float], start_year: int, end_year: int) -> pd.DataFrame:
    """Consumption that grows segment by segment, each at its own rate [TWh].

    Parameters
    ----------
    start_twh : dict of str to float
        Each segment's consumption in ``start_year`` [TWh], >= 0.
    growth_per_year : dict of str to float
        Each segment's annual growth [fraction per year], > -1; same keys.
    start_year, end_year : int
        Years to project, inclusive.

    Returns
    -------
    pandas.DataFrame
        Indexed by year: one column per segment and ``total``.

    Notes
    -----
    .. math:: E(t) = \\sum_s E_s(t_0) (1 + g_s)^{t - t_0}
    """
    if set(start_twh) != set(growth_per_year):
        raise ValueError(f"start_twh and growth_per_year must name the same segments; got {sorted(start_twh)} and {sorted(growth_per_year)}")
    years = _years(start_year, end_year)
    table = pd.DataFrame(index=pd.Index(years, name="year"))
    for segment, value in start_twh.items():
        base = checked_scalar(f"start_twh[{segment!r}]", value, minimum=0.0, unit="TWh")
        growth = checked_scalar(f"growth_per_year[{segment!r}]", growth_per_year[segment], minimum=-1.0, min_inclusive=False, unit="fraction per year")
        table[segment] = base * (1 + growth) ** (years - start_year)
    table["total"] = table.sum(axis=1)
    return table
