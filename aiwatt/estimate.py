"""One representation of an uncertain quantity: :class:`Estimate`.

Every function of aiwatt that returns a band returns an ``Estimate``: a low, a
central and a high value in one unit. Bands from Monte Carlo draws are the 5th
and 95th percentiles (a 90% interval) unless stated otherwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from aiwatt import units as _units
from aiwatt._checks import checked_scalar

#: Percentiles that make the low and high ends of a band from draws.
BAND_PERCENTILES: tuple[float, float] = (5.0, 95.0)


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
        If a value is NaN or infinite, or the three are out of order.

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
        for name in ("low", "central", "high"):
            value = float(getattr(self, name))
            if not math.isfinite(value):
                raise ValueError(f"Estimate {name} must be a finite number; got {value!r}")
            object.__setattr__(self, name, value)
        if not self.low <= self.central <= self.high:
            raise ValueError(f"Estimate must have low <= central <= high; got {self.low!r}, {self.central!r}, {self.high!r}")

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
            The central value; the median of the draws when omitted. A given
            central value outside the percentiles widens the band to include it.
        """
        draws = np.asarray(draws, dtype=float)
        if draws.size == 0 or not np.isfinite(draws).all():
            raise ValueError("draws must be a non-empty array of finite numbers")
        low, median, high = np.percentile(draws, [BAND_PERCENTILES[0], 50.0, BAND_PERCENTILES[1]])
        central = float(median) if central is None else float(central)
        return cls(min(float(low), central), central, max(float(high), central), unit)

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies within the band, ends included.

        Parameters
        ----------
        value : float
            A value in the band's unit.
        """
        return self.low <= value <= self.high

    def to(self, unit: str) -> "Estimate":
        """The same energy band in another energy unit (see :mod:`aiwatt.units`).

        Parameters
        ----------
        unit : str
            An energy unit of :data:`aiwatt.units.JOULES_PER_UNIT`; the band must be in one too.

        Returns
        -------
        Estimate
        """
        converted = _units.convert(np.array([self.low, self.central, self.high]), self.unit, unit)
        return Estimate(*(float(v) for v in converted), unit)

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
        gives its midpoint as central.
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
        If an end is outside the allowed range or the ends are out of order.
    """
    if value is None:
        band = default
    elif isinstance(value, Estimate):
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
