"""Charts of the chapter "Is AI gobbling up the world's electricity?"."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from aiwatt.charts.common import (
    PALETTE, colour_scale, finish, label_axis, number_axis, powers_of_ten, slider, vega_number, vega_share, wrapped_labels, year_axis,
)

#: Series of the AI-electricity chart, in legend order, with their colours.
AI_SERIES: dict[str, str] = {
    "AI, your sliders": PALETTE["inference"],
    "AI, bottom-up (90% band)": PALETTE["training"],
    "AI, top-down (IEA accelerated servers)": PALETTE["claim"],
    "All data centres (IEA Base Case)": PALETTE["household"],
    "World electricity": PALETTE["world"],
}


def demand_path_expr(start_twh: float, start_year: int, pivot_year: int = 2030) -> str:
    """The Vega expression of :func:`aiwatt.fleet.demand_path` for ``datum.year`` [TWh].

    Uses the chart's parameters ``growth`` and ``growth_after`` (requests, to
    ``pivot_year`` and after it), ``tokens`` and ``efficiency`` [fraction per
    year] (the sliders of :func:`ai_electricity_chart`).

    Parameters
    ----------
    start_twh : float
        AI's electricity in ``start_year`` [TWh], > 0.
    start_year : int
        The year the path starts from [calendar year].
    pivot_year : int, default 2030
        The year the requests' growth changes [calendar year].

    Returns
    -------
    str
        A Vega expression giving AI's electricity in the year ``datum.year``
        [TWh].

    Notes
    -----
    The formula of :func:`aiwatt.fleet.demand_path`, with :math:`E_0` =
    ``start_twh`` and :math:`t_0` = ``start_year``.
    """
    return (f"{start_twh:.6g} * pow(1 + growth, min(datum.year, {pivot_year}) - {start_year})"
            f" * pow(1 + growth_after, max(datum.year - {pivot_year}, 0))"
            f" * pow((1 + tokens) * (1 - efficiency), datum.year - {start_year})")


def _twh_text(field: str) -> str:
    return vega_number(f"datum.{field}") + " + ' TWh'"


def ai_electricity_chart(
    start_year: int,
    start_twh: float,
    bottom_up: pd.DataFrame,
    top_down: pd.DataFrame,
    data_centres: pd.DataFrame,
    world: pd.DataFrame,
    growth_per_year: float,
    tokens_growth_per_year: float,
    efficiency_gain_per_year: float,
    end_year: int = 2035,
    title: str | None = None,
    growth_after_per_year: float | None = None,
    pivot_year: int = 2030,
) -> alt.LayerChart:
    """AI's electricity to ``end_year`` against all data centres and the world, with sliders.

    The slider line grows AI's electricity from ``start_twh`` in
    ``start_year`` as :func:`aiwatt.fleet.demand_path` does, written as a Vega
    expression (:func:`demand_path_expr`) so that it runs in the browser:
    requests grow, answers lengthen, and efficiency gains divide the energy.
    The lines under the chart give the line's value in 2030 and ``end_year``,
    its share of the world's electricity, and a warning when it passes the
    world's electricity.

    Parameters
    ----------
    start_year, start_twh
        Where the slider line starts [calendar year, TWh].
    bottom_up, top_down : pandas.DataFrame
        Indexed by year, columns ``low_twh``, ``central_twh``, ``high_twh``
        (e.g. :func:`aiwatt.fleet.ai_electricity_table`).
    data_centres, world : pandas.DataFrame
        Columns ``year`` and ``twh``; ``world`` must cover the readout years.
    growth_per_year, tokens_growth_per_year, efficiency_gain_per_year : float
        Starting values of the sliders [fraction per year]: requests to
        ``pivot_year``, tokens per answer, the fleet's energy per token.
    end_year : int, default 2035
        The last year drawn [calendar year].
    title : str, optional
        The message; by default one that no slider setting contradicts.
    growth_after_per_year : float, optional
        Starting value of the slider of requests' growth after ``pivot_year``
        [fraction per year]; ``growth_per_year`` when omitted.
    pivot_year : int, default 2030
        The year the requests' growth changes [calendar year].
    """
    after = growth_per_year if growth_after_per_year is None else growth_after_per_year
    controls = [
        slider("growth", f"AI requests grow by, to {pivot_year},", growth_per_year, 0.0, 1.5, step=0.01, readout="share",
               prefix="+", suffix=" a year"),
        slider("growth_after", f"AI requests grow by, after {pivot_year},", after, 0.0, 1.5, step=0.01, readout="share",
               prefix="+", suffix=" a year"),
        slider("tokens", "Tokens per answer grow by", tokens_growth_per_year, 0.0, 0.6, step=0.01, readout="share",
               prefix="+", suffix=" a year"),
        slider("efficiency", "The fleet's energy per token falls by", efficiency_gain_per_year, 0.0, 0.6, step=0.01,
               readout="share", suffix=" a year"),
    ]
    domain, colours = list(AI_SERIES), list(AI_SERIES.values())
    # Lines in the legend, dashed where the line is dashed: every series is a line or a band's outline.
    legend = alt.Legend(title=None, symbolType="stroke", symbolStrokeWidth=3, symbolSize=300)
    colour = alt.Color("series:N", scale=colour_scale(domain, colours), legend=legend)
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=domain, range=[[1, 0], [1, 0], [1, 0], [6, 3], [6, 3]]), legend=legend)
    low, high = 10, 100_000
    y_scale = alt.Scale(type="log", domain=[low, high])
    x = alt.X("year:Q", axis=year_axis(tickCount=6), scale=alt.Scale(domain=[start_year - 1, end_year]))
    y = alt.Y("twh:Q", scale=y_scale, axis=number_axis("Electricity [TWh a year], log scale", significant=1, log_range=(low, high)))
    tooltip = [alt.Tooltip("series:N", title="What"), alt.Tooltip("year:Q", format="d", title="Year"),
               alt.Tooltip("twh_text:N", title="Electricity")]

    def band_rows(table: pd.DataFrame, label: str) -> pd.DataFrame:
        return table.rename_axis("year").reset_index().assign(series=label)

    bands = pd.concat([band_rows(bottom_up, domain[1]), band_rows(top_down, domain[2])], ignore_index=True)
    # The band's fill is light; its outline (3:1 against the page) shows where it ends.
    area = alt.Chart(bands[bands["series"] == domain[1]]).mark_area(
        fillOpacity=0.2, stroke=AI_SERIES[domain[1]], strokeWidth=1
    ).encode(x=x, y=alt.Y("low_twh:Q", scale=y_scale), y2="high_twh:Q", color=colour)
    rule = alt.Chart(bands[bands["series"] == domain[2]]).mark_rule(strokeWidth=2).encode(
        x=x, y=alt.Y("low_twh:Q", scale=y_scale), y2="high_twh:Q", color=colour, strokeDash=dash,
    )
    centres = (
        alt.Chart(bands.rename(columns={"central_twh": "twh"}))
        .transform_calculate(twh_text=_twh_text("twh") + " + ' (band ' + " + vega_number("datum.low_twh") + " + ' to ' + "
                             + vega_number("datum.high_twh") + " + ')'")
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=30), strokeWidth=1.5)
        .encode(x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    )
    references = pd.concat([data_centres.assign(series=domain[3]), world.assign(series=domain[4])], ignore_index=True)
    reference_lines = (
        alt.Chart(references)
        .transform_calculate(twh_text=_twh_text("twh"))
        .mark_line(strokeWidth=2)
        .encode(x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    )
    path_expr = demand_path_expr(start_twh, start_year, pivot_year)
    path = (
        alt.Chart(pd.DataFrame({"year": np.arange(start_year, end_year + 1), "series": domain[0]}))
        .transform_calculate(twh=path_expr)
        .transform_calculate(twh_text=_twh_text("twh"))
        .mark_line(strokeWidth=3)
        .encode(x=x, y=y, color=colour, strokeDash=dash, tooltip=tooltip)
    )
    world_twh = world.set_index("year")["twh"]
    readouts = []
    for year in (2030, end_year):
        if not start_year < year <= end_year:
            continue
        value = path_expr.replace("datum.year", str(year))
        share = f"({value}) / {float(world_twh.loc[year]):.6g}"
        readouts.append(
            f"'{year}: AI at ' + {vega_number(value)} + ' TWh with these rates, ' + "
            f"({share} > 1 ? 'more than the world\\'s electricity: rates like these cannot last' : "
            f"{vega_share(share)} + ' of the world\\'s electricity')"
        )
    return finish(
        alt.layer(area, rule, centres, reference_lines, path),
        title=title or f"AI's electricity to {end_year}: two routes, and a line you drive",
        subtitle="The sliders move the orange line only; the bands and the reference lines stay.",
        description=(
            f"AI's electricity to {end_year} by two routes (installed accelerators, and the IEA's accelerated servers) "
            "and by the sliders' growth rates, on a logarithmic scale beside all data centres and the world's electricity."
        ),
        controls=controls,
        readouts=readouts,
        height=340,
    )


def share_chart(shares: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Shares of electricity as horizontal bars, grouped by what they measure.

    Parameters
    ----------
    shares : pandas.DataFrame
        Columns ``label`` (what and where), ``share_fraction`` and ``kind``
        (e.g. "AI, world", "data centres, a country or state").
    title : str, optional
        The message.
    """
    kinds = list(dict.fromkeys(shares["kind"]))
    palette = [PALETTE["inference"], PALETTE["household"], PALETTE["training"], PALETTE["world"]][: len(kinds)]
    rows = shares.assign(wrapped=wrapped_labels(shares["label"], 22))
    largest = float(rows["share_fraction"].max())
    base = alt.Chart(rows).transform_calculate(share_text=vega_share("datum.share_fraction")).encode(
        y=alt.Y("wrapped:N", sort=None, title=None, axis=label_axis()),
        # Room on the right for the largest bar's label.
        x=alt.X("share_fraction:Q", title="Share of electricity", scale=alt.Scale(domain=[0, largest * 1.3]),
                axis=alt.Axis(format=".0%", tickCount=3)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("kind:N", scale=colour_scale(kinds, palette), legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("share_text:N", title="Share")],
    )
    labels = base.mark_text(align="left", dx=4).encode(text="share_text:N")
    return finish(
        alt.layer(bars, labels),
        title=title or "Data centres' share of electricity, in the world and where they cluster",
        description=("Data centres' share of electricity in the world, in Ireland and in some US states, and, coloured apart, "
                     "AI's own share of the world's electricity."),
        height=len(rows) * (14 * max(label.count("\n") + 1 for label in rows["wrapped"]) + 8),
    )


#: Colour of each kind of row in :func:`power_chart`: a projection is not a cluster that exists.
POWER_KIND_COLOURS: dict[str, str] = {
    "AI cluster": PALETTE["inference"],
    "projection": PALETTE["claim"],
    "for comparison": PALETTE["world"],
}


def power_chart(rows: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Power draws in megawatts as points on a log axis: clusters against a city and a country.

    Points, not bars: on a logarithmic axis a bar's length depends on where the
    axis starts, so it would make small draws look larger than they are.

    Parameters
    ----------
    rows : pandas.DataFrame
        Columns ``label``, ``power_mw`` [MW] and ``kind``: "AI cluster",
        "projection" (a trend, not a cluster that exists) or "for comparison"
        (:data:`POWER_KIND_COLOURS`).
    title : str, optional
        The message.
    """
    kinds = [kind for kind in POWER_KIND_COLOURS if kind in set(rows["kind"])]
    unknown = set(rows["kind"]) - set(POWER_KIND_COLOURS)
    if unknown:
        raise ValueError(f"kind must be one of {', '.join(POWER_KIND_COLOURS)}; got {sorted(unknown)}")
    palette = [POWER_KIND_COLOURS[kind] for kind in kinds]
    data = rows.assign(wrapped=wrapped_labels(rows["label"], 22))
    # Room right of the largest point for its label, on a phone too (about 30% of the axis).
    low, high = 1, 10 ** math.ceil(math.log10(float(data["power_mw"].max())) / 0.7)
    base = alt.Chart(data).transform_calculate(power_text=vega_number("datum.power_mw") + " + ' MW'").encode(
        y=alt.Y("wrapped:N", sort=None, title=None, axis=label_axis()),
        x=alt.X("power_mw:Q", scale=alt.Scale(type="log", domain=[low, high]),
                axis=number_axis("Power [MW], log scale", significant=1, values=powers_of_ten(low, high)[::2])),
    )
    points = base.mark_point(filled=True, size=110, opacity=1).encode(
        color=alt.Color("kind:N", scale=colour_scale(kinds, palette), legend=alt.Legend(title=None)),
        shape=alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "diamond", "square"][: len(kinds)]), legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("power_text:N", title="Power")],
    )
    labels = base.mark_text(align="left", dx=9).encode(text="power_text:N")
    return finish(
        alt.layer(points, labels),
        title=title or "One frontier cluster draws as much as a city",
        description="Power of AI training clusters, and the trend's projection for 2030, on a logarithmic scale, against a city's households "
                    "and a country's average demand.",
        height=len(data) * (14 * max(label.count("\n") + 1 for label in data["wrapped"]) + 8),
    )
