"""Training energy: from accelerator-hours, and from first principles.

Two routes to the electricity of a training run:

1. **Measured hours.** Energy = accelerator-hours x power per accelerator x PUE
   (Patterson et al. 2021, eq. 1 without the emissions factor).
2. **First principles.** A dense transformer spends about 6 FLOP per parameter
   per training token (Kaplan et al. 2020, section 2.1), so
   FLOP = 6 x parameters x tokens. Dividing by the accelerator's peak speed,
   the in-step model FLOPs utilisation (MFU) and the **goodput** (the fraction
   of wall-clock time that trains, after restarts, checkpoints, evaluation and
   stragglers) gives accelerator-hours, and route 1 gives energy. A
   mixture-of-experts model counts its *active* parameters.

:func:`estimate_training_energy` runs route 2 with bands (:class:`aiwatt.Estimate`):
each band is sampled into draws, the draws pass through the same vectorised
functions (:func:`chip_hours_from_flops`, :func:`energy_from_chip_hours`), and
the result is summarised once: central is the median of the draws, the band
their 5th to 95th percentiles. Every result states its boundary
(:data:`~aiwatt.hardware.SCOPES`). :func:`reproduce_reference_runs` holds both routes against
published runs. :func:`energy_at_boundary` gives a named run's energy from its
accelerator-hours at one boundary with central inputs: the book's one
convention wherever a chapter quotes a run (Llama 3.1 405B, DeepSeek-V3, the
frontier table).

Defaults
--------
:data:`DEFAULT_PUE` and :data:`DEFAULT_GOODPUT` are used when none is given;
MFU and power bands come from :mod:`aiwatt.hardware`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from aiwatt import data, grid, hardware
from aiwatt._checks import aligned, checked_array, checked_scalar, common_restorer, finite_result
from aiwatt.estimate import Estimate, as_band, checked_draws, checked_seed, triangular_draws
from aiwatt.hardware import SCOPES as SCOPES, check_scope

#: FLOP per parameter per training token for a dense transformer: 2 forward
#: and 4 backward (Kaplan et al. 2020).
FLOP_PER_PARAMETER_TOKEN = 6.0

#: PUE band used when none is given: low, Google's fleet average of 1.09
#: (google2025envreport); central, the 1.10 that Patterson et al. 2021 and
#: Touvron et al. 2023 use; high, the 1.56 average of data centres surveyed by
#: the Uptime Institute (uptime2024survey). Keys refer to references.bib.
DEFAULT_PUE = Estimate(1.09, 1.10, 1.56, "ratio")

#: Goodput band: the fraction of a run's wall-clock accelerator time that
#: trains. High, 0.95: Google's fleet study puts scheduling goodput above 95%
#: (wongpanich2025mpg) and Meta kept more than 90% effective training time over
#: a 54-day window of Llama 3 (grattafiori2024llama3). Low, 0.60: a margin below
#: BLOOM, whose in-step 150 TFLOP/s (0.48 of peak; bigscience2022training)
#: against its whole-run 0.32 imply 0.66 (fitted on BLOOM). Central, 0.75, between
#: the two (assumption). PaLM's own report says its hours include "some downtime
#: and repeated steps"; PaLM is held out.
DEFAULT_GOODPUT = Estimate(0.60, 0.75, 0.95, "fraction")

#: Monte Carlo draws used by :func:`estimate_training_energy` unless told.
DEFAULT_DRAWS = 20_000

#: What a published training energy counts, by the ``boundary`` column of the
#: ``reference_runs`` table, in words for readers. Model cards multiply
#: accelerator-hours by the rated power (TDP) and a PUE but leave out the rest
#: of the server: a boundary of their own, between "accelerator" and "facility".
PUBLISHED_BOUNDARIES: dict[str, str] = {
    "facility": "measured power with the server's share, times PUE",
    "accelerator x PUE": "accelerators at rated power (TDP), times PUE, no server",
    "accelerator": "accelerators at rated power (TDP) only",
    "not stated": "no energy published",
}


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

    Raises
    ------
    ValueError
        For a non-positive or non-finite input, ``active_params`` above
        ``params``, Series with different labels, or a product too large for
        floating point.

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
    params, tokens, active_params = aligned(params=params, tokens=tokens, active_params=active_params)
    n, _ = checked_array("params", params, minimum=0.0, min_inclusive=False, unit="parameters")
    d, _ = checked_array("tokens", tokens, minimum=0.0, min_inclusive=False, unit="tokens")
    if active_params is None:
        active = n
    else:
        active, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
        if np.any(active > n):
            raise ValueError(f"active_params must be at most params; got {active_params!r} > {params!r}")
    with np.errstate(over="ignore"):
        flops = FLOP_PER_PARAMETER_TOKEN * active * d
    return finite_result("training_flops", flops, common_restorer(params, tokens, active_params))


def _default_utilization(chip: hardware.Accelerator, precision: str) -> Estimate:
    if precision != "bf16":
        raise ValueError(
            f"the default MFU bands are measured against BF16 peak speed; with precision={precision!r} pass utilization "
            "(relative to the FP8 peak) explicitly, or use precision='bf16'"
        )
    return chip.utilization


def chip_hours_from_flops(flops, accelerator, utilization=None, goodput=None, *, precision: str = "bf16"):
    """Accelerator-hours needed for a compute budget [h].

    Parameters
    ----------
    flops : float, array-like or pandas.Series
        Compute [FLOP], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``; see :func:`aiwatt.hardware.accelerator`.
    utilization : float, array-like or pandas.Series, optional
        In-step model FLOPs utilisation [fraction of peak] in (0, 1]; the
        accelerator's central default when omitted.
    goodput : float, array-like or pandas.Series, optional
        Fraction of wall-clock time that trains [fraction] in (0, 1]; the
        central of :data:`DEFAULT_GOODPUT` when omitted. Pass 1 for the hours
        of uninterrupted training steps.
    precision : {"bf16", "fp8"}, default "bf16"
        The peak speed that ``utilization`` refers to.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Accelerator-hours [h].

    Notes
    -----
    .. math:: T = \\frac{C}{P_{peak} \\cdot u \\cdot g \\cdot 3600}

    with :math:`u` the in-step MFU and :math:`g` the goodput.

    Examples
    --------
    GPT-3's compute on V100s at 20% utilisation and no lost time:

    >>> round(chip_hours_from_flops(3.15e23, "V100", utilization=0.2, goodput=1) / 1e6, 2)
    3.5
    """
    chip = hardware.accelerator(accelerator)
    precision = hardware.check_precision(precision)
    peak = chip.peak_flops(precision)
    flops, utilization, goodput = aligned(flops=flops, utilization=utilization, goodput=goodput)
    compute, _ = checked_array("flops", flops, minimum=0.0, min_inclusive=False, unit="FLOP")
    if utilization is None:
        utilization = _default_utilization(chip, precision).central
    if goodput is None:
        goodput = DEFAULT_GOODPUT.central
    u, _ = checked_array("utilization", utilization, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    g, _ = checked_array("goodput", goodput, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    with np.errstate(over="ignore"):
        hours = compute / (peak * u * g) / 3600.0
    return finite_result("chip_hours", hours, common_restorer(flops, utilization, goodput))


def energy_from_chip_hours(chip_hours, power_w, pue):
    """Energy of a run from its accelerator-hours [kWh].

    Parameters
    ----------
    chip_hours : float, array-like or pandas.Series
        Accelerator-hours [h], > 0.
    power_w : float, array-like or pandas.Series
        Mean power per accelerator [W], > 0, at the boundary the result is
        meant to count: the chip alone, or the chip plus its share of the
        server, as the source reports it.
    pue : float, array-like or pandas.Series
        Power usage effectiveness [ratio], >= 1: facility energy over IT
        energy. Pass 1 for an energy without the facility.

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
    chip_hours, power_w, pue = aligned(chip_hours=chip_hours, power_w=power_w, pue=pue)
    hours, _ = checked_array("chip_hours", chip_hours, minimum=0.0, min_inclusive=False, unit="h")
    power, _ = checked_array("power_w", power_w, minimum=0.0, min_inclusive=False, unit="W")
    ratio, _ = checked_array("pue", pue, minimum=1.0, unit="ratio")
    with np.errstate(over="ignore"):
        energy = hours * power * ratio / 1000.0
    return finite_result("energy_kwh", energy, common_restorer(chip_hours, power_w, pue))


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
        network, fans (see :attr:`aiwatt.hardware.Accelerator.host_power_band_w`).
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
    parts = finite_result("energy_breakdown", [accelerators, host, overhead])
    return pd.Series(dict(zip(["accelerators", "rest of the server", "cooling and power conversion"], parts)), name="energy_kwh")



def power_at_boundary(accelerator, scope: str = "facility", *, power_w=None, host_power_w=None, pue=None) -> float:
    """Mean power of one training accelerator counted within a boundary, at central inputs [W].

    The book's one convention for a run's power: the accelerator at its
    typical power (its TDP where no measured mean is published); plus, at the
    "server" and "facility" boundaries, the central of its host band
    (:attr:`aiwatt.hardware.Accelerator.host_power_band_w`); times, at the
    "facility" boundary, the central of :data:`DEFAULT_PUE`, a hyperscale site.

    Parameters
    ----------
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What the power counts (:data:`~aiwatt.hardware.SCOPES`).
    power_w : float, optional
        Power of the accelerator itself [W], > 0; its typical power when omitted.
    host_power_w : float, optional
        The rest of the server per accelerator [W], >= 0; the central of its
        host band when omitted. Only at "server" and "facility".
    pue : float, optional
        PUE [ratio], >= 1; the central of :data:`DEFAULT_PUE` when omitted.
        Only at "facility".

    Returns
    -------
    float
        Power per accelerator [W].

    Raises
    ------
    ValueError
        For a bad value, or an argument that the scope does not use.

    Notes
    -----
    .. math:: P = P_{acc}, \\quad P_{acc} + P_{host}, \\quad (P_{acc} + P_{host}) \\cdot PUE

    Examples
    --------
    >>> power_at_boundary("H100", "accelerator"), round(power_at_boundary("H100", "server")), round(power_at_boundary("H100"))
    (700.0, 1050, 1155)
    """
    chip = hardware.accelerator(accelerator)
    scope = check_scope(scope)
    if host_power_w is not None and scope == "accelerator":
        raise ValueError(f"host_power_w is used only at scopes 'server' and 'facility'; got host_power_w={host_power_w!r} with scope='accelerator'")
    if pue is not None and scope != "facility":
        raise ValueError(f"pue is used only at scope 'facility'; got pue={pue!r} with scope={scope!r}")
    power = chip.typical_power_w if power_w is None else checked_scalar("power_w", power_w, minimum=0.0, min_inclusive=False, unit="W")
    if scope == "accelerator":
        return float(power)
    host = chip.host_power_w if host_power_w is None else checked_scalar("host_power_w", host_power_w, minimum=0.0, unit="W")
    if scope == "server":
        return float(power + host)
    ratio = DEFAULT_PUE.central if pue is None else checked_scalar("pue", pue, minimum=1.0, unit="ratio")
    return float((power + host) * ratio)


def energy_at_boundary(chip_hours, accelerator, scope: str = "facility", *, power_w=None, host_power_w=None, pue=None):
    """Energy of a run from its accelerator-hours within one boundary, at central inputs [kWh].

    The one function behind every training energy the book quotes for a named
    run (Llama 3.1 405B, DeepSeek-V3, the frontier table): accelerator-hours
    times :func:`power_at_boundary`.

    Parameters
    ----------
    chip_hours : float, array-like or pandas.Series
        Accelerator-hours [h], > 0: published, or from :func:`chip_hours_from_flops`.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What the energy counts (:data:`~aiwatt.hardware.SCOPES`).
    power_w, host_power_w, pue : float, optional
        As in :func:`power_at_boundary`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy [kWh].

    Notes
    -----
    .. math:: E = T \\cdot P_{scope} / 1000

    Examples
    --------
    Llama 3.1 405B's 30.84 million H100-hours, at each boundary [GWh]:

    >>> [round(float(energy_at_boundary(30.84e6, "H100", scope)) / 1e6, 1) for scope in SCOPES]
    [21.6, 32.4, 35.6]
    """
    power = power_at_boundary(accelerator, scope, power_w=power_w, host_power_w=host_power_w, pue=pue)
    return energy_from_chip_hours(chip_hours, power, 1.0)


@dataclass(frozen=True)
class TrainingEstimate:
    """The result of :func:`estimate_training_energy`.

    Attributes
    ----------
    flops : float
        Training compute [FLOP].
    chip_hours : Estimate
        Accelerator-hours [h], wall-clock (goodput included).
    energy_kwh : Estimate
        Energy [kWh] within ``boundary``.
    emissions_kg : Estimate
        Emissions [kg CO2e] of that energy.
    boundary : str
        What the energy counts: one of :data:`~aiwatt.hardware.SCOPES`.
    inputs : dict
        The bands used, for the record.
    """

    flops: float
    chip_hours: Estimate
    energy_kwh: Estimate
    emissions_kg: Estimate
    boundary: str
    inputs: dict


def estimate_training_energy(
    params=None,
    tokens=None,
    accelerator=None,
    *,
    flops=None,
    active_params=None,
    utilization=None,
    goodput=None,
    precision: str = "bf16",
    scope: str = "facility",
    power_w=None,
    host_power_w=None,
    pue=None,
    intensity_g_per_kwh=None,
    region: str = "World",
    draws: int = DEFAULT_DRAWS,
    seed: int = 0,
) -> TrainingEstimate:
    """Energy and emissions of a training run from its size or compute, with bands.

    Parameters
    ----------
    params, tokens : float, optional
        Parameters and training tokens [count], > 0. Give both, or ``flops``.
    accelerator : str or aiwatt.hardware.Accelerator
        The accelerator, e.g. ``"H100"``; required.
    flops : float, optional
        The compute budget [FLOP], > 0, instead of ``params`` and ``tokens``.
    active_params : float, optional
        Active parameters per token for a mixture-of-experts model [count].
    utilization : float, (low, high), (low, central, high) or Estimate, optional
        In-step MFU [fraction] in (0, 1]; the accelerator's band when omitted.
    goodput : float, tuple or Estimate, optional
        Fraction of wall-clock time that trains [fraction] in (0, 1];
        :data:`DEFAULT_GOODPUT` when omitted.
    precision : {"bf16", "fp8"}, default "bf16"
        The peak speed that utilisation refers to. The default MFU bands are
        against BF16 peak; with "fp8", pass ``utilization``.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What the energy counts: the chips; plus their hosts; plus the PUE.
    power_w : float, tuple or Estimate, optional
        Mean power of one accelerator [W], > 0; the accelerator's band
        (:attr:`aiwatt.hardware.Accelerator.power_band_w`) when omitted. An
        Estimate in kW or MW is converted.
    host_power_w : float, tuple or Estimate, optional
        The rest of the server per accelerator [W], >= 0, for the "server"
        and "facility" scopes; the accelerator's host band when omitted. Pass
        0 when ``power_w`` already includes the server's share.
    pue : float, tuple or Estimate, optional
        PUE [ratio], >= 1, for the "facility" scope; :data:`DEFAULT_PUE` when
        omitted.
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
        Compute, and bands for accelerator-hours, energy and emissions:
        medians of the draws with their 5th and 95th percentiles.

    Raises
    ------
    ValueError
        For bad or missing input, or an argument that the scope does not use
        (``pue`` outside "facility", ``host_power_w`` at "accelerator").

    Notes
    -----
    Each band is drawn from a triangular distribution (low, central, high),
    independently of the others, and the draws go through
    :func:`chip_hours_from_flops` and :func:`energy_from_chip_hours`:

    .. math:: E = \\frac{C}{P_{peak}\\, u\\, g \\cdot 3600} \\cdot (P + P_{host}) \\cdot PUE / 1000

    with :math:`C = 6 N D` unless given. Independence is an assumption: a run
    on an efficient software stack may also sit in an efficient data centre,
    which would widen the true band.

    Examples
    --------
    >>> run = estimate_training_energy(7e9, 2e12, "H100", scope="accelerator", power_w=700)
    >>> print(run.boundary, run.energy_kwh.to("MWh"))
    accelerator 45.4 MWh (band 37.8 to 54.9)
    >>> estimate_training_energy(flops=8.4e22, accelerator="H100", scope="accelerator", power_w=700).energy_kwh == run.energy_kwh
    True
    """
    if accelerator is None:
        raise ValueError("accelerator is required, e.g. accelerator='H100'; see aiwatt.hardware.names()")
    chip = hardware.accelerator(accelerator)
    precision = hardware.check_precision(precision)
    scope = check_scope(scope)
    if flops is not None:
        if params is not None or tokens is not None or active_params is not None:
            raise ValueError("give either flops or params and tokens (with active_params), not both")
        compute = checked_scalar("flops", flops, minimum=0.0, min_inclusive=False, unit="FLOP")
    else:
        if params is None or tokens is None:
            raise ValueError("give params and tokens, or flops")
        compute = float(training_flops(checked_scalar("params", params, minimum=0.0, min_inclusive=False, unit="parameters"),
                                       checked_scalar("tokens", tokens, minimum=0.0, min_inclusive=False, unit="tokens"),
                                       None if active_params is None else checked_scalar("active_params", active_params,
                                                                                         minimum=0.0, min_inclusive=False, unit="parameters")))
    draws = checked_draws(draws)
    seed = checked_seed(seed)
    if scope != "facility" and pue is not None:
        raise ValueError(f"pue is used only at scope 'facility'; got pue={pue!r} with scope={scope!r}")
    if scope == "accelerator" and host_power_w is not None:
        raise ValueError(f"host_power_w is used only at scopes 'server' and 'facility'; got host_power_w={host_power_w!r} with scope='accelerator'")

    default_u = _default_utilization(chip, precision) if utilization is None else None
    u = as_band("utilization", utilization, default_u, "fraction", minimum=0.0, maximum=1.0, min_inclusive=False)
    g = as_band("goodput", goodput, DEFAULT_GOODPUT, "fraction", minimum=0.0, maximum=1.0, min_inclusive=False)
    power = as_band("power_w", power_w, chip.power_band_w, "W", minimum=0.0, min_inclusive=False)
    host = as_band("host_power_w", host_power_w, chip.host_power_band_w, "W", minimum=0.0) if scope != "accelerator" else None
    ratio = as_band("pue", pue, DEFAULT_PUE, "ratio", minimum=1.0) if scope == "facility" else None
    if intensity_g_per_kwh is None:
        intensity_g_per_kwh = grid.carbon_intensity(region)
    intensity = as_band("intensity_g_per_kwh", intensity_g_per_kwh, None, "g CO2e/kWh", minimum=0.0)

    rng = np.random.default_rng(seed)
    hours = chip_hours_from_flops(compute, chip, triangular_draws(u, rng, draws), triangular_draws(g, rng, draws), precision=precision)
    watts = triangular_draws(power, rng, draws)
    if host is not None:
        watts = watts + triangular_draws(host, rng, draws)
    pue_draws = triangular_draws(ratio, rng, draws) if ratio is not None else 1.0
    energy = energy_from_chip_hours(hours, watts, pue_draws)
    emissions = energy * triangular_draws(intensity, rng, draws) / 1000.0
    return TrainingEstimate(
        flops=compute,
        chip_hours=Estimate.from_draws(hours, "h"),
        energy_kwh=Estimate.from_draws(energy, "kWh"),
        emissions_kg=Estimate.from_draws(finite_result("emissions_kg", emissions), "kg CO2e"),
        boundary=scope,
        inputs={"accelerator": chip.name, "precision": precision, "utilization": u, "goodput": g, "power_w": power,
                "host_power_w": host, "pue": ratio, "intensity_g_per_kwh": intensity},
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
        - for runs with published parameters and tokens (a mixture of experts
          counts its active parameters): ``flops``, ``reported_chip_hours``,
          the FLOPs route's ``flops_chip_hours`` (median) with
          ``flops_chip_hours_low``/``_high`` (5th and 95th percentiles over the
          accelerator's MFU band and :data:`DEFAULT_GOODPUT`),
          ``flops_chip_hours_error``, ``band_contains_reported``, and
          ``flops_route_mwh`` with ``_low``/``_high`` (published power and
          PUE, where published), and ``implied_utilization``, the whole-run
          utilisation (MFU x goodput) that the published hours imply.
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

    first_principles = runs[runs["params_b"].notna() & runs["tokens_b"].notna() & runs["chip_hours"].notna()]
    for model, run in first_principles.iterrows():
        chip = hardware.accelerator(run["accelerator"])
        active = run["active_params_b"] if pd.notna(run["active_params_b"]) else run["params_b"]
        flops = float(training_flops(run["params_b"] * 1e9, run["tokens_b"] * 1e9, active * 1e9))
        if complete[model]:
            estimate = estimate_training_energy(
                flops=flops, accelerator=chip, scope="facility", power_w=run["power_per_chip_w"], host_power_w=0, pue=run["pue_ratio"]
            )
            for suffix, value in (("", "central"), ("_low", "low"), ("_high", "high")):
                table.loc[model, f"flops_route_mwh{suffix}"] = getattr(estimate.energy_kwh, value) / 1e3
        else:
            estimate = estimate_training_energy(flops=flops, accelerator=chip, scope="accelerator")
        hours = estimate.chip_hours
        table.loc[model, "flops"] = flops
        table.loc[model, "reported_chip_hours"] = run["chip_hours"]
        table.loc[model, "flops_chip_hours"] = hours.central
        table.loc[model, "flops_chip_hours_low"] = hours.low
        table.loc[model, "flops_chip_hours_high"] = hours.high
        table.loc[model, "band_contains_reported"] = hours.contains(run["chip_hours"])
        table.loc[model, "implied_utilization"] = flops / (run["chip_hours"] * 3600 * chip.peak_flop_per_s)
    table["flops_chip_hours_error"] = table["flops_chip_hours"] / table["reported_chip_hours"] - 1
    return table
