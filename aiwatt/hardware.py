"""AI accelerators: speed by precision, power by boundary, memory and utilisation.

The defaults live in the sourced table ``aiwatt.data.load("accelerators")``
(one row per accelerator, each quantity with its source and a ``confidence``
label). Peak speed is the dense tensor throughput in BF16 (FP16 where a chip has
no BF16) and in FP8 where the chip has it; vendors often quote sparse figures,
which are twice as high and are not used here.

Power comes in two parts, so that every estimate can say what it counts:

- the **accelerator** itself: its thermal design power (TDP), or, where a vendor
  publishes none, a stated stand-in (``tdp_basis`` says which);
- the **host**: the rest of the server per accelerator (processors, memory,
  network, fans). :attr:`Accelerator.host_power_band_w` is a band: the measured
  host-to-accelerator ratios of :data:`DEFAULT_HOST_RATIO` (or the chip's own
  measured ratio) times TDP, with the vendor server's nameplate maximum as the
  upper end where one is published.

Utilisation is the in-step model FLOPs utilisation (MFU): the fraction of peak
speed that the training steps turn into the model's arithmetic, 6 x parameters
x tokens (Chowdhery et al. 2022, appendix B). A whole run also loses time to
restarts, evaluation and checkpoints: that is the goodput of
:mod:`aiwatt.training`, kept separate.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from aiwatt import data
from aiwatt._checks import unknown_name_error
from aiwatt.estimate import Estimate


#: What a power or energy figure counts (its boundary): the accelerators alone;
#: plus the rest of their servers (host); plus the facility's overhead (PUE).
#: Training and inference count by the same three.
SCOPES = ("accelerator", "server", "facility")


def check_scope(scope) -> str:
    """``scope`` if it is one of :data:`SCOPES`, else a ``ValueError``.

    Parameters
    ----------
    scope : str
        A boundary of :data:`SCOPES`.

    Returns
    -------
    str
    """
    if not isinstance(scope, str) or scope not in SCOPES:
        raise ValueError(f"scope must be one of {', '.join(SCOPES)}; got {scope!r}")
    return scope

#: Multipliers of an accelerator's typical power [W] that make its default
#: power band for the chip alone: a busy chip draws below TDP (Patterson et al.
#: 2021 measured TPU v3 at a mean 220 W against 450 W TDP; an 8-GPU H100 node
#: peaked at 76% of its nameplate, Latif et al. 2024) and not above it.
POWER_BAND_FACTORS: tuple[float, float, float] = (0.7, 1.0, 1.0)

#: Host power per accelerator as a ratio of the accelerator's TDP, measured:
#: low, TPU v3 fleet (283 W per chip with its server share against 220 W for the
#: chip: 0.29; Patterson et al. 2021, Table 3, and Google's TPU v3 page);
#: central, Google's 2025 Gemini serving measurement (host CPU and DRAM 0.06 Wh
#: against 0.14 Wh for the active accelerators: 0.43; Elsworth et al. 2025);
#: high, the DGX H100 nameplate (10.2 kW / 8 - 700 W = 575 W: 0.82). An
#: accelerator's own measured ratio replaces the central value, and its
#: vendor server's nameplate replaces the high end.
DEFAULT_HOST_RATIO = Estimate(0.29, 0.43, 0.82, "ratio")

#: Precisions with a peak-speed column in the table.
PRECISIONS = ("bf16", "fp8")

#: Bytes per weight or cached value at each precision.
BYTES_PER_VALUE: dict[str, float] = {"bf16": 2.0, "fp8": 1.0}


def check_precision(precision: str) -> str:
    """``precision`` lower-cased if it is one of :data:`PRECISIONS`, else a ``ValueError``.

    Parameters
    ----------
    precision : str
        A precision of :data:`PRECISIONS`, in any case.

    Returns
    -------
    str
    """
    if not isinstance(precision, str) or precision.lower() not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}; got {precision!r}")
    return precision.lower()


@dataclass(frozen=True)
class Accelerator:
    """One accelerator's row of the table, with units in the field names."""

    name: str
    peak_dense_tflops: float
    peak_fp8_tflops: float | None
    tdp_w: float
    tdp_basis: str
    measured_power_w: float | None
    memory_gb: float
    memory_bandwidth_gbps: float
    year: int
    mfu_low_fraction: float
    mfu_central_fraction: float
    mfu_high_fraction: float
    server_max_power_w: float | None
    server_accelerator_count: float | None
    host_measured_ratio: float | None
    source: str
    confidence: str

    @property
    def peak_flop_per_s(self) -> float:
        """Peak dense BF16 speed [FLOP/s]."""
        return self.peak_dense_tflops * 1e12

    def peak_flops(self, precision: str = "bf16") -> float:
        """Peak dense speed at a precision [FLOP/s].

        Parameters
        ----------
        precision : {"bf16", "fp8"}, default "bf16"
            The arithmetic's precision.

        Returns
        -------
        float
            Peak dense speed [FLOP/s].

        Raises
        ------
        ValueError
            For an unknown precision, or FP8 on a chip without FP8 units.
        """
        precision = check_precision(precision)
        if precision == "bf16":
            return self.peak_flop_per_s
        if self.peak_fp8_tflops is None:
            raise ValueError(f"accelerator {self.name!r} has no FP8 tensor units: use precision='bf16'")
        return self.peak_fp8_tflops * 1e12

    @property
    def utilization(self) -> Estimate:
        """Default in-step model FLOPs utilisation band [fraction of BF16 peak]."""
        return Estimate(self.mfu_low_fraction, self.mfu_central_fraction, self.mfu_high_fraction, "fraction")

    @property
    def typical_power_w(self) -> float:
        """Measured mean chip power where published, else TDP [W]."""
        return self.measured_power_w if self.measured_power_w is not None else self.tdp_w

    @property
    def power_band_w(self) -> Estimate:
        """Default power band of the chip alone [W]: :data:`POWER_BAND_FACTORS` x typical power."""
        low, central, high = (factor * self.typical_power_w for factor in POWER_BAND_FACTORS)
        return Estimate(low, central, high, "W")

    @property
    def host_nameplate_w(self) -> float | None:
        """The vendor server's rated maximum per accelerator minus TDP [W]; None where unpublished."""
        if self.server_max_power_w is None or self.server_accelerator_count is None:
            return None
        return self.server_max_power_w / self.server_accelerator_count - self.tdp_w

    @property
    def host_power_band_w(self) -> Estimate:
        """Host power per accelerator [W]: CPUs, memory, network and fans of its server.

        Low and central are measured host-to-accelerator ratios times the
        chip's typical power (:data:`DEFAULT_HOST_RATIO`; the chip's own
        measured ratio as central where published); high is the vendor server's nameplate
        (:attr:`host_nameplate_w`) where published, else the default high ratio.
        """
        ratio = DEFAULT_HOST_RATIO
        central_ratio = self.host_measured_ratio if self.host_measured_ratio is not None else ratio.central
        # Measured ratios are relative to what the chip drew (its typical power);
        # nameplates and the default high ratio are relative to TDP.
        low = min(ratio.low, central_ratio) * self.typical_power_w
        central = central_ratio * self.typical_power_w
        high = self.host_nameplate_w if self.host_nameplate_w is not None else ratio.high * self.tdp_w
        return Estimate(low, central, max(high, central), "W")

    @property
    def host_power_w(self) -> float:
        """Central host power per accelerator [W] (see :attr:`host_power_band_w`)."""
        return self.host_power_band_w.central

    @property
    def host_power_basis(self) -> str:
        """Where the host band comes from, in words."""
        central = "this accelerator's measured ratio" if self.host_measured_ratio is not None else "measured ratios of other systems"
        high = "the vendor server's nameplate" if self.host_nameplate_w is not None else "the DGX H100 nameplate ratio"
        return f"{central}; upper end from {high}"

    @property
    def memory_bytes(self) -> float:
        """Memory [bytes]."""
        return self.memory_gb * 1e9


def _key(name: str) -> str:
    """Fold case and drop spaces, hyphens, underscores and dots: 'A100 80GB' -> 'a10080gb'."""
    return re.sub(r"[\s\-_.]", "", name).lower()


@lru_cache(maxsize=None)
def _accelerators() -> dict[str, Accelerator]:
    """Every row of the table as an :class:`Accelerator`, oldest first; read once."""
    table = data.load("accelerators").sort_values("year", kind="stable")
    fields = [field for field in Accelerator.__dataclass_fields__]
    chips = {}
    for row in table.to_dict("records"):
        values = {}
        for field in fields:
            value = row[field]
            if isinstance(value, float) and math.isnan(value):
                value = None
            elif isinstance(value, (int, float)) and field != "year":
                value = float(value)
            values[field] = value
        values["year"] = int(values["year"])
        chips[row["name"]] = Accelerator(**values)
    return chips


def names() -> list[str]:
    """The accelerators the table knows, oldest first."""
    return list(_accelerators())


def accelerator(name: str | Accelerator) -> Accelerator:
    """Look up an accelerator by name, forgiving case and spacing.

    The table is read once and kept: repeated look-ups cost a dictionary access.

    Parameters
    ----------
    name : str or Accelerator
        For example ``"H100"``, ``"a100 80gb"``, ``"TPU v4"``. An
        ``Accelerator`` is returned unchanged. A bare ``"A100"`` is ambiguous
        (40 GB or 80 GB) and raises.

    Returns
    -------
    Accelerator

    Raises
    ------
    ValueError
        For an unknown or ambiguous name; the message lists the known names
        and the closest matches.

    Examples
    --------
    >>> accelerator("tpu v4").peak_dense_tflops
    275.0
    >>> accelerator("H800").host_power_band_w.unit
    'W'
    """
    if isinstance(name, Accelerator):
        return name
    if isinstance(name, str):
        return _lookup(name)
    raise unknown_name_error("accelerator", name, names())


@lru_cache(maxsize=256)
def _lookup(name: str) -> Accelerator:
    chips = _accelerators()
    wanted = _key(name)
    exact = [n for n in chips if _key(n) == wanted]
    if not exact:
        exact = [n for n in chips if _key(n).startswith(wanted)] if len(wanted) >= 4 else []
    if len(exact) == 1:
        return chips[exact[0]]
    if len(exact) > 1:
        raise ValueError(f"accelerator {name!r} is ambiguous: say which of {', '.join(exact)}")
    raise unknown_name_error("accelerator", name, list(chips))
