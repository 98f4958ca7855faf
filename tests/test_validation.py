"""aiwatt.validation: the registry, held-out targets, the EcoLogits peer check."""

import math

import pytest

from aiwatt import Estimate, validation

TABLE = validation.validation_table()


def test_every_case_states_its_boundary_status_and_source():
    assert TABLE["boundary"].str.len().gt(0).all()
    assert TABLE["status"].isin(validation.STATUSES).all()
    assert TABLE["source"].str.len().gt(0).all()
    assert TABLE["ratio"].map(math.isfinite).all() and (TABLE["ratio"] > 0).all()


@pytest.mark.parametrize("model", ["PaLM 540B", "Llama 3.1 405B", "DeepSeek-V3", "GPT-3"])
def test_held_out_training_runs_meet_the_target(model):
    row = TABLE.set_index("case").loc[f"{model}: accelerator-hours"]
    assert row["status"] == "held out"
    assert row["inside_band"]
    assert abs(row["ratio"] - 1) < 0.25


def test_peer_and_measurement_targets():
    rows = TABLE.set_index("case")
    assert 1 / 1.5 <= rows.loc["Llama-3.1-8B on H100 (ML.ENERGY v3.0)", "ratio"] <= 1.5
    assert 1 / 1.5 <= rows.loc["Google: median Gemini text prompt, comprehensive", "ratio"] <= 1.5


def test_headline_counts_only_held_out_cases():
    head = validation.headline(TABLE)
    held = TABLE[TABLE["status"] == "held out"]
    assert head["held_out"] == len(held)
    assert held["ratio"].min() <= head["median_ratio"] <= held["ratio"].max()
    assert head["worst_ratio"] in set(held["ratio"])
    assert head["median_ratio"] == pytest.approx(0.95, abs=0.2)


def test_a_run_that_set_a_band_is_fitted_not_held_out():
    # Gopher's whole-run utilisation set the TPU v3's central MFU; BLOOM the low end of the goodput band.
    rows = TABLE.set_index("case")
    for model in validation.FITTED_RUNS:
        assert rows.loc[f"{model}: accelerator-hours", "status"] == "fitted"
        assert rows.loc[f"{model}: accelerator-hours", "note"]
    assert "Gopher" in validation.FITTED_RUNS


def test_epoch_is_compared_at_its_own_boundary():
    # Epoch AI's 0.3 Wh counts the servers and a PUE of 1.2: the facility.
    row = TABLE.set_index("case").loc["Epoch AI: typical GPT-4o query"]
    assert row["boundary"] == "facility"
    assert 1 / 1.5 < row["ratio"] < 1.5


def test_published_training_figures_say_what_they_count():
    checks = TABLE[TABLE["kind"] == "training: hours route"].set_index("case")
    assert checks.loc["BLOOM: energy", "boundary"] == "accelerators at rated power (TDP) only"
    assert "no server" in checks.loc["LLaMA-65B: energy", "boundary"]


def test_register_takes_new_cases_and_refuses_duplicates():
    case = validation.Case("test: a fleet figure", "fleet", "facility", 10.0, "TWh", lambda: Estimate(8, 9, 12, "TWh"), "held out", "iea2025energyai")
    try:
        validation.register(case)
        row = validation.validation_table().set_index("case").loc["test: a fleet figure"]
        assert row["ratio"] == pytest.approx(0.9) and row["inside_band"]
        with pytest.raises(ValueError, match="already registered"):
            validation.register(case)
    finally:
        validation._REGISTRY.pop("test: a fleet figure", None)
    with pytest.raises(ValueError, match="status must be one of"):
        validation.Case("x", "fleet", "facility", 1.0, "TWh", lambda: 1.0, "guessed", "iea2025energyai")


def test_ecologits_itself_is_compared():
    ecologits = pytest.importorskip("ecologits")
    table = validation.ecologits_comparison()
    assert len(table) >= 4
    assert (table["ecologits_wh"] > 0).all() and (table["aiwatt_wh"] > 0).all()
    assert table["ratio"].between(0.1, 10).all()
    assert ecologits.__version__ == "0.11.3"


def test_a_production_service_tests_the_serving_defaults():
    # Facts review, item 9: DeepSeek's published throughput is held out, and shows that the default batch on one
    # replica overstates a large mixture of experts served at scale (accelerator-time per token, so no power assumed).
    row = TABLE.set_index("case").loc["DeepSeek-V3 on H800 (DeepSeek's online service)"]
    assert row["status"] == "held out" and row["unit"] == "ms"
    assert row["published"] == pytest.approx(8 / 14_800 * 1e3)
    assert row["ratio"] > 5, "if the serving model now reproduces DeepSeek's throughput, update the validation page's prose"
