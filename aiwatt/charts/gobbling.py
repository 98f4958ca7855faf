"""Charts of the chapter "Is AI gobbling up the world's electricity?"."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from aiwatt.charts.common import PALETTE

#: Series of the AI-electricity chart, in legend order, with their colours.
AI_SERIES: dict[str, str] = {
    "AI, your sliders": PALETTE["inference"],
    "AI, bottom-up (90% band)": PALETTE["highlight"],
    "AI, top-down (IEA accelerated servers)": PALETTE["training"],
    "All data centres (IEA Base Case)": PALETTE["household"],
    "World electricity": PALETTE["world"],
}


def demand_path_expr(start_twh: float, start_year: int) -> str:
    """The Vega expression of :func:`aiwatt.fleet.demand_path` for ``datum.year``.

    Uses the parameters ``growth``, ``tokens`` and ``efficiency``.

    Parameters
    ----------
    start_twh : float
        AI's electricity in ``start_year`` [TWh].
    start_year : int
        The year the path starts from.

    Returns
    -------
    str
        A Vega expression [TWh].
    """
    return f"{start_twh:.6g} * pow((1 + growth) * (1 + tokens) * (1 - efficiency), datum.year - {start_year})"


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
) -> alt.LayerChart:
    """AI's electricity to ``end_year`` against all data centres and the world, with sliders.

    The slider line grows AI's electricity from ``start_twh`` in
    ``start_year`` as :func:`aiwatt.fleet.demand_path` does, written as a Vega
    expression so that it runs in the browser: requests grow, answers
    lengthen, and efficiency gains divide the energy.

    Parameters
    ----------
    start_year, start_twh
        Where the slider line starts [calendar year, TWh].
    bottom_up, top_down : pandas.DataFrame
        Indexed by year, columns ``low_twh``, ``central_twh``, ``high_twh``
        (e.g. :func:`aiwatt.fleet.ai_electricity_table`).
    data_centres, world : pandas.DataFrame
        Columns ``year`` and ``twh``.
    growth_per_year, tokens_growth_per_year, efficiency_gain_per_year : float
        Starting values of the sliders [fraction per year].
    end_year : int, default 2035
        The last year drawn.
    """
    domain, colours = list(AI_SERIES), list(AI_SERIES.values())
    colour = alt.Scale(domain=domain, range=colours)
    legend = alt.Legend(title=None, orient="bottom", columns=1, labelLimit=320)
    params = [
        alt.param(name="growth", value=growth_per_year,
                  bind=alt.binding_range(min=0.0, max=1.5, step=0.05, name="Growth of AI requests, per year: ")),
        alt.param(name="tokens", value=tokens_growth_per_year,
                  bind=alt.binding_range(min=0.0, max=0.6, step=0.01, name="Growth of tokens per answer, per year: ")),
        alt.param(name="efficiency", value=efficiency_gain_per_year,
                  bind=alt.binding_range(min=0.0, max=0.6, step=0.01, name="Efficiency gain of the fleet, per year: ")),
    ]
    y_scale = alt.Scale(type="log", domain=[10, 100_000])
    x = alt.X("year:Q", axis=alt.Axis(format="d", title=None, tickCount=6), scale=alt.Scale(domain=[start_year - 1, end_year]))
    y = alt.Y("twh:Q", scale=y_scale, title="Electricity [TWh per year], log scale",
              axis=alt.Axis(values=[10, 100, 1000, 10_000, 100_000], format=",.0f"))

    def band_rows(table: pd.DataFrame, label: str) -> pd.DataFrame:
        return table.rename_axis("year").reset_index().assign(series=label)

    bands = pd.concat([band_rows(bottom_up, domain[1]), band_rows(top_down, domain[2])], ignore_index=True)
    area = alt.Chart(bands[bands["series"] == domain[1]]).mark_area(opacity=0.3).encode(
        x=x, y=alt.Y("low_twh:Q", scale=y_scale), y2="high_twh:Q", color=alt.Color("series:N", scale=colour, legend=legend),
    )
    rule = alt.Chart(bands[bands["series"] == domain[2]]).mark_errorbar(thickness=2).encode(
        x=x, y=alt.Y("low_twh:Q", scale=y_scale, title=""), y2="high_twh:Q", color=alt.Color("series:N", scale=colour, legend=legend),
    )
    centres = alt.Chart(bands.rename(columns={"central_twh": "twh"})).mark_line(point=True, strokeWidth=1.5).encode(
        x=x, y=y, color=alt.Color("series:N", scale=colour, legend=legend),
        tooltip=[alt.Tooltip("series:N", title="What"), alt.Tooltip("year:Q", format="d"),
                 alt.Tooltip("twh:Q", title="Central TWh", format=",.0f"),
                 alt.Tooltip("low_twh:Q", title="Low TWh", format=",.0f"), alt.Tooltip("high_twh:Q", title="High TWh", format=",.0f")],
    )
    references = pd.concat([data_centres.assign(series=domain[3]), world.assign(series=domain[4])], ignore_index=True)
    reference_lines = alt.Chart(references).mark_line(strokeDash=[6, 3], strokeWidth=2).encode(
        x=x, y=y, color=alt.Color("series:N", scale=colour, legend=legend),
        tooltip=[alt.Tooltip("series:N", title="What"), alt.Tooltip("year:Q", format="d"), alt.Tooltip("twh:Q", title="TWh", format=",.0f")],
    )
    years = pd.DataFrame({"year": np.arange(start_year, end_year + 1), "series": domain[0]})
    path = (
        alt.Chart(years)
        .transform_calculate(twh=demand_path_expr(start_twh, start_year))
        .mark_line(strokeWidth=3)
        .encode(x=x, y=y, color=alt.Color("series:N", scale=colour, legend=legend),
                tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("twh:Q", title="AI, your sliders, TWh", format=",.0f")])
    )
    return (
        alt.layer(area, rule, centres, reference_lines, path)
        .add_params(*params)
        .properties(
            width="container", height=340,
            title=alt.TitleParams(["AI's electricity grows fast,", "yet stays a few percent of the world's"]),
            description="AI's electricity to 2035 by two routes and your sliders, against all data centres and world electricity",
        )
    )


def share_chart(shares: pd.DataFrame) -> alt.Chart:
    """Shares of electricity as horizontal bars, grouped by what they measure.

    Parameters
    ----------
    shares : pandas.DataFrame
        Columns ``label`` (what and where), ``share_fraction`` and ``kind``
        (e.g. "AI, world", "data centres, a country or state").
    """
    kinds = list(dict.fromkeys(shares["kind"]))
    palette = [PALETTE["inference"], PALETTE["household"], PALETTE["training"], PALETTE["world"]][: len(kinds)]
    base = alt.Chart(shares).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=140)),
        x=alt.X("share_fraction:Q", title="Share of electricity", axis=alt.Axis(format=".0%", tickCount=3)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=palette), legend=alt.Legend(title=None, orient="bottom", columns=1)),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("share_fraction:Q", title="Share", format=".1%")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(text=alt.Text("share_fraction:Q", format=".1%"))
    return (bars + labels).properties(
        width=170, height=24 * len(shares),
        title=alt.TitleParams(["Small in the world,", "large where it lands"]),
        description="AI's and data centres' share of electricity: the world, countries and US states",
    )


def power_chart(rows: pd.DataFrame) -> alt.Chart:
    """Power draws in megawatts on a log axis: clusters against a city and a country.

    Parameters
    ----------
    rows : pandas.DataFrame
        Columns ``label``, ``power_mw`` [MW] and ``kind`` ("AI cluster" or
        "for comparison").
    """
    kinds = list(dict.fromkeys(rows["kind"]))
    palette = [PALETTE["inference"], PALETTE["world"], PALETTE["household"]][: len(kinds)]
    base = alt.Chart(rows).encode(
        y=alt.Y("label:N", sort=None, title=None, axis=alt.Axis(labelLimit=160)),
        x=alt.X("power_mw:Q", scale=alt.Scale(type="log", domain=[1, 20_000]), title="Power [MW], log scale",
                axis=alt.Axis(values=[1, 100, 10000], format=",.0f")),
    )
    bars = base.mark_bar().encode(
        x2=alt.datum(1),
        color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=palette), legend=alt.Legend(title=None, orient="bottom")),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("power_mw:Q", title="MW", format=",.0f")],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(text=alt.Text("power_mw:Q", format=",.0f"))
    return (bars + labels).properties(
        width=170, height=26 * len(rows),
        title=alt.TitleParams(["One frontier cluster draws", "as much as a city"]),
        description="Power of AI clusters against a city's households and a country's average demand",
    )
