"""Physical limits of computing: the Landauer limit and energy per operation.

Landauer's principle: erasing one bit of information at temperature T
dissipates at least k T ln 2 of heat. Today's accelerators spend about a
hundred million times that on one floating-point operation (which erases many
bits). The table ``aiwatt.data.load("energy_per_operation")`` holds energy
per operation for accelerators and for photonic and quantum demonstrations,
each with what one "operation" is.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from aiwatt import data
from aiwatt._checks import checked_array, unknown_name_error

#: The Boltzmann constant [J/K], exact since the 2019 SI redefinition: 1.380649 × 10⁻²³ J/K.
#:
#: :meta hide-value:
BOLTZMANN_J_PER_K: float = 1.380649e-23

#: Room temperature used for comparisons [K].
ROOM_TEMPERATURE_K: float = 300.0

#: Kinds of computing in the table.
KINDS: tuple[str, ...] = ("electronic", "photonic", "quantum")


def landauer_limit_j(temperature_k=ROOM_TEMPERATURE_K):
    """The least heat dissipated by erasing one bit [J].

    Parameters
    ----------
    temperature_k : float, array-like or pandas.Series, default 300
        Temperature of the surroundings the heat goes to [K], positive.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        :math:`k_B T \\ln 2` [J per bit].

    Raises
    ------
    ValueError
        If a temperature is zero, negative, NaN or infinite.

    Notes
    -----
    .. math:: E_{min} = k_B \\, T \\ln 2

    with :math:`k_B = 1.380649 \\times 10^{-23}` J/K (exact in the SI since 2019).

    References
    ----------
    .. [1] R. Landauer, "Irreversibility and Heat Generation in the Computing
       Process", IBM J. Res. Dev. 5, 183-191 (1961).
    .. [2] BIPM, The International System of Units (SI), 9th edition, 2019.

    Examples
    --------
    >>> round(landauer_limit_j(300.0) * 1e21, 2)
    2.87
    """
    temperature, restore = checked_array("temperature_k", temperature_k, minimum=0.0, min_inclusive=False, unit="K")
    return restore(BOLTZMANN_J_PER_K * temperature * math.log(2.0))


def energy_per_operation(kind: str | None = None) -> pd.DataFrame:
    """Published energy per operation, with what one operation is.

    Parameters
    ----------
    kind : {"electronic", "photonic", "quantum"}, optional
        Only rows of that kind; all when omitted.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``kind``, ``year``, ``energy_per_operation_j``,
        ``operation``, ``source``, ``confidence``, ``notes``, and
        ``landauer_multiple_ratio``: how many times the Landauer limit at
        300 K the energy is.
    """
    table = data.load("energy_per_operation")
    if kind is not None:
        if kind not in KINDS:
            raise unknown_name_error("kind", kind, KINDS)
        table = table[table["kind"] == kind]
    return table.assign(landauer_multiple_ratio=table["energy_per_operation_j"] / landauer_limit_j(ROOM_TEMPERATURE_K)).reset_index(drop=True)


def orders_above_landauer(energy_j, temperature_k=ROOM_TEMPERATURE_K):
    """Powers of ten between an energy and the Landauer limit [orders of magnitude].

    ``log10(energy_j / landauer_limit_j(temperature_k))``; both inputs positive.

    Parameters
    ----------
    energy_j : float, array-like or pandas.Series
        Energy per operation [J], > 0.
    temperature_k : float, default 300.0
        Temperature [K], > 0.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Orders of magnitude above the limit.

    Examples
    --------
    >>> round(orders_above_landauer(7.08e-13), 1)
    8.4
    """
    energy, restore = checked_array("energy_j", energy_j, minimum=0.0, min_inclusive=False, unit="J")
    return restore(np.log10(energy / landauer_limit_j(temperature_k)))
