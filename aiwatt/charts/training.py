"""Charts of the chapter "Training a model"."""

from __future__ import annotations

import altair as alt
import pandas as pd

from aiwatt import units
from aiwatt.charts.common import (
    PALETTE, colour_scale, energy_axis, finish, label_axis, number_axis, powers_of_ten, select, slider, vega_energy, vega_integer,
    vega_number, vega_share, wrapped_labels, year_axis,
)

#: The parts of a run's electricity, in the order they are stacked, with their colours.
BREAKDOWN_COLOURS: dict[str, str] = {
    "accelerators": PALETTE["training"],
    "rest of the server": PALETTE["household"],
    "cooling and power conversion": PALETTE["world"],
}


def energy_breakdown_bar(breakdown: pd.DataFrame, title: str | None = None) -> alt.Chart:
    """A stacked bar of where runs' electricity goes.

    Parameters
    ----------
    breakdown : pandas.DataFrame
        Columns ``run``, ``component`` and ``energy_kwh`` [kWh], e.g. from
        :func:`aiwatt.training.energy_breakdown` for one or more runs.
    title : str, optional
        The message; by default the accelerators' share of the first run.
    """
    order = list(BREAKDOWN_COLOURS)
    data = breakdown.assign(
        energy_mwh=breakdown["energy_kwh"] / 1e3,
        order=breakdown["component"].map(order.index),
        run_lines=wrapped_labels(breakdown["run"], 22),
    )
    if title is None:
        first = data[data["run"] == data["run"].iloc[0]]
        share = first.loc[first["component"] == "accelerators", "energy_kwh"].sum() / first["energy_kwh"].sum()
        title = f"The accelerators draw {units.format_share(share)} of the electricity; the server and the building the rest"
    chart = (
        alt.Chart(data)
        .transform_calculate(energy_text=vega_energy("datum.energy_kwh"))
        .mark_bar(stroke="#ffffff", strokeWidth=1)
        .encode(
            x=alt.X("energy_mwh:Q", title="Energy [MWh]", stack="zero", axis=number_axis("Energy [MWh]", tickCount=4)),
            y=alt.Y("run_lines:N", title=None, axis=label_axis()),
            color=alt.Color("component:N", sort=order, scale=colour_scale(order, list(BREAKDOWN_COLOURS.values())),
                            legend=alt.Legend(title=None)),
            order=alt.Order("order:Q"),
            tooltip=[alt.Tooltip("run:N", title="Run"), alt.Tooltip("component:N", title="Part"),
                     alt.Tooltip("energy_text:N", title="Energy")],
        )
    )
    return finish(
        chart,
        title=title,
        description=(
            "A stacked bar splitting a training run's electricity into the accelerators, the rest of the server "
            "(processors, memory, network) and the facility's cooling and power conversion."
        ),
        height=46 * data["run"].nunique(),
    )


#: Short labels of :data:`aiwatt.training.PUBLISHED_BOUNDARIES`, under each run's name on a phone-wide axis.
PUBLISHED_BOUNDARY_LABELS: dict[str, str] = {
    "facility": "measured, with server and PUE",
    "accelerator x PUE": "TDP × PUE, no server",
    "accelerator": "TDP only, no PUE",
    "not stated": "not stated",
}


def reproduction_chart(table: pd.DataFrame, title: str | None = None) -> alt.LayerChart:
    """Published training energies against both routes of :mod:`aiwatt.training`, run by run.

    Parameters
    ----------
    table : pandas.DataFrame
        The output of :func:`aiwatt.training.reproduce_reference_runs`
        (indexed by model).
    title : str, optional
        The message; by default how close each route comes.

    Returns
    -------
    altair.LayerChart
        One row per run with a published energy, on a log axis: the published
        figure (a large black dot, drawn behind), route 1 from measured hours
        (blue dot), and route 2 from first principles (vermillion diamond) with
        its utilisation band. Each run's name says what its published figure
        counts (:data:`PUBLISHED_BOUNDARY_LABELS`).
    """
    runs = table[table["reported_mwh"].notna()].reset_index()
    # Say what each published figure counts, beside its name (compare like with like).
    from aiwatt import training

    boundaries = training.reference_runs().set_index("model")["boundary"]
    runs = runs.assign(model=[f"{model}\n({PUBLISHED_BOUNDARY_LABELS[boundaries.get(model, 'not stated')]})" for model in runs["model"]])
    kinds = ["published", "route 1: measured hours", "route 2: first principles (6ND)", "route 2: utilisation band"]
    colours = [PALETTE["highlight"], PALETTE["training"], PALETTE["inference"], PALETTE["inference"]]
    rows = []
    for _, run in runs.iterrows():
        rows.append({"model": run["model"], "kind": kinds[0], "energy_kwh": run["reported_mwh"] * 1e3, "error": 0.0})
        rows.append({"model": run["model"], "kind": kinds[1], "energy_kwh": run["hours_route_mwh"] * 1e3,
                     "error": run["hours_route_error"]})
        if pd.notna(run.get("flops_route_mwh")):
            rows.append({"model": run["model"], "kind": kinds[2], "energy_kwh": run["flops_route_mwh"] * 1e3,
                         "error": run["flops_route_mwh"] / run["reported_mwh"] - 1,
                         "low_kwh": run["flops_route_mwh_low"] * 1e3, "high_kwh": run["flops_route_mwh_high"] * 1e3})
    points = pd.DataFrame(rows)
    if title is None:
        hours = points.loc[points["kind"] == kinds[1], "error"].abs().max()
        flops = points.loc[points["kind"] == kinds[2], "error"].abs().max()
        title = (
            f"Measured hours reproduce every published energy within {units.format_share(hours)}; "
            f"first principles within {units.format_share(flops)}"
        )
    low, high = points[["energy_kwh", "low_kwh", "high_kwh"]].min().min(), points[["energy_kwh", "low_kwh", "high_kwh"]].max().max()
    scale = alt.Scale(type="log", domain=[10 ** int(_floor_log10(low)), 10 ** (int(_floor_log10(high)) + 1)])
    x = alt.X("energy_kwh:Q", scale=scale, axis=energy_axis("Training energy, log scale", every=1))
    y = alt.Y("model:N", sort=alt.EncodingSortField("energy_kwh", op="max"), title=None, axis=label_axis())
    colour = alt.Color("kind:N", scale=colour_scale(kinds, colours), legend=alt.Legend(title=None))
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "circle", "diamond", "stroke"]), legend=alt.Legend(title=None))
    base = alt.Chart(points).transform_calculate(
        run="replace(datum.model, '\\n', ' ')",
        energy_text=vega_energy("datum.energy_kwh"),
        error_text="datum.kind == 'published' ? 'the published figure' : format(datum.error, '+.1%') + ' against the published figure'",
    )
    tooltip = [alt.Tooltip("run:N", title="Run"), alt.Tooltip("kind:N", title="What"),
               alt.Tooltip("energy_text:N", title="Energy"), alt.Tooltip("error_text:N", title="Difference")]
    band = (
        base.transform_filter(f"datum.kind == '{kinds[2]}'")
        .transform_calculate(kind=f"'{kinds[3]}'")
        .mark_rule(strokeWidth=2)
        .encode(x=alt.X("low_kwh:Q", scale=scale), x2="high_kwh:Q", y=y, color=colour)
    )
    # Filled, larger and drawn first: where a route lands on the published figure, a black ring shows around it,
    # and the legend's filled dot is the mark the reader sees.
    published = base.transform_filter(f"datum.kind == '{kinds[0]}'").mark_point(size=170, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip
    )
    modelled = base.transform_filter(f"datum.kind != '{kinds[0]}'").mark_point(size=70, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip
    )
    return finish(
        alt.layer(band, published, modelled),
        title=title,
        description=(
            "For each published training run, with what its figure counts, its reported energy beside the two routes of this chapter: "
            "accelerator-hours times power and PUE, and six times parameters times tokens divided by speed and "
            "utilisation, with the band of plausible utilisation."
        ),
        height=38 * runs["model"].nunique(),
    )


def _floor_log10(value: float) -> float:
    import math

    return math.floor(math.log10(value))


def _factor_text(factor: float) -> str:
    """A growth factor as a reader writes it: "4", "2.7"."""
    return units.format_number(factor, 1 if float(factor).is_integer() else 2)


def compute_trend_chart(
    trend: pd.DataFrame, growth_per_year: float, title: str | None = None, labelled: tuple[str, ...] = ("GPT-3 175B",)
) -> alt.LayerChart:
    """Training compute of notable models over time, with a growth line.

    Parameters
    ----------
    trend : pandas.DataFrame
        Columns ``model``, ``year`` and ``training_flop`` [FLOP].
    growth_per_year : float
        Growth factor per year of frontier compute (e.g. 4), drawn as a dashed
        line through the largest run.
    title : str, optional
        The message; by default the growth factor.
    labelled : tuple of str
        Models named on the chart besides the largest run (the others are
        named when hovered).
    """
    latest = trend.loc[trend["training_flop"].idxmax()]
    years = list(range(int(trend["year"].min()), int(latest["year"]) + 3))
    growth_text = f"×{_factor_text(growth_per_year)} a year"
    kinds = ["a notable model", f"growth of {growth_text} through the largest run"]
    line = pd.DataFrame(
        {"year": years, "training_flop": [latest["training_flop"] * growth_per_year ** (y - latest["year"]) for y in years],
         "kind": kinds[1]}
    )
    if title is None:
        title = f"The compute of the largest training runs grows about {growth_text}"
    x = alt.X("year:Q", axis=year_axis(), scale=alt.Scale(domain=[years[0], years[-1]]))
    low, high = trend["training_flop"].min(), max(line["training_flop"].max(), trend["training_flop"].max())
    scale = alt.Scale(type="log", domain=[powers_of_ten(low, high)[0], powers_of_ten(low, high)[-1]])
    y = alt.Y("training_flop:Q", scale=scale,
              axis=number_axis("Training compute [FLOP], log scale", significant=1, log_range=(low, high)))
    colour = alt.Color("kind:N", scale=colour_scale(kinds, [PALETTE["training"], PALETTE["world"]]), legend=alt.Legend(title=None))
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "stroke"]), legend=alt.Legend(title=None))
    trend_line = alt.Chart(line).mark_line(strokeDash=[6, 4], strokeWidth=2).encode(x=x, y=y, color=colour)
    points = (
        alt.Chart(trend.assign(kind=kinds[0]))
        .transform_calculate(flop_text=vega_number("datum.training_flop") + " + ' FLOP'")
        .mark_point(filled=True, size=60, opacity=1)
        .encode(x=x, y=y, color=colour, shape=shape, tooltip=[alt.Tooltip("model:N", title="Model"), alt.Tooltip("year:Q", format="d", title="Year"),
                                                 alt.Tooltip("flop_text:N", title="Compute")])
    )
    # Name only the largest run and the runs the book discusses; hovering names the others.
    named = trend[(trend.index == trend["training_flop"].idxmax()) | trend["model"].isin(labelled)]
    labels = alt.Chart(named).mark_text(align="right", dx=-8).encode(x=x, y=y, text="model:N")
    return finish(
        alt.layer(trend_line, points, labels),
        title=title,
        description=(
            "Training compute of notable models by year on a logarithmic scale, with a dashed line growing by a "
            f"constant factor ({growth_text}) through the largest run."
        ),
        height=320,
    )


def _peak_flop_lookup(names: list[str]) -> str:
    from aiwatt import hardware

    return " : ".join(f"chip == {name!r} ? {hardware.accelerator(name).peak_flop_per_s!r}" for name in names) + " : NaN"


#: The training chain of :mod:`aiwatt.training`, as Vega expressions over the
#: calculator's parameters (each name is a parameter of the chart).
TRAINING_CHAIN: dict[str, str] = {
    "run_flop": "6 * n_params * n_tokens",  # training.training_flops
    "run_chip_hours": "run_flop / (peak_flop_per_s * utilization) / 3600",  # training.chip_hours_from_flops
    "run_energy_kwh": "run_chip_hours * power_w * pue / 1000",  # training.energy_from_chip_hours
    "run_emissions_t": "run_energy_kwh * grid_g_per_kwh / 1000000",  # grid.emissions_kg / 1000
    "run_days": "run_chip_hours / chip_count / 24",
}


def accelerator_presets(names: list[str]) -> dict[str, dict[str, float]]:
    """What the calculator's sliders start from for each accelerator: its power with the server, and its utilisation.

    Parameters
    ----------
    names : list of str
        Accelerators of :func:`aiwatt.hardware.names`.

    Returns
    -------
    dict
        ``{"power_w": {name: W}, "utilization": {name: fraction}}``: the power
        per accelerator with its share of the server,
        :func:`aiwatt.training.power_at_boundary` at ``"server"``, to the
        watt; and the whole-run utilisation, the central in-step MFU times
        the central goodput (:data:`aiwatt.training.DEFAULT_GOODPUT`), to the
        hundredth (the sliders' steps).
    """
    from aiwatt import hardware, training

    goodput = training.DEFAULT_GOODPUT.central
    return {
        "power_w": {name: float(round(training.power_at_boundary(name, "server"))) for name in names},
        "utilization": {name: round(hardware.accelerator(name).utilization.central * goodput, 2) for name in names},
    }


def training_calculator(
    accelerators: pd.DataFrame,
    reference_energy_kwh: pd.Series,
    household_kwh: dict[str, float],
    intensity_g_per_kwh: float,
    intensity_basis: str = "lifecycle",
    *,
    params: float = 70e9,
    tokens: float = 2e12,
    chip_count: int = 1024,
    accelerator: str = "H100",
    pue: float = 1.1,
) -> alt.LayerChart:
    """A training-energy calculator that runs in the browser, with no kernel.

    Sliders for parameters, tokens, the number of accelerators, utilisation,
    power, PUE and grid intensity, and a drop-down for the accelerator, feed
    the chain of :mod:`aiwatt.training` (6ND FLOP, accelerator-hours, energy,
    emissions; :data:`TRAINING_CHAIN`) written as Vega expressions; the run is
    drawn against published runs, and the readouts under the chart give each
    step. Choosing an accelerator sets the power and utilisation sliders to
    its own central values (:func:`accelerator_presets`), from which the
    reader can move them: the energy counts the facility, as
    :func:`aiwatt.training.energy_at_boundary` does.

    Parameters
    ----------
    accelerators : pandas.DataFrame
        Column ``name``: the accelerators offered (their peak speed comes from
        :func:`aiwatt.hardware.accelerator`).
    reference_energy_kwh : pandas.Series
        Published runs' energy [kWh], indexed by model.
    household_kwh : dict of str to float
        Monthly household use [kWh per month] keyed by a phrase such as "in China".
    intensity_g_per_kwh : float
        Starting grid intensity [g CO2e/kWh].
    intensity_basis : {"lifecycle", "direct"}
        Its basis, named on the slider (see :func:`aiwatt.grid.intensity_basis`).
    params, tokens, chip_count, pue : float
        Starting values of the sliders: parameters [count], training tokens
        [count], accelerators [count], PUE [ratio].
    accelerator : str, default "H100"
        The starting accelerator, one of ``accelerators["name"]``; the power
        and utilisation sliders start from its presets.
    """
    names = list(accelerators["name"])
    presets = accelerator_presets(names)
    controls = [
        slider("n_params", "Parameters", params, 1e8, 1e13, log=True, suffix=" parameters"),
        slider("n_tokens", "Training tokens", tokens, 1e9, 1e14, log=True, suffix=" tokens"),
        select("chip", "Accelerator (sets the power and utilisation below)", names, accelerator),
        slider("chip_count", "Accelerators", chip_count, 8, 65536, log=True, readout="integer", suffix=" accelerators"),
        slider("utilization", "Whole-run utilisation (MFU × goodput)", presets["utilization"][accelerator], 0.05, 0.8, step=0.01,
               readout="share", suffix=" of peak speed"),
        slider("power_w", "Power per accelerator, with its share of the server", presets["power_w"][accelerator], 100, 2000, step=1,
               readout="integer", suffix=" W"),
        slider("pue", "PUE (facility energy ÷ IT energy)", pue, 1.0, 2.0, step=0.01,
               readout=lambda p: f"{vega_number(p)} + ': ' + {vega_share(f'{p} - 1')} + ' on top of the servers'"),
        slider("grid_g_per_kwh", f"Grid intensity, {intensity_basis}", round(intensity_g_per_kwh), 0, 1000, step=10,
               readout="integer", suffix=" g CO2e per kWh"),
    ]
    readouts = [
        f"'Compute: ' + {vega_number('run_flop')} + ' FLOP (6 × parameters × tokens)'",
        f"'Accelerator-hours: ' + {vega_number('run_chip_hours')} + ', or ' + {vega_number('run_days')} + ' days on ' + "
        f"{vega_integer('chip_count')} + ' ' + chip",
        f"'Energy at the facility: ' + {vega_energy('run_energy_kwh')}",
        f"'Emissions: ' + {vega_number('run_emissions_t')} + ' t CO2e'",
    ]
    for region, kwh in household_kwh.items():
        readouts.append(f"'= ' + {vega_number(f'run_energy_kwh / {float(kwh)!r}')} + ' months of an average household {region}'")
    kinds = ["a published run, as its source counts it", "your run, at the facility"]
    runs = reference_energy_kwh.rename("energy_kwh").rename_axis("model").reset_index().assign(kind=kinds[0])
    scale = alt.Scale(type="log", domain=[1e3, 1e8])
    x = alt.X("energy_kwh:Q", scale=scale, axis=energy_axis("Training energy, log scale", every=1))
    colour = alt.Color("kind:N", scale=colour_scale(kinds, [PALETTE["training"], PALETTE["highlight"]]), legend=alt.Legend(title=None))
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "stroke"]), legend=alt.Legend(title=None))
    published = (
        alt.Chart(runs)
        .transform_calculate(energy_text=vega_energy("datum.energy_kwh"))
        .mark_point(filled=True, size=70, opacity=1)
        .encode(
            x=x, color=colour, shape=shape,
            y=alt.Y("model:N", sort=alt.EncodingSortField("energy_kwh"), title=None),
            tooltip=[alt.Tooltip("model:N", title="Run"), alt.Tooltip("energy_text:N", title="Energy")],
        )
    )
    your_run = (
        alt.Chart(pd.DataFrame({"kind": [kinds[1]]}))
        .transform_calculate(energy_kwh="run_energy_kwh")
        .mark_rule(strokeWidth=2)
        .encode(x=x, color=colour)
    )
    return finish(
        alt.layer(published, your_run),
        title="Energy grows with parameters × tokens: where your run lands among published runs",
        subtitle="Energy = 6 × parameters × tokens ÷ (speed × utilisation) × power × PUE",
        description=(
            "A training-energy calculator: sliders set parameters, tokens, accelerator, utilisation, power, PUE and "
            "grid intensity; the resulting energy is drawn as a black line among the published training runs."
        ),
        controls=controls,
        derived={"peak_flop_per_s": _peak_flop_lookup(names), **TRAINING_CHAIN},
        readouts=readouts,
        height=26 * len(runs),
        linked={"chip": presets},
    )
