"""aiwatt.inference and aiwatt.scenarios: published measurements, invariants, bad input."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiwatt import inference, scenarios


def test_llama_8b_on_h100_matches_ml_energy():
    # ML.ENERGY leaderboard v3.0: Llama-3.1-8B on an H100 at batch 64 measured about
    # 0.12 J per output token (GPU energy). The model (weights and the KV cache of a
    # 1,000-token context read each step at 70% of peak bandwidth, GPU at TDP) must
    # land within 1.5x (issue 7's target). Held out: nothing was fitted to it.
    from aiwatt import validation

    joules = inference.energy_per_token(8.03e9, "H100", 64, context_tokens=validation.MLENERGY_CONTEXT_TOKENS, scope="accelerator") * 3600
    assert 0.12 / 1.5 <= joules <= 0.12 * 1.5


def test_gemini_like_configuration_reproduces_google_median_prompt():
    # Google's median Gemini prompt: 0.24 Wh counting everything. A plausible
    # configuration (assumed, so this is a fitted case) must land within 1.5x.
    from aiwatt import validation

    g = validation.GEMINI_LIKE
    wh = inference.energy_per_query(g["input_tokens"], g["output_tokens"], g["active_params"], g["accelerator"],
                                    batch_size=g["batch_size"], total_params=g["total_params"])
    assert 0.24 / 1.5 <= wh <= 0.24 * 1.5


def test_mixture_of_experts_reads_most_weights_at_large_batches():
    dense_active = inference.energy_per_token(37e9, "H100", 64, scope="accelerator")
    moe = inference.energy_per_token(37e9, "H100", 64, total_params=671e9, scope="accelerator")
    assert moe > 10 * dense_active
    # At batch 1 only the active weights are read.
    assert inference.weight_bytes_per_step(37e9, 1, total_params=671e9) == pytest.approx(2 * 37e9)


def test_kv_cache_traffic_grows_with_context():
    short = inference.energy_per_token(70e9, "H100", 64, context_tokens=0)
    long = inference.energy_per_token(70e9, "H100", 64, context_tokens=32_000)
    assert long > 2 * short


def test_memory_fit_is_checked():
    assert inference.energy_per_token(70e9, "H100", 8, accelerators_per_replica=2) > 0
    with pytest.raises(ValueError, match=r"the model does not fit: .* need at least \d+ H100"):
        inference.energy_per_token(405e9, "H100", 8, accelerators_per_replica=4)
    assert inference.replica_accelerators(405e9, "H100", precision="fp8") < inference.replica_accelerators(405e9, "H100")


def test_every_accelerator_has_a_server_boundary():
    # No silent fall-back to the chip alone: the server scope adds host power for every chip.
    from aiwatt import hardware

    for name in hardware.names():
        assert inference.scope_power_w(name, "server") > inference.scope_power_w(name, "accelerator")


def test_typical_chat_query_in_published_range():
    # Published per-query figures run from about 0.2 Wh (Google's Gemini median,
    # Epoch AI for GPT-4o) to about 3 Wh (de Vries 2023); a short chat on a large
    # model (100-200 billion active parameters) must fall inside, counted for the
    # server or the whole facility.
    preset = inference.QUERY_PRESETS["short chat"]
    for params in (100e9, 200e9):
        for scope in ("server", "facility"):
            wh = inference.energy_per_query(preset.input_tokens, preset.output_tokens, params, "H100", scope=scope)
            assert 0.2 <= wh <= 3.0


def test_epoch_ai_gpt4o_estimate():
    # Epoch AI (You 2025): a typical GPT-4o query, about 100 billion active parameters
    # and 500 output tokens on H100 servers, uses roughly 0.3 Wh of server energy.
    # Epoch's own inputs (70% of server peak power, its token counts) differ from
    # ours in detail; 30% covers that.
    wh = inference.energy_per_query(400, 500, 100e9, "H100", scope="server")
    assert wh == pytest.approx(0.3, rel=0.30)


def test_scopes_are_nested():
    values = [inference.energy_per_token(70e9, "H100", 32, scope=scope) for scope in inference.SCOPES]
    assert values[0] < values[1] < values[2]


@settings(max_examples=50)
@given(
    params=st.floats(min_value=1e8, max_value=1e12),
    batch=st.integers(min_value=1, max_value=512),
    factor=st.floats(min_value=1.1, max_value=10),
)
def test_energy_per_token_rises_with_params_and_falls_with_batch(params, batch, factor):
    base = inference.energy_per_token(params, "H100", batch)
    assert base > 0 and math.isfinite(base)
    assert inference.energy_per_token(params * factor, "H100", batch) > base
    # Falls with batch while memory-bound, then flat once arithmetic is the limit.
    assert inference.energy_per_token(params, "H100", math.ceil(batch * factor)) <= base * (1 + 1e-12)


@settings(max_examples=50)
@given(inputs=st.floats(min_value=0, max_value=1e6), outputs=st.floats(min_value=0, max_value=1e5), extra=st.floats(min_value=1, max_value=1e4))
def test_energy_per_query_rises_with_tokens(inputs, outputs, extra):
    base = inference.energy_per_query(inputs, outputs, 70e9, "H100")
    assert base >= 0
    assert inference.energy_per_query(inputs + extra, outputs, 70e9, "H100") > base
    assert inference.energy_per_query(inputs, outputs + extra, 70e9, "H100") > base


def test_fleet_and_crossover():
    assert inference.fleet_energy(1e9, 0.3) == pytest.approx(1e9 * 0.3 * 365 / 1000)
    assert inference.fleet_energy(1e9, 0.3, pue=1.2) == pytest.approx(1.2 * inference.fleet_energy(1e9, 0.3))
    # GPT-3's 1,287 MWh (Patterson et al. 2021) at 0.3 Wh a query: 4.29 billion queries.
    assert inference.crossover_queries(1_287_000, 0.3) == pytest.approx(4.29e9)
    assert inference.crossover_days(1_287_000, 0.3, 1e9) == pytest.approx(4.29)


def test_types():
    series = pd.Series([8e9, 70e9], index=["small", "large"])
    out = inference.energy_per_token(series, "H100", 64)
    assert isinstance(out, pd.Series) and list(out.index) == ["small", "large"]
    assert isinstance(inference.energy_per_query(np.array([100.0, 200.0]), 100, 8e9, "H100"), np.ndarray)


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: inference.energy_per_token(0, "H100", 64), r"active_params must be a finite number in \(0, inf\) \[parameters\]; got 0\.0"),
        (lambda: inference.energy_per_token(8e9, "H100", 0), r"batch_size must be a finite number in \[1, inf\) \[sequences\]; got 0\.0"),
        (lambda: inference.energy_per_token(8e9, "H100", 64, scope="rack"), r"scope must be one of accelerator, server, facility; got 'rack'"),
        (lambda: inference.energy_per_token(8e9, "H100", 64, pue=0.5), r"pue must be a finite number in \[1, inf\) \[ratio\]; got 0\.5"),
        (lambda: inference.energy_per_token(8e9, "H100", 64, scope="accelerator", pue=1.2), r"pue is used only at scope 'facility'"),
        (lambda: inference.energy_per_token(8e9, "H100", 64, scope="accelerator", serving_overhead=1.2), r"serving_overhead is used only"),
        (lambda: inference.energy_per_token(8e9, "H100", 64, total_params=1e9), r"active_params must be at most total_params"),
        (lambda: inference.energy_per_token(8e9, "A100-80GB", 64, precision="fp8"), r"has no FP8 tensor units"),
        (lambda: inference.energy_per_token(8e9, "H100", 64, context_tokens=-1), r"context_tokens must be"),
        (lambda: inference.energy_per_token(8e9, "X100", 64), r"unknown accelerator 'X100'\. Did you mean"),
        (lambda: inference.energy_per_query(-1, 10, 8e9, "H100"), r"input_tokens must be a finite number in \[0, inf\) \[tokens\]; got -1\.0"),
        (lambda: inference.energy_per_query(10, math.nan, 8e9, "H100"), r"output_tokens must be .*; got nan"),
        (lambda: inference.fleet_energy(-5, 0.3), r"queries_per_day must be a finite number in \[0, inf\)"),
        (lambda: inference.crossover_queries(1e6, 0), r"wh_per_query must be a finite number in \(0, inf\) \[Wh\]; got 0\.0"),
        (lambda: scenarios.inference_scenario(1e9, 0.3, 0.5, 0.2, adoption="logistic"), r"saturation_queries_per_day is required"),
        (lambda: scenarios.inference_scenario(1e9, 0.3, 0.5, 1.2, adoption="exponential"), r"efficiency_gain_per_year must be a finite number in \[0, 1\)"),
        (lambda: scenarios.inference_scenario(1e9, 0.3, 0.5, 0.2, adoption="linear"), r"adoption must be one of exponential, logistic; got 'linear'"),
        (lambda: scenarios.inference_scenario(1e9, (0.5, 0.3, 0.4), 0.5, 0.2, adoption="exponential"), r"wh_per_query must be ordered"),
        (lambda: scenarios.logistic_adoption([2024, 2025], 5.0, 4.0, 0.5, 2024), r"saturation must be above start_value"),
        (lambda: scenarios.segment_projection({"a": 1.0}, {"b": 0.1}, 2024, 2030), r"must name the same segments"),
        (lambda: scenarios.segment_projection({"a": 1.0}, {"a": 0.1}, 2030, 2024), r"end_year must be from start_year"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_scenario_is_seeded_banded_and_positive():
    args = (1e9, (0.2, 0.3, 0.5), (0.5, 1.0, 1.5), (0.1, 0.3, 0.5))
    first = scenarios.inference_scenario(*args, saturation_queries_per_day=2e10)
    second = scenarios.inference_scenario(*args, saturation_queries_per_day=2e10)
    pd.testing.assert_frame_equal(first, second)
    assert list(first.index) == list(range(2024, 2036))
    # In the first year only the energy per query is uncertain: triangular(0.2, 0.3, 0.5),
    # whose 5th percentile is 0.2 + sqrt(0.05 x 0.3 x 0.1) Wh.
    low_wh = 0.2 + math.sqrt(0.05 * 0.3 * 0.1)
    assert first.loc[2024, "low_twh"] == pytest.approx(1e9 * 365 * low_wh * 1.1 / 1e12, rel=0.02)
    assert (first["high_twh"] > first["low_twh"] * 1.05).all()
    band = first.loc[2030, "band"]
    assert band.unit == "TWh" and band.low == first.loc[2030, "low_twh"] and band.high == first.loc[2030, "high_twh"]


def test_logistic_adoption_starts_and_saturates():
    values = scenarios.logistic_adoption(np.arange(2024, 2100), 1.0, 100.0, 0.8, 2024)
    assert values[0] == pytest.approx(1.0)
    assert values[-1] == pytest.approx(100.0, rel=1e-6)
    assert np.all(np.diff(values) >= 0) and np.all(np.diff(values[:10]) > 0)


@settings(max_examples=40)
@given(growth=st.floats(min_value=0.0, max_value=2.0), efficiency=st.floats(min_value=0.0, max_value=0.9))
def test_exponential_scenario_is_the_closed_form(growth, efficiency):
    table = scenarios.inference_scenario(1e9, 0.3, growth, efficiency, adoption="exponential", draws=100)
    years = table.index.to_numpy() - 2024
    expected = 1e9 * (1 + growth) ** years * 365 * 0.3 * (1 - efficiency) ** years * 1.1 / 1e12
    np.testing.assert_allclose(table["central_twh"], expected, rtol=1e-9)


def test_iea_base_case_2030_reproduced():
    # IEA Energy and AI (2025): 415 TWh in 2024 growing about 15% a year to 945 TWh in
    # 2030 (Base Case). Given the IEA's starting point and growth rate, the segment
    # projection must land within 10% (the bound; the rate is rounded).
    from aiwatt import data, equivalents

    rate = data.load("growth_rates").set_index("metric").loc["IEA Base Case: all data centres, world", "per_year_fraction"]
    start = equivalents.data_centre_estimate(2024)["data_centre_twh"]
    projection = scenarios.segment_projection({"all": start}, {"all": rate}, 2024, 2035)
    centres = data.load("data_centres")
    iea_2030 = centres[(centres["scenario"] == "IEA Energy and AI: Base Case") & (centres["region"] == "World") & (centres["year"] == 2030)]
    assert projection.loc[2030, "total"] == pytest.approx(float(iea_2030["data_centre_twh"].iloc[0]), rel=0.10)


def test_ecologits_fit_is_near_the_measurement_it_was_fitted_to():
    # EcoLogits fitted its formula to ML.ENERGY H100 data; for Llama-3.1-8B at batch 64
    # it must sit between the v3.0 (0.12 J) and v2.0 (0.20 J) measurements, +-10%.
    joules = inference.ecologits_energy_per_token(8.03e9, 64) * 3600
    assert 0.12 * 0.9 <= joules <= 0.20 * 1.1


def test_crossover_refuses_overflow_instead_of_returning_infinity():
    # 1.8e305 kWh / 1 Wh per query overflows float64: an error, not inf.
    with pytest.raises(ValueError, match="crossover_queries is not a finite number"):
        inference.crossover_queries(1.8e305, 1.0)
    with pytest.raises(ValueError, match="is not a finite number"):
        inference.crossover_days(1.8e305, 1.0, 1.0)
