"""Charts of the chapter "Training a model"."""

from __future__ import annotations

import altair as alt
import pandas as pd

from aiwatt.charts.common import PALETTE, text_panel, energy_axis, readable_energy_expr


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
        The line of perfect agreement; each run's two routes in two colours,
        the FLOPs route with its MFU band as a bar; the marker's shape gives
        the boundary of the published figure.
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
    # The boundary of each published figure sets the marker's shape (accelerator, server, facility).
    from aiwatt import data
    from aiwatt.charts.inference import BOUNDARY_SHAPES

    points = points.assign(boundary=points["model"].map(data.load("reference_runs").set_index("model")["boundary"]).fillna("not stated"))
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
            shape=alt.Shape("boundary:N", scale=alt.Scale(domain=list(BOUNDARY_SHAPES), range=list(BOUNDARY_SHAPES.values())),
                            legend=alt.Legend(title="Boundary of the published figure", orient="bottom")),
            tooltip=[
                "model:N",
                "route:N",
                "boundary:N",
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
    intensity_basis: str = "lifecycle",
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
    intensity_basis : {"lifecycle", "direct"}
        Its basis, named on the slider (see :func:`aiwatt.grid.intensity_basis`).
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
        alt.param(name="utilization", value=0.36, bind=alt.binding_range(min=0.05, max=0.8, step=0.01, name="Whole-run utilisation (MFU × goodput): ")),
        alt.param(name="power_w", value=700, bind=alt.binding_range(min=100, max=1500, step=10, name="Power per accelerator [W]: ")),
        alt.param(name="pue", value=1.1, bind=alt.binding_range(min=1.0, max=2.0, step=0.01, name="PUE: ")),
        alt.param(
            name="grid", value=round(intensity_g_per_kwh), bind=alt.binding_range(min=0, max=1000, step=10, name=f"Grid intensity, {intensity_basis} [g CO2e/kWh]: ")
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
    panel = text_panel(lines, width=440).add_params(*params)
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
