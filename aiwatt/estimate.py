"""One representation of an uncertain quantity: :class:`Estimate`.

Every function of aiwatt that returns a band returns an ``Estimate``: a low, a
central and a high value in one unit.

One way to propagate uncertainty, used everywhere: sample each input band into
draws (:func:`triangular_draws`), pass the draws through the same vectorised
functions that compute a single value, and summarise once
(:meth:`Estimate.from_draws`). "Central" has one meaning: the median of the
draws; the band is their 5th and 95th percentiles (a 90% interval).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aiwatt import units as _units
from aiwatt._checks import checked_scalar

#: Percentiles that make the low and high ends of a band from draws.
BAND_PERCENTILES: tuple[float, float] = (5.0, 95.0)

#: Units whose values may be negative (changes, not amounts). Every other
#: unit holds an amount (energy, power, time, a fraction, a ratio) and an
#: Estimate in it refuses negative values.
SIGNED_UNITS: frozenset[str] = frozenset({"fraction per year", "per year", "change"})

#: Units that convert into each other: factor to the first unit of the family.
UNIT_FAMILIES: tuple[dict[str, float], ...] = (
    {unit: factor for unit, factor in _units.JOULES_PER_UNIT.items()},
    {"W": 1.0, "kW": 1e3, "MW": 1e6, "GW": 1e9},
    {"h": 1.0, "days": 24.0, "years": 24.0 * 365.0},
    {"g CO2e": 1.0, "kg CO2e": 1e3, "t CO2e": 1e6},
)


def _family(unit: str) -> dict[str, float] | None:
    for family in UNIT_FAMILIES:
        if unit in family:
            return family
    return None


@dataclass(frozen=True)
class Estimate:
    """A quantity with an uncertainty band.

    Parameters
    ----------
    low, central, high : float
        The band's ends and its central value, ``low <= central <= high``.
    unit : str
        The unit of all three, e.g. ``"kWh"``, ``"h"``, ``"kg CO2e"``.

    Raises
    ------
    ValueError
        If a value is NaN or infinite, the three are out of order, the unit is
        not a non-empty string, or a value is negative in a unit that holds an
        amount (every unit but :data:`SIGNED_UNITS`).

    Examples
    --------
    >>> band = Estimate(1.0e6, 1.3e6, 1.9e6, "kWh")
    >>> band.contains(1.287e6)
    True
    >>> band.to("GWh")
    Estimate(low=1.0, central=1.3, high=1.9, unit='GWh')
    """

    low: float
    central: float
    high: float
    unit: str

    def __post_init__(self) -> None:
        if not isinstance(self.unit, str) or not self.unit.strip():
            raise ValueError(f"Estimate unit must be a non-empty string such as 'kWh'; got {self.unit!r}")
        for name in ("low", "central", "high"):
            raw = getattr(self, name)
            if isinstance(raw, (bool, str, bytes)) or raw is None:
                raise ValueError(f"Estimate {name} must be a finite number; got {raw!r}")
            try:
                value = float(raw)
            except (TypeError, ValueError):
                raise ValueError(f"Estimate {name} must be a finite number; got {raw!r}") from None
            if not math.isfinite(value):
                raise ValueError(f"Estimate {name} must be a finite number; got {value!r}")
            object.__setattr__(self, name, value)
        if not self.low <= self.central <= self.high:
            raise ValueError(f"Estimate must have low <= central <= high; got {self.low!r}, {self.central!r}, {self.high!r}")
        if self.low < 0 and self.unit not in SIGNED_UNITS:
            raise ValueError(
                f"Estimate in {self.unit!r} must not be negative; got low {self.low!r} "
                f"(only changes, in {', '.join(sorted(SIGNED_UNITS))}, may be)"
            )

    @classmethod
    def from_draws(cls, draws, unit: str, central: float | None = None) -> "Estimate":
        """A band from Monte Carlo draws: the 5th and 95th percentiles.

        Parameters
        ----------
        draws : array-like
            The draws; all finite.
        unit : str
            Their unit.
        central : float, optional
            The central value, for a caller that has a better one than the
            median of the draws (the default). It must lie inside the band:
            a band is never widened to make room for it.

        Raises
        ------
        ValueError
            If the draws are empty or not all finite, or ``central`` lies
            outside the 5th to 95th percentiles.

        Examples
        --------
        >>> Estimate.from_draws([1.0, 2.0, 3.0, 4.0, 5.0], "kWh").central
        3.0
        """
        draws = np.asarray(draws, dtype=float)
        if draws.size == 0 or not np.isfinite(draws).all():
            raise ValueError("draws must be a non-empty array of finite numbers")
        low, median, high = (float(v) for v in np.percentile(draws, [BAND_PERCENTILES[0], 50.0, BAND_PERCENTILES[1]]))
        if central is None:
            return cls(low, median, high, unit)
        central = float(central)
        if not low <= central <= high:
            raise ValueError(f"central {central!r} lies outside the band of the draws ({low!r} to {high!r}); a band is not widened to fit it")
        return cls(low, central, high, unit)

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies within the band, ends included.

        Parameters
        ----------
        value : float
            A value in the band's unit.
        """
        return self.low <= value <= self.high

    def to(self, unit: str) -> "Estimate":
        """The same band in another unit of the same kind (energy, power, time, emissions).

        Parameters
        ----------
        unit : str
            A unit of the same kind as the band's (:data:`UNIT_FAMILIES`).

        Returns
        -------
        Estimate

        Raises
        ------
        ValueError
            If the two units are not of one kind (:data:`UNIT_FAMILIES`).
        """
        if unit == self.unit:
            return self
        family = _family(self.unit)
        if family is None or unit not in family:
            kind = [u for u in family] if family else []
            hint = f" ({self.unit!r} converts to {', '.join(kind)})" if kind else ""
            raise ValueError(f"cannot convert an Estimate in {self.unit!r} to {unit!r}{hint}")
        factor = family[self.unit] / family[unit]
        return Estimate(self.low * factor, self.central * factor, self.high * factor, unit)

    def scaled(self, factor: float, unit: str) -> "Estimate":
        """The band multiplied by a non-negative constant, in a new unit.

        Parameters
        ----------
        factor : float
            The multiplier, >= 0.
        unit : str
            The unit of the result.

        Returns
        -------
        Estimate
        """
        if not (math.isfinite(factor) and factor >= 0):
            raise ValueError(f"factor must be a finite number in [0, inf); got {factor!r}")
        return Estimate(self.low * factor, self.central * factor, self.high * factor, unit)

    @property
    def relative_band(self) -> tuple[float, float]:
        """The ends as fractions of the central value, e.g. ``(0.8, 1.4)``."""
        if self.central == 0:
            return (math.nan, math.nan)
        return (self.low / self.central, self.high / self.central)

    def __str__(self) -> str:
        return f"{_readable(self.central)} {self.unit} (band {_readable(self.low)} to {_readable(self.high)})"


def _readable(value: float) -> str:
    """Three significant digits with thousands separators: 1,290,000 or 0.0312."""
    if value == 0:
        return "0"
    rounded = float(f"{value:.3g}")
    if abs(rounded) >= 100:
        return f"{rounded:,.0f}"
    decimals = 2 - math.floor(math.log10(abs(rounded)))
    return f"{rounded:.{decimals}f}"


def as_band(name: str, value, default: Estimate | None, unit: str, **limits) -> Estimate:
    """An input band from what a caller may pass, checked against the allowed range.

    Parameters
    ----------
    name : str
        The parameter's name, for error messages.
    value : None, float, (low, high), (low, central, high) or Estimate
        None gives ``default``; a number gives a band of zero width; a pair
        gives its midpoint as central. An Estimate in another unit of the
        same kind is converted (a band in kW passed for watts becomes watts);
        in a unit of another kind it is refused.
    default : Estimate or None
        The band used when ``value`` is None.
    unit : str
        Unit of the band and of error messages.
    **limits
        ``minimum``, ``maximum``, ``min_inclusive``, ``max_inclusive`` as in
        the package's input checks; every end of the band must satisfy them.

    Raises
    ------
    ValueError
        If an end is outside the allowed range, the ends are out of order, or
        an Estimate's unit is not convertible to ``unit``.
    """
    if value is None:
        band = default
        if band is None:
            raise ValueError(f"{name} is required [{unit}]")
    elif isinstance(value, Estimate):
        if value.unit != unit:
            try:
                value = value.to(unit)
            except ValueError:
                raise ValueError(f"{name} must be in {unit!r}; got an Estimate in {value.unit!r}, which does not convert to it") from None
        band = value
    elif isinstance(value, (tuple, list)) and len(value) in (2, 3):
        values = [checked_scalar(name, v, unit=unit, **limits) for v in value]
        low, high = values[0], values[-1]
        central = values[1] if len(values) == 3 else (low + high) / 2
        if not low <= central <= high:
            raise ValueError(f"{name} must be ordered (low, central, high) or (low, high); got {value!r}")
        band = Estimate(low, central, high, unit)
    else:
        number = checked_scalar(name, value, unit=unit, **limits)
        band = Estimate(number, number, number, unit)
    for end in (band.low, band.central, band.high):
        checked_scalar(name, end, unit=unit, **limits)
    return band


def triangular_draws(band: Estimate, rng: np.random.Generator, draws: int) -> np.ndarray:
    """Triangular draws over a band (low, mode at central, high); a band of zero width is a constant.

    Parameters
    ----------
    band : Estimate
        Low, mode (central) and high of the distribution.
    rng : numpy.random.Generator
        The random generator to draw from.
    draws : int
        How many draws.

    Returns
    -------
    numpy.ndarray
        ``draws`` values between ``band.low`` and ``band.high``.
    """
    if band.low == band.high:
        return np.full(draws, band.central)
    return rng.triangular(band.low, band.central, band.high, draws)


def checked_draws(draws) -> int:
    """The number of Monte Carlo draws, an integer from 1,000 to 10,000,000, or a ``ValueError``.

    Parameters
    ----------
    draws : int
        The number of draws asked for.

    Returns
    -------
    int
    """
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or not 1_000 <= draws <= 10_000_000:
        raise ValueError(f"draws must be an integer from 1,000 to 10,000,000; got {draws!r}")
    return int(draws)


def checked_seed(seed) -> int:
    """A random seed, a non-negative integer, or a ``ValueError``.

    Parameters
    ----------
    seed : int
        The seed asked for.

    Returns
    -------
    int
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer; got {seed!r}")
    return int(seed)
