"""AI accelerators: speed, power, memory and typical utilisation.

The defaults live in the sourced table ``aiwatt.data.load("accelerators")``
(one row per accelerator, each quantity with its source). Peak speed is the
dense BF16/FP16 tensor throughput; vendors often quote sparse figures, which
are twice as high and are not used here.

Utilisation is the model FLOPs utilisation (MFU): the fraction of peak speed
that a training run turns into the model's arithmetic, 6 x parameters x tokens
(Chowdhery et al. 2022, appendix B). Each accelerator has a band
(low, central, high) taken from published runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiwatt import data
from aiwatt._checks import unknown_name_error
from aiwatt.estimate import Estimate

#: Multipliers of an accelerator's typical power [W] that make its default
#: power band: a run may draw well below TDP (Patterson et al. 2021 measured
#: 245-330 W per chip), and the host server adds a share per accelerator.
POWER_BAND_FACTORS: tuple[float, float, float] = (0.7, 1.0, 1.2)


@dataclass(frozen=True)
class Accelerator:
    """One accelerator's row of the table, with units in the field names."""

    name: str
    peak_dense_tflops: float
    tdp_w: float | None
    measured_power_w: float | None
    memory_gb: float
    memory_bandwidth_gbps: float
    year: int
    mfu_low_fraction: float
    mfu_central_fraction: float
    mfu_high_fraction: float
    server_max_power_w: float | None
    server_accelerator_count: float | None
    source: str

    @property
    def peak_flop_per_s(self) -> float:
        """Peak dense speed [FLOP/s]."""
        return self.peak_dense_tflops * 1e12

    @property
    def utilization(self) -> Estimate:
        """Default model FLOPs utilisation band [fraction of peak]."""
        return Estimate(self.mfu_low_fraction, self.mfu_central_fraction, self.mfu_high_fraction, "fraction")

    @property
    def typical_power_w(self) -> float:
        """Measured mean power per chip where published, else TDP [W].

        Raises
        ------
        ValueError
            If the vendor publishes neither (pass a power explicitly instead).
        """
        for value in (self.measured_power_w, self.tdp_w):
            if value is not None:
                return value
        raise ValueError(f"accelerator {self.name!r} has no published power: pass power_w explicitly")

    @property
    def host_power_w(self) -> float | None:
        """The rest of the vendor's server per accelerator at full load [W]: CPUs,
        memory, network, fans. Server maximum / accelerators - TDP; None where the
        table has no server figure."""
        if self.server_max_power_w is None or self.server_accelerator_count is None or self.tdp_w is None:
            return None
        return self.server_max_power_w / self.server_accelerator_count - self.tdp_w

    @property
    def power_band_w(self) -> Estimate:
        """Default power band per accelerator [W]: :data:`POWER_BAND_FACTORS` x typical power."""
        low, central, high = (factor * self.typical_power_w for factor in POWER_BAND_FACTORS)
        return Estimate(low, central, high, "W")


def _key(name: str) -> str:
    """Fold case and drop spaces, hyphens, underscores and dots: 'A100 80GB' -> 'a10080gb'."""
    return re.sub(r"[\s\-_.]", "", name).lower()


def _table():
    table = data.load("accelerators")
    return table.astype(object).where(table.notna(), None)


def names() -> list[str]:
    """The accelerators the table knows, oldest first."""
    return list(data.load("accelerators").sort_values("year", kind="stable")["name"])


def accelerator(name: str | Accelerator) -> Accelerator:
    """Look up an accelerator by name, forgiving case and spacing.

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
    """
    if isinstance(name, Accelerator):
        return name
    known = names()
    if isinstance(name, str):
        wanted = _key(name)
        exact = [n for n in known if _key(n) == wanted]
        if not exact:
            exact = [n for n in known if _key(n).startswith(wanted)] if len(wanted) >= 4 else []
        if len(exact) == 1:
            row = _table().set_index("name").loc[exact[0]]
            fields = {field: row[field] for field in Accelerator.__dataclass_fields__ if field != "name"}
            fields["year"] = int(fields["year"])
            for field, value in fields.items():
                if isinstance(value, (int, float)) and field != "year":
                    fields[field] = float(value)
            return Accelerator(name=exact[0], **fields)
        if len(exact) > 1:
            raise ValueError(f"accelerator {name!r} is ambiguous: say which of {', '.join(exact)}")
    raise unknown_name_error("accelerator", name, known)
