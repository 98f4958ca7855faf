"""ipywidgets dashboards for live notebooks (JupyterLab, Binder, a JupyterHub).

They need a running kernel: in the static book they show their starting
state, and the Vega-Lite charts beside them carry the interactivity.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from aiwatt import equivalents, units


def _converter_table(value: float, unit: str, region: str) -> str:
    kwh = units.convert(value, unit, "kWh")
    rows = [(name, f"{units.convert(kwh, 'kWh', name):,.6g}") for name in units.JOULES_PER_UNIT]
    rows.append(("Readable", units.format_energy(kwh)))
    rows.append((f"{region} household-months", f"{equivalents.household_months(kwh, region):,.4g}"))
    rows.append((f"{region} household-years", f"{equivalents.household_years(kwh, region):,.4g}"))
    rows.append(("Share of a year of world electricity", f"{equivalents.share_of_world_electricity(kwh):.3e}"))
    cells = "".join(f"<tr><th style='text-align:left'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table>{cells}</table>"


def energy_converter(value: float = 1287.0, unit: str = "MWh", region: str = "China") -> widgets.VBox:
    """A converter: type an energy, pick its unit and a region, read every equivalent.

    Parameters
    ----------
    value : float, default 1287.0
        Starting energy in ``unit`` (GPT-3's published training energy in MWh).
    unit : str, default "MWh"
        Starting unit, a key of :data:`aiwatt.units.JOULES_PER_UNIT`.
    region : str, default "China"
        Starting region for household equivalents.

    Returns
    -------
    ipywidgets.VBox
        The controls and a table that updates as they change; a bad entry
        shows the error message instead of the table.
    """
    regions = list(equivalents.data.load("households")["region"])
    value_box = widgets.FloatText(value=value, description="Energy")
    unit_box = widgets.Dropdown(options=list(units.JOULES_PER_UNIT), value=unit, description="Unit")
    region_box = widgets.Dropdown(options=regions, value=equivalents.canonical_region(region), description="Region")
    output = widgets.HTML()

    def update(_change=None) -> None:
        try:
            output.value = _converter_table(value_box.value, unit_box.value, region_box.value)
        except ValueError as error:
            output.value = f"<p style='color:#b00'>{html.escape(str(error))}</p>"

    for box in (value_box, unit_box, region_box):
        box.observe(update, names="value")
    update()
    return widgets.VBox([widgets.HBox([value_box, unit_box, region_box]), output])
