"""Charts of the chapter "Watts, joules and the scale of things"."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from aiwatt.charts.common import (
    PALETTE, colour_scale, energy_axis, finish, label_axis, slider, vega_energy, vega_number, vega_share, wrapped_labels,
)

#: Days in an average month (365.25 / 12), for household time shorter than a month.
DAYS_PER_MONTH = 365.25 / 12

#: The smallest share of the world's electricity the energy ladder writes as a number [fraction]; below it,
#: "less than a billionth" (a share in 10¹⁸ says nothing to a first-year reader): one part in 10⁹.
#:
#: :meta hide-value:
SMALLEST_SHARE = 1e-9


def vega_household_time(months: str) -> str:
    """A Vega expression writing a span of household electricity use in the unit that reads best.

    From a year up the span is in years, then months, days, hours, minutes
    and seconds, each number written by
    :func:`aiwatt.charts.common.vega_number`: "470 years", "3.20 days",
    "2.05 seconds", never "0.000000438 months". :func:`household_time_text`
    is its Python twin.

    Parameters
    ----------
    months : str
        A Vega expression giving the span [household-months]: an energy
        divided by a household's monthly use.

    Returns
    -------
    str
        A Vega expression giving the span as text, with its unit in words.
    """
    steps = [
        (f"({months}) / 12", 1, "years"),
        (f"({months})", 1, "months"),
        (f"({months}) * {DAYS_PER_MONTH}", 1, "days"),
        (f"({months}) * {DAYS_PER_MONTH * 24}", 1, "hours"),
        (f"({months}) * {DAYS_PER_MONTH * 24 * 60}", 1, "minutes"),
    ]
    body = f"{vega_number(f'({months}) * {DAYS_PER_MONTH * 24 * 3600}')} + ' seconds'"
    for value, floor, unit in reversed(steps):
        body = f"({value}) >= {floor} ? {vega_number(value)} + ' {unit}' : {body}"
    return f"({body})"


def household_time_text(months: float) -> str:
    """A span of household electricity use in the unit that reads best: the Python twin of :func:`vega_household_time`.

    Parameters
    ----------
    months : float
        The span [household-months], >= 0.

    Returns
    -------
    str
        The span in years, months, days, hours, minutes or seconds, the
        largest in which it is at least 1, written by
        :func:`aiwatt.units.format_number`: "470 years", "3.20 days".

    Examples
    --------
    >>> household_time_text(5640), household_time_text(0.1)
    ('470 years', '3.04 days')
    """
    from aiwatt import units

    for factor, unit in ((1 / 12, "years"), (1, "months"), (DAYS_PER_MONTH, "days"), (DAYS_PER_MONTH * 24, "hours"),
                         (DAYS_PER_MONTH * 24 * 60, "minutes")):
        if months * factor >= 1:
            return f"{units.format_number(months * factor)} {unit}"
    return f"{units.format_number(months * DAYS_PER_MONTH * 24 * 3600)} seconds"


def vega_world_share(fraction: str) -> str:
    """A Vega expression writing a share of the world's electricity as a reader reads it.

    :func:`aiwatt.charts.common.vega_share` down to :data:`SMALLEST_SHARE`,
    then "less than a billionth". :func:`world_share_text` is its Python twin.

    Parameters
    ----------
    fraction : str
        A Vega expression giving the share [fraction], >= 0.

    Returns
    -------
    str
        A Vega expression giving the share as text.
    """
    return f"(({fraction}) < {SMALLEST_SHARE!r} ? 'less than a billionth' : {vega_share(fraction)})"


def world_share_text(fraction: float) -> str:
    """A share of the world's electricity as a reader reads it: the Python twin of :func:`vega_world_share`.

    Parameters
    ----------
    fraction : float
        The share [fraction], >= 0.

    Returns
    -------
    str
        :func:`aiwatt.units.format_share`, or "less than a billionth" below
        :data:`SMALLEST_SHARE`.

    Examples
    --------
    >>> world_share_text(4.2e-8), world_share_text(1e-14)
    ('42 parts in a billion', 'less than a billionth')
    """
    from aiwatt import units

    return "less than a billionth" if fraction < SMALLEST_SHARE else units.format_share(fraction)


def energy_ladder(
    landmarks: pd.DataFrame,
    household_kwh: dict[str, float],
    world_kwh: float,
    start_kwh: float = 1.287e6,
    title: str | None = None,
) -> alt.LayerChart:
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
    start_kwh : float, default 1,287,000
        The slider's starting energy [kWh] (GPT-3's published training energy).
    title : str, optional
        The chart's message; by default, how many powers of ten the ladder spans.

    Returns
    -------
    altair.LayerChart
        The ladder with the slider's energy as a black line; beneath it, that
        energy in household time and as a share of the world's electricity in
        a year, all computed in the browser.
    """
    energy = slider("energy_kwh", "Energy", start_kwh, 1e-4, 1e14, log=True, readout="energy")
    span = math.log10(landmarks["energy_kwh"].max() / landmarks["energy_kwh"].min())
    if title is None:
        title = f"From a chatbot prompt to the world's electricity: {span:.0f} powers of ten"
    rows = landmarks.assign(
        wrapped=wrapped_labels(landmarks["label"], 24),
        right=landmarks["energy_kwh"] < 1e5,
    )
    scale = alt.Scale(type="log", domain=[1e-4, 1e14])
    x = alt.X("energy_kwh:Q", scale=scale, axis=energy_axis("Energy, log scale"))
    kinds = ["a published figure", "the slider's energy"]
    colour = alt.Color("kind:N", scale=colour_scale(kinds, [PALETTE["training"], PALETTE["highlight"]]), legend=alt.Legend(title=None))
    base = alt.Chart(rows).transform_calculate(energy_text=vega_energy("datum.energy_kwh"), kind=f"'{kinds[0]}'").encode(
        x=x,
        y=alt.Y(
            "wrapped:N", sort=alt.EncodingSortField("energy_kwh"), title=None,
            axis=label_axis(),
        ),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("energy_text:N", title="Energy")],
    )
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "stroke"]), legend=alt.Legend(title=None))
    points = base.mark_point(filled=True, size=80, opacity=1).encode(color=colour, shape=shape)
    values = [
        base.transform_filter(f"{'' if right else '!'}datum.right")
        .mark_text(align="left" if right else "right", dx=8 if right else -8)
        .encode(text="energy_text:N")
        for right in (True, False)
    ]
    marker = (
        alt.Chart(pd.DataFrame({"kind": [kinds[1]]}))
        .transform_calculate(energy_kwh=energy.name)
        .mark_rule(strokeWidth=2)
        .encode(x=alt.X("energy_kwh:Q", scale=scale), color=colour)
    )
    readouts = [f"({energy.text_name}) + ' is the electricity of'"]
    for region, kwh in household_kwh.items():
        readouts.append(f"{vega_household_time(f'{energy.name} / {float(kwh)!r}')} + ' of an average household {region},'")
    # Below a billionth, "3 parts in 10¹⁸" says nothing to a reader: say how small instead.
    readouts.append(f"'or ' + {vega_world_share(f'{energy.name} / {float(world_kwh)!r}')} + ' of the world\\'s electricity in a year.'")
    return finish(
        alt.layer(points, *values, marker),
        title=title,
        subtitle="Each gridline is 1,000 times the one before; the black line marks any energy you choose.",
        description=(
            "Published energies on a logarithmic scale, from one chatbot prompt (a fraction of a watt-hour) to the "
            "world's electricity for a year (tens of thousands of terawatt-hours); a slider places any energy among "
            "them and translates it into household time."
        ),
        controls=[energy],
        readouts=readouts,
        height=34 * len(rows),
    )
