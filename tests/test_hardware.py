"""aiwatt.hardware: the accelerator table, look-ups, power by boundary, precision."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiwatt import Estimate, data, hardware

#: The accelerators issue 7 asks for, beside the ones the table had.
REQUIRED = [
    "V100", "A100-40GB", "A100-80GB", "H100", "H200", "B200", "TPUv3", "TPUv4", "TPUv5e",
    "H800", "H20", "H100 PCIe", "A800", "GB200", "MI300X", "MI325X", "Gaudi 3", "TPUv5p", "TPUv6e", "Trainium2", "Ascend 910B",
]


def test_every_required_accelerator_is_in_the_table():
    assert set(REQUIRED) <= set(hardware.names())


@pytest.mark.parametrize("name", hardware.names())
def test_every_accelerator_has_power_by_boundary(name):
    chip = hardware.accelerator(name)
    assert isinstance(chip.tdp_w, float) and chip.tdp_w > 0
    assert chip.tdp_basis
    band = chip.host_power_band_w
    assert isinstance(band, Estimate) and band.unit == "W"
    assert 0 < band.low <= band.central <= band.high
    # The host of a server never draws more than about its accelerators' TDP again.
    assert band.high <= 1.1 * chip.tdp_w
    assert chip.host_power_w == band.central
    assert 0 < chip.mfu_low_fraction <= chip.mfu_central_fraction <= chip.mfu_high_fraction <= 1
    assert chip.peak_dense_tflops > 0 and chip.memory_gb > 0 and chip.memory_bandwidth_gbps > 0
    if chip.peak_fp8_tflops is not None:
        assert chip.peak_fp8_tflops >= chip.peak_dense_tflops
        assert chip.peak_flops("fp8") == chip.peak_fp8_tflops * 1e12
    else:
        with pytest.raises(ValueError, match="has no FP8 tensor units"):
            chip.peak_flops("fp8")


def test_every_row_is_sourced_and_labelled():
    table = data.load("accelerators")
    assert table["source"].notna().all() and table["confidence"].str.split().str[0].isin(["V", "V2", "D"]).all()
    # A TDP that no vendor published must say so: measured, or assumed (another chip's speed per watt is
    # an assumption about this chip, not arithmetic on its own figures, so its label says so too).
    unpublished = table[table["tdp_basis"].str.contains("assumed|measured")]
    assert {"TPUv4", "TPUv5e", "TPUv5p", "TPUv6e", "Trainium2"} <= set(unpublished["name"])
    assumed = table[table["tdp_basis"].str.startswith("assumed")]
    assert assumed["confidence"].str.contains("assumed").all() and not assumed["confidence"].str.startswith("D").any()


def test_host_band_uses_measurements_and_nameplates():
    h100 = hardware.accelerator("H100")
    # DGX H100: 10.2 kW for 8 GPUs of 700 W.
    assert h100.host_nameplate_w == pytest.approx(10_200 / 8 - 700)
    assert h100.host_power_band_w.high == pytest.approx(575)
    # Latif et al.: measured ratio 0.5 of TDP.
    assert h100.host_power_band_w.central == pytest.approx(350)
    # TPU v3: measured ratio 0.29 of its measured 220 W.
    assert hardware.accelerator("TPUv3").host_power_band_w.central == pytest.approx(0.29 * 220)
    # No server figure: the default ratios times TDP.
    mi300x = hardware.accelerator("MI300X")
    assert mi300x.host_nameplate_w is None
    assert mi300x.host_power_band_w.central == pytest.approx(hardware.DEFAULT_HOST_RATIO.central * 750)
    assert "nameplate" in mi300x.host_power_basis


def test_lookup_is_forgiving_and_memoised():
    assert hardware.accelerator("a100 80GB").name == "A100-80GB"
    assert hardware.accelerator("TPU v4").name == "TPUv4"
    assert hardware.accelerator(" h100 ").name == "H100"
    assert hardware.accelerator("h100 pcie").name == "H100 PCIe"
    assert hardware.accelerator("gaudi3").name == "Gaudi 3"
    # The same object each time: the table is read once, not on every call.
    assert hardware.accelerator("H100") is hardware.accelerator("h100")
    with pytest.raises(ValueError, match=r"'A100' is ambiguous: say which of A100-40GB, A100-80GB"):
        hardware.accelerator("A100")
    with pytest.raises(ValueError, match=r"unknown accelerator 'H1000'\. Did you mean 'H100'"):
        hardware.accelerator("H1000")


def test_table_is_not_reread(monkeypatch):
    hardware.accelerator("H100")

    def fail(name):
        raise AssertionError(f"data.load({name!r}) called again")

    monkeypatch.setattr(data, "load", fail)
    for _ in range(3):
        assert hardware.accelerator("H100").tdp_w == 700
        assert "H800" in hardware.names()


@pytest.mark.parametrize("bad", [None, 3, "fp4", "", "int8"])
def test_precision_is_checked(bad):
    with pytest.raises(ValueError, match="precision must be one of bf16, fp8"):
        hardware.accelerator("H100").peak_flops(bad)


@given(st.one_of(st.text(max_size=12), st.integers(), st.none(), st.floats()))
def test_lookup_raises_only_value_error(name):
    try:
        chip = hardware.accelerator(name)
    except ValueError:
        return
    assert chip.name in hardware.names()


def test_power_band_of_the_chip_stays_at_or_below_tdp():
    for name in hardware.names():
        chip = hardware.accelerator(name)
        assert chip.power_band_w.high <= chip.tdp_w + 1e-9
        assert math.isfinite(chip.peak_flop_per_s)
