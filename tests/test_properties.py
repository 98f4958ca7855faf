"""Property tests over every public function of training, inference, hardware, estimate.

Bad input raises ValueError and nothing else; good input gives finite,
non-negative energy. Anything may be passed: numbers of any size and sign, NaN,
infinities, strings, None, arrays.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiwatt import Estimate, hardware, inference, training

anything = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-10**30, max_value=10**30),
    st.none(),
    st.text(max_size=5),
    st.booleans(),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=0, max_size=3),
)
chips = st.sampled_from(hardware.names())
positive = st.floats(min_value=1e-6, max_value=1e15, allow_nan=False, allow_infinity=False)
params = st.floats(min_value=1e6, max_value=2e12)
batch = st.floats(min_value=1, max_value=4096)
tokens = st.floats(min_value=0, max_value=1e6)

CALLS = {
    "training_flops": lambda a, b, c: training.training_flops(a, b, c),
    "chip_hours_from_flops": lambda a, b, c: training.chip_hours_from_flops(a, "H100", b, c),
    "energy_from_chip_hours": lambda a, b, c: training.energy_from_chip_hours(a, b, c),
    "energy_breakdown": lambda a, b, c: training.energy_breakdown(a, b, c, 1.1),
    "estimate_training_energy": lambda a, b, c: training.estimate_training_energy(a, b, "H100", pue=c, draws=1000),
    "estimate_training_energy(flops)": lambda a, b, c: training.estimate_training_energy(flops=a, accelerator="TPUv5p", goodput=b, scope=c, draws=1000),
    "fitted_growth_per_year": lambda a, b, c: training.fitted_growth_per_year([2020, 2021], [a, b]),
    "energy_per_token": lambda a, b, c: inference.energy_per_token(a, "H100", b, context_tokens=c),
    "energy_per_token(moe)": lambda a, b, c: inference.energy_per_token(1e9, "MI300X", 8, total_params=a, precision=b, pue=c),
    "energy_per_query": lambda a, b, c: inference.energy_per_query(a, b, c, "H100"),
    "prefill_energy_per_token": lambda a, b, c: inference.prefill_energy_per_token(a, "H100", scope=b, pue=c),
    "decode_step_seconds": lambda a, b, c: inference.decode_step_seconds(a, "H100", b, c),
    "weight_bytes_per_step": lambda a, b, c: inference.weight_bytes_per_step(a, b, total_params=c),
    "kv_cache_bytes_per_token": lambda a, b, c: inference.kv_cache_bytes_per_token(a, b),
    "replica_accelerators": lambda a, b, c: inference.replica_accelerators(a, "H100", b, c),
    "scope_power_w": lambda a, b, c: inference.scope_power_w("H100", "facility", power_w=a, host_power_w=b, serving_overhead=c),
    "fleet_energy": lambda a, b, c: inference.fleet_energy(a, b, c),
    "crossover_queries": lambda a, b, c: inference.crossover_queries(a, b),
    "crossover_days": lambda a, b, c: inference.crossover_days(a, b, c),
    "ecologits_energy_per_token": lambda a, b, c: inference.ecologits_energy_per_token(a, b),
    "accelerator": lambda a, b, c: hardware.accelerator(a),
    "peak_flops": lambda a, b, c: hardware.accelerator("H100").peak_flops(a),
    "Estimate": lambda a, b, c: Estimate(a, b, c, "kWh"),
    "Estimate.from_draws": lambda a, b, c: Estimate.from_draws([a, b, c], "kWh"),
}


@pytest.mark.parametrize("name", list(CALLS))
@settings(max_examples=40)
@given(a=anything, b=anything, c=anything)
def test_bad_input_raises_only_value_error(name, a, b, c):
    try:
        result = CALLS[name](a, b, c)
    except ValueError:
        return
    # Whatever is accepted gives finite numbers.
    for value in _numbers(result):
        assert math.isfinite(value)


def _numbers(result):
    if isinstance(result, Estimate):
        return [result.low, result.central, result.high]
    if isinstance(result, training.TrainingEstimate):
        return [v for band in (result.chip_hours, result.energy_kwh, result.emissions_kg) for v in _numbers(band)]
    if isinstance(result, hardware.Accelerator):
        return [result.tdp_w]
    try:
        return list(np.asarray(result, dtype=float).ravel())
    except (TypeError, ValueError):
        return []


@settings(max_examples=60)
@given(n=params, b=batch, context=tokens, inputs=tokens, outputs=tokens, chip=chips, scope=st.sampled_from(inference.SCOPES),
       moe=st.floats(min_value=1, max_value=50), precision=st.sampled_from(hardware.PRECISIONS))
def test_good_inference_input_gives_finite_non_negative_energy(n, b, context, inputs, outputs, chip, scope, moe, precision):
    if precision == "fp8" and hardware.accelerator(chip).peak_fp8_tflops is None:
        precision = "bf16"
    per_token = inference.energy_per_token(n, chip, b, total_params=n * moe, context_tokens=context, scope=scope, precision=precision)
    per_query = inference.energy_per_query(inputs, outputs, n, chip, batch_size=b, total_params=n * moe, scope=scope, precision=precision)
    for value in (per_token, per_query):
        assert math.isfinite(value) and value >= 0
    assert per_token > 0


@settings(max_examples=30)
@given(n=params, d=st.floats(min_value=1e6, max_value=1e14), chip=chips, scope=st.sampled_from(training.SCOPES))
def test_good_training_input_gives_finite_positive_bands(n, d, chip, scope):
    run = training.estimate_training_energy(n, d, chip, scope=scope, draws=1000)
    for band in (run.chip_hours, run.energy_kwh, run.emissions_kg):
        assert 0 <= band.low <= band.central <= band.high and math.isfinite(band.high)
    assert run.energy_kwh.low > 0 and run.boundary == scope
