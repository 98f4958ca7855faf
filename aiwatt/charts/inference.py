"""Charts of the chapter "Inference: the meter keeps running"."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from aiwatt.charts.common import PALETTE, readable_energy_expr


#: Marker shape of each boundary wherever published energies share an axis.
BOUNDARY_SHAPES: dict[str, str] = {"accelerator": "triangle-up", "server": "square", "facility": "circle", "not stated": "cross"}


def query_figures_chart(figures: pd.DataFrame) -> alt.Chart:
    """Published per-query energies on a log axis, coloured by what each counts, shaped by boundary.

    Parameters
    ----------
    figures : pandas.DataFrame
        Columns ``label``, ``query_wh`` [Wh], ``scope`` (a short text such as
        "accelerators only", "servers", "whole facility") and, optionally,
        ``boundary`` (accelerator, server, facility or not stated), drawn as
        the marker's shape.
    """
    scale = alt.Scale(type="log", domain=[0.001, 100])
    shape = (
        alt.Shape("boundary:N", scale=alt.Scale(domain=list(BOUNDARY_SHAPES), range=list(BOUNDARY_SHAPES.values())),
                  legend=alt.Legend(title="Boundary", orient="bottom", columns=1))
        if "boundary" in figures
        else alt.value("circle")
    )
    return (
        alt.Chart(figures)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("query_wh:Q", scale=scale, title="Energy per query [Wh], log scale"),
            y=alt.Y("label:N", sort=alt.EncodingSortField("query_wh"), title=None, axis=alt.Axis(labelLimit=280)),
            color=alt.Color("scope:N", legend=alt.Legend(title="What is counted", orient="bottom", columns=2)),
            shape=shape,
            tooltip=["label:N", alt.Tooltip("query_wh:Q", title="Wh", format=",.3~g"), "scope:N"]
            + (["boundary:N"] if "boundary" in figures else []),
        )
        .properties(width=360, height=24 * len(figures), description="Published energy per query and what each counts")
    )


def token_energy_chart(curves: pd.DataFrame, measured: pd.DataFrame) -> alt.LayerChart:
    """Energy per output token against batch size, model by model, with measurements.

    Parameters
    ----------
    curves : pandas.DataFrame
        Columns ``model``, ``batch_size`` and ``joules_per_token`` (modelled).
    measured : pandas.DataFrame
        Columns ``label``, ``batch_size`` and ``joules_per_token`` (published).
    """
    x = alt.X("batch_size:Q", scale=alt.Scale(type="log", base=2), title="Batch size (sequences decoded together), log scale")
    y = alt.Y("joules_per_token:Q", scale=alt.Scale(type="log"), title="Energy per output token [J], log scale")
    lines = alt.Chart(curves).mark_line(point=True).encode(
        x=x, y=y, color=alt.Color("model:N", legend=alt.Legend(title="Modelled", orient="bottom")),
        tooltip=["model:N", "batch_size:Q", alt.Tooltip("joules_per_token:Q", format=".3~g")],
    )
    points = alt.Chart(measured).mark_point(shape="diamond", size=160, filled=True, color=PALETTE["inference"]).encode(
        x=x, y=y, tooltip=["label:N", "batch_size:Q", alt.Tooltip("joules_per_token:Q", format=".3~g")]
    )
    labels = alt.Chart(measured).mark_text(align="left", dx=9, fontSize=10, color=PALETTE["inference"]).encode(x=x, y=y, text="label:N")
    return alt.layer(lines, points, labels).properties(
        width=420, height=300, description="Energy per output token against batch size"
    )


def crossover_chart(training_kwh: float, queries_per_day: float, wh_per_query: float, days: int = 365) -> alt.LayerChart:
    """Training energy against cumulative inference energy, with sliders, in the browser.

    Parameters
    ----------
    training_kwh : float
        Starting training energy [kWh].
    queries_per_day : float
        Starting traffic [queries per day].
    wh_per_query : float
        Starting energy per query [Wh].
    days : int
        Days shown.
    """
    params = [
        alt.param(name="log10_queries", value=round(float(np.log10(queries_per_day)), 2),
                  bind=alt.binding_range(min=5, max=10.5, step=0.05, name="Queries per day, log10: ")),
        alt.param(name="wh_query", value=wh_per_query, bind=alt.binding_range(min=0.05, max=5, step=0.05, name="Energy per query [Wh]: ")),
        alt.param(name="log10_training", value=round(float(np.log10(training_kwh)), 2),
                  bind=alt.binding_range(min=4, max=8, step=0.05, name="Training energy, log10(kWh): ")),
    ]
    day_table = pd.DataFrame({"day": np.arange(0, days + 1)})
    # Plotted in GWh: cumulative inference and the training energy.
    inference_gwh = "datum.day * pow(10, log10_queries) * wh_query / 1e9"
    cumulative = (
        alt.Chart(day_table)
        .transform_calculate(energy_gwh=inference_gwh)
        .mark_line(color=PALETTE["inference"], strokeWidth=3)
        .encode(x=alt.X("day:Q", title="Days of traffic"), y=alt.Y("energy_gwh:Q", title="Cumulative energy [GWh]"))
    )
    training_line = (
        alt.Chart(pd.DataFrame({"x": [0]}))
        .transform_calculate(energy_gwh="pow(10, log10_training) / 1e6")
        .mark_rule(color=PALETTE["training"], strokeWidth=3, strokeDash=[6, 3])
        .encode(y="energy_gwh:Q")
    )
    crossover_days = "pow(10, log10_training) * 1000 / (pow(10, log10_queries) * wh_query)"
    label = (
        alt.Chart(pd.DataFrame({"x": [0]}))
        .transform_calculate(
            energy_gwh="pow(10, log10_training) / 1e6",
            text=f"'Training (dashed): ' + ({readable_energy_expr('pow(10, log10_training)')}) + '. Inference overtakes it after ' + format({crossover_days}, ',.3~r') + ' days.'",
        )
        .mark_text(align="left", dx=4, dy=-8, fontSize=12, color=PALETTE["training"])
        .encode(x=alt.value(0), y="energy_gwh:Q", text="text:N")
    )
    return (
        alt.layer(cumulative, training_line, label)
        .add_params(*params)
        .properties(width=440, height=300, description="Cumulative inference energy against training energy")
    )


def scenario_queries_expr(start_year: int, queries_per_day: float) -> str:
    """Traffic of :func:`scenario_chart` for ``datum.year``: exponential growth capped at the ceiling.

    Parameters
    ----------
    start_year : int
        The year traffic starts from.
    queries_per_day : float
        Traffic in ``start_year`` [queries per day].

    Returns
    -------
    str
        A Vega expression [queries per day].
    """
    return f"min({queries_per_day:g} * pow(1 + growth, datum.year - {start_year}), pow(10, log10_ceiling))"


def scenario_energy_expr(start_year: int, max_life: int = 8) -> str:
    """Energy per query of :func:`scenario_chart` for ``datum.year`` [Wh]: tokens grow, efficiency reaches the fleet over ``life`` years.

    The Vega twin of :func:`aiwatt.scenarios.fleet_efficiency_factor` for whole service lives.

    Parameters
    ----------
    start_year : int
        The year the energy per query starts from.
    max_life : int, default 8
        The longest service life the expression spells out [years].

    Returns
    -------
    str
        A Vega expression [Wh].
    """
    t = f"(datum.year - {start_year})"
    terms = " + ".join(f"({k} < life ? pow(1 - efficiency, max({t} - {k}, 0)) : 0)" for k in range(max_life))
    return f"wh0 * pow(1 + tokens, {t}) * ({terms}) / life"


def scenario_chart(
    reference: pd.DataFrame,
    start_year: int,
    queries_per_day: float,
    wh_per_query: float,
    growth_per_year: float,
    efficiency_gain_per_year: float,
    saturation_queries_per_day: float,
    pue: float,
    end_year: int = 2035,
    tokens_growth_per_year: float = 0.0,
    service_life_years: int = 1,
) -> alt.LayerChart:
    """One AI service's electricity to ``end_year`` with sliders, against reference projections.

    The path follows the central model of :func:`aiwatt.scenarios.inference_scenario`
    (exponential traffic capped at a ceiling, tokens per answer growing,
    efficiency reaching the fleet over a service life), written as a Vega
    expression so that it runs in the browser.

    Parameters
    ----------
    reference : pandas.DataFrame
        Columns ``label``, ``year`` and ``twh`` (e.g. all AI, all data
        centres, the world), drawn as points, one colour per label.
    start_year, end_year : int
        The years drawn.
    queries_per_day, wh_per_query, growth_per_year, efficiency_gain_per_year, saturation_queries_per_day, pue
        Starting values of the sliders; the ceiling slider's top, 10 trillion
        queries a day, means no ceiling in practice.
    tokens_growth_per_year, service_life_years
        Starting values of the tokens and service-life sliders.
    """
    params = [
        alt.param(name="growth", value=growth_per_year, bind=alt.binding_range(min=0.0, max=2.0, step=0.05, name="Traffic growth rate, per year: ")),
        alt.param(name="efficiency", value=efficiency_gain_per_year,
                  bind=alt.binding_range(min=0.0, max=0.6, step=0.01, name="Efficiency gain of new servers per year: ")),
        alt.param(name="wh0", value=wh_per_query, bind=alt.binding_range(min=0.05, max=5, step=0.05, name=f"Energy per query in {start_year} [Wh]: ")),
        alt.param(name="log10_ceiling", value=round(float(np.log10(saturation_queries_per_day)), 2),
                  bind=alt.binding_range(min=9.5, max=13, step=0.05, name="Traffic ceiling, log10(queries/day), 13 = none: ")),
        alt.param(name="tokens", value=tokens_growth_per_year,
                  bind=alt.binding_range(min=0.0, max=0.6, step=0.01, name="Growth of tokens per answer, per year: ")),
        alt.param(name="life", value=service_life_years,
                  bind=alt.binding_range(min=1, max=8, step=1, name="Service life of a server [years]: ")),
    ]
    years = pd.DataFrame({"year": np.arange(start_year, end_year + 1)})
    twh = f"({scenario_queries_expr(start_year, queries_per_day)}) * 365 * ({scenario_energy_expr(start_year)}) * {pue:g} / 1e12"
    path = (
        alt.Chart(years)
        .transform_calculate(twh=twh)
        .mark_line(color=PALETTE["inference"], strokeWidth=3, point=alt.OverlayMarkDef(color=PALETTE["inference"]))
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d", title=None)),
            y=alt.Y("twh:Q", scale=alt.Scale(type="log", domain=[0.01, 100_000]), title="Electricity [TWh per year], log scale"),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("twh:Q", title="One chatbot service, TWh", format=",.3~r")],
        )
    )
    points = alt.Chart(reference).mark_point(filled=True, size=70).encode(
        x="year:Q",
        y="twh:Q",
        color=alt.Color("label:N", legend=alt.Legend(title="For comparison", orient="bottom", columns=1, labelLimit=320)),
        shape=alt.Shape("label:N", legend=None),
        tooltip=["label:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("twh:Q", format=",.0f")],
    )
    return (
        alt.layer(path, points)
        .add_params(*params)
        .properties(width=440, height=320, title="One chatbot service (orange line) against all AI, data centres and the world",
                    description="Inference scenario of one service to 2035")
    )
