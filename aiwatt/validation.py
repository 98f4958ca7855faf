"""Validation: every published figure the package can predict from inputs alone.

A registry of cases (:class:`Case`), each a published figure with the inputs a
user would have, the package's prediction from those inputs, the boundary the
figure counts, and whether the figure set a parameter of the package
(``"fitted"``) or not (``"held out"``). A band set from a figure cannot test it:
only held-out cases count towards :func:`headline`.

Others add cases with :func:`register`, for example fleet-level figures:

>>> from aiwatt import Estimate
>>> case = Case("an example", "fleet", "facility", 10.0, "TWh", lambda: Estimate(8.0, 9.0, 12.0, "TWh"), "held out", "iea2025energyai")
>>> round(evaluate(case)["ratio"], 2)
0.9

The built-in cases are registered when this module is imported: training runs
by both routes (:mod:`aiwatt.training`), per-token and per-query measurements
(:mod:`aiwatt.inference`). :func:`ecologits_comparison` sets the package beside
the EcoLogits package itself, a peer model rather than a measurement.
"""

from __future__ import annotations

import inspect
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import pandas as pd

from aiwatt import data, inference, training
from aiwatt.estimate import Estimate

#: What a case's status may be: it set a parameter (fitted); it set none and the
#: package predicts it (held out); or it is arithmetic on the source's own inputs,
#: which checks that inputs and total agree but tests no parameter (check).
STATUSES = ("fitted", "held out", "check")

#: Kinds of case, in the order the validation page lists them.
KINDS = ("training: FLOPs route", "training: hours route", "per token", "per query", "fleet")


@dataclass(frozen=True)
class Case:
    """One published figure and the package's prediction of it.

    Attributes
    ----------
    name : str
        What was measured, e.g. ``"PaLM 540B"``.
    kind : str
        One of :data:`KINDS` (others may be added).
    boundary : str
        What the figure counts, e.g. ``"accelerator"``, ``"facility"``,
        ``"accelerator-hours"``.
    published : float
        The published value, in ``unit``.
    unit : str
        Its unit.
    predict : callable
        Returns the prediction from inputs alone: an :class:`aiwatt.Estimate`
        (a band) or a float (a point), in ``unit``.
    status : {"fitted", "held out", "check"}
        Whether this figure set a parameter of the package (see :data:`STATUSES`).
    source : str
        BibTeX key(s) of the published figure.
    inputs : str
        The inputs the prediction uses, in words.
    note : str
        Anything a reader needs to judge the comparison.
    """

    name: str
    kind: str
    boundary: str
    published: float
    unit: str
    predict: Callable[[], object]
    status: str
    source: str
    inputs: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}; got {self.status!r}")
        if not (isinstance(self.published, (int, float)) and math.isfinite(self.published) and self.published > 0):
            raise ValueError(f"published must be a positive finite number; got {self.published!r}")


_REGISTRY: dict[str, Case] = {}


def register(case: Case, *, replace: bool = False) -> Case:
    """Add a case to the registry; a name already used raises unless ``replace``.

    Parameters
    ----------
    case : Case
        The published figure and how to predict it.
    replace : bool, default False
        Replace a case of the same name.

    Returns
    -------
    Case
    """
    if not isinstance(case, Case):
        raise ValueError(f"register takes a Case; got {type(case).__name__}")
    if case.name in _REGISTRY and not replace:
        raise ValueError(f"a case named {case.name!r} is already registered (pass replace=True to replace it)")
    _REGISTRY[case.name] = case
    return case


def cases() -> list[Case]:
    """The registered cases, in the order of :data:`KINDS` and then registration."""
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(_REGISTRY.values(), key=lambda c: order.get(c.kind, len(KINDS)))


def evaluate(case: Case) -> dict:
    """One case's prediction, ratio to the published value, and whether the band contains it.

    Parameters
    ----------
    case : Case
        A registered case.

    Returns
    -------
    dict
        The prediction, the published value, their ratio and whether the band contains it.
    """
    prediction = case.predict()
    if isinstance(prediction, Estimate):
        band = prediction.to(case.unit) if prediction.unit != case.unit else prediction
        central, low, high, inside = band.central, band.low, band.high, band.contains(case.published)
    else:
        central = float(prediction)
        low = high = math.nan
        inside = None
    return {
        "case": case.name,
        "kind": case.kind,
        "boundary": case.boundary,
        "unit": case.unit,
        "predicted": central,
        "predicted_low": low,
        "predicted_high": high,
        "published": case.published,
        "ratio": central / case.published,
        "inside_band": inside,
        "status": case.status,
        "source": case.source,
        "inputs": case.inputs,
        "note": case.note,
    }


def validation_table() -> pd.DataFrame:
    """Every registered case evaluated: prediction, published value, ratio, boundary, status.

    Returns
    -------
    pandas.DataFrame
        One row per case; ``ratio`` is predicted / published, ``inside_band``
        is None for point predictions.
    """
    return pd.DataFrame([evaluate(case) for case in cases()])


def headline(table: pd.DataFrame | None = None) -> dict:
    """The median ratio and the worst ratio (farthest from 1, either way) on held-out cases.

    Parameters
    ----------
    table : pandas.DataFrame, optional
        A table of :func:`validation_table`; all registered cases when omitted.

    Returns
    -------
    dict
        ``median_ratio``, ``worst_ratio``, ``worst_case``, ``held_out`` (count),
        ``inside`` (held-out cases with a band that contains the published
        value) and ``banded`` (held-out cases with a band).
    """
    table = validation_table() if table is None else table
    held = table[table["status"] == "held out"]
    if held.empty:
        raise ValueError("no held-out cases are registered")
    log_ratio = np.log(held["ratio"].astype(float))
    worst = held.iloc[int(np.argmax(np.abs(log_ratio.to_numpy())))]
    banded = held[held["inside_band"].notna()]
    return {
        "median_ratio": float(np.exp(np.median(log_ratio))),
        "worst_ratio": float(worst["ratio"]),
        "worst_case": str(worst["case"]),
        "held_out": len(held),
        "inside": int(banded["inside_band"].astype(bool).sum()),
        "banded": len(banded),
    }


# --- The built-in cases -----------------------------------------------------------------

#: Runs whose figures set a training default, and which default: they cannot
#: test it. BLOOM's in-step 150 TFLOP/s against its whole-run hours sets the
#: low end of DEFAULT_GOODPUT; Gopher's whole-run utilisation (0.30, divided by
#: the central goodput) set the central of the TPU v3's MFU band.
FITTED_RUNS: dict[str, str] = {
    "BLOOM": "sets the low end of the goodput band",
    "Gopher": "set the central of the TPU v3's utilisation band",
}

#: A Gemini-like configuration for Google's median prompt (Elsworth et al. 2025):
#: Google publishes neither the model nor the tokens, so these are assumptions
#: chosen to be plausible, and the case counts as fitted.
GEMINI_LIKE = {"input_tokens": 1_000, "output_tokens": 400, "active_params": 20e9, "total_params": 200e9, "accelerator": "TPUv5p", "batch_size": 64}

#: Mean context of an ML.ENERGY chat request (prompt plus half the answer), an
#: assumption: the leaderboard's chat tasks use conversation prompts of several
#: hundred tokens and answers of a few hundred.
MLENERGY_CONTEXT_TOKENS = 1_000


def _training_cases() -> None:
    runs = training.reference_runs().set_index("model")
    for model, run in runs.iterrows():
        if pd.notna(run["energy_mwh"]) and pd.notna(run["chip_hours"]) and pd.notna(run["power_per_chip_w"]) and pd.notna(run["pue_ratio"]):
            register(Case(
                f"{model}: energy", "training: hours route", training.PUBLISHED_BOUNDARIES[run["boundary"]],
                float(run["energy_mwh"]), "MWh",
                (lambda r=run: float(training.energy_from_chip_hours(r["chip_hours"], r["power_per_chip_w"], r["pue_ratio"])) / 1e3),
                "check", str(run["source"]), "published accelerator-hours, power and PUE",
                "arithmetic on the source's own inputs: checks that inputs and total agree"))
        elif pd.notna(run["emissions_tco2e"]) and pd.notna(run["grid_g_per_kwh"]) and pd.notna(run["pue_ratio"]):
            register(Case(
                f"{model}: emissions", "training: hours route", training.PUBLISHED_BOUNDARIES[run["boundary"]],
                float(run["emissions_tco2e"]), "t CO2e",
                (lambda r=run: float(training.energy_from_chip_hours(r["chip_hours"], r["power_per_chip_w"], r["pue_ratio"]))
                 * r["grid_g_per_kwh"] / 1e6),
                "check", str(run["source"]), "published accelerator-hours, power, PUE and grid factor",
                "arithmetic on the source's own inputs: checks that inputs and total agree"))
        if pd.notna(run["params_b"]) and pd.notna(run["tokens_b"]) and pd.notna(run["chip_hours"]):
            active = run["active_params_b"] if pd.notna(run["active_params_b"]) else run["params_b"]

            def predict(r=run, n=active):
                return training.estimate_training_energy(r["params_b"] * 1e9, r["tokens_b"] * 1e9, r["accelerator"],
                                                         active_params=n * 1e9, scope="accelerator").chip_hours

            register(Case(
                f"{model}: accelerator-hours", "training: FLOPs route", "accelerator-hours (wall clock)",
                float(run["chip_hours"]), "h", predict, "fitted" if model in FITTED_RUNS else "held out", str(run["source"]),
                f"{active:g} billion active parameters, {run['tokens_b']:g} billion tokens, {run['accelerator']}; default MFU and goodput bands",
                FITTED_RUNS.get(model, "")))


def _inference_cases() -> None:
    tokens = data.load("token_energy").set_index("label")
    for label, row in tokens.iterrows():
        register(Case(
            f"{row['model']} on {row['accelerator']} ({label})", "per token", "accelerator", float(row["energy_per_token_j"]), "J",
            (lambda r=row: float(inference.energy_per_token(r["active_params_b"] * 1e9, r["accelerator"], r["batch_size_count"],
                                                            context_tokens=MLENERGY_CONTEXT_TOKENS, scope="accelerator")) * 3600),
            "held out", str(row["source"]),
            f"{row['active_params_b']:g} billion parameters, batch {row['batch_size_count']:g}, {MLENERGY_CONTEXT_TOKENS:,} tokens of context",
            str(row["notes"])))
    queries = data.load("query_energy").set_index("what")
    gemini = GEMINI_LIKE
    gemini_inputs = (f"assumed: mixture of experts, {gemini['active_params'] / 1e9:g} of {gemini['total_params'] / 1e9:g} billion "
                     f"parameters active, {gemini['accelerator']}, batch {gemini['batch_size']}, "
                     f"{gemini['input_tokens']:,} tokens in and {gemini['output_tokens']:,} out")

    def gemini_query(scope):
        return float(inference.energy_per_query(gemini["input_tokens"], gemini["output_tokens"], gemini["active_params"], gemini["accelerator"],
                                                batch_size=gemini["batch_size"], total_params=gemini["total_params"], scope=scope))

    full = queries.loc["median Gemini Apps text prompt, comprehensive"]
    register(Case("Google: median Gemini text prompt, comprehensive", "per query", "facility", float(full["query_wh"]), "Wh",
                  lambda: gemini_query("facility"), "fitted", str(full["source"]), gemini_inputs,
                  "host and idle-capacity defaults were set from this measurement, and the configuration is assumed"))
    narrow = queries.loc['median Gemini Apps text prompt, "existing approach"']
    register(Case("Google: median Gemini text prompt, active accelerators", "per query", "accelerator", float(narrow["query_wh"]), "Wh",
                  lambda: gemini_query("accelerator"), "fitted", str(narrow["source"]), gemini_inputs,
                  "Google's narrow figure counts the busy accelerators alone; configuration assumed"))
    # A production service's throughput: accelerator-time per output token needs no power figure, so the
    # comparison holds at any boundary. The package's defaults (one replica, batch 64, BF16) are not how
    # DeepSeek serves a mixture of experts (experts spread over 144 GPUs, large batches, FP8): a real test.
    for label, row in data.load("serving_throughput").set_index("service").iterrows():
        def accelerator_ms_per_token(r=row):
            batch = inspect.signature(inference.energy_per_query).parameters["batch_size"].default
            step = inference.decode_step_seconds(r["active_params_b"] * 1e9, r["accelerator"], batch, total_params=r["total_params_b"] * 1e9,
                                                 context_tokens=MLENERGY_CONTEXT_TOKENS)
            return float(step) / batch * 1e3

        register(Case(
            f"{row['model']} on {row['accelerator']} ({label})", "per token", "accelerator-time per output token",
            float(row["accelerators_per_node_count"] / row["output_per_node_tokens_per_s"] * 1e3), "ms", accelerator_ms_per_token, "held out",
            str(row["source"]),
            f"{row['active_params_b']:g} of {row['total_params_b']:g} billion parameters active, the default batch and precision, "
            f"{MLENERGY_CONTEXT_TOKENS:,} tokens of context",
            "the service spreads the experts over many GPUs with large batches in FP8; the default batch on one replica reads "
            "nearly every expert at each step"))
    epoch = queries.loc["typical GPT-4o ChatGPT query"]
    register(Case("Epoch AI: typical GPT-4o query", "per query", str(epoch["boundary"]), float(epoch["query_wh"]), "Wh",
                  lambda: float(inference.energy_per_query(400, 500, 100e9, "H100", scope=str(epoch["boundary"]))), "held out",
                  str(epoch["source"]), "Epoch's own inputs: 100 billion active parameters on H100, 500 tokens out (400 in assumed)",
                  "a peer estimate, not a measurement; Epoch counts the servers and a PUE of 1.2"))


_training_cases()
_inference_cases()


# --- Peer check: EcoLogits ----------------------------------------------------------------

#: Open models for the EcoLogits comparison: name -> (active, total) parameters.
ECOLOGITS_MODELS: dict[str, tuple[float, float]] = {
    "Llama 3.1 8B": (8.03e9, 8.03e9),
    "Llama 3.1 70B": (70.6e9, 70.6e9),
    "Llama 3.1 405B": (405e9, 405e9),
    "Mixtral 8x7B": (12.9e9, 46.7e9),
    "DeepSeek-V3": (37e9, 671e9),
}


def ecologits_comparison(input_tokens: float = 400, output_tokens: float = 500, pue: float = 1.1) -> pd.DataFrame:
    """Per-request energy by aiwatt and by the EcoLogits package, side by side [Wh].

    Both count the facility: EcoLogits's GPUs and server share times ``pue``;
    aiwatt's ``"facility"`` scope on H100 (accelerators, host, idle capacity,
    ``pue``). EcoLogits counts output tokens only and charges every GPU that
    holds the model; aiwatt adds prefill and charges the bytes read.

    Requires the ``ecologits`` package (a pinned dependency of the book).

    Parameters
    ----------
    input_tokens : float, default 400
        Tokens read per request [count].
    output_tokens : float, default 500
        Tokens written per request [count].
    pue : float, default 1.1
        Facility overhead applied to both [ratio], >= 1.

    Returns
    -------
    pandas.DataFrame
        One row per model of :data:`ECOLOGITS_MODELS`: ``aiwatt_wh``,
        ``ecologits_wh`` (the middle of EcoLogits's range where it gives one),
        ``ecologits_low_wh``, ``ecologits_high_wh`` and ``ratio`` (aiwatt /
        EcoLogits).
    """
    from ecologits.impacts.llm import compute_llm_impacts  # a peer package: imported only here

    rows = []
    for model, (active, total) in ECOLOGITS_MODELS.items():
        impacts = compute_llm_impacts(
            model_active_parameter_count=active / 1e9, model_total_parameter_count=total / 1e9, output_token_count=output_tokens,
            if_electricity_mix_adpe=0.0, if_electricity_mix_pe=0.0, if_electricity_mix_gwp=0.0, if_electricity_mix_wue=0.0,
            datacenter_pue=pue, datacenter_wue=0.0,
        )
        value = impacts.energy.value
        low, high = (value.min, value.max) if hasattr(value, "min") else (value, value)
        ecologits_wh = (low + high) / 2 * 1000
        ours = float(inference.energy_per_query(input_tokens, output_tokens, active, "H100", total_params=total, pue=pue))
        rows.append({"model": model, "active_params_b": active / 1e9, "total_params_b": total / 1e9, "aiwatt_wh": ours,
                     "ecologits_wh": ecologits_wh, "ecologits_low_wh": low * 1000, "ecologits_high_wh": high * 1000,
                     "ratio": ours / ecologits_wh})
    return pd.DataFrame(rows)
