"""aiwatt.training and aiwatt.hardware against published runs, plus invariants."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiwatt import Estimate, hardware, training

positive = st.floats(min_value=1e-3, max_value=1e12, allow_nan=False, allow_infinity=False)
pue_values = st.floats(min_value=1.0, max_value=3.0)


# --- Published runs -------------------------------------------------------------------

REPRODUCTION = training.reproduce_reference_runs()
REPORTED = REPRODUCTION[REPRODUCTION["reported_mwh"].notna()]


@pytest.mark.parametrize("model", list(REPORTED.index))
def test_hours_route_reproduces_reported_energy(model):
    # Energy = accelerator-hours x published power x published PUE. The published
    # inputs are rounded (days to 0.1, watts to the unit, PUE to 0.01), so a few
    # per cent separate their product from the published total: 5% allows that.
    assert abs(REPORTED.loc[model, "hours_route_error"]) < 0.05


EMITTED = REPRODUCTION[REPRODUCTION["emissions_error"].notna()]


@pytest.mark.parametrize("model", list(EMITTED.index))
def test_hours_route_reproduces_reported_emissions(model):
    # Runs that publish emissions rather than energy (Llama 2 and 3 model cards, Gopher):
    # modelled energy x the source's own grid factor. Same 5%: the model cards round
    # GPU-hours (1.3M, 6.4M) and emissions.
    assert abs(EMITTED.loc[model, "emissions_error"]) < 0.05


def test_every_run_is_checked_against_something_published():
    checked = set(REPORTED.index) | set(EMITTED.index) | set(REPRODUCTION[REPRODUCTION["flops"].notna()].index)
    assert checked == set(REPRODUCTION.index)


def test_gpt3_within_two_percent():
    # Patterson et al. 2021, Table 4: 1,287 MWh from 10,000 V100 x 14.8 days x 330 W x PUE 1.10.
    # The product is 1,289 MWh (0.2% above: 14.8 days is rounded); 2% is the issue's bound.
    gpt3 = REPRODUCTION.loc["GPT-3"]
    assert gpt3["reported_mwh"] == 1287
    assert gpt3["hours_route_mwh"] == pytest.approx(1287, rel=0.02)


FIRST_PRINCIPLES = REPRODUCTION[REPRODUCTION["flops"].notna()]


def test_first_principles_covers_the_runs():
    assert {"GPT-3", "Gopher", "BLOOM", "LLaMA-65B", "Llama 2 70B", "Llama 3.1 405B", "PaLM 540B", "DeepSeek-V3"} <= set(FIRST_PRINCIPLES.index)


#: Issue 7's held-out runs: none of them set an MFU or goodput band.
HELD_OUT = ["PaLM 540B", "Llama 3.1 405B", "DeepSeek-V3", "GPT-3", "Gopher"]


@pytest.mark.parametrize("model", HELD_OUT)
def test_flops_route_covers_held_out_runs(model):
    # 6 x (active) parameters x tokens at the default in-step MFU and goodput bands:
    # the reported chip-hours inside the band and the central value within 25%.
    run = FIRST_PRINCIPLES.loc[model]
    assert abs(run["flops_chip_hours_error"]) < 0.25
    assert run["band_contains_reported"]


@pytest.mark.parametrize("model", list(FIRST_PRINCIPLES.index))
def test_flops_route_lands_within_40_percent(model):
    # Meta's LLaMA-65B hours match its in-step throughput (no lost time), so the
    # whole-run default overestimates them by about a third: within 40%, not in band.
    assert abs(FIRST_PRINCIPLES.loc[model, "flops_chip_hours_error"]) < 0.40


def test_reference_runs_table_has_the_issue_runs():
    runs = training.reference_runs()
    expected = {"GPT-3", "T5", "Meena", "GShard-600B", "Switch Transformer", "Gopher", "OPT-175B", "BLOOM", "LLaMA-65B", "Llama 2 70B"}
    assert expected <= set(runs["model"])
    assert runs["source"].notna().all()


# --- The chain, its bands, its invariants ------------------------------------------------

def test_flops_examples():
    assert training.training_flops(175e9, 300e9) == pytest.approx(3.15e23)
    # Mixture of experts: only the active parameters count.
    assert training.training_flops(1e12, 1e9, active_params=1e11) == pytest.approx(6e20)


def test_estimate_is_deterministic_and_banded():
    first = training.estimate_training_energy(7e9, 2e12, "H100")
    second = training.estimate_training_energy(7e9, 2e12, "H100")
    assert first == second
    assert first.boundary == "facility"
    chip = hardware.accelerator("H100")
    # The hours band lies strictly inside the extremes of MFU x goodput, and is not a point.
    fastest = training.chip_hours_from_flops(first.flops, chip, chip.mfu_high_fraction, training.DEFAULT_GOODPUT.high)
    slowest = training.chip_hours_from_flops(first.flops, chip, chip.mfu_low_fraction, training.DEFAULT_GOODPUT.low)
    assert fastest < first.chip_hours.low < first.chip_hours.central < first.chip_hours.high < slowest
    assert first.chip_hours.high / first.chip_hours.low > 1.2
    # Central is the median of the draws: energy's central sits between its ends, not at the modal inputs.
    modal = training.chip_hours_from_flops(first.flops, chip) * (chip.tdp_w + chip.host_power_w) * training.DEFAULT_PUE.central / 1000
    assert first.energy_kwh.central != pytest.approx(modal, rel=1e-6)
    assert first.energy_kwh.low < first.energy_kwh.central < first.energy_kwh.high


def test_estimate_fixed_inputs_collapse_the_band():
    run = training.estimate_training_energy(7e9, 2e12, "H100", utilization=0.4, goodput=0.8, power_w=700, host_power_w=300, pue=1.1,
                                            intensity_g_per_kwh=400)
    expected_hours = 6 * 7e9 * 2e12 / (989e12 * 0.4 * 0.8) / 3600
    assert run.chip_hours.low == pytest.approx(run.chip_hours.high)
    assert run.chip_hours.central == pytest.approx(expected_hours)
    assert run.energy_kwh.central == pytest.approx(expected_hours * 1000 * 1.1 / 1000)
    assert run.emissions_kg.central == pytest.approx(run.energy_kwh.central * 0.4)


def test_scopes_nest_and_flops_budget_matches_params_and_tokens():
    energies = [training.estimate_training_energy(7e9, 2e12, "H100", scope=scope).energy_kwh.central for scope in training.SCOPES]
    assert energies[0] < energies[1] < energies[2]
    by_size = training.estimate_training_energy(7e9, 2e12, "H100")
    by_budget = training.estimate_training_energy(flops=6 * 7e9 * 2e12, accelerator="H100")
    assert by_budget.chip_hours.central == pytest.approx(by_size.chip_hours.central, rel=1e-12)


def test_fp8_precision_uses_the_fp8_peak():
    bf16 = training.chip_hours_from_flops(1e24, "H100", 0.4, 1.0)
    fp8 = training.chip_hours_from_flops(1e24, "H100", 0.4, 1.0, precision="fp8")
    assert bf16 / fp8 == pytest.approx(1979 / 989)
    with pytest.raises(ValueError, match="default MFU bands are measured against BF16"):
        training.estimate_training_energy(7e9, 2e12, "H100", precision="fp8")
    with pytest.raises(ValueError, match="has no FP8 tensor units"):
        training.chip_hours_from_flops(1e24, "A100-80GB", 0.4, precision="fp8")


def test_a_kilowatt_band_is_converted_not_misread():
    in_watts = training.estimate_training_energy(7e9, 2e12, "H100", scope="accelerator", power_w=Estimate(600, 700, 700, "W"))
    in_kilowatts = training.estimate_training_energy(7e9, 2e12, "H100", scope="accelerator", power_w=Estimate(0.6, 0.7, 0.7, "kW"))
    assert in_kilowatts.energy_kwh.central == pytest.approx(in_watts.energy_kwh.central)
    with pytest.raises(ValueError, match="power_w must be in 'W'; got an Estimate in 'kWh'"):
        training.estimate_training_energy(7e9, 2e12, "H100", power_w=Estimate(0.6, 0.7, 0.7, "kWh"))
    with pytest.raises(ValueError, match="power_w takes plain numbers"):
        training.energy_from_chip_hours(10, Estimate(0.6, 0.7, 0.7, "kW"), 1.1)


def test_monte_carlo_band_lies_within_the_input_range():
    # Triangular draws of MFU, power and PUE: the 90% band must sit inside the
    # deterministic extremes (all inputs at their worst or best together).
    chip = hardware.accelerator("A100-80GB")
    run = training.estimate_training_energy(65e9, 1.4e12, chip, power_w=400, pue=1.1, goodput=0.8, draws=100_000)
    hours_at = {u: training.chip_hours_from_flops(run.flops, chip, u, 0.8) for u in (chip.mfu_low_fraction, chip.mfu_high_fraction)}
    assert hours_at[chip.mfu_high_fraction] < run.chip_hours.low < run.chip_hours.central < run.chip_hours.high < hours_at[chip.mfu_low_fraction]


@settings(max_examples=60)
@given(hours=positive, power=positive, pue=pue_values, factor=st.floats(min_value=0.01, max_value=100))
def test_energy_linear_in_hours_and_pue(hours, power, pue, factor):
    base = training.energy_from_chip_hours(hours, power, pue)
    assert base >= 0 and not math.isnan(base)
    assert training.energy_from_chip_hours(hours * factor, power, pue) == pytest.approx(base * factor, rel=1e-9)
    assert training.energy_from_chip_hours(hours, power, 1.0) * pue == pytest.approx(base, rel=1e-9)


@settings(max_examples=60)
@given(params=st.floats(min_value=1e6, max_value=1e13), tokens=st.floats(min_value=1e6, max_value=1e14), factor=st.floats(min_value=1.01, max_value=10))
def test_energy_rises_with_params_and_tokens(params, tokens, factor):
    def energy(p, d):
        return training.estimate_training_energy(p, d, "A100-80GB", draws=1_000).energy_kwh.central

    assert energy(params * factor, tokens) > energy(params, tokens)
    assert energy(params, tokens * factor) > energy(params, tokens)


@settings(max_examples=60)
@given(u=st.floats(min_value=0.01, max_value=0.99), factor=st.floats(min_value=1.01, max_value=1.5))
def test_hours_fall_with_utilization(u, factor):
    higher = min(u * factor, 1.0)
    assert training.chip_hours_from_flops(1e23, "H100", higher) < training.chip_hours_from_flops(1e23, "H100", u)


def test_types_are_kept():
    series = pd.Series([1e9, 2e9], index=["a", "b"])
    flops = training.training_flops(series, 1e12)
    assert isinstance(flops, pd.Series) and list(flops.index) == ["a", "b"]
    assert isinstance(training.energy_from_chip_hours(np.array([1.0, 2.0]), 400, 1.1), np.ndarray)
    assert isinstance(training.chip_hours_from_flops(1e20, "V100"), float)


def test_series_are_paired_by_label_not_position():
    params = pd.Series([1e9, 2e9], index=["a", "b"])
    tokens = pd.Series([20e9, 10e9], index=["b", "a"])
    flops = training.training_flops(params, tokens)
    assert flops["a"] == pytest.approx(6 * 1e9 * 10e9) and flops["b"] == pytest.approx(6 * 2e9 * 20e9)
    with pytest.raises(ValueError, match="tokens and params are pandas Series with different index labels"):
        training.training_flops(params, pd.Series([1e9, 1e9], index=["a", "c"]))


def test_overflow_is_refused():
    with pytest.raises(ValueError, match="training_flops is not a finite number"):
        training.training_flops(1e300, 1e300)


# --- Bad input --------------------------------------------------------------------------

@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: training.training_flops(0, 1e9), r"params must be a finite number in \(0, inf\) \[parameters\]; got 0\.0"),
        (lambda: training.training_flops(1e9, -5), r"tokens must be a finite number in \(0, inf\) \[tokens\]; got -5\.0"),
        (lambda: training.training_flops(1e9, math.nan), r"tokens must be .*; got nan"),
        (lambda: training.training_flops(1e9, 1e9, active_params=2e9), r"active_params must be at most params"),
        (lambda: training.chip_hours_from_flops(1e20, "H100", 0), r"utilization must be a finite number in \(0, 1\] \[fraction\]; got 0\.0"),
        (lambda: training.chip_hours_from_flops(1e20, "H100", 1.5), r"utilization must be .*; got 1\.5"),
        (lambda: training.chip_hours_from_flops(math.inf, "H100"), r"flops must be .*; got inf"),
        (lambda: training.energy_from_chip_hours(0, 400, 1.1), r"chip_hours must be a finite number in \(0, inf\) \[h\]; got 0\.0"),
        (lambda: training.energy_from_chip_hours(10, -400, 1.1), r"power_w must be a finite number in \(0, inf\) \[W\]; got -400\.0"),
        (lambda: training.energy_from_chip_hours(10, 400, 0.9), r"pue must be a finite number in \[1, inf\) \[ratio\]; got 0\.9"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", pue=(1.2, 1.1)), r"pue must be ordered"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", utilization=(0.2, 1.3)), r"utilization must be .*; got 1\.3"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", draws=10), r"draws must be an integer from 1,000"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", scope="server", pue=1.2), r"pue is used only at scope 'facility'"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", scope="accelerator", host_power_w=100), r"host_power_w is used only"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", scope="rack"), r"scope must be one of accelerator, server, facility"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", goodput=1.5), r"goodput must be .*; got 1\.5"),
        (lambda: training.estimate_training_energy(7e9, None, "H100"), r"give params and tokens, or flops"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", flops=1e22), r"give either flops or params"),
        (lambda: training.estimate_training_energy(flops=1e22), r"accelerator is required"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", seed=-1), r"seed must be a non-negative integer"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H100", region="Mars"), r"unknown region 'Mars'.*Valid regions: World"),
        (lambda: training.estimate_training_energy(7e9, 2e12, "H1000"), r"unknown accelerator 'H1000'\. Did you mean 'H100'"),
    ],
)
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_estimate_object():
    band = Estimate(1.0, 2.0, 3.0, "kWh")
    assert band.to("Wh") == Estimate(1000.0, 2000.0, 3000.0, "Wh")
    assert band.relative_band == (0.5, 1.5)
    with pytest.raises(ValueError, match="low <= central <= high"):
        Estimate(2.0, 1.0, 3.0, "kWh")
    with pytest.raises(ValueError, match="Estimate central must be a finite number; got nan"):
        Estimate(1.0, math.nan, 3.0, "kWh")
    draws = np.random.default_rng(0).normal(10, 1, 100_000)
    band = Estimate.from_draws(draws, "kWh")
    assert band.low == pytest.approx(10 - 1.645, abs=0.03) and band.high == pytest.approx(10 + 1.645, abs=0.03)


# --- One run, one value per boundary -------------------------------------------------------

@pytest.mark.parametrize("chip", ["H100", "H800", "V100", "TPUv3", "B200"])
def test_energy_at_boundary_nests_and_is_the_one_convention(chip):
    accelerator = hardware.accelerator(chip)
    hours = 1e6
    energies = [training.energy_at_boundary(hours, chip, scope) for scope in training.SCOPES]
    assert energies[0] < energies[1] < energies[2]
    # The convention: typical power; plus the central host; times the central PUE.
    assert energies[0] == pytest.approx(hours * accelerator.typical_power_w / 1000)
    assert energies[1] == pytest.approx(hours * (accelerator.typical_power_w + accelerator.host_power_w) / 1000)
    assert energies[2] == pytest.approx(energies[1] * training.DEFAULT_PUE.central)
    # The band's central inputs give the same value as the point function.
    fixed = training.estimate_training_energy(flops=1e24, accelerator=chip, utilization=0.4, goodput=0.8,
                                              power_w=accelerator.typical_power_w, host_power_w=accelerator.host_power_w,
                                              pue=training.DEFAULT_PUE.central)
    assert fixed.energy_kwh.central == pytest.approx(training.energy_at_boundary(fixed.chip_hours.central, chip), rel=1e-9)


def test_energy_at_boundary_refuses_what_the_scope_does_not_use():
    with pytest.raises(ValueError, match="pue is used only at scope 'facility'"):
        training.energy_at_boundary(1e3, "H100", "server", pue=1.2)
    with pytest.raises(ValueError, match="host_power_w is used only"):
        training.power_at_boundary("H100", "accelerator", host_power_w=100)
    with pytest.raises(ValueError, match="scope must be one of"):
        training.power_at_boundary("H100", "building")


def test_every_published_run_names_a_boundary_readers_understand():
    runs = training.reference_runs()
    assert runs["boundary"].isin(list(training.PUBLISHED_BOUNDARIES)).all()
    by_model = runs.set_index("model")
    # A model card's TDP x PUE leaves out the server; BLOOM's figure has no PUE at all.
    for model in ("OPT-175B", "LLaMA-65B", "Llama 2 70B", "Llama 3 70B"):
        assert by_model.loc[model, "boundary"] == "accelerator x PUE" and by_model.loc[model, "pue_ratio"] > 1
    assert by_model.loc["BLOOM", "boundary"] == "accelerator" and by_model.loc["BLOOM", "pue_ratio"] == 1
    assert by_model.loc["GPT-3", "boundary"] == "facility"
