"""What the chapter charts share: the palette, energy axes and readable-energy expressions."""

from __future__ import annotations

import altair as alt
import pandas as pd

#: Colours used across the book (colour-blind-safe, from the Okabe-Ito palette).


PALETTE: dict[str, str] = {
    "training": "#0072B2",
    "inference": "#D55E00",
    "household": "#009E73",
    "world": "#999999",
    "claim": "#CC79A7",
    "highlight": "#E69F00",
}

def readable_energy_expr(kwh: str) -> str:
    """A Vega expression that writes the energy ``kwh`` (an expression in kWh) with
    the Wh prefix that reads best, like :func:`aiwatt.units.format_energy`.

    Parameters
    ----------
    kwh : str
        A Vega expression whose value is an energy [kWh].

    Returns
    -------
    str
        A Vega expression that evaluates to the energy as text, e.g. ``"1.29 GWh"``.
    """
    return (
        f"({kwh}) >= 1e9 ? format(({kwh}) / 1e9, ',.3~r') + ' TWh' : "
        f"({kwh}) >= 1e6 ? format(({kwh}) / 1e6, '.3~r') + ' GWh' : "
        f"({kwh}) >= 1e3 ? format(({kwh}) / 1e3, '.3~r') + ' MWh' : "
        f"({kwh}) >= 1 ? format({kwh}, '.3~r') + ' kWh' : "
        f"format(({kwh}) * 1e3, '.3~r') + ' Wh'"
    )


#: Ticks of an energy axis in kWh, labelled with a watt-hour prefix.
ENERGY_RUNGS_KWH: dict[float, str] = {
    1e-3: "1 Wh", 1e-2: "10 Wh", 0.1: "100 Wh", 1.0: "1 kWh", 10.0: "10 kWh", 100.0: "100 kWh",
    1e3: "1 MWh", 1e4: "10 MWh", 1e5: "100 MWh", 1e6: "1 GWh", 1e7: "10 GWh", 1e8: "100 GWh",
    1e9: "1 TWh", 1e10: "10 TWh", 1e11: "100 TWh", 1e12: "1,000 TWh", 1e13: "10,000 TWh",
}


def energy_axis(title: str, every: int = 3) -> alt.Axis:
    """A log axis for energies in kWh, ticked at powers of ten with readable units.

    ``every`` keeps one tick in so many (3: one per prefix step, Wh, kWh, MWh ...).

    Parameters
    ----------
    title : str
        The axis title, with its unit.
    every : int, default 3
        Keep one tick in so many powers of ten.

    Returns
    -------
    altair.Axis
    """
    ticks = {value: text for i, (value, text) in enumerate(ENERGY_RUNGS_KWH.items()) if i % every == 0}
    label_expr = " : ".join(f"datum.value == {value:g} ? '{text}'" for value, text in ticks.items()) + " : ''"
    return alt.Axis(title=title, values=list(ticks), labelExpr=label_expr)


def text_panel(lines: list[str], width: int = 400) -> alt.Chart:
    """A column of text lines, each a Vega expression evaluated in the browser.

    Parameters
    ----------
    lines : list of str
        Vega expressions, one per line of text.
    width : int, default 400
        Width of the panel [px].

    Returns
    -------
    altair.Chart
    """
    rows = pd.DataFrame({"row": range(len(lines))})
    return (
        alt.Chart(rows)
        .transform_calculate(text="[" + ", ".join(lines) + "][datum.row]")
        .mark_text(align="left", fontSize=13, x=0)
        .encode(y=alt.Y("row:O", axis=None), text="text:N")
        .properties(width=width, height=22 * len(lines))
    )
