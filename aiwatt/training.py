"""Training energy: from accelerator-hours, and from first principles.

Two routes to the electricity of a training run:

1. **Measured hours.** Energy = accelerator-hours x power per accelerator x PUE
   (Patterson et al. 2021, eq. 1 without the emissions factor).
2. **First principles.** A dense transformer spends about 6 FLOP per parameter
   per training token (Kaplan et al. 2020, section 2.1), so
   FLOP = 6 x parameters x tokens. Dividing by the accelerator's peak speed
   times the model FLOPs utilisation (MFU) gives accelerator-hours, and route 1
   gives energy. A mixture-of-experts model counts its *active* parameters.

:func:`estimate_training_energy` runs route 2 with bands (:class:`aiwatt.Estimate`)
for utilisation, power and PUE; :func:`reproduce_reference_runs` holds both
routes against published runs.

Defaults
--------
:data:`DEFAULT_PUE` is the PUE band used when none is given. Utilisation and
power bands come from :mod:`aiwatt.hardware`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aiwatt import data, grid, hardware
from aiwatt._checks import checked_array, checked_scalar, common_restorer
from aiwatt.estimate import Estimate, as_band, triangular_draws

#: FLOP per parameter per training token for a dense transformer: 2 forward
#: and 4 backward (Kaplan et al. 2020).
FLOP_PER_PARAMETER_TOKEN = 6.0

#: PUE band used when none is given: low, Google's fleet average of 1.09
#: (google2025envreport); central, the 1.10 that Patterson et al. 2021 and
#: Touvron et al. 2023 use; high, the 1.56 average of data centres surveyed by
#: the Uptime Institute (uptime2024survey). Keys refer to references.bib.
DEFAULT_PUE = Estimate(1.09, 1.10, 1.56, "ratio")

#: Monte Carlo draws used by :func:`estimate_training_energy` unless told.
DEFAULT_DRAWS = 20_000


def training_flops(params, tokens, active_params=None):
    """Training compute of a transformer, 6 x (active) parameters x tokens [FLOP].

    Parameters
    ----------
    params : float, array-like or pandas.Series
        Parameters [count], > 0.
    tokens : float, array-like or pandas.Series
        Training tokens [count], > 0.
    active_params : float, array-like or pandas.Series, optional
        Parameters active per token [count], in (0, params]; for a
        mixture-of-experts model. Defaults to ``params`` (a dense model).

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Training compute [FLOP].

    Notes
    -----
    .. math:: C = 6 N_{active} D

    Forward pass 2 FLOP per parameter per token, backward pass 4; attention's
    extra cost is small for large models and ignored.

    References
    ----------
    .. [1] Kaplan et al. (2020), Scaling Laws for Neural Language Models,
       https://arxiv.org/abs/2001.08361

    Examples
    --------
    GPT-3: 175 billion parameters, 300 billion tokens.

    >>> f"{training_flops(175e9, 300e9):.3g}"
    '3.15e+23'
    """
    n, _ = checked_array("params", params, minimum=0.0, min_inclusive=False, unit="parameters")
    d, _ = checked_array("tokens", tokens, minimum=0.0, min_inclusive=False, unit="tokens")
    if active_params is None:
        active = n
    else:
        active, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
        if np.any(active > n):
            raise ValueError(f"active_params must be at most params; got {active_params!r} > {params!r}")
    return common_restorer(params, tokens, active_params)(FLOP_PER_PARAMETER_TOKEN * active * d)


def chip_hours_from_flops(flops, accelerator, utilization=None):
    """Accelerator-hours needed for a compute budget [h].

    Parameters
    ----------
    flops : float, array-like or pandas.Series
        Compute [FLOP], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``; see :func:`aiwatt.hardware.accelerator`.
    utilization : float, array-like or pandas.Series, optional
        Model FLOPs utilisation [fraction of peak] in (0, 1]; the
        accelerator's central default when omitted.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Accelerator-hours [h].

    Notes
    -----
    .. math:: T = C / (P_{peak} \\cdot u) / 3600

    Examples
    --------
    >>> round(chip_hours_from_flops(3.15e23, "V100", utilization=0.2) / 1e6, 2)
    3.5
    """
    chip = hardware.accelerator(accelerator)
    compute, _ = checked_array("flops", flops, minimum=0.0, min_inclusive=False, unit="FLOP")
    if utilization is None:
        utilization = chip.mfu_central_fraction
    u, _ = checked_array("utilization", utilization, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    return common_restorer(flops, utilization)(compute / (chip.peak_flop_per_s * u) / 3600.0)


def energy_from_chip_hours(chip_hours, power_w, pue):
    """Facility energy of a run from its accelerator-hours [kWh].

    Parameters
    ----------
    chip_hours : float, array-like or pandas.Series
        Accelerator-hours [h], > 0.
    power_w : float, array-like or pandas.Series
        Mean power per accelerator [W], > 0: the chip alone (TDP or measured)
        or the whole server's share per chip, as the source reports it.
    pue : float, array-like or pandas.Series
        Power usage effectiveness [ratio], >= 1: facility energy over IT energy.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy [kWh].

    Notes
    -----
    .. math:: E = T \\cdot P \\cdot PUE / 1000

    References
    ----------
    .. [1] Patterson et al. (2021), Carbon Emissions and Large Neural Network
       Training, https://arxiv.org/abs/2104.10350

    Examples
    --------
    GPT-3 (Patterson et al. 2021, Table 4): 10,000 V100 for 14.8 days at
    330 W and PUE 1.10; the paper reports 1,287 MWh.

    >>> round(energy_from_chip_hours(10_000 * 14.8 * 24, 330, 1.10) / 1e3)
    1289
    """
    hours, _ = checked_array("chip_hours", chip_hours, minimum=0.0, min_inclusive=False, unit="h")
    power, _ = checked_array("power_w", power_w, minimum=0.0, min_inclusive=False, unit="W")
    ratio, _ = checked_array("pue", pue, minimum=1.0, unit="ratio")
    return common_restorer(chip_hours, power_w, pue)(hours * power * ratio / 1000.0)


def energy_breakdown(chip_hours: float, accelerator_power_w: float, host_power_w: float, pue: float) -> pd.Series:
    """Where a run's electricity goes: accelerators, the rest of the server, the facility [kWh].

    Parameters
    ----------
    chip_hours : float
        Accelerator-hours [h], > 0.
    accelerator_power_w : float
        Mean power of one accelerator [W], > 0.
    host_power_w : float
        The rest of the server per accelerator [W], >= 0: CPUs, memory,
        network, fans (see :attr:`aiwatt.hardware.Accelerator.host_power_w`).
    pue : float
        Power usage effectiveness [ratio], >= 1.

    Returns
    -------
    pandas.Series
        Energy [kWh] of ``accelerators``, ``rest of the server`` and
        ``cooling and power conversion``; the sum is the facility energy.

    Notes
    -----
    .. math::

        E_{acc} = T P_{acc}, \\quad E_{host} = T P_{host}, \\quad
        E_{facility} = (E_{acc} + E_{host})(PUE - 1)
    """
    hours = checked_scalar("chip_hours", chip_hours, minimum=0.0, min_inclusive=False, unit="h")
    accelerators = hours * checked_scalar("accelerator_power_w", accelerator_power_w, minimum=0.0, min_inclusive=False, unit="W") / 1000
    host = hours * checked_scalar("host_power_w", host_power_w, minimum=0.0, unit="W") / 1000
    overhead = (accelerators + host) * (checked_scalar("pue", pue, minimum=1.0, unit="ratio") - 1)
    return pd.Series(
        {"accelerators": accelerators, "rest of the server": host, "cooling and power conversion": overhead}, name="energy_kwh"
    )


@dataclass(frozen=True)
class TrainingEstimate:
    """The result of :func:`estimate_training_energy`.

    Attributes
    ----------
    flops : float
        Training compute [FLOP].
    chip_hours : Estimate
        Accelerator-hours [h].
    energy_kwh : Estimate
        Facility energy [kWh].
    emissions_kg : Estimate
        Emissions [kg CO2e].
    inputs : dict
        The bands used, for the record.
    """

    flops: float
    chip_hours: Estimate
    energy_kwh: Estimate
    emissions_kg: Estimate
    inputs: dict


def estimate_training_energy(
    params,
    tokens,
    accelerator,
    *,
    active_params=None,
    utilization=None,
    power_w=None,
    pue=None,
    intensity_g_per_kwh=None,
    region: str = "World",
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> TrainingEstimate:
    """Energy and emissions of a training run from parameters and tokens, with bands.

    Parameters
    ----------
    params, tokens : float
        Parameters and training tokens [count], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        The accelerator, e.g. ``"H100"``.
    active_params : float, optional
        Active parameters per token for a mixture-of-experts model [count].
    utilization : float, (low, high), (low, central, high) or Estimate, optional
        MFU [fraction] in (0, 1]; the accelerator's band when omitted.
    power_w : float, tuple or Estimate, optional
        Mean power per accelerator [W], > 0; the accelerator's band
        (:attr:`aiwatt.hardware.Accelerator.power_band_w`) when omitted.
    pue : float, tuple or Estimate, optional
        PUE [ratio], >= 1; :data:`DEFAULT_PUE` when omitted.
    intensity_g_per_kwh : float, tuple or Estimate, optional
        Grid carbon intensity [g CO2e/kWh], >= 0; looked up for ``region``
        when omitted.
    region : str, default "World"
        Region for the carbon intensity; see :func:`aiwatt.grid.carbon_intensity`.
    draws : int, default 20,000
        Monte Carlo draws, from 1,000 to 10,000,000.
    seed : int, default 0
        Seed of the random generator: the same inputs give the same bands.

    Returns
    -------
    TrainingEstimate
        Compute, and bands for accelerator-hours, energy and emissions. The
        central values use the central inputs; the bands are the 5th and 95th
        percentiles of the draws.

    Notes
    -----
    Each band is drawn from a triangular distribution (low, central, high),
    independently of the others:

    .. math:: E = \\frac{6 N D}{P_{peak} u \\cdot 3600} \\cdot P \\cdot PUE / 1000

    Independence is an assumption: a run on an efficient software stack may
    also sit in an efficient data centre, which would widen the true band.

    Examples
    --------
    >>> run = estimate_training_energy(7e9, 2e12, "H100", pue=1.1, power_w=700)
    >>> print(run.energy_kwh.to("MWh"))
    47.8 MWh (band 42.9 to 63.5)
    """
    chip = hardware.accelerator(accelerator)
    flops = float(training_flops(checked_scalar("params", params), checked_scalar("tokens", tokens), active_params))
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or not 1_000 <= draws <= 10_000_000:
        raise ValueError(f"draws must be an integer from 1,000 to 10,000,000; got {draws!r}")
    u = as_band("utilization", utilization, chip.utilization, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    # Only look up the default power when needed: some chips publish none.
    default_power = chip.power_band_w if power_w is None else None
    power = as_band("power_w", power_w, default_power, minimum=0.0, min_inclusive=False, unit="W")
    ratio = as_band("pue", pue, DEFAULT_PUE, minimum=1.0, unit="ratio")
    if intensity_g_per_kwh is None:
        intensity_g_per_kwh = grid.carbon_intensity(region)
    intensity = as_band("intensity_g_per_kwh", intensity_g_per_kwh, None, minimum=0.0, unit="g CO2e/kWh")

    rng = np.random.default_rng(seed)
    hours_per_unit_u = flops / chip.peak_flop_per_s / 3600.0
    hours = hours_per_unit_u / triangular_draws(u, rng, draws)
    energy = hours * triangular_draws(power, rng, draws) * triangular_draws(ratio, rng, draws) / 1000.0
    emissions = energy * triangular_draws(intensity, rng, draws) / 1000.0

    central_hours = hours_per_unit_u / u.central
    central_energy = central_hours * power.central * ratio.central / 1000.0
    return TrainingEstimate(
        flops=flops,
        chip_hours=Estimate.from_draws(hours, "h", central=central_hours),
        energy_kwh=Estimate.from_draws(energy, "kWh", central=central_energy),
        emissions_kg=Estimate.from_draws(emissions, "kg CO2e", central=central_energy * intensity.central / 1000.0),
        inputs={"accelerator": chip.name, "utilization": u, "power_w": power, "pue": ratio, "intensity_g_per_kwh": intensity},
    )


def fitted_growth_per_year(years, values) -> float:
    """Growth factor per year of a quantity, from a least-squares line through its logarithm.

    Parameters
    ----------
    years : array-like
        Years [calendar year]; at least two distinct.
    values : array-like
        Positive values, e.g. training compute [FLOP].

    Returns
    -------
    float
        The factor by which the fitted quantity grows each year.

    Notes
    -----
    Fits :math:`\\ln v = a + b\\,t` and returns :math:`e^b`.

    Examples
    --------
    >>> round(fitted_growth_per_year([2020, 2021, 2022], [1, 4, 16]), 6)
    4.0
    """
    t, _ = checked_array("years", years)
    v, _ = checked_array("values", values, minimum=0.0, min_inclusive=False)
    if t.shape != v.shape or len(np.unique(t)) < 2:
        raise ValueError("years and values must be arrays of the same length with at least two distinct years")
    slope = np.polyfit(t, np.log(v), 1)[0]
    return float(np.exp(slope))


def reference_runs() -> pd.DataFrame:
    """Published training runs with their published inputs and results.

    Returns
    -------
    pandas.DataFrame
        One row per run: parameters, tokens [billions], accelerator, count,
        days, accelerator-hours, power per accelerator [W] and its basis,
        PUE, reported energy [MWh] and emissions [t CO2e], year, source
        (BibTeX key) and notes. See ``aiwatt.data.load("reference_runs")``.
    """
    return data.load("reference_runs")


def reproduce_reference_runs() -> pd.DataFrame:
    """Each published run's energy beside the model's, by both routes.

    Returns
    -------
    pandas.DataFrame
        Indexed by model, with

        - ``reported_mwh``: the published energy [MWh] (NaN where the source
          gives none);
        - ``hours_route_mwh``: accelerator-hours x published power x published
          PUE [MWh], and ``hours_route_error``, its relative error;
        - ``reported_tco2e``, ``hours_route_tco2e`` (the modelled energy at the
          source's grid factor) and ``emissions_error``, for runs that report
          emissions rather than energy;
        - for dense decoder-only runs with published parameters and tokens:
          ``flops``, ``reported_chip_hours``, the FLOPs route's
          ``flops_chip_hours`` with ``flops_chip_hours_low``/``_high`` (the
          accelerator's default MFU band), ``flops_chip_hours_error``, and
          ``flops_route_mwh`` with ``flops_route_mwh_low``/``_high`` (published
          power and PUE), ``band_contains_reported``, and ``implied_mfu``, the
          utilisation that the published hours imply.
    """
    runs = reference_runs().set_index("model")
    table = pd.DataFrame(index=runs.index)
    table["year"] = runs["year"]
    table["accelerator"] = runs["accelerator"]
    table["reported_mwh"] = runs["energy_mwh"]
    table["reported_tco2e"] = runs["emissions_tco2e"]
    complete = runs[["chip_hours", "power_per_chip_w", "pue_ratio"]].notna().all(axis=1)
    hours_route = runs[complete]
    table.loc[complete, "hours_route_mwh"] = (
        energy_from_chip_hours(hours_route["chip_hours"], hours_route["power_per_chip_w"], hours_route["pue_ratio"]) / 1e3
    )
    table["hours_route_error"] = table["hours_route_mwh"] / table["reported_mwh"] - 1
    # Emissions: the source's own grid factor x the modelled energy [t = MWh x g/kWh / 1000].
    table["hours_route_tco2e"] = table["hours_route_mwh"] * runs["grid_g_per_kwh"] / 1e3
    table["emissions_error"] = table["hours_route_tco2e"] / table["reported_tco2e"] - 1

    first_principles = runs[(runs["architecture"] == "dense decoder") & runs["params_b"].notna() & runs["tokens_b"].notna()]
    for model, run in first_principles.iterrows():
        chip = hardware.accelerator(run["accelerator"])
        flops = training_flops(run["params_b"] * 1e9, run["tokens_b"] * 1e9)
        hours = {
            name: chip_hours_from_flops(flops, chip, u)
            for name, u in (("", chip.mfu_central_fraction), ("_low", chip.mfu_high_fraction), ("_high", chip.mfu_low_fraction))
        }
        table.loc[model, "flops"] = flops
        table.loc[model, "reported_chip_hours"] = run["chip_hours"]
        for suffix, value in hours.items():
            table.loc[model, f"flops_chip_hours{suffix}"] = value
            if complete[model]:
                table.loc[model, f"flops_route_mwh{suffix}"] = energy_from_chip_hours(value, run["power_per_chip_w"], run["pue_ratio"]) / 1e3
        table.loc[model, "band_contains_reported"] = hours["_low"] <= run["chip_hours"] <= hours["_high"]
        table.loc[model, "implied_mfu"] = flops / (run["chip_hours"] * 3600 * chip.peak_flop_per_s)
    table["flops_chip_hours_error"] = table["flops_chip_hours"] / table["reported_chip_hours"] - 1
    return table
