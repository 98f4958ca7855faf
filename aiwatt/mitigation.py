"""Mitigation: levers that cut AI's electricity and emissions, the rebound effect, scenarios.

The baseline is AI's electricity from :func:`aiwatt.fleet.ai_electricity`
(facility boundary: accelerators, their servers and the PUE), built from the
accelerators the industry installs. A **lever** delivers the same AI work
with less electricity (demand side) or with cleaner electricity (supply
side). Each lever has a sourced saving, as a band, and a **setting** the
reader chooses:

========================  ==================================================  ==========================================
lever                     setting                                             saving in the target year
========================  ==================================================  ==========================================
``hardware``              share of AI work moved to chips one to two years    setting x (1 - 0.5^(lag / halving time of
                          newer than the baseline fleet's [fraction]          energy per operation))
``algorithms``            share of each year's algorithmic gain spent on      1 - 0.5^(setting x months since 2024 /
                          the same results rather than bigger models          halving time of compute)
``quantisation``,         share of AI's electricity the technique reaches     setting x sourced saving where applied
``distillation``,         [fraction]
``mixture_of_experts``,
``shorter_answers``,
``power_capping``
``facility``              target PUE [ratio], from 1.0 to 2.0                 max(0, 1 - target / baseline PUE)
``clean_supply``          share of the fossil-fired supply replaced by        emissions only: the setting
                          carbon-free power by the target year [fraction]     (in the scenario builder's chart, a yearly
                                                                              rate r: 1 - (1 - r)^(year - 2023))
========================  ==================================================  ==========================================

Sources of the savings: tables ``mitigation_levers`` (quantisation ... power
capping) and ``efficiency_trends`` (algorithms); the hardware halving time is
fitted to the accelerator table (:func:`hardware_halving_months`); the PUE
band is :data:`aiwatt.fleet.PUE_BAND`.

**Default settings ("today's trends")**: :func:`default_levers`. The grid's
own decarbonisation is the clean-supply default: world intensity fell from 486
to 480 g/kWh (lifecycle) from 2022 to 2023, a single year's change of 1.2%,
carried forward as a yearly rate (:data:`DEFAULT_CLEAN_SUPPLY_RATE`); the
facility default is the baseline's own PUE, since the industry average has
hardly moved for a decade. The other defaults are assumptions stated in the
tables' notes.

**Rebound.** Cheaper AI work invites more of it. With a price elasticity of
demand :math:`\\varepsilon \\ge 0`, a demand-side saving factor :math:`F`
becomes :math:`F^{1-\\varepsilon}`: :math:`\\varepsilon = 0` keeps the saving
whole, 1 takes it all back, above 1 efficiency raises use (Jevons's paradox).
A scenario reports each lever's saving before the rebound and, separately,
what the rebound takes back.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd

from aiwatt import data, fleet, grid
from aiwatt._checks import checked_scalar, unknown_name_error
from aiwatt.estimate import BAND_PERCENTILES, Estimate, as_band, triangular_draws

#: Demand-side levers, in the order they appear in charts.
DEMAND_LEVERS: tuple[str, ...] = (
    "hardware", "algorithms", "quantisation", "distillation", "mixture_of_experts", "shorter_answers", "power_capping", "facility",
)

#: Supply-side levers: they change emissions, not electricity.
SUPPLY_LEVERS: tuple[str, ...] = ("clean_supply",)

#: Every lever.
LEVERS: tuple[str, ...] = DEMAND_LEVERS + SUPPLY_LEVERS

#: Words for readers.
LEVER_LABELS: dict[str, str] = {
    "hardware": "Newer chips",
    "algorithms": "Better algorithms",
    "quantisation": "Quantisation",
    "distillation": "Distillation",
    "mixture_of_experts": "Mixture of experts",
    "shorter_answers": "Shorter answers",
    "power_capping": "Power capping",
    "facility": "Facility (PUE)",
    "clean_supply": "Cleaner supply",
}

#: Levers whose saving is the setting times a sourced fraction (table ``mitigation_levers``).
TABLE_LEVERS: tuple[str, ...] = ("quantisation", "distillation", "mixture_of_experts", "shorter_answers", "power_capping")

#: Years a scenario covers.
FIRST_YEAR, LAST_YEAR = 2025, 2035

#: The year the trends start from: the fleet baseline's first year.
BASE_YEAR: int = 2024

#: How far the baseline fleet lags the newest accelerators [years]: low 1,
#: central and high 2 (an assumption: accelerators serve about four to five
#: years, so the average chip is about two years behind the newest).
HARDWARE_LAG_YEARS: Estimate = Estimate(1.0, 2.0, 2.0, "years")

#: Region whose grid intensity prices the baseline's emissions.
DEFAULT_REGION: str = "World"

#: Default yearly rate of the clean-supply lever [fraction per year]: the
#: world grid's 2022-2023 change (:func:`grid_trend_per_year`), rounded to the
#: scenario builder's slider step of a tenth of a percent.
DEFAULT_CLEAN_SUPPLY_RATE: float = 0.012

#: Setting of the hardware lever by default: half of AI's work on the newest chips (assumption).
DEFAULT_HARDWARE_SETTING: float = 0.5

#: Setting of the algorithms lever by default: a twentieth of each year's
#: algorithmic gain spent on cheaper same-quality work; the rest goes to more
#: capable models, as Ho et al. found for 2012-2023 (assumption).
DEFAULT_ALGORITHMS_SETTING: float = 0.05

#: Range of the facility lever's target PUE [ratio].
PUE_RANGE: tuple[float, float] = (1.0, 2.0)

#: Monte Carlo draws per scenario.
DEFAULT_DRAWS: int = 4000

#: The year of the grid intensity the clean-supply trend starts from.
GRID_TREND_BASE_YEAR: int = 2023


@lru_cache(maxsize=1)
def hardware_halving_months() -> float:
    """Months over which the energy per operation of new accelerators halves [months].

    A least-squares fit of log(rated power / dense peak speed) against the
    year of release over the NVIDIA rows of the accelerator table (V100, A100,
    H100, B200; the TPUs have no rated power for every generation).
    """
    table = data.load("accelerators")
    rows = table[table["name"].isin(["V100", "A100-40GB", "H100", "B200"])]
    energy = rows["tdp_w"] / (rows["peak_dense_tflops"] * 1e12)
    slope = np.polyfit(rows["year"].astype(float), np.log(energy), 1)[0]
    return float(12.0 * math.log(2.0) / -slope)


def _trend_row(metric_start: str) -> pd.Series:
    table = data.load("efficiency_trends")
    return table[table["metric"].str.startswith(metric_start)].iloc[0]


@lru_cache(maxsize=None)
def algorithm_halving_months() -> Estimate:
    """Halving time of the compute needed for the same result [months] (Ho et al. 2024)."""
    row = _trend_row("algorithmic")
    return Estimate(row["low_months"], row["central_months"], row["high_months"], "months")


@lru_cache(maxsize=None)
def hardware_potential() -> Estimate:
    """Saving where AI work moves to chips :data:`HARDWARE_LAG_YEARS` newer [fraction].

    Low: a one-year lag at the table's halving time; central: two years at the
    table's; high: two years at Epoch AI's faster trend (50% more FLOP per
    joule each year).
    """
    fit = hardware_halving_months()
    epoch = float(_trend_row("hardware")["central_months"])
    lag = HARDWARE_LAG_YEARS

    def saving(lag_years: float, months: float) -> float:
        return 1.0 - 0.5 ** (12.0 * lag_years / months)

    return Estimate(saving(lag.low, fit), saving(lag.central, fit), saving(lag.high, min(epoch, fit)), "fraction")


@lru_cache(maxsize=None)
def lever_band(lever: str) -> Estimate:
    """The sourced saving of a table lever where fully applied [fraction]."""
    table = data.load("mitigation_levers").set_index("lever")
    if lever not in table.index:
        raise unknown_name_error("lever", lever, table.index)
    row = table.loc[lever]
    return Estimate(row["saving_low_fraction"], row["saving_central_fraction"], row["saving_high_fraction"], "fraction")


@lru_cache(maxsize=None)
def baseline(year: int) -> Estimate:
    """AI's electricity in a year without mitigation [TWh]: :func:`aiwatt.fleet.ai_electricity` at its defaults.

    Cached: the fleet model is seeded, so the same year gives the same band.
    """
    return fleet.ai_electricity(year)


@lru_cache(maxsize=None)
def grid_trend_per_year() -> float:
    """Fall of the world's grid intensity from 2022 to 2023, lifecycle basis [fraction per year].

    One year's change (Ember: 486 to 480 g CO2e/kWh), the only pair of years
    the table holds on one basis; not a measured multi-year trend.
    """
    before, after = grid.carbon_intensity("World", 2022), grid.carbon_intensity("World", GRID_TREND_BASE_YEAR)
    return 1.0 - after / before


def clean_supply_share(rate_per_year: float, year: int) -> float:
    """Share of the fossil-fired supply replaced by ``year`` at a yearly rate [fraction].

    Parameters
    ----------
    rate_per_year : float
        Share of the remaining fossil supply replaced each year [fraction per
        year], in [0, 1].
    year : int
        The target year, from 2025 to 2035.

    Returns
    -------
    float
        :math:`1 - (1 - r)^{y - 2023}`.

    Examples
    --------
    >>> round(clean_supply_share(0.012, 2030), 4)
    0.081
    """
    rate = checked_scalar("rate_per_year", rate_per_year, minimum=0.0, maximum=1.0, unit="fraction per year")
    return 1.0 - (1.0 - rate) ** (_checked_year(year) - GRID_TREND_BASE_YEAR)


def clean_supply_rate(share: float, year: int) -> float:
    """The yearly rate that replaces ``share`` of the fossil-fired supply by ``year`` [fraction per year].

    The inverse of :func:`clean_supply_share`.

    Parameters
    ----------
    share : float
        Share of the fossil supply replaced by ``year`` [fraction], in [0, 1].
    year : int
        The target year, from 2025 to 2035.

    Returns
    -------
    float
    """
    value = checked_scalar("share", share, minimum=0.0, maximum=1.0, unit="fraction")
    return 1.0 - (1.0 - value) ** (1.0 / (_checked_year(year) - GRID_TREND_BASE_YEAR))


def _checked_year(year) -> int:
    value = checked_scalar("year", year, minimum=FIRST_YEAR, maximum=LAST_YEAR)
    if value != int(value):
        raise ValueError(f"year must be a whole year from {FIRST_YEAR} to {LAST_YEAR}; got {year!r}")
    return int(value)


@lru_cache(maxsize=1)
def _table_defaults() -> dict[str, float]:
    table = data.load("mitigation_levers").set_index("lever")
    return {lever: float(table.loc[lever, "default_setting_fraction"]) for lever in TABLE_LEVERS}


@lru_cache(maxsize=None)
def _region_intensity(region: str) -> tuple[float, str]:
    return grid.carbon_intensity(region), grid.intensity_label(region)


def default_levers(year: int) -> dict[str, float]:
    """Today's trends as lever settings for a year (see the module documentation).

    Parameters
    ----------
    year : int
        A year from 2025 to 2035.

    Returns
    -------
    dict of str to float

    Raises
    ------
    ValueError
        For a year outside 2025-2035.
    """
    year = _checked_year(year)
    settings = {"hardware": DEFAULT_HARDWARE_SETTING, "algorithms": DEFAULT_ALGORITHMS_SETTING}
    settings.update(_table_defaults())
    settings["facility"] = fleet.PUE_BAND.central
    # The grid's own trend since 2023 (the intensity year), as a share of fossil supply replaced.
    settings["clean_supply"] = clean_supply_share(DEFAULT_CLEAN_SUPPLY_RATE, year)
    return settings


def checked_levers(year: int, levers: dict | None) -> dict[str, float]:
    """Lever settings completed with the defaults and checked.

    Parameters
    ----------
    year : int
        A year from 2025 to 2035.
    levers : dict or None
        Lever settings by name; missing levers take the defaults of ``year``.

    Returns
    -------
    dict of str to float

    Raises
    ------
    ValueError
        For an unknown lever (with the closest names), a share outside [0, 1],
        or a target PUE outside :data:`PUE_RANGE`.
    """
    settings = default_levers(year)
    if levers is None:
        return settings
    if not isinstance(levers, dict):
        raise ValueError(f"levers must be a dict of lever name to setting; got {levers!r}")
    for name, value in levers.items():
        if name not in LEVERS:
            raise unknown_name_error("lever", name, LEVERS)
        if name == "facility":
            settings[name] = checked_scalar("facility (target PUE)", value, minimum=PUE_RANGE[0], maximum=PUE_RANGE[1], unit="ratio")
        else:
            settings[name] = checked_scalar(f"{name} (share)", value, minimum=0.0, maximum=1.0, unit="fraction")
    return settings


def _saving_draws(lever: str, year: int, setting: float, rng: np.random.Generator, draws: int) -> np.ndarray:
    """Draws of a lever's saving in ``year`` at ``setting`` [fraction of the baseline]."""
    if lever == "hardware":
        return setting * triangular_draws(hardware_potential(), rng, draws)
    if lever == "algorithms":
        months = 12.0 * (year - BASE_YEAR)
        return 1.0 - 0.5 ** (setting * months / triangular_draws(algorithm_halving_months(), rng, draws))
    if lever == "facility":
        return np.maximum(0.0, 1.0 - setting / triangular_draws(fleet.PUE_BAND, rng, draws))
    if lever == "clean_supply":
        return np.full(draws, setting)
    return setting * triangular_draws(lever_band(lever), rng, draws)


def lever_saving(lever: str, year: int, setting: float | None = None) -> float:
    """A lever's central saving in a year [fraction of the baseline's electricity, or emissions for clean supply].

    Parameters
    ----------
    lever : str
        One of :data:`LEVERS`.
    year : int
        2025 to 2035.
    setting : float, optional
        The lever's setting; its default (:func:`default_levers`) when omitted.

    Examples
    --------
    >>> lever_saving("facility", 2030, 1.1) > 0
    True
    """
    settings = checked_levers(year, None if setting is None else {lever: setting})
    if lever not in LEVERS:
        raise unknown_name_error("lever", lever, LEVERS)
    return float(_central_savings(_checked_year(year), settings)[lever])


def _central_savings(year: int, settings: dict[str, float]) -> dict[str, float]:
    """Each lever's saving at central values: the formulas of the module table."""
    savings = {}
    for lever in LEVERS:
        setting, p = settings[lever], slider_constant(lever, year)
        if lever == "algorithms":
            savings[lever] = 1.0 - 0.5 ** (setting * p)
        elif lever == "facility":
            savings[lever] = max(0.0, 1.0 - setting / p) + 0.0
        elif lever == "clean_supply":
            savings[lever] = setting
        else:
            savings[lever] = setting * p
    return savings


@dataclass(frozen=True)
class MitigationScenario:
    """A year's baseline and mitigated electricity and emissions, and each lever's part.

    Attributes
    ----------
    year : int
    baseline_twh, mitigated_twh : Estimate
        AI's electricity without and with the levers [TWh, facility boundary].
    baseline_tco2e, mitigated_tco2e : Estimate
        The matching emissions [t CO2e] at the region's grid intensity.
    saving_twh : dict
        Each lever's part of the electricity saving at central values, before
        the rebound [TWh]; they sum, less ``rebound_twh``, to
        ``baseline_twh.central - mitigated_twh.central``.
    saving_tco2e : dict
        The same for emissions [t CO2e].
    rebound_twh, rebound_tco2e : float
        What the rebound takes back of those savings at central values [TWh,
        t CO2e]: 0 with no rebound, all of the demand-side saving at an
        elasticity of 1, more above 1.
    levers : dict
        The settings used.
    rebound : float
        The elasticity used.
    intensity_g_per_kwh : float
        The grid intensity of the baseline [g CO2e/kWh].
    intensity_label : str
        Its region, basis and year.
    """

    year: int
    baseline_twh: Estimate
    mitigated_twh: Estimate
    baseline_tco2e: Estimate
    mitigated_tco2e: Estimate
    saving_twh: dict = field(default_factory=dict)
    saving_tco2e: dict = field(default_factory=dict)
    rebound_twh: float = 0.0
    rebound_tco2e: float = 0.0
    levers: dict = field(default_factory=dict)
    rebound: float = 0.0
    intensity_g_per_kwh: float = 0.0
    intensity_label: str = ""

    @property
    def shares(self) -> dict[str, float]:
        """Each lever's share of the emissions saving before the rebound [fraction]; they sum to 1 when there is a saving."""
        total = sum(self.saving_tco2e.values())
        return {k: (v / total if total else 0.0) for k, v in self.saving_tco2e.items()}

    def table(self) -> pd.DataFrame:
        """One row per lever: label, setting, electricity and emissions saved (central)."""
        return pd.DataFrame(
            {
                "lever": list(LEVERS),
                "label": [LEVER_LABELS[k] for k in LEVERS],
                "setting": [self.levers[k] for k in LEVERS],
                "saving_twh": [self.saving_twh[k] for k in LEVERS],
                "saving_tco2e": [self.saving_tco2e[k] for k in LEVERS],
            }
        )


def baseline_draws(band: Estimate, rng: np.random.Generator, draws: int) -> np.ndarray:
    """Draws whose median is the band's central value and whose 5th and 95th percentiles are its ends.

    A split log-normal: below the median the log-spread is set by ``low``,
    above it by ``high``, so that a band read as a 90% interval (as every band
    of :mod:`aiwatt.fleet` is) keeps its width. A band that reaches zero, or
    has zero width, is drawn as a triangle.

    Parameters
    ----------
    band : Estimate
        Median (central) and 5th and 95th percentiles (low, high).
    rng : numpy.random.Generator
        The random generator to draw from.
    draws : int
        How many draws.

    Returns
    -------
    numpy.ndarray
    """
    if band.low <= 0 or band.low == band.high:
        return triangular_draws(band, rng, draws)
    z = rng.standard_normal(draws)
    z95 = 1.6448536269514722  # the standard normal's 95th percentile
    spread = np.where(z < 0, math.log(band.central / band.low), math.log(band.high / band.central)) / z95
    return band.central * np.exp(z * spread)


def _split(total: float, logs: dict[str, float]) -> dict[str, float]:
    """Split a total change among factors by their logarithms (log-mean Divisia)."""
    log_sum = sum(logs.values())
    if log_sum == 0:
        return {k: 0.0 for k in logs}
    return {k: total * v / log_sum + 0.0 for k, v in logs.items()}


def _log1m(saving: float) -> float:
    # A saving of 1 (all of it) has an infinite log; cap it so the split stays finite.
    return math.log(max(1.0 - saving, 1e-12))


def scenario(
    year: int,
    levers: dict | None = None,
    rebound: float = 0.0,
    *,
    baseline_twh=None,
    region: str = DEFAULT_REGION,
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> MitigationScenario:
    """AI's electricity and emissions in a year, from the baseline to the chosen levers.

    Parameters
    ----------
    year : int
        2025 to 2035.
    levers : dict, optional
        Settings of some levers (see the module table); the others keep their
        defaults (:func:`default_levers`, today's trends). ``{}`` and None both
        mean the defaults.
    rebound : float, default 0
        Price elasticity of AI use [dimensionless], >= 0: 0 keeps the savings
        whole, 1 takes them all back, above 1 use grows more than it saves.
    baseline_twh : float, tuple or Estimate, optional
        The baseline [TWh]; :func:`aiwatt.fleet.ai_electricity` when omitted.
    region : str, default "World"
        Grid whose intensity (:func:`aiwatt.grid.carbon_intensity`, latest,
        lifecycle where available) prices the emissions.
    draws : int, default 4,000
        Monte Carlo draws, from 100 to 1,000,000.
    seed : int, default 0

    Returns
    -------
    MitigationScenario

    Raises
    ------
    ValueError
        For a year outside 2025-2035, an unknown lever or region, a share
        outside [0, 1], a target PUE outside [1, 2], a negative elasticity.

    Notes
    -----
    With demand-side savings :math:`s_i` and the clean-supply share :math:`c`:

    .. math::
        E = E_0 \\prod_i (1 - s_i)^{1-\\varepsilon}, \\qquad
        M = E \\cdot I \\cdot (1 - c)

    The savings before the rebound (:math:`\\varepsilon = 0`) are split among
    the levers in proportion to :math:`\\ln(1 - s_i)` (and :math:`\\ln(1 - c)`
    for emissions), which sums exactly to the total whatever the order of the
    levers; the rebound then takes back
    :math:`E_0 (e^{(1-\\varepsilon) L} - e^{L})` with :math:`L = \\sum_i \\ln(1 - s_i)`
    (times :math:`I (1 - c)` for emissions). Bands: 5th and 95th
    percentiles of draws of the baseline (:func:`baseline_draws`, which keep
    its band) and of every lever's saving band (triangular); the central values are computed from central
    inputs, so the parts add up.

    Examples
    --------
    >>> s = scenario(2030, baseline_twh=100.0, rebound=0.5)
    >>> saved = sum(s.saving_twh.values()) - s.rebound_twh
    >>> round(saved, 6) == round(s.baseline_twh.central - s.mitigated_twh.central, 6)
    True
    """
    year = _checked_year(year)
    settings = checked_levers(year, levers)
    elasticity = checked_scalar("rebound", rebound, minimum=0.0, maximum=10.0, unit="elasticity")
    count = int(checked_scalar("draws", draws, minimum=100, maximum=1_000_000))
    base_band = baseline(year) if baseline_twh is None else as_band("baseline_twh", baseline_twh, None, "TWh", minimum=0.0)
    if not isinstance(region, str):
        raise ValueError(f"region must be a region name; got {region!r}")
    intensity, label = _region_intensity(region.strip())
    tonnes_per_twh = intensity * 1e3  # 1 TWh = 1e9 kWh; g -> t is 1e-6

    rng = np.random.default_rng(seed)
    base = baseline_draws(base_band, rng, count)
    demand_log = np.zeros(count)
    for lever in DEMAND_LEVERS:
        demand_log += np.log(np.maximum(1.0 - _saving_draws(lever, year, settings[lever], rng, count), 1e-12))
    mitigated = base * np.exp((1.0 - elasticity) * demand_log)
    clean = 1.0 - settings["clean_supply"]

    central = _central_savings(year, settings)
    demand_logs = {k: _log1m(central[k]) for k in DEMAND_LEVERS}
    total_log = sum(demand_logs.values())
    base_c = base_band.central
    before_rebound_c = base_c * math.exp(total_log)
    mitigated_c = base_c * math.exp((1.0 - elasticity) * total_log)
    saving_twh = _split(base_c - before_rebound_c, demand_logs) | {"clean_supply": 0.0}
    emission_logs = demand_logs | {"clean_supply": _log1m(central["clean_supply"])}
    base_t, mitigated_t = base_c * tonnes_per_twh, mitigated_c * clean * tonnes_per_twh
    saving_tco2e = _split(base_t - before_rebound_c * clean * tonnes_per_twh, emission_logs)
    rebound_twh = mitigated_c - before_rebound_c + 0.0

    def band(values: np.ndarray, central_value: float, unit: str) -> Estimate:
        low, high = np.percentile(values, BAND_PERCENTILES)
        return Estimate(min(low, central_value), central_value, max(high, central_value), unit)

    return MitigationScenario(
        year=year,
        baseline_twh=Estimate(base_band.low, base_c, base_band.high, "TWh"),
        mitigated_twh=band(mitigated, mitigated_c, "TWh"),
        baseline_tco2e=base_band.scaled(tonnes_per_twh, "t CO2e"),
        mitigated_tco2e=band(mitigated * clean * tonnes_per_twh, mitigated_t, "t CO2e"),
        saving_twh=saving_twh,
        saving_tco2e=saving_tco2e,
        rebound_twh=rebound_twh,
        rebound_tco2e=rebound_twh * clean * tonnes_per_twh,
        levers=settings,
        rebound=elasticity,
        intensity_g_per_kwh=intensity,
        intensity_label=label,
    )


def rebound_energy_factor(efficiency_gain, elasticity):
    """Energy after an efficiency gain with rebound, as a multiple of before [ratio].

    Parameters
    ----------
    efficiency_gain : float
        Work per unit of energy after over before [ratio], > 0 (2 = twice as efficient).
    elasticity : float
        Price elasticity of demand for the work, >= 0.

    Notes
    -----
    Cost per unit of work falls as :math:`1/g`; demand rises as
    :math:`g^{\\varepsilon}`; energy is demand over efficiency:

    .. math:: E_1 / E_0 = g^{\\varepsilon - 1}

    Examples
    --------
    >>> rebound_energy_factor(2.0, 0.0), rebound_energy_factor(2.0, 1.0)
    (0.5, 1.0)
    """
    gain = checked_scalar("efficiency_gain", efficiency_gain, minimum=0.0, min_inclusive=False, unit="ratio")
    eps = checked_scalar("elasticity", elasticity, minimum=0.0, unit="elasticity")
    return float(gain ** (eps - 1.0))


#: How the in-browser chart computes each lever's saving from its setting and
#: the constant ``p`` of :func:`slider_table` (kept in step with
#: :func:`_central_savings` by a test at sample points).
SLIDER_FORMULAS: dict[str, str] = {
    "linear": "setting * p",
    "algorithms": "1 - pow(0.5, setting * p)",
    "facility": "max(0, 1 - setting / p)",
    "clean_supply": "1 - pow(1 - setting, p)",
}


def slider_constant(lever: str, year: int) -> float:
    """The constant ``p`` of a lever's in-browser formula (:data:`SLIDER_FORMULAS`) in a year.

    Hardware and the table levers: the central saving where fully applied;
    algorithms: months since 2024 over the central halving time; facility: the
    baseline's central PUE; clean supply: years since 2023 (the chart's
    setting is then a yearly rate, :func:`clean_supply_share`).

    Parameters
    ----------
    lever : str
        A lever of :data:`SLIDER_FORMULAS`.
    year : int
        A year from 2025 to 2035.

    Returns
    -------
    float
    """
    year = _checked_year(year)
    if lever == "hardware":
        return hardware_potential().central
    if lever == "algorithms":
        return 12.0 * (year - BASE_YEAR) / algorithm_halving_months().central
    if lever == "facility":
        return fleet.PUE_BAND.central
    if lever == "clean_supply":
        return float(year - GRID_TREND_BASE_YEAR)
    if lever in TABLE_LEVERS:
        return lever_band(lever).central
    raise unknown_name_error("lever", lever, LEVERS)


def slider_table(years=(2030, 2035), region: str = DEFAULT_REGION) -> pd.DataFrame:
    """What the in-browser scenario chart needs: one row per year and step.

    Columns: ``year``; ``step`` (``"baseline"``, a lever, ``"rebound"``,
    ``"mitigated"``); ``label``; ``order``; ``kind`` (``"start"``, ``"demand"``,
    ``"supply"``, ``"rebound"``, ``"end"``); ``formula`` (a key of :data:`SLIDER_FORMULAS`); ``p`` (see
    :func:`slider_constant`); ``baseline_twh`` (central); ``mt_per_twh``
    (emissions of a TWh at the region's intensity [Mt CO2e]).

    Parameters
    ----------
    years : tuple of int, default (2030, 2035)
        The years drawn.
    region : str, default "World"
        Whose grid intensity converts energy to emissions.

    Returns
    -------
    pandas.DataFrame
    """
    intensity, _ = _region_intensity(region)
    rows = []
    for year in years:
        base = baseline(int(year)).central
        common = {"year": int(year), "baseline_twh": base, "mt_per_twh": intensity / 1e3}
        rows.append(common | {"step": "baseline", "label": f"AI in {year}, no levers", "order": 0, "kind": "start", "formula": "linear", "p": 0.0})
        for i, lever in enumerate(LEVERS, start=1):
            formula = lever if lever in ("algorithms", "facility", "clean_supply") else "linear"
            kind = "supply" if lever in SUPPLY_LEVERS else "demand"
            rows.append(common | {"step": lever, "label": LEVER_LABELS[lever], "order": i, "kind": kind, "formula": formula,
                                  "p": slider_constant(lever, year)})
        rows.append(common | {"step": "rebound", "label": "Taken back by the rebound", "order": len(LEVERS) + 1, "kind": "rebound",
                              "formula": "linear", "p": 0.0})
        rows.append(common | {"step": "mitigated", "label": f"AI in {year}, with levers", "order": len(LEVERS) + 2, "kind": "end",
                              "formula": "linear", "p": 0.0})
    return pd.DataFrame(rows)
