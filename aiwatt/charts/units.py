"""Charts of the chapter "Watts, joules and the scale of things"."""

from __future__ import annotations

import altair as alt
import pandas as pd

from aiwatt.charts.common import PALETTE, text_panel, energy_axis, readable_energy_expr


def energy_ladder(landmarks: pd.DataFrame, household_kwh: dict[str, float], world_kwh: float) -> alt.VConcatChart:
    """A log-scale ladder of energies, with a slider that places any energy on it.

    Parameters
    ----------
    landmarks : pandas.DataFrame
        Columns ``label`` and ``energy_kwh`` [kWh], e.g. from
        :func:`aiwatt.equivalents.landmarks`.
    household_kwh : dict of str to float
        Monthly household use [kWh per month] keyed by a phrase that completes
        "an average household ...", such as ``"in the US"``.
    world_kwh : float
        One year's world electricity consumption [kWh], for the share.

    Returns
    -------
    altair.VConcatChart
        The ladder, and beneath it the slider's energy in household-months,
        household-years and share of world electricity, all computed in the
        browser.
    """
    log_energy = alt.param(
        name="log10_kwh",
        value=6.11,
        bind=alt.binding_range(min=-4, max=14, step=0.01, name="Energy, log10(kWh): "),
    )
    energy = "pow(10, log10_kwh)"
    readable = readable_energy_expr(energy)
    scale = alt.Scale(type="log", domain=[1e-4, 1e14])
    x = alt.X("energy_kwh:Q", scale=scale, axis=energy_axis("Energy, log scale: each rung is 1,000 times the one before"))
    base = alt.Chart(landmarks).encode(
        x=x,
        y=alt.Y("label:N", sort=alt.EncodingSortField("energy_kwh"), title=None),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("energy_kwh:Q", title="kWh", format=",.4~g")],
    )
    points = base.mark_point(filled=True, size=90, color=PALETTE["training"])
    labels = base.mark_text(align="left", dx=8, fontSize=11).encode(text="readable:N").transform_calculate(
        readable=readable_energy_expr("datum.energy_kwh")
    )
    marker = (
        alt.Chart(pd.DataFrame({"dummy": [0]}))
        .mark_rule(color=PALETTE["highlight"], strokeWidth=3)
        .encode(x=alt.X("energy_kwh:Q", scale=scale))
        .transform_calculate(energy_kwh=energy)
    )
    ladder = (
        alt.layer(points, labels, marker)
        .add_params(log_energy)
        .properties(width=400, height=24 * len(landmarks), title="The energy ladder: move the slider to place an energy")
    )
    lines = [f"'Energy: ' + ({readable})"]
    for region, kwh in household_kwh.items():
        lines.append(
            f"'= ' + format({energy} / {kwh}, ',.3~r') + ' months of an average household {region}'"
            f" + ' (' + format({energy} / {kwh} / 12, ',.3~r') + ' household-years)'"
        )
    lines.append(f"'= ' + format(100 * {energy} / {world_kwh}, '.2~r') + '% of the world\\'s electricity in a year'")
    text_rows = text_panel(lines)
    return alt.vconcat(ladder, text_rows).properties(
        description="Energy ladder from watt-hours to terawatt-hours with a slider and household equivalents"
    )
