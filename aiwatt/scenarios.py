"""Growth scenarios: AI inference and data-centre electricity year by year.

Two kinds of projection:

- :func:`inference_scenario` grows one service from today's traffic and energy
  per query: traffic by exponential adoption (with no ceiling unless one is
  given) or logistic (S-curve) adoption; answers lengthen as tokens per answer
  grow; energy per token falls by an efficiency gain that reaches the fleet as
  its servers are replaced (:func:`fleet_efficiency_factor`). Uncertain rates
  are drawn (triangular, seeded) and each year's band is the 5th to 95th
  percentile; "central" is the median of the same draws.
- :func:`segment_projection` grows data-centre consumption segment by segment
  (for example accelerated servers, conventional servers, the rest), each at
  its own annual rate: the structure of the IEA's projections.

The trend rates the book uses wherever the same quantity appears are owned
here: :func:`hardware_efficiency_gain_per_year` (new hardware's energy per
operation), :func:`tokens_growth_band` (tokens per answer),
:data:`DEFAULT_SERVICE_LIFE_YEARS` (how fast a gain reaches the fleet) and
:func:`fleet_average_gain` (the fleet's average gain that follows from them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from aiwatt import data
from aiwatt._checks import checked_array, checked_scalar
from aiwatt.estimate import BAND_PERCENTILES, Estimate, as_band, triangular_draws

ADOPTION_KINDS = ("exponential", "logistic")

#: Growth of one chatbot service's traffic [fraction per year], the band of the
#: inference chapter's scenarios: 10% to 100% a year, 40% central (assumptions;
#: ChatGPT's prompts grew about fivefold a year from December 2024 to July 2025,
#: a pace no service keeps up for a decade).
ONE_SERVICE_TRAFFIC_GROWTH = Estimate(0.1, 0.4, 1.0, "fraction per year")

#: Years a server stays in an AI fleet [years]: about the time after which a chip
#: generation holds less than half of NVIDIA's installed compute ("around 4 years
#: after their introduction", Epoch AI 2025), plus the year it takes to arrive.
DEFAULT_SERVICE_LIFE_YEARS = 5


def hardware_efficiency_gain_per_year() -> float:
    """Yearly fall in the energy per operation of new AI hardware [fraction per year].

    Epoch AI: leading ML hardware becomes 50% more energy-efficient each year
    (table ``growth_rates``), so each year's new hardware needs
    :math:`1 - 1/1.5 = 1/3` less energy per operation than the last. The one
    hardware trend of the book's growth paths (inference scenarios, the
    demand-side path of AI's electricity, the rebound chart).

    Returns
    -------
    float
        The yearly fall [fraction per year], in [0, 1).
    """
    table = data.load("growth_rates").set_index("metric")
    growth = float(table.loc["leading ML hardware energy efficiency (FLOP per joule)", "per_year_fraction"])
    return 1.0 - 1.0 / (1.0 + growth)


def tokens_growth_band(horizon_years: float = 10.0) -> Estimate:
    """Yearly growth of the tokens written per answer, as a band [fraction per year].

    Reasoning models' answers are about eight times longer than other models'
    (Epoch AI 2025, table ``tokens_per_answer``). If every answer were that long
    after ``horizon_years``, tokens per answer would grow :math:`8^{1/H} - 1` a
    year (high); if none were, 0 (low); halfway on a log scale,
    :math:`8^{1/(2H)} - 1` (central).

    Parameters
    ----------
    horizon_years : float, default 10
        Years over which the change would happen [years], > 0.

    Returns
    -------
    Estimate
        [fraction per year].
    """
    horizon = checked_scalar("horizon_years", horizon_years, minimum=0.0, min_inclusive=False, unit="years")
    table = data.load("tokens_per_answer").set_index("what")
    ratio = float(table.loc["reasoning against non-reasoning models: answer length", "length_ratio"])
    return Estimate(0.0, ratio ** (1 / (2 * horizon)) - 1, ratio ** (1 / horizon) - 1, "fraction per year")


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


def fleet_efficiency_factor(years, gain_per_year, start_year: int, service_life_years: float = 1.0):
    """Energy per unit of work of a fleet that renews its hardware gradually [ratio to ``start_year``].

    New hardware bought in year :math:`v` needs :math:`(1 - \\eta)^{v - t_0}` of
    the energy of ``start_year``'s; the fleet replaces :math:`1/L` of itself a
    year, so a gain reaches the whole fleet only after a service life :math:`L`.
    With :math:`L = 1` the whole fleet improves at once.

    Parameters
    ----------
    years : array-like
        Years [calendar year].
    gain_per_year : float or array-like
        Annual fall in energy per unit of work of new hardware and software
        [fraction], in [0, 1); an array broadcasts over draws.
    start_year : int
        The year the factor is 1.
    service_life_years : float, default 1
        Years a machine serves [years], from 1 to 15.

    Returns
    -------
    numpy.ndarray
        One factor per year; one row per draw for an array of gains.

    Notes
    -----
    .. math:: f(t) = \\frac{1}{L} \\sum_{k=0}^{L-1} (1 - \\eta)^{\\max(t - t_0 - k,\\ 0)}

    for whole :math:`L`: the fleet of year :math:`t` holds the last :math:`L`
    years' purchases, those from before :math:`t_0` at today's energy. A
    fractional :math:`L` weights its last year by the fraction. Fleet growth
    would make the fleet younger (a faster gain): left out, so the lag is an
    upper bound.

    Examples
    --------
    >>> [round(float(f), 3) for f in fleet_efficiency_factor([2025, 2026, 2030], 0.5, 2025, 2)]
    [1.0, 0.75, 0.047]
    """
    life = checked_scalar("service_life_years", service_life_years, minimum=1.0, maximum=15.0, unit="years")
    gain, _ = checked_array("gain_per_year", gain_per_year, minimum=0.0, maximum=1.0, max_inclusive=False, unit="fraction per year")
    t = np.asarray(years, dtype=float) - start_year
    whole = int(np.ceil(life))
    weights = np.ones(whole)
    weights[-1] = life - (whole - 1)
    ages = np.arange(whole)
    exponent = np.maximum(t[None, :] - ages[:, None], 0.0)  # (age, year)
    factors = (1 - gain)[..., None, None] ** exponent
    return np.tensordot(factors, weights, axes=([-2], [0])) / weights.sum()


def fleet_average_gain(gain_per_year: float, start_year: int, end_year: int,
                       service_life_years: float = DEFAULT_SERVICE_LIFE_YEARS) -> float:
    """The constant yearly fall in a fleet's energy per unit of work with the same effect by ``end_year`` [fraction per year].

    New hardware improves by ``gain_per_year``; the fleet renews over
    ``service_life_years`` (:func:`fleet_efficiency_factor`), so its average
    improves more slowly. This is the rate a single-rate path (such as
    :func:`aiwatt.fleet.demand_path`) must use to follow the fleet.

    Parameters
    ----------
    gain_per_year : float
        Yearly fall in energy per unit of work of new hardware [fraction], in [0, 1).
    start_year, end_year : int
        The period [calendar years], ``end_year`` after ``start_year``.
    service_life_years : float, default :data:`DEFAULT_SERVICE_LIFE_YEARS`
        Years a machine serves [years], from 1 to 15.

    Returns
    -------
    float
        [fraction per year].

    Notes
    -----
    .. math:: \\eta_{fleet} = 1 - f(t_1)^{1/(t_1 - t_0)}

    Examples
    --------
    >>> round(fleet_average_gain(0.5, 2025, 2030, 1), 3)
    0.5
    """
    years = _years(start_year, end_year)
    if len(years) < 2:
        raise ValueError(f"end_year must be after start_year; got {start_year!r} to {end_year!r}")
    factor = float(np.ravel(fleet_efficiency_factor([end_year], gain_per_year, start_year, service_life_years))[0])
    return 1.0 - factor ** (1.0 / (end_year - start_year))


def inference_scenario(
    queries_per_day: float,
    wh_per_query,
    growth_per_year,
    efficiency_gain_per_year,
    *,
    start_year: int = 2024,
    end_year: int = 2035,
    adoption: str = "exponential",
    saturation_queries_per_day: float | None = None,
    tokens_growth_per_year=0.0,
    service_life_years: float = 1.0,
    pue: float = 1.1,
    draws: int = 10_000,
    seed: int = 0,
) -> pd.DataFrame:
    """Annual electricity of one AI service, year by year, with a band [TWh].

    Parameters
    ----------
    queries_per_day : float
        Queries a day in ``start_year`` [count], > 0.
    wh_per_query : float, (low, high), (low, central, high) or Estimate
        Energy per query in ``start_year`` [Wh], > 0, IT equipment only (the
        PUE is applied here).
    growth_per_year : float, (low, high), (low, central, high) or Estimate
        Early growth of traffic [fraction per year]: the exponential rate, or
        the logistic rate (a logistic curve starts growing like ``e^{r t}``).
    efficiency_gain_per_year : float, (low, high), (low, central, high) or Estimate
        Annual fall in energy per token of new hardware and software
        [fraction], in [0, 1); it reaches the fleet as machines are replaced
        (see ``service_life_years``).
    start_year, end_year : int
        The years to project, inclusive.
    adoption : {"exponential", "logistic"}, default "exponential"
        Shape of traffic growth. Exponential growth has no ceiling unless
        ``saturation_queries_per_day`` sets one, which then caps the traffic;
        logistic growth needs the ceiling.
    saturation_queries_per_day : float, optional
        Ceiling of traffic [count], above the starting traffic.
    tokens_growth_per_year : float, (low, high), (low, central, high) or Estimate, default 0
        Annual growth of the tokens written per answer [fraction per year],
        > -1: answers lengthen as reasoning models spread.
    service_life_years : float, default 1
        Years a server stays in the fleet, from 1 (every gain reaches the whole
        fleet at once) to 15; see :func:`fleet_efficiency_factor`.
    pue : float, default 1.1
        Facility overhead [ratio], >= 1.
    draws : int, default 10,000
        Monte Carlo draws, from 100 to 10,000,000.
    seed : int, default 0
        Random seed: the same inputs give the same bands.

    Returns
    -------
    pandas.DataFrame
        Indexed by year: ``low_twh``, ``central_twh`` and ``high_twh`` (5th,
        50th and 95th percentiles of the draws; the same as an
        :class:`aiwatt.Estimate` in ``band``), and ``queries_per_day`` and
        ``wh_per_query``, each the median of its own draws. "Central" is always
        the median of the draws: the product of the two medians is not
        ``central_twh``.

    Raises
    ------
    ValueError
        For a bad number or band (naming the parameter and its range), a
        logistic adoption without a ceiling, or a ceiling at or below the
        starting traffic.

    Notes
    -----
    .. math:: E(t) = q(t) \\cdot 365 \\cdot e_0 (1 + \\tau)^{t - t_0} f(t) \\cdot PUE / 10^{12}

    with :math:`q(t)` the traffic, :math:`e_0` the starting energy per query,
    :math:`\\tau` the growth of tokens per answer and :math:`f(t)` the fleet's
    efficiency factor (:func:`fleet_efficiency_factor`). Growth, efficiency,
    tokens and starting energy are drawn independently.
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
    ceiling = None
    if saturation_queries_per_day is not None:
        ceiling = checked_scalar("saturation_queries_per_day", saturation_queries_per_day, minimum=0.0, min_inclusive=False,
                                 unit="queries per day")
        if ceiling <= q0:
            raise ValueError(f"saturation_queries_per_day must be above queries_per_day ({q0:g}); got {ceiling:g}")

    rng = np.random.default_rng(seed)
    growth_floor = -1.0 if adoption == "exponential" else 0.0
    bands = {
        "growth": as_band("growth_per_year", growth_per_year, None, "fraction per year", minimum=growth_floor, min_inclusive=False),
        "efficiency": as_band("efficiency_gain_per_year", efficiency_gain_per_year, None, "fraction per year",
                              minimum=0.0, maximum=1.0, max_inclusive=False),
        "energy": as_band("wh_per_query", wh_per_query, None, "Wh", minimum=0.0, min_inclusive=False),
        "tokens": as_band("tokens_growth_per_year", tokens_growth_per_year, None, "fraction per year", minimum=-1.0,
                          min_inclusive=False),
    }
    growth, efficiency, energy0, tokens = (triangular_draws(band, rng, draws) for band in bands.values())

    # Overflow is caught below as a non-finite result, with a clear message.
    with np.errstate(over="ignore", invalid="ignore"):
        if adoption == "exponential":
            queries = exponential_adoption(years, q0, growth, start_year)
            if ceiling is not None:
                queries = np.minimum(queries, ceiling)
        else:
            queries = logistic_adoption(years, q0, ceiling, growth, start_year)
        t = (years - start_year)[None, :]
        energy = energy0[:, None] * (1 + tokens)[:, None] ** t * fleet_efficiency_factor(years, efficiency, start_year, service_life_years)
        twh = queries * 365.0 * energy * ratio / 1e12
    if not np.isfinite(twh).all():
        raise ValueError("the scenario overflows: lower growth_per_year or tokens_growth_per_year, or shorten the years")
    low, central, high = np.percentile(twh, [BAND_PERCENTILES[0], 50.0, BAND_PERCENTILES[1]], axis=0)
    return pd.DataFrame(
        {
            "low_twh": low,
            "central_twh": central,
            "high_twh": high,
            "band": [Estimate(lo, mid, hi, "TWh") for lo, mid, hi in zip(low, central, high)],
            "queries_per_day": np.median(queries, axis=0),
            "wh_per_query": np.median(energy, axis=0),
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
