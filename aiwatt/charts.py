"""Altair charts for the book, and the renderer that shows them without a CDN.

Charts use Vega-Lite parameters bound to HTML sliders, so their interactivity
runs in the reader's browser with no Python kernel.

Rendering
---------
:func:`enable` registers the ``"aiwatt"`` Altair renderer. It writes a chart as
a ``<div class="aiwatt-chart">`` holding the Vega-Lite spec and a short script
that hands it to ``vegaEmbed``. Where ``vegaEmbed`` comes from depends on the
mode:

``"book"``
    The Jupyter Book build. The book's Sphinx extension (``book/_ext``) serves
    the Vega bundle from the book itself and loads it on every page that holds
    a chart. Nothing is fetched from outside.
``"jupyter"``
    A live notebook (JupyterLab, Binder, a JupyterHub). :func:`enable` displays
    the Vega bundle once, inline, so charts render offline too.

``mode="auto"`` picks ``"jupyter"`` when the kernel was started by a Jupyter
server (which sets ``JPY_SESSION_NAME``) and ``"book"`` otherwise; the
environment variable ``AIWATT_CHARTS`` overrides it.
"""

from __future__ import annotations

import html
import json
import os
import uuid

import altair as alt
import numpy as np
import pandas as pd

#: Vega-Embed options: SVG output (crisp, testable) and only the export menu.
EMBED_OPTIONS: dict = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}

#: Colours used across the book (colour-blind-safe, from the Okabe-Ito palette).
PALETTE: dict[str, str] = {
    "training": "#0072B2",
    "inference": "#D55E00",
    "household": "#009E73",
    "world": "#999999",
    "claim": "#CC79A7",
    "highlight": "#E69F00",
}

MODES = ("auto", "book", "jupyter")

_active_mode: str | None = None


def vega_lite_version() -> str:
    """The Vega-Lite major.minor version that Altair writes, e.g. ``"6.4"``."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


def javascript_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script that defines ``window.vegaEmbed``.

    Built offline by ``vl-convert-python`` for the Vega-Lite version Altair uses,
    and wrapped in a function so that its top-level names (such as ``_``) do not
    collide with other scripts on the page.
    """
    import vl_convert

    bundle = vl_convert.javascript_bundle(vl_version=vega_lite_version())
    return f"(function () {{\n{bundle}\n}})();\n"


def chart_html(spec: dict) -> str:
    """The HTML for one chart: a container, its spec and the call to ``vegaEmbed``."""
    chart_id = f"aiwatt-chart-{uuid.uuid4().hex[:12]}"
    # Escape "</" so that a string in the spec cannot close the script element.
    spec_json = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    options_json = json.dumps(EMBED_OPTIONS)
    title = spec.get("description") or "Interactive chart"
    return (
        f'<div id="{chart_id}" class="aiwatt-chart" role="figure" aria-label="{html.escape(str(title))}"></div>\n'
        f"<script>(function () {{\n"
        f'  var element = document.getElementById("{chart_id}");\n'
        f"  var spec = {spec_json};\n"
        f"  if (!window.vegaEmbed) {{\n"
        f'    element.textContent = "This chart needs the Vega library: in a notebook, run aiwatt.charts.enable() first.";\n'
        f"    return;\n"
        f"  }}\n"
        f"  window.vegaEmbed(element, spec, {options_json}).catch(function (error) {{\n"
        f'    element.textContent = "Chart failed to render: " + error;\n'
        f"    console.error(error);\n"
        f"  }});\n"
        f"}})();</script>"
    )


def _renderer(spec: dict, **_metadata) -> dict:
    return {"text/html": chart_html(spec), "text/plain": f"<Chart: {spec.get('description', 'Altair chart')}>"}


def _resolve_mode(mode: str) -> str:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}; got {mode!r}")
    if mode == "auto":
        mode = os.environ.get("AIWATT_CHARTS", "auto")
        if mode not in MODES:
            raise ValueError(f"environment variable AIWATT_CHARTS must be one of {', '.join(MODES)}; got {mode!r}")
    if mode == "auto":
        mode = "jupyter" if "JPY_SESSION_NAME" in os.environ else "book"
    return mode


def enable(mode: str = "auto") -> None:
    """Render Altair charts with aiwatt's offline renderer.

    Parameters
    ----------
    mode : {"auto", "book", "jupyter"}
        See the module documentation; :func:`active_mode` tells which was chosen.
    """
    global _active_mode
    mode = _resolve_mode(mode)
    _active_mode = mode
    alt.renderers.register("aiwatt", _renderer)
    alt.renderers.enable("aiwatt")
    if mode == "jupyter":
        from IPython.display import display

        display({"text/html": f"<script>{javascript_bundle()}</script>"}, raw=True)


def active_mode() -> str | None:
    """The mode :func:`enable` chose, or None before it is called."""
    return _active_mode


def readable_energy_expr(kwh: str) -> str:
    """A Vega expression that writes the energy ``kwh`` (an expression in kWh) with
    the Wh prefix that reads best, like :func:`aiwatt.units.format_energy`."""
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
    """
    ticks = {value: text for i, (value, text) in enumerate(ENERGY_RUNGS_KWH.items()) if i % every == 0}
    label_expr = " : ".join(f"datum.value == {value:g} ? '{text}'" for value, text in ticks.items()) + " : ''"
    return alt.Axis(title=title, values=list(ticks), labelExpr=label_expr)


def _text_panel(lines: list[str], width: int = 400) -> alt.Chart:
    """A column of text lines, each a Vega expression evaluated in the browser."""
    rows = pd.DataFrame({"row": range(len(lines))})
    return (
        alt.Chart(rows)
        .transform_calculate(text="[" + ", ".join(lines) + "][datum.row]")
        .mark_text(align="left", fontSize=13, x=0)
        .encode(y=alt.Y("row:O", axis=None), text="text:N")
        .properties(width=width, height=22 * len(lines))
    )


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
    text_rows = _text_panel(lines)
    return alt.vconcat(ladder, text_rows).properties(
        description="Energy ladder from watt-hours to terawatt-hours with a slider and household equivalents"
    )


def energy_breakdown_bar(breakdown: pd.DataFrame) -> alt.Chart:
    """A stacked bar of where runs' electricity goes.

    Parameters
    ----------
    breakdown : pandas.DataFrame
        Columns ``run``, ``component`` and ``energy_kwh`` [kWh], e.g. from
        :func:`aiwatt.training.energy_breakdown` for one or more runs.
    """
    order = ["accelerators", "rest of the server", "cooling and power conversion"]
    data = breakdown.assign(energy_mwh=breakdown["energy_kwh"] / 1e3, order=breakdown["component"].map(order.index))
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("energy_mwh:Q", title="Energy [MWh]", stack="zero", axis=alt.Axis(tickCount=5, labelOverlap=True)),
            y=alt.Y("run:N", title=None),
            color=alt.Color(
                "component:N",
                sort=order,
                scale=alt.Scale(domain=order, range=[PALETTE["training"], PALETTE["household"], PALETTE["world"]]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            order=alt.Order("order:Q"),
            tooltip=["run:N", "component:N", alt.Tooltip("energy_mwh:Q", title="MWh", format=",.1f")],
        )
        .properties(width=420, height=40 * data["run"].nunique(), description="Where a training run's electricity goes")
    )


def reproduction_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Reported against modelled energy of published runs, on log axes.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`aiwatt.training.reproduce_reference_runs`
        (indexed by model).

    Returns
    -------
    altair.LayerChart
        The line of perfect agreement; each run's hours route as a dot; the
        FLOPs route as a diamond with its MFU band as a bar.
    """
    runs = table[table["reported_mwh"].notna()].reset_index()
    hours = runs.assign(route="measured hours", modelled_mwh=runs["hours_route_mwh"], error=runs["hours_route_error"])
    flops = runs[runs["flops_route_mwh"].notna()].assign(
        route="first principles (6ND)",
        modelled_mwh=lambda t: t["flops_route_mwh"],
        error=lambda t: t["flops_route_mwh"] / t["reported_mwh"] - 1,
    )
    points = pd.concat([hours, flops], ignore_index=True)[
        ["model", "route", "reported_mwh", "modelled_mwh", "error", "flops_route_mwh_low", "flops_route_mwh_high"]
    ]
    scale = alt.Scale(type="log", domain=[10, 5000])
    x = alt.X("reported_mwh:Q", scale=scale, title="Reported energy [MWh]")
    diagonal = alt.Chart(pd.DataFrame({"reported_mwh": [10, 5000], "modelled_mwh": [10, 5000]})).mark_line(
        color=PALETTE["world"], strokeDash=[4, 4]
    ).encode(x=x, y=alt.Y("modelled_mwh:Q", scale=scale))
    bands = (
        alt.Chart(points[points["route"] != "measured hours"])
        .mark_rule(color=PALETTE["inference"], strokeWidth=2, opacity=0.5)
        .encode(x=x, y=alt.Y("flops_route_mwh_low:Q", scale=scale), y2="flops_route_mwh_high:Q")
    )
    marks = (
        alt.Chart(points)
        .mark_point(filled=True, size=80)
        .encode(
            x=x,
            y=alt.Y("modelled_mwh:Q", scale=scale, title="Modelled energy [MWh]"),
            color=alt.Color(
                "route:N",
                scale=alt.Scale(range=[PALETTE["inference"], PALETTE["training"]]),
                legend=alt.Legend(title="Route", orient="bottom"),
            ),
            shape=alt.Shape("route:N", scale=alt.Scale(range=["diamond", "circle"]), legend=None),
            tooltip=[
                "model:N",
                "route:N",
                alt.Tooltip("reported_mwh:Q", title="reported MWh", format=",.1f"),
                alt.Tooltip("modelled_mwh:Q", title="modelled MWh", format=",.1f"),
                alt.Tooltip("error:Q", title="error", format="+.1%"),
            ],
        )
    )
    # Runs closer than 15% in energy would print their names on top of each other:
    # put the larger one's name left of its dot.
    hours = hours.sort_values("modelled_mwh", ignore_index=True)
    crowded = hours["modelled_mwh"].div(hours["modelled_mwh"].shift()).lt(1.15)
    labels = [
        alt.Chart(hours[crowded == left])
        .mark_text(align="right" if left else "left", dx=-8 if left else 7, dy=0 if left else -7, fontSize=10)
        .encode(x=x, y=alt.Y("modelled_mwh:Q", scale=scale), text="model:N")
        for left in (False, True)
    ]
    return alt.layer(diagonal, bands, marks, *labels).properties(
        width=420, height=380, description="Reported against modelled training energy of published runs"
    )


def compute_trend_chart(trend: pd.DataFrame, growth_per_year: float) -> alt.LayerChart:
    """Training compute of notable models over time, with a growth line.

    Parameters
    ----------
    trend : pandas.DataFrame
        Columns ``model``, ``year`` and ``training_flop`` [FLOP].
    growth_per_year : float
        Growth factor per year of frontier compute (e.g. 4), drawn as a dashed
        line through the largest run. Only each year's largest run is named.
    """
    latest = trend.loc[trend["training_flop"].idxmax()]
    years = list(range(int(trend["year"].min()), int(latest["year"]) + 3))
    line = pd.DataFrame(
        {"year": years, "training_flop": [latest["training_flop"] * growth_per_year ** (y - latest["year"]) for y in years]}
    )
    scale = alt.Scale(type="log")
    x = alt.X("year:Q", axis=alt.Axis(format="d", title=None), scale=alt.Scale(domain=[years[0], years[-1]]))
    trend_line = alt.Chart(line).mark_line(color=PALETTE["world"], strokeDash=[4, 4]).encode(x=x, y=alt.Y("training_flop:Q", scale=scale))
    points = alt.Chart(trend).mark_point(filled=True, size=70, color=PALETTE["training"]).encode(
        x=x,
        y=alt.Y("training_flop:Q", scale=scale, title="Training compute [FLOP], log scale", axis=alt.Axis(format=".0e")),
        tooltip=["model:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("training_flop:Q", title="FLOP", format=".2e")],
    )
    # Name only the largest run of each year; hovering shows the others.
    leaders = trend.loc[trend.groupby("year")["training_flop"].idxmax()]
    labels = alt.Chart(leaders).mark_text(align="right", dx=-7, dy=-7, fontSize=10).encode(
        x=x, y=alt.Y("training_flop:Q", scale=scale), text="model:N"
    )
    return alt.layer(trend_line, points, labels).properties(
        width=440, height=320, description="Training compute of notable models over time"
    )


def training_calculator(
    accelerators: pd.DataFrame,
    reference_energy_kwh: pd.Series,
    household_kwh: dict[str, float],
    intensity_g_per_kwh: float,
) -> alt.VConcatChart:
    """A training-energy calculator that runs in the browser, with no kernel.

    Sliders for parameters, tokens, the number of accelerators, utilisation,
    power, PUE and grid intensity, and a drop-down for the accelerator, feed
    the chain of :mod:`aiwatt.training` (6ND FLOP, accelerator-hours, energy,
    emissions) written as Vega expressions; the run is drawn against published
    runs.

    Parameters
    ----------
    accelerators : pandas.DataFrame
        Columns ``name`` and ``peak_dense_tflops``.
    reference_energy_kwh : pandas.Series
        Published runs' energy [kWh], indexed by model.
    household_kwh : dict of str to float
        Monthly household use [kWh per month] keyed by a phrase such as "in China".
    intensity_g_per_kwh : float
        Starting grid intensity [g CO2e/kWh].
    """
    names = list(accelerators["name"])
    peak = " : ".join(
        f"chip == '{name}' ? {tflops * 1e12:.6g}" for name, tflops in zip(accelerators["name"], accelerators["peak_dense_tflops"])
    ) + " : 1e15"
    params = [
        alt.param(name="log10_params", value=10.85, bind=alt.binding_range(min=8, max=13, step=0.01, name="Parameters, log10: ")),
        alt.param(name="log10_tokens", value=12.3, bind=alt.binding_range(min=9, max=14, step=0.01, name="Tokens, log10: ")),
        alt.param(name="chip", value="H100" if "H100" in names else names[0], bind=alt.binding_select(options=names, name="Accelerator: ")),
        alt.param(name="chip_count", value=1024, bind=alt.binding_range(min=8, max=32768, step=8, name="Accelerators: ")),
        alt.param(name="utilization", value=0.38, bind=alt.binding_range(min=0.05, max=0.8, step=0.01, name="Utilisation (MFU): ")),
        alt.param(name="power_w", value=700, bind=alt.binding_range(min=100, max=1500, step=10, name="Power per accelerator [W]: ")),
        alt.param(name="pue", value=1.1, bind=alt.binding_range(min=1.0, max=2.0, step=0.01, name="PUE: ")),
        alt.param(
            name="grid", value=round(intensity_g_per_kwh), bind=alt.binding_range(min=0, max=1000, step=10, name="Grid [g CO2e/kWh]: ")
        ),
    ]
    flops = "(6 * pow(10, log10_params) * pow(10, log10_tokens))"
    hours = f"({flops} / (({peak}) * utilization) / 3600)"
    energy = f"({hours} * power_w * pue / 1000)"
    lines = [
        f"'Compute: ' + format({flops}, '.3~e') + ' FLOP'",
        f"'Accelerator-hours: ' + format({hours}, ',.3~r') + ' = ' + format({hours} / chip_count / 24, ',.3~r') + ' days on ' + format(chip_count, ',') + ' ' + chip",
        f"'Energy: ' + ({readable_energy_expr(energy)})",
        f"'Emissions: ' + format({energy} * grid / 1e6, ',.3~r') + ' t CO2e'",
    ]
    for region, kwh in household_kwh.items():
        lines.append(f"'= ' + format({energy} / {kwh}, ',.3~r') + ' months of an average household {region}'")
    panel = _text_panel(lines, width=440).add_params(*params)
    runs = reference_energy_kwh.rename("energy_kwh").rename_axis("model").reset_index()
    scale = alt.Scale(type="log", domain=[1e3, 1e8])
    x = alt.X("energy_kwh:Q", scale=scale, axis=energy_axis("Energy, log scale", every=1))
    # A log scale has no zero: bars start at the left edge of the domain.
    bars = alt.Chart(runs).mark_bar(color=PALETTE["training"], opacity=0.6).encode(
        x=x,
        x2=alt.datum(1e3),
        y=alt.Y("model:N", sort=alt.EncodingSortField("energy_kwh"), title=None),
        tooltip=["model:N", alt.Tooltip("energy_kwh:Q", title="kWh", format=",.0f")],
    )
    your_run = (
        alt.Chart(pd.DataFrame({"label": ["your run"]}))
        .transform_calculate(energy_kwh=energy)
        .mark_rule(color=PALETTE["highlight"], strokeWidth=3)
        .encode(x=x)
    )
    comparison = alt.layer(bars, your_run).properties(
        width=440, height=20 * len(runs), title="Your run (orange line) against published runs"
    )
    return alt.vconcat(panel, comparison).properties(description="Training energy calculator")


def query_figures_chart(figures: pd.DataFrame) -> alt.Chart:
    """Published per-query energies on a log axis, coloured by what each counts.

    Parameters
    ----------
    figures : pandas.DataFrame
        Columns ``label``, ``query_wh`` [Wh] and ``scope`` (a short text such as
        "accelerators only", "servers", "whole facility").
    """
    scale = alt.Scale(type="log", domain=[0.001, 100])
    return (
        alt.Chart(figures)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("query_wh:Q", scale=scale, title="Energy per query [Wh], log scale"),
            y=alt.Y("label:N", sort=alt.EncodingSortField("query_wh"), title=None, axis=alt.Axis(labelLimit=280)),
            color=alt.Color("scope:N", legend=alt.Legend(title="What is counted", orient="bottom", columns=2)),
            tooltip=["label:N", alt.Tooltip("query_wh:Q", title="Wh", format=",.3~g"), "scope:N"],
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
) -> alt.LayerChart:
    """AI inference electricity to ``end_year`` with sliders, against reference projections.

    The path follows :func:`aiwatt.scenarios.inference_scenario`'s central
    logistic model, written as a Vega expression so that it runs in the
    browser: traffic grows logistically from ``queries_per_day`` towards the
    ceiling, energy per query falls by the efficiency gain each year.

    Parameters
    ----------
    reference : pandas.DataFrame
        Columns ``label``, ``year`` and ``twh`` (e.g. the IEA's data-centre
        scenarios), drawn as points.
    start_year, end_year : int
        The years drawn.
    queries_per_day, wh_per_query, growth_per_year, efficiency_gain_per_year, saturation_queries_per_day, pue
        Starting values of the sliders.
    """
    params = [
        alt.param(name="growth", value=growth_per_year, bind=alt.binding_range(min=0.05, max=2.0, step=0.05, name="Traffic growth rate, per year: ")),
        alt.param(name="efficiency", value=efficiency_gain_per_year,
                  bind=alt.binding_range(min=0.0, max=0.6, step=0.01, name="Efficiency gain per year: ")),
        alt.param(name="wh0", value=wh_per_query, bind=alt.binding_range(min=0.05, max=5, step=0.05, name=f"Energy per query in {start_year} [Wh]: ")),
        alt.param(name="log10_ceiling", value=round(float(np.log10(saturation_queries_per_day)), 2),
                  bind=alt.binding_range(min=9.5, max=12, step=0.05, name="Traffic ceiling, log10(queries/day): ")),
    ]
    years = pd.DataFrame({"year": np.arange(start_year, end_year + 1)})
    t = f"(datum.year - {start_year})"
    queries = f"pow(10, log10_ceiling) / (1 + (pow(10, log10_ceiling) / {queries_per_day:g} - 1) * exp(-growth * {t}))"
    twh = f"({queries}) * 365 * wh0 * pow(1 - efficiency, {t}) * {pue:g} / 1e12"
    path = (
        alt.Chart(years)
        .transform_calculate(twh=twh)
        .mark_line(color=PALETTE["inference"], strokeWidth=3, point=alt.OverlayMarkDef(color=PALETTE["inference"]))
        .encode(
            x=alt.X("year:Q", axis=alt.Axis(format="d", title=None)),
            y=alt.Y("twh:Q", scale=alt.Scale(type="log", domain=[0.01, 3000]), title="Electricity [TWh per year], log scale"),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("twh:Q", title="AI inference TWh", format=",.3~r")],
        )
    )
    points = alt.Chart(reference).mark_point(filled=True, size=70).encode(
        x="year:Q",
        y="twh:Q",
        color=alt.Color("label:N", legend=alt.Legend(title="Data centres, all uses", orient="bottom", columns=2)),
        shape=alt.Shape("label:N", legend=None),
        tooltip=["label:N", alt.Tooltip("year:Q", format="d"), alt.Tooltip("twh:Q", format=",.0f")],
    )
    return (
        alt.layer(path, points)
        .add_params(*params)
        .properties(width=440, height=320, title="AI inference (orange line) against data centres' total", description="Inference scenario to 2035")
    )
