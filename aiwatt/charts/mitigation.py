"""Charts of the mitigation part: "Cleaner supply", "Using less", "Beyond silicon" and the scenario builder."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from aiwatt.charts.common import PALETTE

#: Width of the plotting area of this part's charts [px]: with the axis labels
#: beside it, a chart fits a 390 px phone with the page's margins.
WIDTH = 220

#: Slider of each lever in the scenario builder: (name shown, min, max, step, unit shown).
#: Shares are shown in percent and divided by 100 in the chart.
SLIDERS: dict[str, tuple[str, float, float, float]] = {
    "hardware": ("Newer chips: work moved [%]", 0, 100, 5),
    "algorithms": ("Algorithms: gain kept [%]", 0, 30, 1),
    "quantisation": ("Quantisation: reach [%]", 0, 100, 5),
    "distillation": ("Distillation: reach [%]", 0, 100, 5),
    "mixture_of_experts": ("Mixture of experts: reach [%]", 0, 100, 5),
    "shorter_answers": ("Shorter answers: reach [%]", 0, 100, 5),
    "power_capping": ("Power capping: reach [%]", 0, 100, 5),
    "facility": ("Target PUE [ratio]", 1.0, 2.0, 0.01),
    "clean_supply": ("Clean power: fossil replaced [%]", 0, 100, 1),
}


def daily_profile_chart(profile: pd.DataFrame, title: str) -> alt.VConcatChart:
    """A stylised day: solar and wind shares of demand above, the grid's intensity below.

    Parameters
    ----------
    profile : pandas.DataFrame
        From :func:`aiwatt.grid.hourly_profile`: ``hour``, ``solar_fraction``,
        ``wind_fraction``, ``grid_g_per_kwh``; ``attrs["basis"]`` is named on the axis.
    title : str
        The chart's message.
    """
    basis = profile.attrs.get("basis", "")
    shares = profile.melt(id_vars="hour", value_vars=["solar_fraction", "wind_fraction"], var_name="source", value_name="share")
    shares["source"] = shares["source"].map({"solar_fraction": "solar", "wind_fraction": "wind"})
    x = alt.X("hour:Q", scale=alt.Scale(domain=[0, 23]), axis=alt.Axis(values=list(range(0, 24, 3)), title="Hour of the day"))
    top = (
        alt.Chart(shares)
        .mark_area(opacity=0.8)
        .encode(
            x=x,
            y=alt.Y("share:Q", stack="zero", axis=alt.Axis(format="%", title="Share of demand")),
            color=alt.Color("source:N", scale=alt.Scale(domain=["solar", "wind"], range=[PALETTE["highlight"], PALETTE["training"]]),
                            legend=alt.Legend(title=None, orient="top")),
            tooltip=[alt.Tooltip("hour:Q"), "source:N", alt.Tooltip("share:Q", format=".0%")],
        )
        .properties(width=WIDTH, height=120)
    )
    bottom = (
        alt.Chart(profile.assign(series=f"grid intensity ({basis})"))
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("grid_g_per_kwh:Q", scale=alt.Scale(zero=True), title=f"g CO2e per kWh, {basis}"),
            color=alt.Color("series:N", scale=alt.Scale(range=[PALETTE["claim"]]), legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[alt.Tooltip("hour:Q"), alt.Tooltip("grid_g_per_kwh:Q", title="g CO2e/kWh", format=",.0f")],
        )
        .properties(width=WIDTH, height=140)
    )
    return alt.vconcat(top, bottom).resolve_scale(color="independent").properties(
        title=title, description="A stylised day of solar and wind output and grid carbon intensity"
    )


def supply_chart(load_mw: float, capacity_factors: dict[str, float], efficiency: float, storage_hours: float = 12.0) -> alt.LayerChart:
    """Generation needed to run a constant load on solar or wind, with a storage slider.

    The bar for each source is :func:`aiwatt.grid.supply_balance`'s central
    nameplate, computed in the browser: load x (direct hours + storage hours /
    efficiency) / (24 x capacity factor), solar storage capped at the 12 night hours.

    Parameters
    ----------
    load_mw : float
        The constant load [MW].
    capacity_factors : dict
        ``{"solar": f, "wind": f}`` central capacity factors [fraction].
    efficiency : float
        Central round-trip efficiency of storage [fraction].
    storage_hours : float
        Starting value of the slider [h].
    """
    storage = alt.param(name="storage_hours", value=storage_hours,
                        bind=alt.binding_range(min=0, max=24, step=1, name="Hours of load from storage each day [h]: "))
    rows = pd.DataFrame({"source": list(capacity_factors), "factor": list(capacity_factors.values())})
    used = "datum.source == 'solar' ? min(storage_hours, 12) : storage_hours"
    direct = "datum.source == 'solar' ? 12 : 24 - storage_hours"
    bars = (
        alt.Chart(rows)
        .transform_calculate(used=used, direct=direct)
        .transform_calculate(generation_mw=f"{load_mw:g} * (datum.direct + datum.used / {efficiency:g}) / (24 * datum.factor)",
                             covered="(datum.direct + datum.used) / 24")
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None),
            x=alt.X("generation_mw:Q", title="Generation to build [MW]", scale=alt.Scale(domain=[0, 1200]), axis=alt.Axis(tickCount=4)),
            color=alt.Color("source:N", scale=alt.Scale(domain=["solar", "wind"], range=[PALETTE["highlight"], PALETTE["training"]]),
                            legend=alt.Legend(title=None, orient="bottom")),
            tooltip=["source:N", alt.Tooltip("generation_mw:Q", title="MW", format=",.0f"), alt.Tooltip("covered:Q", title="hours covered", format=".0%")],
        )
    )
    labels = bars.mark_text(align="left", dx=4).encode(text=alt.Text("generation_mw:Q", format=",.0f"), color=alt.value("black"))
    load = alt.Chart(pd.DataFrame({"x": [load_mw], "what": [f"the load, {load_mw:,.0f} MW"]})).mark_rule(strokeDash=[4, 3], color=PALETTE["world"]).encode(
        x="x:Q", opacity=alt.Opacity("what:N", legend=alt.Legend(title=None, orient="bottom"))
    )
    return alt.layer(bars, labels, load).add_params(storage).properties(
        width=WIDTH, height=110, title="Solar needs more overbuild than wind",
        description="Generation to run a constant load around the clock on solar or wind with storage",
    )


def operation_energy_chart(table: pd.DataFrame, landauer_j: float) -> alt.LayerChart:
    """Energy per operation on a log axis, against the Landauer limit.

    Parameters
    ----------
    table : pandas.DataFrame
        From :func:`aiwatt.limits.energy_per_operation`: ``name``, ``kind``,
        ``energy_per_operation_j``, ``operation``.
    landauer_j : float
        The Landauer limit [J per bit], drawn as a rule.
    """
    kinds = ["electronic", "photonic", "quantum"]
    x = alt.X("energy_per_operation_j:Q", scale=alt.Scale(type="log", domain=[1e-22, 100]),
              axis=alt.Axis(title="Energy per operation [J], log scale", values=[1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1],
                            labelExpr="datum.value == 1 ? '1 J' : datum.value == 1e-3 ? '1 mJ' : datum.value == 1e-6 ? '1 µJ' : "
                                      "datum.value == 1e-9 ? '1 nJ' : datum.value == 1e-12 ? '1 pJ' : datum.value == 1e-15 ? '1 fJ' : "
                                      "datum.value == 1e-18 ? '1 aJ' : '1 zJ'"))
    points = (
        alt.Chart(table)
        .mark_point(filled=True, size=90)
        .encode(
            x=x,
            y=alt.Y("name:N", sort=alt.EncodingSortField("energy_per_operation_j", order="descending"), title=None, axis=alt.Axis(labelLimit=125)),
            color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=[PALETTE["training"], PALETTE["highlight"], PALETTE["claim"]]),
                            legend=alt.Legend(title=None, orient="bottom")),
            tooltip=["name:N", "operation:N", alt.Tooltip("energy_per_operation_j:Q", title="Energy per operation (J, with SI prefix)", format=".3~s")],
        )
    )
    limit = alt.Chart(pd.DataFrame({"energy_per_operation_j": [landauer_j], "what": ["Landauer limit at 300 K, one bit"]})).mark_rule(
        color=PALETTE["world"], strokeDash=[5, 3], strokeWidth=2
    ).encode(x=x, opacity=alt.Opacity("what:N", legend=alt.Legend(title=None, orient="top")))
    return alt.layer(limit, points).properties(
        width=WIDTH, height=26 * len(table), title="Chips sit far above the physical floor",
        description="Energy per operation of accelerators and of photonic and quantum demonstrations against the Landauer limit",
    )


def lever_bands_chart(bands: pd.DataFrame) -> alt.LayerChart:
    """Each demand-side lever's saving where fully applied, as a band with its central value.

    Parameters
    ----------
    bands : pandas.DataFrame
        Columns ``label``, ``low``, ``central``, ``high`` [fraction].
    """
    y = alt.Y("label:N", title=None, sort=alt.EncodingSortField("central", order="descending"), axis=alt.Axis(labelLimit=150))
    x_scale = alt.Scale(domain=[0, 1])
    rules = alt.Chart(bands.assign(what="range in the sources")).mark_rule(strokeWidth=6, opacity=0.45).encode(
        y=y, x=alt.X("low:Q", scale=x_scale, axis=alt.Axis(format="%", title="Electricity saved where fully applied")), x2="high:Q",
        color=alt.Color("what:N", scale=alt.Scale(range=[PALETTE["household"]]), legend=alt.Legend(title=None, orient="bottom")),
    )
    points = alt.Chart(bands.assign(mark="central value")).mark_point(filled=True, size=80, color="black").encode(
        y=y, x=alt.X("central:Q", scale=x_scale), shape=alt.Shape("mark:N", legend=alt.Legend(title=None, orient="bottom")),
        tooltip=["label:N", alt.Tooltip("low:Q", format=".0%"), alt.Tooltip("central:Q", format=".0%"), alt.Tooltip("high:Q", format=".0%")],
    )
    return alt.layer(rules, points).properties(
        width=WIDTH, height=30 * len(bands), title="No lever saves it all",
        description="Saving of each demand-side lever where fully applied, with its range",
    )


def rebound_chart(compute_ratio_per_year: float, efficiency_ratio_per_year: float, years: int = 6) -> alt.LayerChart:
    """Compute demand against energy efficiency, both indexed to 1, and the energy they imply.

    Parameters
    ----------
    compute_ratio_per_year : float
        Growth of training compute [ratio per year], e.g. 4.6.
    efficiency_ratio_per_year : float
        Growth of FLOP per joule [ratio per year], e.g. 1.5.
    years : int
        Years drawn.
    """
    t = np.arange(years + 1)
    frame = pd.concat(
        [
            pd.DataFrame({"year": t, "series": f"compute used (x{compute_ratio_per_year:g} a year)", "index": compute_ratio_per_year ** t}),
            pd.DataFrame({"year": t, "series": f"operations per joule (x{efficiency_ratio_per_year:g} a year)", "index": efficiency_ratio_per_year ** t}),
            pd.DataFrame({"year": t, "series": "energy = compute / efficiency", "index": (compute_ratio_per_year / efficiency_ratio_per_year) ** t}),
        ]
    )
    series = list(dict.fromkeys(frame["series"]))
    return (
        alt.Chart(frame)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:Q", title="Years from the start", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("index:Q", scale=alt.Scale(type="log"), axis=alt.Axis(title="Multiple of the start, log scale", format=",.0f")),
            color=alt.Color("series:N", sort=series, scale=alt.Scale(domain=series, range=[PALETTE["inference"], PALETTE["household"], PALETTE["claim"]]),
                            legend=alt.Legend(title=None, orient="bottom", columns=1, labelLimit=300)),
            tooltip=["series:N", "year:Q", alt.Tooltip("index:Q", format=",.3~r")],
        )
        .properties(width=WIDTH, height=220, title="Compute grew faster than efficiency",
                    description="Growth of training compute against hardware efficiency, and the energy they imply")
    )


def _waterfall_panel(steps: pd.DataFrame, measure: str) -> alt.LayerChart:
    """One panel of the scenario builder: electricity [TWh] or emissions [Mt CO2e]."""
    setting = " : ".join(
        f"datum.step == '{lever}' ? {('facility_pue' if lever == 'facility' else lever + '_pct / 100')}" for lever in SLIDERS
    ) + " : 0"
    formulas = {
        "linear": "datum.setting * datum.p",
        "algorithms": "1 - pow(0.5, datum.setting * datum.p)",
        "facility": "max(0, 1 - datum.setting / datum.p)",
        "clean_supply": "datum.setting",
    }
    saving = " : ".join(f"datum.formula == '{name}' ? {expr}" for name, expr in formulas.items()) + " : 0"
    electricity = measure == "electricity"
    counted = "datum.kind == 'demand'" if electricity else "datum.kind == 'demand' || datum.kind == 'supply'"
    scale = "1" if electricity else "datum.mt_per_twh"
    unit = "TWh" if electricity else "Mt CO2e"
    base = (
        alt.Chart(steps)
        .transform_filter("datum.year == year_shown")
        .transform_calculate(setting=setting)
        .transform_calculate(saving=saving)
        .transform_calculate(log_factor=f"({counted}) ? log(max(1 - datum.saving, 1e-12)) * (datum.kind == 'demand' ? 1 - rebound : 1) : 0",
                             start=f"datum.baseline_twh * {scale}")
        .transform_joinaggregate(log_total="sum(log_factor)")
        .transform_calculate(total_saving="datum.start * (1 - exp(datum.log_total))")
        .transform_calculate(part="datum.log_total == 0 ? 0 : datum.total_saving * datum.log_factor / datum.log_total")
        .transform_window(cumulative="sum(part)", sort=[alt.SortField("order")], frame=[None, 0])
        .transform_calculate(
            top="datum.kind == 'start' ? datum.start : datum.kind == 'end' ? datum.start - datum.total_saving : datum.start - datum.cumulative + datum.part",
            bottom="datum.kind == 'start' || datum.kind == 'end' ? 0 : datum.start - datum.cumulative",
            value="datum.kind == 'start' ? datum.start : datum.kind == 'end' ? datum.start - datum.total_saving : -datum.part",
            role="datum.kind == 'start' ? 'baseline' : datum.kind == 'end' ? 'with the levers' : datum.part >= 0 ? 'saved by a lever' : 'added (rebound above 1)'",
        )
    )
    roles = ["baseline", "saved by a lever", "added (rebound above 1)", "with the levers"]
    y = alt.Y("label:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=130))
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("bottom:Q", title=f"{'Electricity' if electricity else 'Emissions'} [{unit}]", axis=alt.Axis(format=",.0f", tickCount=4),
                scale=alt.Scale(zero=True, padding=28)),
        x2="top:Q",
        color=alt.Color("role:N", scale=alt.Scale(domain=roles, range=[PALETTE["world"], PALETTE["household"], PALETTE["inference"], PALETTE["training"]]),
                        legend=alt.Legend(title=None, orient="bottom", columns=2) if electricity else None),
        tooltip=["label:N", alt.Tooltip("value:Q", title=unit, format=",.0f")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x="top:Q", text=alt.Text("value:Q", format=",.0f"), color=alt.value("black"),
    )
    return alt.layer(bars, text).properties(width=WIDTH - 20, height=18 * 11, title=f"{'Electricity' if electricity else 'Emissions'}, {unit}")


def scenario_waterfall(steps: pd.DataFrame, defaults: dict[str, float], rebound: float = 0.0, year: int = 2030) -> alt.VConcatChart:
    """The scenario builder: AI's electricity and emissions from the baseline through each lever.

    Everything is computed in the browser from the sliders, with
    :func:`aiwatt.mitigation.scenario`'s central formulas (tied by a test).

    Parameters
    ----------
    steps : pandas.DataFrame
        :func:`aiwatt.mitigation.slider_table`.
    defaults : dict
        Starting lever settings (shares as fractions, ``facility`` a PUE).
    rebound : float
        Starting rebound elasticity.
    year : int
        Year shown first (one of ``steps["year"]``).
    """
    years = sorted(int(y) for y in steps["year"].unique())
    params = [alt.param(name="year_shown", value=year, bind=alt.binding_radio(options=years, name="Year: "))]
    for lever, (name, low, high, step) in SLIDERS.items():
        if lever == "facility":
            params.append(alt.param(name="facility_pue", value=round(defaults[lever], 2), bind=alt.binding_range(min=low, max=high, step=step, name=name + ": ")))
        else:
            params.append(alt.param(name=f"{lever}_pct", value=round(100 * defaults[lever]), bind=alt.binding_range(min=low, max=high, step=step, name=name + ": ")))
    params.append(alt.param(name="rebound", value=rebound, bind=alt.binding_range(min=0, max=1.5, step=0.05, name="Rebound elasticity: ")))
    return (
        alt.vconcat(_waterfall_panel(steps, "electricity"), _waterfall_panel(steps, "emissions"))
        .add_params(*params)
        .properties(title="What each lever takes off",
                    description="Scenario builder: AI's electricity and emissions from the baseline through each lever, with sliders")
    )


def with_settings(spec: dict, levers: dict[str, float], rebound: float, year: int | None = None) -> dict:
    """A scenario-builder spec with its sliders moved to new settings.

    Building an Altair chart takes a large fraction of a second; a live
    dashboard builds :func:`scenario_waterfall` once, takes its
    ``to_dict()``, and on every change only rewrites the parameter values
    here (a copy: ``spec`` is unchanged).

    Parameters
    ----------
    spec : dict
        ``scenario_waterfall(...).to_dict()``.
    levers : dict
        Lever settings (shares as fractions, ``facility`` a PUE); levers not
        given keep their values.
    rebound : float
        Rebound elasticity.
    year : int, optional
        Year shown.
    """
    values = {"rebound": float(rebound)}
    if year is not None:
        values["year_shown"] = int(year)
    for lever, value in levers.items():
        if lever == "facility":
            values["facility_pue"] = round(float(value), 2)
        elif lever in SLIDERS:
            values[f"{lever}_pct"] = round(100.0 * float(value), 6)
    params = [dict(p, value=values[p["name"]]) if p.get("name") in values else p for p in spec.get("params", [])]
    return dict(spec, params=params)
