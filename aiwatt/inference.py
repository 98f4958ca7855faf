"""Inference energy: per output token, per query, per fleet, and when it overtakes training.

From first principles
---------------------
A transformer generating text runs in two phases (Pope et al. 2022):

- **Prefill** reads the prompt in one pass. It is bound by arithmetic:
  2 FLOP per active parameter per input token, at the accelerator's peak
  speed times a utilisation.
- **Decode** writes one token per step. Every step reads the weights from
  memory once, whatever the batch, plus each sequence's key-value (KV) cache
  of its context, so it is bound by memory traffic: a step takes (bytes read /
  memory bandwidth), and the batch shares it. Larger batches divide the
  energy per token until arithmetic becomes the limit. A mixture-of-experts
  model reads its *active* weights for one sequence but, across a batch, the
  union of the experts its tokens chose: at batch 64 nearly all of them.

Energy is time x power within a boundary, stated on every figure:

- ``"accelerator"``: the busy accelerators alone;
- ``"server"``: plus the rest of their servers (host power, a band from
  :mod:`aiwatt.hardware`) and the idle and reserve machines that serving keeps
  ready (:data:`DEFAULT_SERVING_OVERHEAD`);
- ``"facility"``: plus the data centre's overhead (PUE).

Assumptions, stated once
------------------------
- Weights and cache at the chosen precision (:data:`aiwatt.hardware.BYTES_PER_VALUE`).
- Memory reads reach :data:`DEFAULT_BANDWIDTH_UTILIZATION` of peak bandwidth
  and prefill :data:`DEFAULT_PREFILL_UTILIZATION` of peak speed: modelling
  assumptions in the range that serving systems report, not measurements.
- Accelerators draw their typical power (TDP where no measured mean is
  published) while busy: an upper bound for decode, which rarely reaches TDP.
- The KV cache per token of context follows the Llama 3 family (grouped-query
  attention, 8 KV heads) unless given: :func:`kv_cache_bytes_per_token`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aiwatt import hardware
from aiwatt._checks import aligned, checked_array, checked_scalar, common_restorer, finite_result
from aiwatt.estimate import Estimate
from aiwatt.hardware import SCOPES as SCOPES, check_scope

#: Bytes per weight at BF16/FP16, the default precision.
BYTES_PER_PARAMETER = hardware.BYTES_PER_VALUE["bf16"]

#: Fraction of peak memory bandwidth that decoding achieves (assumption).
DEFAULT_BANDWIDTH_UTILIZATION = 0.7

#: Fraction of peak speed that prefill achieves (assumption).
DEFAULT_PREFILL_UTILIZATION = 0.5

#: PUE used for the "facility" scope when none is given: the central value of
#: :data:`aiwatt.training.DEFAULT_PUE`, a hyperscale data centre.
DEFAULT_PUE = 1.10

#: Where the energy of Google's median Gemini text prompt goes [fraction of
#: its 0.24 Wh], as accounts of Elsworth et al. 2025 give the shares: the
#: busy accelerators, their host processors and memory, idle machines kept
#: ready, and the data centre's overhead (PUE).
GEMINI_ENERGY_SHARES: dict[str, float] = {
    "active accelerators": 0.58,
    "host processors and memory": 0.25,
    "idle machines": 0.10,
    "data-centre overhead": 0.08,
}

#: Serving overhead: energy of idle and reserve serving machines as a ratio
#: over the busy ones [ratio >= 1]. Central, Google's 2025 Gemini measurement
#: (:data:`GEMINI_ENERGY_SHARES`): idle machines 10% of the energy against
#: 58% + 25% for busy accelerators and their hosts, 1 + 10 / 83 = 1.12
#: (Elsworth et al. 2025). Low 1.05 and high 1.5 are assumptions: a fleet with
#: half Google's idle share, and one that keeps a third of its capacity idle
#: for peaks and failover.
DEFAULT_SERVING_OVERHEAD = Estimate(
    1.05,
    round(1 + GEMINI_ENERGY_SHARES["idle machines"]
          / (GEMINI_ENERGY_SHARES["active accelerators"] + GEMINI_ENERGY_SHARES["host processors and memory"]), 2),
    1.5,
    "ratio",
)

#: KV-cache bytes per token of context at BF16 for Llama 3.1 8B (32 layers x 8
#: KV heads x 128 x 2 for keys and values x 2 bytes) and 405B (126 layers):
#: the two ends of :func:`kv_cache_bytes_per_token`'s fit (Grattafiori et al. 2024).
LLAMA3_KV_BYTES: dict[float, float] = {8.03e9: 131_072.0, 405e9: 516_096.0}


#: The EcoLogits fit of GPU energy per output token, kept for the history of
#: the book only: ``a * exp(b * batch) * active_params_in_billions + c`` [Wh per
#: token]. The peer comparison uses the ``ecologits`` package itself
#: (:mod:`aiwatt.validation`). Its values are in the source, in code notation.
#:
#: :meta hide-value:
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



def scope_power_w(accelerator, scope: str = "facility", *, power_w=None, host_power_w=None, serving_overhead=None, pue=None) -> float:
    """Power attributed to one busy accelerator within a boundary [W].

    Parameters
    ----------
    accelerator : str or aiwatt.hardware.Accelerator
        The accelerator.
    scope : {"accelerator", "server", "facility"}
        The boundary (see the module's description).
    power_w : float, optional
        Power of a busy accelerator [W], > 0; its typical power when omitted.
    host_power_w : float, optional
        Rest of the server per accelerator [W], >= 0; the central of its host
        band when omitted. Only for "server" and "facility".
    serving_overhead : float, optional
        Idle and reserve capacity [ratio], >= 1; the central of
        :data:`DEFAULT_SERVING_OVERHEAD` when omitted. Only for "server" and
        "facility".
    pue : float, optional
        PUE [ratio], >= 1; :data:`DEFAULT_PUE` when omitted. Only for "facility".

    Raises
    ------
    ValueError
        For a bad value, or an argument that the scope does not use.

    Notes
    -----
    .. math:: P = P_{acc}, \\quad (P_{acc} + P_{host}) \\cdot o, \\quad (P_{acc} + P_{host}) \\cdot o \\cdot PUE

    Examples
    --------
    >>> scope_power_w("H100", "accelerator")
    700.0
    >>> round(scope_power_w("H100", "facility", pue=1.1))
    1294
    """
    chip = hardware.accelerator(accelerator)
    scope = check_scope(scope)
    for name, value, scopes in (("host_power_w", host_power_w, ("server", "facility")),
                                ("serving_overhead", serving_overhead, ("server", "facility")), ("pue", pue, ("facility",))):
        if value is not None and scope not in scopes:
            raise ValueError(f"{name} is used only at scope {' or '.join(repr(s) for s in scopes)}; got {name}={value!r} with scope={scope!r}")
    power = chip.typical_power_w if power_w is None else checked_scalar("power_w", power_w, minimum=0.0, min_inclusive=False, unit="W")
    if scope == "accelerator":
        return power
    host = chip.host_power_w if host_power_w is None else checked_scalar("host_power_w", host_power_w, minimum=0.0, unit="W")
    overhead = DEFAULT_SERVING_OVERHEAD.central if serving_overhead is None else checked_scalar(
        "serving_overhead", serving_overhead, minimum=1.0, unit="ratio")
    total = (power + host) * overhead
    if scope == "server":
        return float(total)
    ratio = DEFAULT_PUE if pue is None else checked_scalar("pue", pue, minimum=1.0, unit="ratio")
    return float(total * ratio)


def kv_cache_bytes_per_token(params, precision: str = "bf16"):
    """KV-cache bytes per token of context for a Llama-3-like model [bytes].

    A power law through Llama 3.1 8B and 405B (:data:`LLAMA3_KV_BYTES`): grouped
    query attention with 8 KV heads. Models with other attention (multi-head,
    or DeepSeek's latent attention) differ: pass their figure instead.

    Parameters
    ----------
    params : float, array-like or pandas.Series
        Parameters of the model [count], > 0.
    precision : {"bf16", "fp8"}, default "bf16"
        Precision of the cache.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Bytes of cache per token of context [bytes].

    Notes
    -----
    .. math:: b(N) = b_{8B} (N / 8.03 \\times 10^9)^k, \\quad k = \\ln(b_{405B}/b_{8B}) / \\ln(405 / 8.03)

    Examples
    --------
    >>> round(kv_cache_bytes_per_token(8.03e9))
    131072
    """
    n, restore = checked_array("params", params, minimum=0.0, min_inclusive=False, unit="parameters")
    (n8, b8), (n405, b405) = sorted(LLAMA3_KV_BYTES.items())
    exponent = math.log(b405 / b8) / math.log(n405 / n8)
    scale = hardware.BYTES_PER_VALUE[hardware.check_precision(precision)] / hardware.BYTES_PER_VALUE["bf16"]
    return finite_result("kv_cache_bytes_per_token", b8 * (n / n8) ** exponent * scale, restore)


def weight_bytes_per_step(active_params, batch_size, *, total_params=None, precision: str = "bf16"):
    """Bytes of weights read in one decoding step for a whole batch [bytes].

    A dense model reads all its weights. A mixture-of-experts model reads, for
    a batch of ``n`` sequences, the expected union of the experts they use,
    treating every weight as an expert picked with probability
    ``active_params / total_params`` per token.

    Parameters
    ----------
    active_params : float, array-like or pandas.Series
        Parameters active per token [count], > 0.
    batch_size : float, array-like or pandas.Series
        Sequences decoded together [count], >= 1.
    total_params : float, optional
        All parameters of a mixture-of-experts model [count]; the experts a batch
        touches are read. Omitted: a dense model, ``active_params``.
    precision : {"bf16", "fp8"}, default "bf16"
        Precision of the weights.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Bytes read per step [bytes].

    Notes
    -----
    .. math:: W = b \\, N_{total} \\left(1 - (1 - N_{active}/N_{total})^n\\right)

    Examples
    --------
    DeepSeek-V3 (37 of 671 billion active) at batch 1 and 64, in GB at BF16:

    >>> round(weight_bytes_per_step(37e9, 1, total_params=671e9) / 1e9), round(weight_bytes_per_step(37e9, 64, total_params=671e9) / 1e9)
    (74, 1306)
    """
    active_params, batch_size, total_params = aligned(active_params=active_params, batch_size=batch_size, total_params=total_params)
    n, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    per_value = hardware.BYTES_PER_VALUE[hardware.check_precision(precision)]
    if total_params is None:
        total = n
    else:
        total, _ = checked_array("total_params", total_params, minimum=0.0, min_inclusive=False, unit="parameters")
        if np.any(n > total):
            raise ValueError(f"active_params must be at most total_params; got {active_params!r} > {total_params!r}")
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        untouched = np.where(total > n, (1.0 - n / total) ** batch, 0.0)
        read = per_value * total * (1.0 - untouched)
    return finite_result("weight_bytes_per_step", np.maximum(read, per_value * n), common_restorer(active_params, batch_size, total_params))


def replica_accelerators(total_params, accelerator, batch_size=1, context_tokens=0, *, kv_bytes_per_token=None, precision: str = "bf16",
                         memory_fraction: float = 0.9):
    """The fewest accelerators whose memory holds one serving replica [count].

    Weights (``total_params`` at the precision) plus the KV cache of a full
    batch must fit in ``memory_fraction`` of the accelerators' memory (the
    rest holds activations and the runtime).

    Parameters
    ----------
    total_params : float, array-like or pandas.Series
        All parameters of the model [count], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    batch_size : float, default 1
        Sequences served together [count], >= 1.
    context_tokens : float, default 0
        Tokens of context per sequence [count], >= 0.
    kv_bytes_per_token : float, optional
        KV-cache bytes per token [bytes]; :func:`kv_cache_bytes_per_token` when omitted.
    precision : {"bf16", "fp8"}, default "bf16"
        Precision of weights and cache.
    memory_fraction : float, default 0.9
        Share of memory for weights and cache, in (0, 1].

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Accelerators per replica [count].

    Examples
    --------
    >>> int(replica_accelerators(405e9, "H100")), int(replica_accelerators(8.03e9, "H100"))
    (12, 1)
    """
    chip = hardware.accelerator(accelerator)
    precision = hardware.check_precision(precision)
    total, restore = checked_array("total_params", total_params, minimum=0.0, min_inclusive=False, unit="parameters")
    batch = checked_scalar("batch_size", batch_size, minimum=1.0, unit="sequences")
    context = checked_scalar("context_tokens", context_tokens, minimum=0.0, unit="tokens")
    fraction = checked_scalar("memory_fraction", memory_fraction, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    kv = kv_cache_bytes_per_token(total, precision) if kv_bytes_per_token is None else checked_scalar(
        "kv_bytes_per_token", kv_bytes_per_token, minimum=0.0, unit="bytes")
    needed = hardware.BYTES_PER_VALUE[precision] * total + np.asarray(kv) * batch * context
    count = np.ceil(finite_result("replica memory", needed) / (fraction * chip.memory_bytes))
    return restore(count)


def decode_step_seconds(active_params, accelerator, batch_size, bandwidth_utilization=DEFAULT_BANDWIDTH_UTILIZATION, *, total_params=None,
                        context_tokens=0, kv_bytes_per_token=None, precision: str = "bf16"):
    """Time of one decoding step for a whole batch on one accelerator's share [s].

    The larger of the memory time (weights read once per step, plus each
    sequence's KV cache) and the compute time (2 FLOP per active parameter per
    sequence in the batch, at :data:`DEFAULT_PREFILL_UTILIZATION` of peak).
    Spreading a replica over more accelerators divides both times and
    multiplies the power alike, so energy per token does not depend on it.

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
    total_params : float, optional
        All parameters of a mixture-of-experts model [count], >= active_params.
    context_tokens : float, default 0
        Mean tokens of context per sequence [count], >= 0: its KV cache is read each step.
    kv_bytes_per_token : float, optional
        KV-cache bytes per token of context [bytes]; :func:`kv_cache_bytes_per_token` of the total parameters when omitted.
    precision : {"bf16", "fp8"}, default "bf16"
        Precision of weights, cache and arithmetic.

    Notes
    -----
    .. math:: t = \\max\\left(\\frac{W + n\\, c\\, b_{kv}}{\\beta B_{mem}}, \\frac{2 N n}{u S}\\right)

    with :math:`W` the weight bytes read (:func:`weight_bytes_per_step`),
    :math:`n` the batch size, :math:`c` the context, :math:`b_{kv}` KV bytes
    per token, :math:`\\beta` the bandwidth utilisation, :math:`B_{mem}` peak
    bandwidth, :math:`N` active parameters, :math:`u` utilisation and
    :math:`S` peak speed.
    """
    chip = hardware.accelerator(accelerator)
    precision = hardware.check_precision(precision)
    active_params, batch_size, total_params, context_tokens = aligned(
        active_params=active_params, batch_size=batch_size, total_params=total_params, context_tokens=context_tokens)
    n, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    context, _ = checked_array("context_tokens", context_tokens, minimum=0.0, unit="tokens")
    beta = checked_scalar("bandwidth_utilization", bandwidth_utilization, minimum=0.0, maximum=1.0, min_inclusive=False, unit="fraction")
    weights = np.asarray(weight_bytes_per_step(n, batch, total_params=total_params, precision=precision))
    total = n if total_params is None else np.asarray(checked_array("total_params", total_params, minimum=0.0, min_inclusive=False)[0])
    if kv_bytes_per_token is None:
        kv = np.asarray(kv_cache_bytes_per_token(total, precision))
    else:
        kv = checked_array("kv_bytes_per_token", kv_bytes_per_token, minimum=0.0, unit="bytes")[0]
    with np.errstate(over="ignore"):
        memory_s = (weights + batch * context * kv) / (beta * chip.memory_bandwidth_gbps * 1e9)
        compute_s = 2 * n * batch / (DEFAULT_PREFILL_UTILIZATION * chip.peak_flops(precision))
    return finite_result("decode_step_seconds", np.maximum(memory_s, compute_s),
                         common_restorer(active_params, batch_size, total_params, context_tokens))


def energy_per_token(
    active_params,
    accelerator,
    batch_size,
    *,
    total_params=None,
    context_tokens=0,
    kv_bytes_per_token=None,
    precision: str = "bf16",
    accelerators_per_replica=None,
    scope: str = "facility",
    power_w=None,
    host_power_w=None,
    serving_overhead=None,
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
    total_params : float, optional
        All parameters of a mixture-of-experts model [count]; the weights a
        batch reads (:func:`weight_bytes_per_step`). Defaults to
        ``active_params`` (a dense model).
    context_tokens : float, default 0
        Mean context per sequence while decoding [tokens], >= 0.
    kv_bytes_per_token : float, optional
        KV-cache bytes per token of context; see :func:`kv_cache_bytes_per_token`.
    precision : {"bf16", "fp8"}, default "bf16"
        Precision of weights, cache and arithmetic.
    accelerators_per_replica : int, optional
        Accelerators that hold one copy of the model. When given, the
        weights and the batch's KV cache must fit in their memory
        (:func:`replica_accelerators`), else a ``ValueError``.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What is counted; see :func:`scope_power_w`.
    power_w, host_power_w, serving_overhead, pue : float, optional
        As in :func:`scope_power_w`; each only at the scopes that use it.
    bandwidth_utilization : float, default 0.7
        Fraction of peak memory bandwidth reached, in (0, 1].

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy per output token [Wh].

    Notes
    -----
    .. math:: e = t_{step} \\cdot P_{scope} / n / 3600

    References
    ----------
    .. [1] Pope et al. (2022), Efficiently Scaling Transformer Inference,
       https://arxiv.org/abs/2211.05102

    Examples
    --------
    Llama-3.1-8B on one H100 at batch 64 with 1,000 tokens of context,
    accelerator only, in joules:

    >>> round(energy_per_token(8.03e9, "H100", 64, context_tokens=1000, scope="accelerator") * 3600, 3)
    0.114
    """
    chip = hardware.accelerator(accelerator)
    power = scope_power_w(chip, scope, power_w=power_w, host_power_w=host_power_w, serving_overhead=serving_overhead, pue=pue)
    if accelerators_per_replica is not None:
        count = checked_scalar("accelerators_per_replica", accelerators_per_replica, minimum=1.0, unit="accelerators")
        total = active_params if total_params is None else total_params
        needed = np.max(np.asarray(replica_accelerators(total, chip, float(np.max(batch_size)), float(np.max(context_tokens)),
                                                        kv_bytes_per_token=kv_bytes_per_token, precision=precision)))
        if count < needed:
            raise ValueError(
                f"the model does not fit: its weights and KV cache need at least {needed:.0f} {chip.name} "
                f"({chip.memory_gb:g} GB each); got accelerators_per_replica={accelerators_per_replica!r}"
            )
    step = decode_step_seconds(active_params, chip, batch_size, bandwidth_utilization, total_params=total_params,
                               context_tokens=context_tokens, kv_bytes_per_token=kv_bytes_per_token, precision=precision)
    active_params, batch_size = aligned(active_params=active_params, batch_size=batch_size)
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    return finite_result("energy_per_token", np.asarray(step) * power / batch / 3600.0,
                         common_restorer(active_params, batch_size, total_params, context_tokens))


def ecologits_energy_per_token(active_params, batch_size):
    """GPU energy per output token by the EcoLogits fit of 2025 [Wh per token], kept for history.

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
    size; constants in :data:`ECOLOGITS_FIT`. The book compares with the
    EcoLogits package itself, not with these constants.

    References
    ----------
    .. [1] Rincé et al., EcoLogits methodology: LLM inference,
       https://ecologits.ai/latest/methodology/llm_inference/
    """
    active_params, batch_size = aligned(active_params=active_params, batch_size=batch_size)
    n, _ = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    batch, _ = checked_array("batch_size", batch_size, minimum=1.0, unit="sequences")
    fit = ECOLOGITS_FIT
    return finite_result("ecologits_energy_per_token", fit["a"] * np.exp(fit["b"] * batch) * n / 1e9 + fit["c"],
                         common_restorer(active_params, batch_size))


def prefill_energy_per_token(active_params, accelerator, *, precision: str = "bf16", scope: str = "facility", power_w=None,
                             host_power_w=None, serving_overhead=None, pue=None):
    """Energy to read one input token [Wh per token]: 2 FLOP per active parameter at the prefill utilisation.

    Parameters
    ----------
    active_params : float, array-like or pandas.Series
        Parameters active per token [count], > 0.
    accelerator : str or aiwatt.hardware.Accelerator
        For example ``"H100"``.
    precision : {"bf16", "fp8"}, default "bf16"
        Precision of the arithmetic.
    scope : {"accelerator", "server", "facility"}, default "facility"
        What is counted, as in :func:`energy_per_token`.
    power_w : float, optional
        Power of a busy accelerator [W]; its typical power when omitted.
    host_power_w : float, optional
        Rest of the server per accelerator [W], as in :func:`scope_power_w`.
    serving_overhead : float, optional
        Idle and reserve capacity [ratio], as in :func:`scope_power_w`.
    pue : float, optional
        PUE [ratio] >= 1 for the facility scope.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy per input token [Wh].

    Examples
    --------
    >>> round(prefill_energy_per_token(8.03e9, "H100", scope="accelerator") * 3600, 4)
    0.0227
    """
    chip = hardware.accelerator(accelerator)
    power = scope_power_w(chip, scope, power_w=power_w, host_power_w=host_power_w, serving_overhead=serving_overhead, pue=pue)
    n, restore = checked_array("active_params", active_params, minimum=0.0, min_inclusive=False, unit="parameters")
    seconds = 2 * n / (DEFAULT_PREFILL_UTILIZATION * chip.peak_flops(precision))
    return finite_result("prefill_energy_per_token", seconds * power / 3600.0, restore)


def energy_per_query(
    input_tokens,
    output_tokens,
    active_params,
    accelerator,
    *,
    batch_size=64,
    total_params=None,
    kv_bytes_per_token=None,
    precision: str = "bf16",
    accelerators_per_replica=None,
    scope: str = "facility",
    power_w=None,
    host_power_w=None,
    serving_overhead=None,
    pue=None,
):
    """Energy of one query: prefill of the input plus decoding of the output [Wh].

    While the answer is written, the context grows from the input to input
    plus output; its mean, input + output / 2, sets the KV-cache traffic.

    Parameters
    ----------
    input_tokens, output_tokens : float, array-like or pandas.Series
        Tokens read and written [count], >= 0.
    active_params, accelerator, batch_size, total_params, kv_bytes_per_token, precision, accelerators_per_replica
        As in :func:`energy_per_token`.
    scope, power_w, host_power_w, serving_overhead, pue
        As in :func:`scope_power_w`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Energy per query [Wh], within ``scope``.

    Notes
    -----
    .. math:: E = n_{in}\\, e_{prefill} + n_{out}\\, e_{token}(c = n_{in} + n_{out}/2)

    Examples
    --------
    >>> preset = QUERY_PRESETS["short chat"]
    >>> round(energy_per_query(preset.input_tokens, preset.output_tokens, 100e9, "H100"), 2)
    0.31
    """
    input_tokens, output_tokens, active_params, batch_size = aligned(
        input_tokens=input_tokens, output_tokens=output_tokens, active_params=active_params, batch_size=batch_size)
    inputs, _ = checked_array("input_tokens", input_tokens, minimum=0.0, unit="tokens")
    outputs, _ = checked_array("output_tokens", output_tokens, minimum=0.0, unit="tokens")
    power = dict(scope=scope, power_w=power_w, host_power_w=host_power_w, serving_overhead=serving_overhead, pue=pue)
    prefill = prefill_energy_per_token(active_params, accelerator, precision=precision, **power)
    with np.errstate(over="ignore", invalid="ignore"):
        context = inputs + outputs / 2
    decode = energy_per_token(active_params, accelerator, batch_size, total_params=total_params, context_tokens=finite_result("context", context),
                              kv_bytes_per_token=kv_bytes_per_token, precision=precision, accelerators_per_replica=accelerators_per_replica, **power)
    with np.errstate(over="ignore", invalid="ignore"):
        total = inputs * np.asarray(prefill) + outputs * np.asarray(decode)
    return finite_result("energy_per_query", total, common_restorer(input_tokens, output_tokens, active_params, batch_size))


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
    training_kwh, wh_per_query = aligned(training_kwh=training_kwh, wh_per_query=wh_per_query)
    training, _ = checked_array("training_kwh", training_kwh, minimum=0.0, min_inclusive=False, unit="kWh")
    energy, _ = checked_array("wh_per_query", wh_per_query, minimum=0.0, min_inclusive=False, unit="Wh")
    with np.errstate(over="ignore"):  # an overflow is refused below, with a clear message
        queries = training * 1000.0 / energy
    return finite_result("crossover_queries", queries, common_restorer(training_kwh, wh_per_query))


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
    training_kwh, wh_per_query, queries_per_day = aligned(
        training_kwh=training_kwh, wh_per_query=wh_per_query, queries_per_day=queries_per_day
    )
    queries, _ = checked_array("queries_per_day", queries_per_day, minimum=0.0, min_inclusive=False, unit="queries per day")
    return finite_result(
        "crossover_days",
        np.asarray(crossover_queries(training_kwh, wh_per_query)) / queries,
        common_restorer(training_kwh, wh_per_query, queries_per_day),
    )
