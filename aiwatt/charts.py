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


def enable(mode: str = "auto") -> str:
    """Render Altair charts with aiwatt's offline renderer.

    Parameters
    ----------
    mode : {"auto", "book", "jupyter"}
        See the module documentation.

    Returns
    -------
    str
        The mode chosen.
    """
    mode = _resolve_mode(mode)
    alt.renderers.register("aiwatt", _renderer)
    alt.renderers.enable("aiwatt")
    if mode == "jupyter":
        from IPython.display import display

        display({"text/html": f"<script>{javascript_bundle()}</script>"}, raw=True)
    return mode


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
    # Vega expression: the slider's energy in kWh, then written with a readable prefix.
    energy = "pow(10, log10_kwh)"
    readable = (
        f"{energy} >= 1e9 ? format({energy} / 1e9, ',.3~r') + ' TWh' : "
        f"{energy} >= 1e6 ? format({energy} / 1e6, '.3~r') + ' GWh' : "
        f"{energy} >= 1e3 ? format({energy} / 1e3, '.3~r') + ' MWh' : "
        f"{energy} >= 1 ? format({energy}, '.3~r') + ' kWh' : "
        f"format({energy} * 1e3, '.3~r') + ' Wh'"
    )
    # One tick per rung of the ladder, labelled with its unit instead of a power of ten.
    rungs = {1e-3: "1 Wh", 1.0: "1 kWh", 1e3: "1 MWh", 1e6: "1 GWh", 1e9: "1 TWh", 1e12: "1,000 TWh"}
    label_expr = " : ".join(f"datum.value == {value:g} ? '{text}'" for value, text in rungs.items()) + " : ''"
    scale = alt.Scale(type="log", domain=[1e-4, 1e14])
    x = alt.X(
        "energy_kwh:Q",
        scale=scale,
        axis=alt.Axis(title="Energy, log scale: each rung is 1,000 times the one before", values=list(rungs), labelExpr=label_expr),
    )
    base = alt.Chart(landmarks).encode(
        x=x,
        y=alt.Y("label:N", sort=alt.EncodingSortField("energy_kwh"), title=None),
        tooltip=[alt.Tooltip("label:N", title="What"), alt.Tooltip("energy_kwh:Q", title="kWh", format=",.4~g")],
    )
    points = base.mark_point(filled=True, size=90, color=PALETTE["training"])
    labels = base.mark_text(align="left", dx=8, fontSize=11).encode(text="readable:N").transform_calculate(
        readable=readable.replace(energy, "datum.energy_kwh")
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
    lines = [("text", f"'Energy: ' + ({readable})")]
    for region, kwh in household_kwh.items():
        lines.append(
            (
                "text",
                f"'= ' + format({energy} / {kwh}, ',.3~r') + ' months of an average household {region}'"
                f" + ' (' + format({energy} / {kwh} / 12, ',.3~r') + ' household-years)'",
            )
        )
    lines.append(("text", f"'= ' + format(100 * {energy} / {world_kwh}, '.2~r') + '% of the world\\'s electricity in a year'"))
    rows = pd.DataFrame({"row": range(len(lines))})
    expressions = {f"line{i}": expr for i, (_, expr) in enumerate(lines)}
    text_rows = (
        alt.Chart(rows)
        .transform_calculate(
            text="[" + ", ".join(expressions.values()) + "][datum.row]",
        )
        .mark_text(align="left", fontSize=13, x=0)
        .encode(y=alt.Y("row:O", axis=None), text="text:N")
        .properties(width=400, height=22 * len(lines))
    )
    return alt.vconcat(ladder, text_rows).properties(
        description="Energy ladder from watt-hours to terawatt-hours with a slider and household equivalents"
    )
