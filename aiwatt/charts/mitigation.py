"""Charts of the mitigation part: "Cleaner supply", "Using less", "Beyond silicon" and the scenario builder."""

from __future__ import annotations

import re

import altair as alt
import numpy as np
import pandas as pd

from aiwatt import units
from aiwatt.charts.common import (
    PALETTE, colour_scale, finish, label_axis, number_axis, select, slider, vega_number, vega_share, wrapped_labels,
)

#: Width of the plotting area of the panels of this part's stacked charts [px]:
#: with the axis labels beside it, a panel fits a 390 px phone with the page's margins.
WIDTH = 220

#: Colours of the two variable sources, wherever they appear.
SOURCE_COLOURS: dict[str, str] = {"solar": PALETTE["inference"], "wind": PALETTE["training"]}

#: Slider of each lever in the scenario builder: (name shown, min, max, step).
#: Shares are shown in percent and divided by 100 in the chart. Clean supply is
#: a yearly rate, so that one setting holds for every year shown
#: (:func:`aiwatt.mitigation.clean_supply_share`).
SLIDERS: dict[str, tuple[str, float, float, float]] = {
    "hardware": ("Newer chips: work moved [%]", 0, 100, 5),
    "algorithms": ("Algorithms: gain kept [%]", 0, 30, 1),
    "quantisation": ("Quantisation: reach [%]", 0, 100, 5),
    "distillation": ("Distillation: reach [%]", 0, 100, 5),
    "mixture_of_experts": ("Mixture of experts: reach [%]", 0, 100, 5),
    "shorter_answers": ("Shorter answers: reach [%]", 0, 100, 5),
    "power_capping": ("Power capping: reach [%]", 0, 100, 5),
    "facility": ("Target PUE [ratio]", 1.0, 2.0, 0.01),
    "clean_supply": ("Clean power: fossil replaced each year [%]", 0, 10, 0.1),
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
    x = alt.X("hour:Q", scale=alt.Scale(domain=[0, 23]), axis=alt.Axis(values=list(range(0, 24, 3)), title="Hour of the day", format="d"))
    # Each source from zero, not stacked: a reader reads solar's share off the axis directly.
    top = (
        alt.Chart(shares)
        .transform_calculate(share_text=vega_share("datum.share"))
        # Not stacked: each area's top is that source's own share, as the text reads it (solar 21%, not 21% on top of wind).
        # A light fill outlined in the source's full colour (3:1 against the page).
        .mark_area(fillOpacity=0.35, strokeWidth=2)
        .encode(
            x=x,
            y=alt.Y("share:Q", stack=None, axis=alt.Axis(format="%", title="Share of demand, each source")),
            color=alt.Color("source:N", scale=colour_scale(list(SOURCE_COLOURS), list(SOURCE_COLOURS.values())),
                            legend=alt.Legend(title=None, orient="top")),
            stroke=alt.Stroke("source:N", scale=colour_scale(list(SOURCE_COLOURS), list(SOURCE_COLOURS.values())), legend=None),
            tooltip=[alt.Tooltip("hour:Q", format="d", title="Hour"), alt.Tooltip("source:N", title="Source"),
                     alt.Tooltip("share_text:N", title="Share of demand")],
        )
        .properties(width=WIDTH, height=120)
    )
    bottom = (
        alt.Chart(profile.assign(series=f"grid intensity ({basis})"))
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=30))
        .encode(
            x=x,
            y=alt.Y("grid_g_per_kwh:Q", scale=alt.Scale(zero=True), title=f"g CO2e per kWh, {basis}"),
            color=alt.Color("series:N", scale=alt.Scale(range=[PALETTE["claim"]]), legend=alt.Legend(title=None, orient="bottom")),
            tooltip=[alt.Tooltip("hour:Q", format="d", title="Hour"), alt.Tooltip("grid_g_per_kwh:Q", title="g CO2e per kWh", format=",.0f")],
        )
        .properties(width=WIDTH, height=140)
    )
    return finish(
        alt.vconcat(top, bottom).resolve_scale(color="independent"),
        title=title,
        description=(
            f"A stylised day: the shares of demand met by solar and by wind hour by hour, each drawn from zero, and beneath, the grid's carbon "
            f"intensity ({basis}) falling when they produce most."
        ),
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
    storage = slider("storage_hours", "Hours of the load met from storage each day", storage_hours, 0, 24, step=1,
                     readout="integer", suffix=" hours")
    rows = pd.DataFrame({"source": list(capacity_factors), "factor": list(capacity_factors.values())})
    used = "datum.source == 'solar' ? min(storage_hours, 12) : storage_hours"
    direct = "datum.source == 'solar' ? 12 : 24 - storage_hours"
    load_label = f"the load, {units.format_number(load_mw)} MW"
    domain = list(capacity_factors) + [load_label]
    colours = [SOURCE_COLOURS.get(source, PALETTE["household"]) for source in capacity_factors] + [PALETTE["world"]]
    colour = alt.Color("what:N", scale=colour_scale(domain, colours), legend=alt.Legend(title=None))
    x = alt.X("generation_mw:Q", title="Generation to build [MW]", scale=alt.Scale(domain=[0, 1200]), axis=alt.Axis(tickCount=4))
    bars = (
        alt.Chart(rows)
        .transform_calculate(used=used, direct=direct, what="datum.source")
        .transform_calculate(generation_mw=f"{load_mw:g} * (datum.direct + datum.used / {efficiency:g}) / (24 * datum.factor)",
                             covered="(datum.direct + datum.used) / 24")
        .transform_calculate(covered_text=vega_share("datum.covered"),
                             generation_text=vega_number("datum.generation_mw") + " + ' MW' + (datum.covered < 1 ? ', covers ' + "
                             "format(datum.covered * 24, 'd') + ' of 24 hours' : '')")
        .mark_bar()
        .encode(
            y=alt.Y("source:N", title=None),
            x=x,
            color=colour,
            tooltip=[alt.Tooltip("source:N", title="Source"), alt.Tooltip("generation_text:N", title="To build"),
                     alt.Tooltip("covered_text:N", title="Hours covered")],
        )
    )
    labels = bars.mark_text(align="left", dx=4).encode(text="generation_text:N", color=alt.value("#222222"))
    load = alt.Chart(pd.DataFrame({"generation_mw": [load_mw], "what": [load_label]})).mark_rule(strokeDash=[4, 3], strokeWidth=2).encode(
        x="generation_mw:Q", color=colour
    )
    return finish(
        alt.layer(bars, labels, load),
        title="Solar needs more overbuild than wind",
        subtitle="Below 12 hours of storage, solar no longer covers the night: the label says how many hours it covers.",
        description=(
            "The generation to build to run a constant load around the clock on solar or on wind, with part of each day "
            "met from storage, against the load itself."
        ),
        controls=[storage],
        height=110,
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
    limit_label = "Landauer limit at 300 K, one bit"
    kinds = ["electronic", "photonic", "quantum", limit_label]
    colour = alt.Color("kind:N", scale=colour_scale(kinds, [PALETTE["training"], PALETTE["highlight"], PALETTE["claim"], PALETTE["world"]]),
                       legend=alt.Legend(title=None))
    shape = alt.Shape("kind:N", scale=alt.Scale(domain=kinds, range=["circle", "square", "diamond", "stroke"]), legend=alt.Legend(title=None))
    x = alt.X("energy_per_operation_j:Q", scale=alt.Scale(type="log", domain=[1e-22, 100]),
              axis=alt.Axis(title="Energy per operation [J], log scale", values=[1e-21, 1e-18, 1e-15, 1e-12, 1e-9, 1e-6, 1e-3, 1],
                            labelExpr="datum.value == 1 ? '1 J' : datum.value == 1e-3 ? '1 mJ' : datum.value == 1e-6 ? '1 µJ' : "
                                      "datum.value == 1e-9 ? '1 nJ' : datum.value == 1e-12 ? '1 pJ' : datum.value == 1e-15 ? '1 fJ' : "
                                      "datum.value == 1e-18 ? '1 aJ' : '1 zJ'"))
    rows = table.assign(wrapped=wrapped_labels(table["name"], 20))
    points = (
        alt.Chart(rows)
        .transform_calculate(energy_text=vega_number("datum.energy_per_operation_j") + " + ' J'")
        .mark_point(filled=True, size=90, opacity=1)
        .encode(
            x=x,
            y=alt.Y("wrapped:N", sort=alt.EncodingSortField("energy_per_operation_j", order="descending"), title=None, axis=label_axis()),
            color=colour,
            shape=shape,
            tooltip=[alt.Tooltip("name:N", title="What"), alt.Tooltip("operation:N", title="Operation"),
                     alt.Tooltip("energy_text:N", title="Energy per operation")],
        )
    )
    limit = alt.Chart(pd.DataFrame({"energy_per_operation_j": [landauer_j], "kind": [limit_label]})).mark_rule(
        strokeDash=[5, 3], strokeWidth=2
    ).encode(x=x, color=colour)
    return finish(
        alt.layer(limit, points),
        title="Chips sit far above the physical floor",
        description=(
            "Energy per operation of today's accelerators and of photonic and quantum demonstrations, on a logarithmic "
            "scale, against the Landauer limit: the least energy that erasing one bit can take at room temperature."
        ),
        height=len(rows) * (14 * max(label.count("\n") + 1 for label in rows["wrapped"]) + 8),
    )


def lever_bands_chart(bands: pd.DataFrame) -> alt.LayerChart:
    """Each demand-side lever's saving where fully applied, as a band with its central value.

    Parameters
    ----------
    bands : pandas.DataFrame
        Columns ``label``, ``low``, ``central``, ``high`` [fraction].
    """
    kinds = ["range in the sources", "central value"]
    colour = alt.Color("what:N", scale=colour_scale(kinds, [PALETTE["household"], PALETTE["highlight"]]), legend=alt.Legend(title=None))
    shape = alt.Shape("what:N", scale=alt.Scale(domain=kinds, range=["stroke", "circle"]), legend=alt.Legend(title=None))
    rows = bands.assign(wrapped=wrapped_labels(bands["label"], 20))
    y = alt.Y("wrapped:N", title=None, sort=alt.EncodingSortField("central", order="descending"), axis=label_axis())
    x_scale = alt.Scale(domain=[0, 1])
    base = alt.Chart(rows).transform_calculate(
        low_text=vega_share("datum.low"), central_text=vega_share("datum.central"), high_text=vega_share("datum.high")
    )
    tooltip = [alt.Tooltip("label:N", title="Lever"), alt.Tooltip("low_text:N", title="Low"), alt.Tooltip("central_text:N", title="Central"),
               alt.Tooltip("high_text:N", title="High")]
    rules = base.transform_calculate(what=f"'{kinds[0]}'").mark_rule(strokeWidth=6).encode(
        y=y, x=alt.X("low:Q", scale=x_scale, axis=alt.Axis(format="%", title="Electricity saved where fully applied")), x2="high:Q",
        color=colour, tooltip=tooltip,
    )
    points = base.transform_calculate(what=f"'{kinds[1]}'").mark_point(filled=True, size=80, opacity=1).encode(
        y=y, x=alt.X("central:Q", scale=x_scale), color=colour, shape=shape, tooltip=tooltip,
    )
    return finish(
        alt.layer(rules, points),
        title="No lever saves it all",
        description="The share of electricity each demand-side lever saves where it is fully applied: the range found in the sources and its central value.",
        height=len(rows) * (14 * max(label.count("\n") + 1 for label in rows["wrapped"]) + 10),
    )


def rebound_chart(compute_ratio_per_year: float, efficiency_ratio_per_year: float, years: int = 6) -> alt.Chart:
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
    compute, efficiency = units.format_number(compute_ratio_per_year, 2), units.format_number(efficiency_ratio_per_year, 2)
    frame = pd.concat(
        [
            pd.DataFrame({"year": t, "series": f"compute used (×{compute} a year)", "index": compute_ratio_per_year ** t}),
            pd.DataFrame({"year": t, "series": f"operations per joule (×{efficiency} a year)", "index": efficiency_ratio_per_year ** t}),
            pd.DataFrame({"year": t, "series": "energy = compute ÷ efficiency", "index": (compute_ratio_per_year / efficiency_ratio_per_year) ** t}),
        ]
    )
    series = list(dict.fromkeys(frame["series"]))
    chart = (
        alt.Chart(frame)
        .transform_calculate(index_text="'×' + " + vega_number("datum.index"))
        .mark_line(point=alt.OverlayMarkDef(filled=True, size=30))
        .encode(
            x=alt.X("year:Q", title="Years from the start", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("index:Q", scale=alt.Scale(type="log"),
                    axis=number_axis("Multiple of the start, log scale", significant=1,
                                     log_range=(1, float(frame["index"].max())))),
            color=alt.Color("series:N", sort=series, scale=colour_scale(series, [PALETTE["inference"], PALETTE["household"], PALETTE["claim"]]),
                            legend=alt.Legend(title=None)),
            tooltip=[alt.Tooltip("series:N", title="What"), alt.Tooltip("year:Q", format="d", title="Year"),
                     alt.Tooltip("index_text:N", title="Multiple of the start")],
        )
    )
    return finish(
        chart,
        title="Compute grew faster than efficiency",
        description=(
            "Training compute and hardware efficiency, each as a multiple of its starting value on a logarithmic scale, "
            "and the energy they imply: compute divided by efficiency, which still grows."
        ),
        height=220,
    )


def _formula(expr: str, setting: str, p: str) -> str:
    """A formula of :data:`aiwatt.mitigation.SLIDER_FORMULAS` with its two names replaced."""
    return re.sub(r"\bp\b", lambda _: p, re.sub(r"\bsetting\b", lambda _: setting, expr))


def _setting_expr(lever: str) -> str:
    """The Vega expression of a lever's setting, from its slider."""
    if lever == "facility":
        return "facility_pue"
    return f"{lever}_pct / 100"


def _waterfall_panel(steps: pd.DataFrame, measure: str) -> alt.LayerChart:
    """One panel of the scenario builder: electricity [TWh] or emissions [Mt CO2e]."""
    from aiwatt import mitigation

    setting = " : ".join(f"datum.step == '{lever}' ? {_setting_expr(lever)}" for lever in SLIDERS) + " : 0"
    formulas = {name: _formula(expr, "datum.setting", "datum.p") for name, expr in mitigation.SLIDER_FORMULAS.items()}
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
        .transform_calculate(log_factor=f"({counted}) ? log(max(1 - datum.saving, 1e-12)) : 0",
                             demand_log="datum.kind == 'demand' ? log(max(1 - datum.saving, 1e-12)) : 0",
                             clean_log="" + ("0" if electricity else "datum.kind == 'supply' ? log(max(1 - datum.saving, 1e-12)) : 0"),
                             start=f"datum.baseline_twh * {scale}")
        .transform_joinaggregate(log_total="sum(log_factor)", demand_total="sum(demand_log)", clean_total="sum(clean_log)")
        # Savings before the rebound, split among the levers by their logarithms; then what the rebound takes back.
        .transform_calculate(total_saving="datum.start * (1 - exp(datum.log_total))",
                             taken_back="datum.start * exp(datum.clean_total) * (exp((1 - rebound) * datum.demand_total) - exp(datum.demand_total))")
        .transform_calculate(part="datum.kind == 'rebound' ? -datum.taken_back : "
                                  "datum.log_total == 0 ? 0 : datum.total_saving * datum.log_factor / datum.log_total")
        .transform_window(cumulative="sum(part)", sort=[alt.SortField("order")], frame=[None, 0])
        .transform_calculate(
            end_value="datum.start - datum.total_saving + datum.taken_back",
        )
        .transform_calculate(
            top="datum.kind == 'start' ? datum.start : datum.kind == 'end' ? datum.end_value : datum.start - datum.cumulative + datum.part",
            bottom="datum.kind == 'start' || datum.kind == 'end' ? 0 : datum.start - datum.cumulative",
            value="datum.kind == 'start' ? datum.start : datum.kind == 'end' ? datum.end_value : -datum.part",
            role="datum.kind == 'start' ? 'baseline' : datum.kind == 'end' ? 'with the levers' : "
                 "datum.kind == 'rebound' ? 'taken back by the rebound' : 'saved by a lever'",
        )
    )
    roles = ["baseline", "saved by a lever", "taken back by the rebound", "with the levers"]
    y = alt.Y("label:N", sort=alt.EncodingSortField("order"), title=None, axis=alt.Axis(labelLimit=130, labelOverlap=False))
    bars = base.mark_bar().encode(
        y=y,
        x=alt.X("bottom:Q", title=f"{'Electricity' if electricity else 'Emissions'} [{unit}]", axis=alt.Axis(format=",.0f", tickCount=4),
                scale=alt.Scale(zero=True, padding=28)),
        x2="top:Q",
        color=alt.Color("role:N", scale=colour_scale(roles, [PALETTE["world"], PALETTE["household"], PALETTE["inference"], PALETTE["training"]]),
                        legend=alt.Legend(title=None)),
        tooltip=[alt.Tooltip("label:N", title="Step"), alt.Tooltip("value:Q", title=unit, format=",.0f")],
    )
    text = base.transform_calculate(label_x="max(datum.top, datum.bottom)").mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x="label_x:Q", text=alt.Text("value:Q", format=",.0f"), color=alt.value("black"),
    )
    rows = len(steps["step"].unique())
    # 16 px a row: both panels and the sliders print on one page (tests/test_browser.py).
    return alt.layer(bars, text).properties(width=WIDTH - 20, height=16 * rows, title=f"{'Electricity' if electricity else 'Emissions'}, {unit}")


def _lever_slider(lever: str, defaults: dict[str, float], year: int):
    from aiwatt import mitigation

    name, low, high, step = SLIDERS[lever]
    label = name.replace(" [%]", "").replace(" [ratio]", "")
    if lever == "facility":
        return slider("facility_pue", label, round(defaults[lever], 2), low, high, step=step)
    if lever == "clean_supply":
        rate = round(100 * mitigation.clean_supply_rate(defaults[lever], year), 6)
        return slider(f"{lever}_pct", label, rate, low, high, step=step, readout=lambda pct: vega_share(f"({pct}) / 100"),
                      suffix=" a year")
    return slider(f"{lever}_pct", label, round(100 * defaults[lever]), low, high, step=step, readout=lambda pct: vega_share(f"({pct}) / 100"))


def _summary_readouts(steps: pd.DataFrame) -> list[str]:
    """Lines under the chart: the levers' effect before and after the rebound, for the year shown."""
    from aiwatt import mitigation

    years = sorted(int(y) for y in steps["year"].unique())

    def by_year(values: dict[int, float]) -> str:
        expr = repr(values[years[-1]])
        for year in years[:-1]:
            expr = f"(year_shown == {year} ? {values[year]!r} : {expr})"
        return expr

    logs = []
    clean = "0"
    for lever in mitigation.LEVERS:
        rows = steps[steps["step"] == lever].set_index("year")
        formula = mitigation.SLIDER_FORMULAS[rows["formula"].iloc[0]]
        p = by_year({year: float(rows.loc[year, "p"]) for year in years})
        saving = _formula(formula, f"({_setting_expr(lever)})", p)
        term = f"log(max(1 - ({saving}), 1e-12))"
        if lever in mitigation.SUPPLY_LEVERS:
            clean = term
        else:
            logs.append(term)
    demand = " + ".join(logs)
    before = f"(1 - exp({demand}))"
    after = f"(1 - exp((1 - rebound) * ({demand})))"
    emissions = f"(1 - exp((1 - rebound) * ({demand}) + {clean}))"
    return [
        f"'In ' + year_shown + ', the levers take ' + {vega_share(before)} + ' off AI\\'s electricity before any rebound; with this rebound, '"
        f" + ({after} >= 0 ? {vega_share(after)} + ' off.' : 'they add ' + {vega_share(f'-{after}')} + ' to it.')",
        f"'Emissions: ' + ({emissions} >= 0 ? {vega_share(emissions)} + ' less' : {vega_share(f'-{emissions}')} + ' more')"
        " + ' than with no levers.'",
    ]


def scenario_waterfall(steps: pd.DataFrame, defaults: dict[str, float], rebound: float = 0.0, year: int = 2030) -> alt.VConcatChart:
    """The scenario builder: AI's electricity and emissions from the baseline through each lever.

    Everything is computed in the browser from the sliders, with
    :func:`aiwatt.mitigation.scenario`'s central formulas (tied by a test):
    each lever's saving before the rebound, then what the rebound takes back.
    The clean-supply slider is a yearly rate, so that switching the year keeps
    the grid's trend; the lines under the chart state the total for the year
    shown.

    Parameters
    ----------
    steps : pandas.DataFrame
        :func:`aiwatt.mitigation.slider_table`.
    defaults : dict
        Starting lever settings for ``year`` (shares as fractions, ``facility``
        a PUE, ``clean_supply`` the share replaced by ``year``).
    rebound : float
        Starting rebound elasticity.
    year : int
        Year shown first (one of ``steps["year"]``).
    """
    years = sorted(int(y) for y in steps["year"].unique())
    controls = [select("year_shown", "Year", years, int(year))]
    controls += [_lever_slider(lever, defaults, int(year)) for lever in SLIDERS]
    controls.append(slider("rebound", "Rebound elasticity (0: none; 1: all savings spent on more use)", rebound, 0, 1.5, step=0.05,
                           readout=lambda e: vega_number(e, 2)))
    return finish(
        alt.vconcat(_waterfall_panel(steps, "electricity"), _waterfall_panel(steps, "emissions")),
        title="What the levers take off AI's electricity and emissions, and what the rebound takes back",
        subtitle="Each bar is what one lever takes off, after the levers above it; then the rebound.",
        description=(
            "The scenario builder as a waterfall: AI's electricity and emissions without levers, what each lever takes "
            "off in turn, what the rebound takes back, and what remains, recomputed as the sliders move."
        ),
        controls=controls,
        readouts=_summary_readouts(steps),
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
        Lever settings (shares as fractions, ``facility`` a PUE,
        ``clean_supply`` the share replaced by the year shown, turned into
        the slider's yearly rate); levers not given keep their values.
    rebound : float
        Rebound elasticity.
    year : int, optional
        Year shown.
    """
    from aiwatt.charts.render import set_param_values

    from aiwatt import mitigation

    values = {"rebound": float(rebound)}
    if year is not None:
        values["year_shown"] = int(year)
    shown = int(year) if year is not None else int(next(p["value"] for p in spec["params"] if p["name"] == "year_shown"))
    for lever, value in levers.items():
        if lever == "facility":
            values["facility_pue"] = round(float(value), 2)
        elif lever == "clean_supply":
            values["clean_supply_pct"] = round(100.0 * mitigation.clean_supply_rate(float(value), shown), 6)
        elif lever in SLIDERS:
            values[f"{lever}_pct"] = round(100.0 * float(value), 6)
    return set_param_values(spec, values)
