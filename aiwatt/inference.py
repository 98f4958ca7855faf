"""Inference energy: per output token, per query, per fleet, and when it overtakes training.

From first principles
---------------------
A transformer generating text runs in two phases (Pope et al. 2022):

- **Prefill** reads the prompt in one pass. It is bound by arithmetic:
  2 FLOP per active parameter per input token, at the accelerator's peak
  speed times a utilisation.
- **Decode** writes one token per step. Every step reads all the weights from
  memory once, whatever the batch, so it is bound by memory traffic: a step
  takes (weight bytes / memory bandwidth), and the batch shares it. Larger
  batches divide the energy per token until arithmetic becomes the limit.

Energy is time x power, for the accelerators alone (``scope="accelerator"``),
with the rest of the server (``"server"``), or with the facility's PUE too
(``"facility"``): the three scopes that published figures mix up.

Assumptions, stated once
------------------------
- Weights in 16-bit precision (:data:`BYTES_PER_PARAMETER`).
- Memory reads reach :data:`DEFAULT_BANDWIDTH_UTILIZATION` of peak bandwidth
  and prefill :data:`DEFAULT_PREFILL_UTILIZATION` of peak speed: modelling
  assumptions in the range that serving systems report, not measurements.
- Accelerators draw their typical power (TDP where no measured mean is
  published) while busy: an upper bound for decode, which rarely reaches TDP.
- The key-value cache's memory traffic is left out: it matters for long
  contexts and large batches, so long-context figures are lower bounds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from aiwatt import hardware
from aiwatt._checks import checked_array, checked_scalar, common_restorer

#: Bytes per weight: BF16/FP16.
BYTES_PER_PARAMETER = 2.0

#: Fraction of peak memory bandwidth that decoding achieves (assumption).
DEFAULT_BANDWIDTH_UTILIZATION = 0.7

#: Fraction of peak speed that prefill achieves (assumption).
DEFAULT_PREFILL_UTILIZATION = 0.5

#: PUE used for the "facility" scope when none is given: the central value of
#: :data:`aiwatt.training.DEFAULT_PUE`, a hyperscale data centre.
DEFAULT_PUE = 1.10

SCOPES = ("accelerator", "server", "facility")

#: The EcoLogits fit of GPU energy per output token, for comparison only:
#: ``a * exp(b * batch) * active_params_in_billions + c`` [Wh per token], fitted
#: by EcoLogits to ML.ENERGY measurements on H100 (methodology page, 2025).
ECOLOGITS_FIT: dict[str, float] = {"a": 6.47e-6, "b": -2.60e-3, "c": 1.04e-5}


@dataclass(frozen=True)
class QueryPreset:
    """Input and output tokens of a typical query of one kind."""

    input_tokens: float
    output_tokens: float
    description: str


#: Typical queries. The short chat's 500 output tokens follow Epoch AI's
#: assumption for a typical ChatGPT answer (You 2025); the other token counts are
#: illustrative round numbers, chosen to show the spread between kinds of use.
QUERY_PRESETS: dict[str, QueryPreset] = {
    "short chat": QueryPreset(400, 500, "a question and a few paragraphs of answer"),
    "long context": QueryPreset(10_000, 500, "a long document in the prompt, a short answer"),
    "reasoning": QueryPreset(400, 5_000, "a model that writes a long chain of thought before answering"),
}


def _scope_power_w(chip: hardware.Accelerator, scope: str, power_w, pue) -> float:
    """Power attributed to one busy accelerator [W] for a scope."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}; got {scope!r}")
    power = chip.typical_power_w if power_w is None else checked_scalar("power_w", power_w, minimum=0.0, min_inclusive=False, unit="W")
    if scope == "accelerator":
        return power
    host = chip.host_power_w or 0.0
    if scope == "server":
        return power + host
    ratio = DEFAULT_PUE if pue is None else checked_scalar("pue", pue, minimum=1.0, unit="ratio")
    return (power + host) * ratio


def decode_step_seconds(active_params, accelerator, batch_size, bandwidth_utilization=DEFAULT_BANDWIDTH_UTILIZATION):
    """Time of one decoding step for a whole batch [s].

    The larger of the memory time (weights read once per step) and the compute
    time (2 FLOP per active parameter per sequence in the batch, at
    :data:`DEFAULT_PREFILL_UTILIZATION` of peak).

    Parameters
    ----------
    active_params : float, array-like or pandas.Series
        Parameters active per token [count], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    batch_size : float, array-like or pandas.Series
        Sequences decoded together [count], >= 1.
    bandwidth_utilization : float, default 0.7
        Fraction of peak memory bandwidth reached, in (0, 1].

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Seconds per decoding step [s].

    Notes
    -----
    .. math:: t = \\max\\left(\\frac{b N}{\\beta B_{mem}}, \\frac{2 N n}{u S}\\right)

    with :math:`b` bytes per parameter, :math:`N` active parameters,
    :math:`\\beta` the bandwidth utilisation, :math:`B_{mem}` peak bandwidth,
    :math:`n` the batch size, :math:`u` utilisation and :math:`S` peak speed.
    """
    chip = hardware.accelerator(accelerator)
    n, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    beta = checked_scalar("bandwidth_utilization", bandwidth_utilization, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    memory_s = BYTES_PER_PARAMETER * n / (beta * chip.memory_bandwidth_gbps * 1e9)
    compute_s = 2 * n * batch / (DEFAULT_PREFILL_UTILIZATION * chip.peak_flop_per_s)
    return common_restorer(active_params, batch_size)(np.maximum(memory_s, compute_s))


def energy_per_token(
    active_params,
    accelerator,
    batch_size,
    *,
    scope: str = "facility",
    power_w=None,
    pue=None,
    bandwidth_utilization=DEFAULT_BANDWIDTH_UTILIZATION,
):
    """Energy to generate one output token [Wh per token].

    Parameters
    ----------
    active_params : float, array-like or pandas.Series
        Parameters active per token [count], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    batch_size : float, array-like or pandas.Series
        Sequences decoded together [count], >= 1.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What is counted: the accelerators alone; plus the rest of the server
        (:attr:`aiwatt.hardware.Accelerator.host_power_w`, 0 where unknown);
        plus the facility overhead (PUE).
    power_w : float, optional
        Power of a busy accelerator [W]; its typical power when omitted.
    pue : float, optional
        PUE [ratio] >= 1 for the facility scope; :data:`DEFAULT_PUE` when omitted.
    bandwidth_utilization : float, default 0.7
        Fraction of peak memory bandwidth reached, in (0, 1].

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy per output token [Wh].

    Notes
    -----
    .. math:: e = t_{step} \\cdot P_{scope} / n / 3600

    Energy per token does not depend on how many accelerators hold the model:
    more accelerators share the weights and finish each step sooner.

    References
    ----------
    .. [1] Pope et al. (2022), Efficiently Scaling Transformer Inference,
       https://arxiv.org/abs/2211.05102

    Examples
    --------
    Llama-3.1-8B on one H100 at batch 64, accelerator only, in joules:

    >>> round(energy_per_token(8.03e9, "H100", 64, scope="accelerator") * 3600, 3)
    0.075
    """
    chip = hardware.accelerator(accelerator)
    power = _scope_power_w(chip, scope, power_w, pue)
    step = decode_step_seconds(active_params, chip, batch_size, bandwidth_utilization)
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    return common_restorer(active_params, batch_size)(np.asarray(step) * power / batch / 3600.0)


def ecologits_energy_per_token(active_params, batch_size):
    """GPU energy per output token by the EcoLogits fit [Wh per token], for comparison.

    Parameters
    ----------
    active_params : float, array-like or pandas.Series
        Parameters active per token [count], > 0.
    batch_size : float, array-like or pandas.Series
        Sequences decoded together [count], >= 1.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        GPU energy per output token [Wh].

    Notes
    -----
    .. math:: e = a\\,e^{b n} N_{B} + c

    with :math:`N_B` active parameters in billions and :math:`n` the batch
    size; constants in :data:`ECOLOGITS_FIT`.

    References
    ----------
    .. [1] Rincé et al., EcoLogits methodology: LLM inference,
       https://ecologits.ai/latest/methodology/llm_inference/
    """
    n, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    fit = ECOLOGITS_FIT
    return common_restorer(active_params, batch_size)(fit["a"] * np.exp(fit["b"] * batch) * n / 1e9 + fit["c"])


def prefill_energy_per_token(active_params, accelerator, *, scope: str = "facility", power_w=None, pue=None):
    """Energy to read one input token [Wh per token]: 2 FLOP per active parameter at the prefill utilisation.

    Parameters
    ----------
    active_params : float, array-like or pandas.Series
        Parameters active per token [count], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What is counted, as in :func:`energy_per_token`.
    power_w : float, optional
        Power of a busy accelerator [W]; its typical power when omitted.
    pue : float, optional
        PUE [ratio] >= 1 for the facility scope; :data:`DEFAULT_PUE` when omitted.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy per input token [Wh].
    """
    chip = hardware.accelerator(accelerator)
    power = _scope_power_w(chip, scope, power_w, pue)
    n, restore = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    seconds = 2 * n / (DEFAULT_PREFILL_UTILIZATION * chip.peak_flop_per_s)
    return restore(seconds * power / 3600.0)


def energy_per_query(
    input_tokens,
    output_tokens,
    active_params,
    accelerator,
    *,
    batch_size=64,
    scope: str = "facility",
    power_w=None,
    pue=None,
):
    """Energy of one query: prefill of the input plus decoding of the output [Wh].

    Parameters
    ----------
    input_tokens, output_tokens : float, array-like or pandas.Series
        Tokens read and written [count], >= 0.
    active_params, accelerator, batch_size, scope, power_w, pue
        As in :func:`energy_per_token`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy per query [Wh].

    Examples
    --------
    >>> preset = QUERY_PRESETS["short chat"]
    >>> round(energy_per_query(preset.input_tokens, preset.output_tokens, 100e9, "H100"), 2)
    0.32
    """
    inputs, _ = checked_array("input_tokens", input_tokens, minimum=0.0, unit="tokens")
    outputs, _ = checked_array("output_tokens", output_tokens, minimum=0.0, unit="tokens")
    prefill = prefill_energy_per_token(active_params, accelerator, scope=scope, power_w=power_w, pue=pue)
    decode = energy_per_token(active_params, accelerator, batch_size, scope=scope, power_w=power_w, pue=pue)
    total = inputs * np.asarray(prefill) + outputs * np.asarray(decode)
    return common_restorer(input_tokens, output_tokens, active_params, batch_size)(total)


def fleet_energy(queries_per_day, wh_per_query, pue=1.0):
    """A service's electricity in a year [kWh per year].

    Parameters
    ----------
    queries_per_day : float, array-like or pandas.Series
        Queries served each day [count], >= 0.
    wh_per_query : float, array-like or pandas.Series
        Energy per query [Wh], >= 0, as counted by its source.
    pue : float, default 1.0
        Facility overhead [ratio] >= 1 to add; leave at 1 when ``wh_per_query``
        already includes it.

    Notes
    -----
    .. math:: E_{year} = q \\cdot e \\cdot 365 \\cdot PUE / 1000

    Examples
    --------
    A billion queries a day at 0.3 Wh:

    >>> round(fleet_energy(1e9, 0.3) / 1e9, 3)
    0.11
    """
    queries, _ = checked_array("queries_per_day", queries_per_day, minimum=0.0, unit="queries per day")
    energy, _ = checked_array("wh_per_query", wh_per_query, minimum=0.0, unit="Wh")
    ratio, _ = checked_array("pue", pue, minimum=1.0, unit="ratio")
    return common_restorer(queries_per_day, wh_per_query, pue)(queries * energy * 365.0 * ratio / 1000.0)


def crossover_queries(training_kwh, wh_per_query):
    """Queries after which a model's inference energy exceeds its training energy [count].

    Parameters
    ----------
    training_kwh : float, array-like or pandas.Series
        Training energy [kWh], > 0.
    wh_per_query : float, array-like or pandas.Series
        Energy per query [Wh], > 0, counted with the same scope as training.

    Examples
    --------
    GPT-3's 1,287 MWh at 0.3 Wh a query:

    >>> f"{crossover_queries(1_287_000, 0.3):.3g}"
    '4.29e+09'
    """
    training, _ = checked_array("training_kwh", training_kwh, minimum=0.0, min_inclusive=False, unit="kWh")
    energy, _ = checked_array("wh_per_query", wh_per_query, minimum=0.0, min_inclusive=False, unit="Wh")
    return common_restorer(training_kwh, wh_per_query)(training * 1000.0 / energy)


def crossover_days(training_kwh, wh_per_query, queries_per_day):
    """Days of traffic after which inference energy exceeds training energy [days].

    Parameters
    ----------
    training_kwh : float, array-like or pandas.Series
        Energy of the training run [kWh], > 0.
    wh_per_query : float, array-like or pandas.Series
        Energy per query [Wh], > 0.
    queries_per_day : float, array-like or pandas.Series
        Traffic [queries per day], > 0.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Days until inference has used as much energy as training [days].
    """
    queries, _ = checked_array("queries_per_day", queries_per_day, minimum=0.0, min_inclusive=False, unit="queries per day")
    return common_restorer(training_kwh, wh_per_query, queries_per_day)(
        np.asarray(crossover_queries(training_kwh, wh_per_query)) / queries
    )
