"""Charts of the chapter "Inference: the meter keeps running"."""

from __future__ import annotations

import math

import altair as alt
import numpy as np
import pandas as pd

from aiwatt import units
from aiwatt.charts.common import (
    CATEGORICAL, PALETTE, colour_scale, finish, label_axis, number_axis, slider, vega_energy, vega_number, wrapped_labels,
    year_axis,
)

#: Marker shape of each boundary wherever published energies share an axis.
BOUNDARY_SHAPES: dict[str, str] = {"accelerator": "triangle-up", "server": "square", "facility": "circle", "not stated": "cross"}

#: Each boundary in words, for legends: what a figure on it counts.
BOUNDARY_WORDS: dict[str, str] = {
    "accelerator": "accelerators only", "server": "servers", "facility": "whole facility", "not stated": "not stated",
}


def boundary_encodings(field: str = "boundary_words", title: str | None = "What is counted") -> tuple[alt.Color, alt.Shape]:
    """Colour and shape for a column of :data:`BOUNDARY_WORDS`, sharing one legend: the same boundary looks the same in every chart.

    Parameters
    ----------
    field : str, default "boundary_words"
        The data's column holding each figure's boundary in words (a value
        of :data:`BOUNDARY_WORDS`).
    title : str or None, default "What is counted"
        The legend's title; None for none.

    Returns
    -------
    (altair.Color, altair.Shape)
        Encodings for ``color=`` and ``shape=``: colours from
        :data:`~aiwatt.charts.common.CATEGORICAL`, shapes from
        :data:`BOUNDARY_SHAPES`.
    """
    words = list(BOUNDARY_WORDS.values())
    legend = alt.Legend(title=title)
    colour = alt.Color(f"{field}:N", scale=colour_scale(words), legend=legend)
    shape = alt.Shape(f"{field}:N", scale=alt.Scale(domain=words, range=list(BOUNDARY_SHAPES.values())), legend=legend)
    return colour, shape


def query_figures_chart(figures: pd.DataFrame, title: str | None = None) -> alt.Chart:
    """Published per-query energies on a log axis, coloured and shaped by what each counts.

    Parameters
    ----------
    figures : pandas.DataFrame
        Columns ``label``, ``query_wh`` [Wh], ``boundary`` (a key of
        :data:`BOUNDARY_SHAPES`: accelerator, server, facility or not stated)
        and ``scope`` (what the figure counts, in the source's words; shown
        on hover); optionally ``year``, added to a label that does not
        already name it ("ChatGPT request, early 2023" stays as it is).
    title : str, optional
        The message; by default the spread of the figures.

    Raises
    ------
    ValueError
        If a boundary is not one of :data:`BOUNDARY_SHAPES`.
    """
    unknown = sorted(set(figures["boundary"]) - set(BOUNDARY_SHAPES))
    if unknown:
        from aiwatt._checks import unknown_name_error

        raise unknown_name_error("boundary", unknown[0], BOUNDARY_SHAPES)
    labels = figures["label"].astype(str)
    if "year" in figures.columns:
        labels = pd.Series([label if str(year) in label else f"{label} ({year})" for label, year in zip(labels, figures["year"])],
                           index=figures.index)
    rows = figures.assign(
        label=labels,
        boundary_words=figures["boundary"].map(BOUNDARY_WORDS),
        wrapped=wrapped_labels(labels, 28),
    )
    if title is None:
        spread = rows["query_wh"].max() / rows["query_wh"].min()
        title = f"Published figures for one AI query span a factor of {units.format_number(spread, 2)}: they count different things"
    low = 10 ** math.floor(math.log10(rows["query_wh"].min()))
    high = 10 ** math.ceil(math.log10(rows["query_wh"].max()))
    colour, shape = boundary_encodings()
    chart = (
        alt.Chart(rows)
        .transform_calculate(energy_text=vega_energy("datum.query_wh / 1000"))
        .mark_point(filled=True, size=80, opacity=1)
        .encode(
            x=alt.X("query_wh:Q", scale=alt.Scale(type="log", domain=[low, high]),
                    axis=number_axis("Energy per query [Wh], log scale", significant=1, log_range=(low, high))),
            y=alt.Y("wrapped:N", sort=alt.EncodingSortField("query_wh"), title=None, axis=label_axis()),
            color=colour,
            shape=shape,
            tooltip=[alt.Tooltip("label:N", title="Figure"), alt.Tooltip("energy_text:N", title="Energy"),
                     alt.Tooltip("scope:N", title="Counts")],
        )
    )
    return finish(
        chart,
        title=title,
        description=(
            "Published estimates of the electricity of one AI query or web search, on a logarithmic scale, coloured "
            "and shaped by what each counts: the accelerators alone, the servers, or the whole data centre."
        ),
        height=len(rows) * (14 * max(label.count("\n") + 1 for label in rows["wrapped"]) + 6),
    )


def token_energy_chart(curves: pd.DataFrame, measured: pd.DataFrame, title: str | None = None,
                       subtitle: str | None = None) -> alt.LayerChart:
    """Energy per output token against batch size, model by model, with measurements.

    Parameters
    ----------
    curves : pandas.DataFrame
        Columns ``model``, ``batch_size`` and ``joules_per_token`` (modelled).
    measured : pandas.DataFrame
        Columns ``label``, ``batch_size`` and ``joules_per_token`` (published).
    title : str, optional
        The message; by default how much batching saves.
    subtitle : str, optional
        What the curves assume (context, boundary), so that a reader can
        match them with the text.
    """
    models = list(dict.fromkeys(curves["model"]))
    labels = [f"measured: {label}" for label in dict.fromkeys(measured["label"])]
    model_colours = [c for c in CATEGORICAL if c != PALETTE["inference"]][: len(models)]
    domain = [f"modelled: {m}" for m in models] + labels
    measured_colours = [PALETTE["inference"], PALETTE["highlight"], PALETTE["world"]][: len(labels)]
    colour = alt.Color("series:N", scale=colour_scale(domain, model_colours + measured_colours), legend=alt.Legend(title=None))
    shape = alt.Shape("series:N", scale=alt.Scale(domain=domain, range=["circle"] * len(models) + ["diamond", "square", "triangle-up"][: len(labels)]),
                      legend=alt.Legend(title=None))
    if title is None:
        first = curves[curves["model"] == models[0]].sort_values("batch_size")
        saving = first["joules_per_token"].iloc[0] / first["joules_per_token"].iloc[-1]
        title = (
            f"Serving {units.format_number(first['batch_size'].iloc[-1], 3)} conversations at once instead of "
            f"{units.format_number(first['batch_size'].iloc[0], 1)} cuts the energy per token {units.format_number(saving, 2)} times"
        )
    x = alt.X("batch_size:Q", scale=alt.Scale(type="log", base=2),
              axis=alt.Axis(title="Batch size (conversations decoded together), log scale", format="d"))
    values = pd.concat([curves["joules_per_token"], measured["joules_per_token"]])
    y = alt.Y("joules_per_token:Q", scale=alt.Scale(type="log"),
              axis=number_axis("Energy per output token [J], log scale", significant=1, log_range=(values.min(), values.max())))
    energy_text = vega_number("datum.joules_per_token") + " + ' J'"
    tooltip = [alt.Tooltip("series:N", title="What"), alt.Tooltip("batch_size:Q", title="Batch", format=",d"),
               alt.Tooltip("energy_text:N", title="Energy per token")]
    lines = (
        alt.Chart(curves)
        .transform_calculate(series="'modelled: ' + datum.model", energy_text=energy_text)
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=40), strokeWidth=2)
        .encode(x=x, y=y, color=colour, tooltip=tooltip)
    )
    points = (
        alt.Chart(measured)
        .transform_calculate(series="'measured: ' + datum.label", energy_text=energy_text)
        .mark_point(size=140, filled=True, opacity=1)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    return finish(
        alt.layer(lines, points),
        title=title,
        subtitle=subtitle,
        description=(
            "Modelled energy per output token falls as the batch of conversations served together grows, for three "
            "model sizes on one accelerator; published measurements are drawn as diamonds and squares."
        ),
        height=300,
    )


def crossover_days_expr(training_kwh: str, queries_per_day: str, wh_per_query: str) -> str:
    """Vega twin of :func:`aiwatt.inference.crossover_days`: days of traffic whose energy equals training's.

    Parameters
    ----------
    training_kwh : str
        A Vega expression giving the training run's energy [kWh].
    queries_per_day : str
        A Vega expression giving the traffic [queries per day].
    wh_per_query : str
        A Vega expression giving the energy per query [Wh].

    Returns
    -------
    str
        A Vega expression giving the days until inference has used as much
        energy as training [days]: training_kwh × 1000 / wh_per_query /
        queries_per_day.
    """
    return f"({training_kwh}) * 1000 / ({wh_per_query}) / ({queries_per_day})"


def crossover_chart(training_kwh: float, queries_per_day: float, wh_per_query: float, days: int = 365,
                    title: str | None = None) -> alt.LayerChart:
    """Training energy against cumulative inference energy, with sliders, in the browser.

    The time axis stretches to show the crossover, whatever the sliders say:
    it runs to ``days`` or to a quarter past the crossover, whichever is longer.
    The readout gives the time in days, or in years beyond a year.

    Parameters
    ----------
    training_kwh : float
        Starting training energy [kWh].
    queries_per_day : float
        Starting traffic [queries per day].
    wh_per_query : float
        Starting energy per query [Wh], counted with the same boundary as training.
    days : int
        Days shown at least [days].
    title : str, optional
        The message; by default one that holds for every slider setting.
    """
    controls = [
        slider("queries_per_day", "Queries a day", queries_per_day, 1e5, 3e10, log=True, suffix=" queries a day"),
        slider("wh_query", "Energy per query", wh_per_query, 0.05, 5, step=0.01, suffix=" Wh a query"),
        slider("training_kwh", "Training energy", training_kwh, 1e4, 1e8, log=True, readout="energy"),
    ]
    derived = {
        "daily_kwh": "queries_per_day * wh_query / 1000",
        "crossover_days": crossover_days_expr("training_kwh", "queries_per_day", "wh_query"),
        "span_days": f"max({days}, 1.25 * crossover_days)",
    }
    if title is None:
        title = "Answering queries catches up with the training's energy: the busier the model, the sooner"
    kinds = ["inference, added up day by day", "training, paid once", "where inference overtakes training"]
    legend = alt.Legend(title=None)
    colour = alt.Color("kind:N", scale=colour_scale(kinds, [PALETTE["inference"], PALETTE["training"], PALETTE["highlight"]]), legend=legend)
    # One legend for the three layers: a line, a dashed line, a dot.
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["stroke", "stroke", "circle"]), legend=legend)
    dash = alt.StrokeDash("kind:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [8, 4], [1, 0]]), legend=legend)
    x = alt.X("day:Q", title="Days of traffic", scale=alt.Scale(domainMin=0, domainMax=alt.ExprRef("span_days"), nice=False))
    y = alt.Y("energy_gwh:Q", axis=number_axis("Energy [GWh]", significant=2))
    # The cumulative energy is a straight line: two ends, placed by the sliders.
    cumulative = (
        alt.Chart(pd.DataFrame({"end": [0, 1], "kind": kinds[0]}))
        .transform_calculate(day="datum.end * span_days")
        .transform_calculate(energy_gwh="datum.day * daily_kwh / 1e6")
        .mark_line(strokeWidth=3)
        .encode(x=x, y=y, color=colour, strokeDash=dash)
    )
    training_line = (
        alt.Chart(pd.DataFrame({"kind": [kinds[1]]}))
        .transform_calculate(energy_gwh="training_kwh / 1e6")
        .mark_rule(strokeWidth=3)
        .encode(y=y, color=colour, strokeDash=dash)
    )
    crossing = (
        alt.Chart(pd.DataFrame({"kind": [kinds[2]]}))
        .transform_calculate(day="crossover_days", energy_gwh="training_kwh / 1e6")
        .mark_point(size=120, filled=True, opacity=1)
        .encode(x=x, y=y, color=colour, shape=shape)
    )
    when = (f"(crossover_days > 365 ? {vega_number('crossover_days / 365.25')} + ' years' : "
            f"{vega_number('crossover_days')} + ' days')")
    readouts = [
        f"'Training: ' + {vega_energy('training_kwh')} + ', paid once.'",
        f"'Inference: ' + {vega_energy('daily_kwh')} + ' a day, every day.'",
        f"'Inference overtakes training after ' + {when} + ' (' + {vega_number('training_kwh * 1000 / wh_query')} + ' queries).'",
    ]
    return finish(
        alt.layer(cumulative, training_line, crossing),
        title=title,
        description=(
            "Cumulative electricity of answering queries grows day by day as a rising line; the training energy is a "
            "flat dashed line; the point where they cross is when inference has used as much as training. The time axis "
            "stretches to show the crossing."
        ),
        controls=controls,
        derived=derived,
        readouts=readouts,
        height=280,
    )


def scenario_queries_expr(start_year: int, queries_per_day: float) -> str:
    """Traffic of :func:`scenario_chart` for ``datum.year``: exponential growth capped at the ceiling.

    Over the chart's parameters ``growth`` [fraction per year] and
    ``log10_ceiling`` [base-10 exponent of queries per day]; the twin of
    :func:`aiwatt.scenarios.exponential_adoption` with its cap.

    Parameters
    ----------
    start_year : int
        The year of ``queries_per_day`` [calendar year].
    queries_per_day : float
        Traffic in ``start_year`` [queries per day].

    Returns
    -------
    str
        A Vega expression giving the traffic in ``datum.year`` [queries per day].
    """
    return f"min({queries_per_day:g} * pow(1 + growth, datum.year - {start_year}), pow(10, log10_ceiling))"


def scenario_energy_expr(start_year: int, max_life: int = 8) -> str:
    """Energy per query of :func:`scenario_chart` for ``datum.year`` [Wh]: tokens grow, efficiency reaches the fleet over ``life`` years.

    Over the chart's parameters ``wh0`` (energy per query in ``start_year``
    [Wh]), ``tokens`` and ``efficiency`` [fraction per year] and ``life``
    [years]. The Vega twin of :func:`aiwatt.scenarios.fleet_efficiency_factor`
    for whole service lives.

    Parameters
    ----------
    start_year : int
        The year of ``wh0`` [calendar year].
    max_life : int, default 8
        The longest service life the expression allows [years]: it sums one
        term per cohort of servers, and a ``life`` above it counts only
        ``max_life`` of them.

    Returns
    -------
    str
        A Vega expression giving the energy per query in ``datum.year`` [Wh].
    """
    t = f"(datum.year - {start_year})"
    terms = " + ".join(f"({k} < life ? pow(1 - efficiency, max({t} - {k}, 0)) : 0)" for k in range(max_life))
    return f"wh0 * pow(1 + tokens, {t}) * ({terms}) / life"


def scenario_twh_expr(start_year: int, queries_per_day: float, pue: float) -> str:
    """Vega twin of the central path of :func:`aiwatt.scenarios.inference_scenario` for ``datum.year`` [TWh a year].

    Traffic (:func:`scenario_queries_expr`) times energy per query
    (:func:`scenario_energy_expr`) times the PUE, over a year.

    Parameters
    ----------
    start_year : int
        The year the scenario starts [calendar year].
    queries_per_day : float
        Traffic in ``start_year`` [queries per day].
    pue : float
        Power usage effectiveness of the data centres [ratio], >= 1.

    Returns
    -------
    str
        A Vega expression giving the service's electricity in ``datum.year``
        [TWh a year].
    """
    return f"({scenario_queries_expr(start_year, queries_per_day)}) * 365 * ({scenario_energy_expr(start_year)}) * {pue:g} / 1e12"


#: The ceiling slider's top [queries a day]: there, no ceiling in practice.
NO_CEILING_QUERIES_PER_DAY = 1e13


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
    title: str | None = None,
    uncertain: pd.DataFrame | None = None,
) -> alt.LayerChart:
    """One AI service's electricity to ``end_year`` with sliders, against reference projections.

    The path follows the central model of :func:`aiwatt.scenarios.inference_scenario`
    (exponential traffic capped at a ceiling, tokens per answer growing,
    efficiency reaching the fleet over a service life), written as a Vega
    expression (:func:`scenario_twh_expr`) so that it runs in the browser,
    at the sliders' inputs. Those inputs' central values give a lower path than
    the median of the uncertain runs (skewed bands, compounded): pass
    ``uncertain`` to draw that median and its band too, fixed, and to name it
    in the readouts.

    Parameters
    ----------
    reference : pandas.DataFrame
        Columns ``label``, ``year``, ``twh`` and ``group`` (e.g. "All data
        centres", "All AI", "World"), drawn as points: one colour per group,
        one shape per label.
    start_year, end_year : int
        The years drawn.
    queries_per_day, wh_per_query, growth_per_year, efficiency_gain_per_year, saturation_queries_per_day, pue
        Starting values of the sliders: traffic [queries a day], energy per
        query [Wh, before the PUE], traffic growth [fraction a year], the
        yearly fall in new servers' energy per query [fraction], the traffic
        ceiling [queries a day; :data:`NO_CEILING_QUERIES_PER_DAY` or more
        means none]; and the PUE [ratio].
    tokens_growth_per_year, service_life_years
        Starting values of the tokens slider [fraction a year] and the
        service-life slider [years].
    title : str, optional
        The message; by default one that no slider setting contradicts.
    uncertain : pandas.DataFrame, optional
        :func:`aiwatt.scenarios.inference_scenario`'s result (indexed by year,
        ``low_twh``, ``central_twh``, ``high_twh``): drawn as a band with its
        median, and quoted in the readouts.
    """
    no_ceiling = NO_CEILING_QUERIES_PER_DAY * 0.999
    controls = [
        slider("growth", "Traffic grows by", growth_per_year, 0.0, 2.0, step=0.05, readout="share", prefix="+", suffix=" a year"),
        slider("tokens", "Tokens per answer grow by", tokens_growth_per_year, 0.0, 0.6, step=0.01, readout="share",
               prefix="+", suffix=" a year"),
        slider("efficiency", "New servers' energy per query falls by", efficiency_gain_per_year, 0.0, 0.6, step=0.01,
               readout="share", suffix=" a year"),
        slider("life", "Service life of a server", service_life_years, 1, 8, step=1, readout="integer", suffix=" years"),
        slider("wh0", f"Energy per query in {start_year}", wh_per_query, 0.05, 5, step=0.01, suffix=" Wh"),
        slider("ceiling", "Traffic ceiling", min(saturation_queries_per_day, NO_CEILING_QUERIES_PER_DAY), 10 ** 9.5,
               NO_CEILING_QUERIES_PER_DAY, log=True, input_name="log10_ceiling",
               readout=lambda q: f"({q} >= {no_ceiling!r} ? 'none' : {vega_number(q)} + ' queries a day')"),
    ]
    path_label = "one AI service, at the sliders' inputs"
    median_label = "one AI service, median and 90% band"
    labels = list(dict.fromkeys(reference["label"]))
    groups = reference.drop_duplicates("label").set_index("label")["group"] if "group" in reference else pd.Series("", index=labels)
    group_names = list(dict.fromkeys(groups))
    group_colours = [c for c in (PALETTE["household"], PALETTE["training"], PALETTE["world"], PALETTE["claim"]) + CATEGORICAL
                     if c != PALETTE["inference"]]
    colour_of = {group: group_colours[i % len(group_colours)] for i, group in enumerate(group_names)}
    own = [path_label] + ([median_label] if uncertain is not None else [])
    domain = own + labels
    colours = [PALETTE["inference"]] * len(own) + [colour_of[groups[label]] for label in labels]
    # Within a group the shapes differ; the service's own lines are lines.
    shapes = ["triangle-up", "square", "diamond", "cross", "triangle-down", "triangle-left", "triangle-right", "wedge"]
    shape_of, used = {}, {}
    for label in labels:
        k = used.get(groups[label], 0)
        shape_of[label], used[groups[label]] = shapes[k % len(shapes)], k + 1
    legend = alt.Legend(title=None)
    colour = alt.Color("series:N", scale=colour_scale(domain, colours), legend=legend)
    shape = alt.Shape("series:N", scale=alt.Scale(domain=domain, range=["stroke"] * len(own) + [shape_of[label] for label in labels]),
                      legend=legend)
    dash = alt.StrokeDash("series:N", scale=alt.Scale(domain=domain, range=[[1, 0], [6, 3]][: len(own)] + [[1, 0]] * len(labels)),
                          legend=legend)
    low, high = 0.01, 100_000
    y_scale = alt.Scale(type="log", domain=[low, high])
    y = alt.Y("twh:Q", scale=y_scale, axis=number_axis("Electricity [TWh a year], log scale", significant=1, log_range=(low, high)))
    first_year = int(min(start_year, reference["year"].min())) if len(reference) else start_year
    x = alt.X("year:Q", axis=year_axis(), scale=alt.Scale(domain=[first_year, end_year], padding=10))
    tooltip = [alt.Tooltip("series:N", title="What"), alt.Tooltip("year:Q", format="d", title="Year"),
               alt.Tooltip("twh_text:N", title="Electricity")]
    path = (
        alt.Chart(pd.DataFrame({"year": np.arange(start_year, end_year + 1), "series": path_label}))
        .transform_calculate(twh=scenario_twh_expr(start_year, float(queries_per_day), float(pue)))
        .transform_calculate(twh_text=vega_number("datum.twh") + " + ' TWh'")
        .mark_line(strokeWidth=3, point=alt.OverlayMarkDef(filled=True, size=40, color=PALETTE["inference"]))
        .encode(x=x, y=y, color=colour, strokeDash=dash, shape=shape, tooltip=tooltip)
    )
    layers = []
    if uncertain is not None:
        runs = uncertain.loc[start_year:end_year, ["low_twh", "central_twh", "high_twh"]].rename_axis("year").reset_index()
        runs = runs.assign(series=median_label, twh=runs["central_twh"])
        # A light fill with an outline (3:1 against the page) that shows where the band ends;
        # coloured by its series, so the legend names it.
        band = alt.Chart(runs).mark_area(fillOpacity=0.15, stroke=PALETTE["inference"], strokeWidth=1).encode(
            x=x, y=alt.Y("low_twh:Q", scale=y_scale), y2="high_twh:Q", color=colour)
        median = (
            alt.Chart(runs)
            .transform_calculate(twh_text=vega_number("datum.twh") + " + ' TWh (band ' + " + vega_number("datum.low_twh")
                                 + " + ' to ' + " + vega_number("datum.high_twh") + " + ')'")
            .mark_line(strokeWidth=2)
            .encode(x=x, y=y, color=colour, strokeDash=dash, shape=shape, tooltip=tooltip)
        )
        layers += [band, median]
    points = (
        alt.Chart(reference.rename(columns={"label": "series"}))
        .transform_calculate(twh_text=vega_number("datum.twh") + " + ' TWh'")
        .mark_point(filled=True, size=80, opacity=1)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    )
    readouts = []
    for year in [year for year in (2030, end_year) if start_year < year <= end_year]:
        value = scenario_twh_expr(start_year, float(queries_per_day), float(pue)).replace("datum.year", str(year))
        text = f"'{year}: ' + {vega_number(value)} + ' TWh for this service at these inputs'"
        if uncertain is not None and year in uncertain.index:
            median_twh = units.format_number(float(uncertain.loc[year, "central_twh"]))
            text += f" + ' (median of the uncertain runs: {median_twh} TWh)'"
        readouts.append(text)
    if title is None:
        title = "One AI service to 2035, beside all of AI, all data centres and the world"
    return finish(
        alt.layer(*layers, path, points),
        title=title,
        subtitle="Traffic grows, answers lengthen, and new servers' efficiency reaches the fleet as old ones retire.",
        description=(
            f"Electricity of one AI service from {start_year} to {end_year} on a logarithmic scale, from its traffic, "
            "tokens per answer and the efficiency of its servers, beside all of AI, all data centres and the world."
        ),
        controls=controls,
        readouts=readouts,
        height=300,
    )
