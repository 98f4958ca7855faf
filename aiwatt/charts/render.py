"""The renderer: every chart as a static picture that scripts turn into the interactive chart.

Charts use Vega-Lite parameters bound to HTML sliders, so their interactivity
runs in the reader's browser with no Python kernel.

What a chart's HTML holds
-------------------------
:func:`enable` registers the ``"aiwatt"`` Altair renderer. It writes each chart
as a ``<figure class="aiwatt-chart">`` holding

- a **static picture**: the chart rendered by vl-convert when the notebook
  runs (in the book: at build time), at its starting values, as an ``<img>``
  of SVG. It is what a reader sees with JavaScript off, in a notebook run
  headless (nbconvert, papermill) or reopened untrusted, and when the Vega
  library is missing; a line under it lists the sliders' starting values;
- the **readouts**: lines of text computed from the sliders (see
  :func:`aiwatt.charts.common.finish`), filled at their starting values;
- a **description** for screen readers;
- the Vega-Lite **spec** (``<script type="application/json">``) and a one-line
  script that asks ``window.aiwattCharts`` to replace the picture with the
  interactive chart.

``window.aiwattCharts`` comes with the Vega bundle (:func:`javascript_bundle`).
When it runs it upgrades every chart on the page: it embeds the spec with
``vegaEmbed``, swaps out the picture, writes each slider's value in natural
units beside it and as its ``aria-valuetext``, and keeps the readouts current.
If the bundle is absent, the picture stays: nothing on the page says "run this
first".

Modes
-----
``"book"``
    The Jupyter Book build. The book's Sphinx extension (``book/_ext``) serves
    the bundle from the book itself and loads it on every page that holds a
    chart. Nothing is fetched from outside.
``"jupyter"``
    A live notebook (JupyterLab, Binder, a JupyterHub). :func:`enable` displays
    the bundle once, then clears that output, so the scripts run in the open
    page but a saved notebook does not carry the bundle (about 1 MB).

``mode="auto"`` picks ``"jupyter"`` when the kernel was started by a Jupyter
server (which sets ``JPY_SESSION_NAME``) and ``"book"`` otherwise; the
environment variable ``AIWATT_CHARTS`` overrides it.
"""

from __future__ import annotations

import copy
import html
import json
import os
import re
import uuid
from urllib.parse import quote

import altair as alt

from aiwatt.charts.common import walk_spec

#: Vega-Embed options: SVG output (crisp, testable) and no actions menu (its
#: ``<summary>`` has no accessible name; ``make figures`` exports the charts).
EMBED_OPTIONS: dict = {"renderer": "svg", "actions": False}

MODES = ("auto", "book", "jupyter")

#: Width of the static picture [px]: it fits the 358 px text column of a 390 px phone.
STATIC_WIDTH = 350

#: Widest that a panel of a stacked chart is drawn in the browser [px]. Vega-Lite
#: cannot size a concatenation to its container, so each panel has a fixed width
#: that fits a phone; where the text column has room (a laptop), the page draws
#: the chart again with its panels widened by that room, up to this width.
WIDE_PANEL_WIDTH = 600

#: Styles that hide an element from sight but not from screen readers.
VISUALLY_HIDDEN = "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0"

_active_mode: str | None = None


def vega_lite_version() -> str:
    """The Vega-Lite major.minor version that Altair writes, e.g. ``"6.4"``."""
    return ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])


# The script that upgrades the static pictures. Every chart carries it (the
# first one to run defines window.aiwattCharts), so that it never depends on a
# cached copy of the Vega bundle; the bundle, when it arrives after the charts
# (a reopened notebook), calls upgradeAll().
_UPGRADE_SCRIPT = r"""
(function () {
  "use strict";
  if (window.aiwattCharts) { return; }
  var OPTIONS = %(options)s;
  var STYLE = [
    ".aiwatt-chart .vega-bindings { margin: 0.6em 0 0.2em; font-size: 0.9em; }",
    ".aiwatt-chart .vega-bind { margin: 0.5em 0; }",
    ".aiwatt-chart .vega-bind label { display: flex; flex-wrap: wrap; align-items: center; column-gap: 0.6em; }",
    ".aiwatt-chart .vega-bind-name { flex: 1 0 100%%; }",
    ".aiwatt-chart .vega-bind input[type=range] { flex: 0 1 200px; min-width: 120px; margin: 0; }",
    ".aiwatt-chart .aiwatt-control-value { flex: 1 1 8em; font-weight: 600; }",
    // On paper: the drawing fits the page, and a slider (which cannot move there)
    // gives way to its value in words beside its label, so the chart fits one page.
    "@media print {",
    "  .aiwatt-chart svg.marks { max-width: 100%%; height: auto; }",
    "  .aiwatt-chart .vega-bind { margin: 0.15em 0; }",
    "  .aiwatt-chart .vega-bind input[type=range] { display: none; }",
    "  .aiwatt-chart .vega-bind-name { flex: 0 1 auto; }",
    "}"
  ].join("\n");
  function addStyle() {
    if (document.getElementById("aiwatt-chart-style")) { return; }
    var style = document.createElement("style");
    style.id = "aiwatt-chart-style";
    style.textContent = STYLE;
    document.head.appendChild(style);
  }
  function textOf(view, name) {
    try { var value = view.signal(name); return value == null ? "" : String(value); } catch (error) { return ""; }
  }
  function describeControls(figure, view, meta) {
    var texts = meta.controls || {}, labels = meta.control_labels || {};
    figure.querySelectorAll(".vega-bindings input, .vega-bindings select").forEach(function (input) {
      var textName = texts[input.name];
      if (!textName) { return; }
      input.setAttribute("aria-label", labels[input.name] || input.name);
      if (input.tagName === "SELECT") { return; }
      // Vega writes the input's raw value (a power of ten on a log slider) in the
      // span after it: hide it, and write the value in natural units instead.
      var raw = input.nextElementSibling;
      if (raw && raw.tagName === "SPAN") { raw.hidden = true; }
      var shown = document.createElement("span");
      shown.className = "aiwatt-control-value";
      shown.style.marginLeft = "0.5em";
      input.parentNode.appendChild(shown);
      var update = function () {
        var text = textOf(view, textName);
        shown.textContent = text;
        input.setAttribute("aria-valuetext", text);
      };
      update();
      view.addSignalListener(textName, update);
    });
  }
  function showReadouts(figure, view, meta) {
    var list = figure.querySelector(".aiwatt-chart-readout");
    if (!list) { return; }
    (meta.readouts || []).forEach(function (name, index) {
      var item = list.children[index];
      if (!item) { item = document.createElement("li"); list.appendChild(item); }
      var update = function () { item.textContent = textOf(view, name); };
      update();
      view.addSignalListener(name, update);
    });
  }
  function linkControls(view, meta) {
    // A select that sets other sliders to its option's values (finish(linked=...)).
    var linked = meta.linked || {};
    Object.keys(linked).forEach(function (source) {
      view.addSignalListener(source, function (name, option) {
        var targets = linked[source];
        Object.keys(targets).forEach(function (target) {
          if (Object.prototype.hasOwnProperty.call(targets[target], option)) { view.signal(target, targets[target][option]); }
        });
        view.runAsync();
      });
    });
  }
  // Stacked panels have fixed widths that fit a phone: where the column has more room,
  // the same chart with each panel widened by it (at most WIDE), else null.
  var WIDE = %(wide_panel)d;
  function widerPanels(spec, live, holder) {
    if (!spec.vconcat) { return null; }
    var drawn = live.querySelector("svg");
    if (!drawn || !holder.clientWidth) { return null; }
    var room = Math.floor(holder.clientWidth - drawn.getBoundingClientRect().width) - 8;
    if (room < 40) { return null; }
    var wider = JSON.parse(JSON.stringify(spec));
    wider.vconcat.forEach(function (panel) {
      if (typeof panel.width === "number") { panel.width = Math.min(panel.width + room, WIDE); }
    });
    return wider;
  }
  function upgrade(figure) {
    if (!figure || !window.vegaEmbed || figure.getAttribute("data-aiwatt-chart") !== "static") { return; }
    var specNode = figure.querySelector("script.aiwatt-chart-spec");
    if (!specNode) { return; }
    figure.setAttribute("data-aiwatt-chart", "rendering");
    addStyle();
    var spec = JSON.parse(specNode.textContent);
    var meta = (spec.usermeta && spec.usermeta.aiwatt) || {};
    var holder = figure.querySelector(".aiwatt-chart-view");
    var picture = figure.querySelector(".aiwatt-chart-static");
    var live = document.createElement("div");
    live.className = "aiwatt-chart-live";
    // Drawn out of sight at the holder's width, then swapped in: no jump, no empty box.
    live.style.cssText = "position:absolute;top:0;left:0;width:100%%;visibility:hidden";
    holder.appendChild(live);
    window.vegaEmbed(live, spec, OPTIONS).then(function (result) {
      var wider = widerPanels(spec, live, holder);
      if (!wider) { return result; }
      result.finalize();
      live.innerHTML = "";
      return window.vegaEmbed(live, wider, OPTIONS);
    }).then(function (result) {
      if (picture) { picture.remove(); }
      live.style.cssText = "display:block;width:100%%";
      linkControls(result.view, meta);
      describeControls(figure, result.view, meta);
      showReadouts(figure, result.view, meta);
      figure.setAttribute("data-aiwatt-chart", "live");
    }).catch(function (error) {
      live.remove();
      figure.setAttribute("data-aiwatt-chart", "failed");
      console.error("aiwatt: a chart could not be drawn; its static picture stays.", error);
    });
  }
  function upgradeAll() {
    document.querySelectorAll('.aiwatt-chart[data-aiwatt-chart="static"]').forEach(upgrade);
  }
  window.aiwattCharts = { upgrade: upgrade, upgradeAll: upgradeAll };
  // A Vega bundle loaded with "defer" runs after the charts' scripts but before this event.
  document.addEventListener("DOMContentLoaded", upgradeAll);
  window.addEventListener("load", upgradeAll);
})();
"""


def upgrade_script() -> str:
    """The script that replaces static pictures with interactive charts (defines ``window.aiwattCharts``)."""
    return _UPGRADE_SCRIPT % {"options": json.dumps(EMBED_OPTIONS), "wide_panel": WIDE_PANEL_WIDTH}


def javascript_bundle() -> str:
    """Vega, Vega-Lite and Vega-Embed as one script, which then upgrades the charts on the page.

    Built offline by ``vl-convert-python`` for the Vega-Lite version Altair
    uses, and wrapped in a function so that its top-level names (such as
    ``_``) do not collide with other scripts on the page. It defines
    ``window.vegaEmbed``, and asks ``window.aiwattCharts`` (defined by the
    charts themselves) to upgrade every static chart already on the page.
    """
    import vl_convert

    bundle = vl_convert.javascript_bundle(vl_version=vega_lite_version())
    return f"(function () {{\n{bundle}\n}})();\n{upgrade_script()}\nwindow.aiwattCharts.upgradeAll();\n"


# --------------------------------------------------------------------------
# Static rendering and evaluation with vl-convert


def sized_spec(spec: dict, width: int) -> dict:
    """A copy of ``spec`` whose ``"container"`` widths are ``width`` px, the whole chart included.

    vl-convert has no container to measure; this is the width the static
    picture, the tests and ``make figures`` use.

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec (``chart.to_dict()``); it is not changed.
    width : int
        The width to draw at [px], axes and labels included (the spec's
        ``autosize`` becomes ``fit-x`` with ``contains="padding"``).

    Returns
    -------
    dict
        The copy; a spec with no ``"container"`` width comes back unchanged.
    """
    sized = copy.deepcopy(spec)
    found = False
    for _, node in walk_spec(sized):
        if node.get("width") == "container":
            node["width"] = width
            found = True
    if found:
        sized["autosize"] = {"type": "fit-x", "contains": "padding"}
    return sized


def static_svg(spec: dict, width: int = STATIC_WIDTH) -> str:
    """The chart as SVG at its starting values, rendered by vl-convert (no browser).

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec (``chart.to_dict()``).
    width : int, optional
        The width of the picture [px], for a chart whose width is the
        container's (see :func:`sized_spec`); by default
        :data:`STATIC_WIDTH`, 350 px, which fits a 390 px phone.

    Returns
    -------
    str
        The SVG document.
    """
    import vl_convert

    return vl_convert.vegalite_to_svg(sized_spec(spec, width), vl_version=vega_lite_version())


def set_param_values(spec: dict, values: dict) -> dict:
    """A copy of ``spec`` with the named parameters' starting values replaced.

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec (``chart.to_dict()``); it is not changed.
    values : dict
        New starting values by parameter name, in the units of the bound
        input: on a log slider that is its exponent
        (``{"params_log10": 10.85}``), on a select one of its options. A
        select that moves other sliders (``finish(linked=...)``) moves them
        here too, as in the browser, unless ``values`` sets them.

    Returns
    -------
    dict
        The copy.

    Raises
    ------
    ValueError
        If a name is not a parameter of the spec (the message lists the
        closest), or names a parameter computed from others.
    """
    changed = copy.deepcopy(spec)
    seen = {
        param["name"]: param
        for _, node in walk_spec(changed) if isinstance(node.get("params"), list)
        for param in node["params"] if isinstance(param, dict) and "name" in param
    }
    for name, value in values.items():
        if name not in seen:
            from aiwatt._checks import unknown_name_error

            raise unknown_name_error("parameter", name, seen)
        if "expr" in seen[name]:
            raise ValueError(f"parameter {name!r} is computed ({seen[name]['expr']!r}); set the slider it depends on")
        seen[name]["value"] = value
    # A select that moves other sliders (finish(linked=...)) moves them here too, as in the browser,
    # unless ``values`` sets them itself.
    linked = changed.get("usermeta", {}).get("aiwatt", {}).get("linked", {})
    for source, targets in linked.items():
        if source in values:
            for target, by_option in targets.items():
                if target not in values and values[source] in by_option:
                    seen[target]["value"] = by_option[values[source]]
    return changed


def _compiled(spec: dict) -> dict:
    import vl_convert

    vega = vl_convert.vegalite_to_vega(spec, vl_version=vega_lite_version())
    return json.loads(vega) if isinstance(vega, str) else vega


def evaluate(spec: dict, expressions: dict[str, str] | list[str], values: dict | None = None) -> dict:
    """Evaluate Vega expressions in a chart's context, without a browser.

    The spec is compiled to Vega by vl-convert, with its parameters (sliders)
    at their starting values or at ``values``; each expression is drawn as a
    text mark and read back from the scenegraph. This is how the static
    picture gets its readouts, and how the tests tie each Vega expression to
    its Python model.

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec (``chart.to_dict()``).
    expressions : dict of str to str, or list of str
        Vega expressions, e.g. a parameter's name or ``"format(x, ',')"``.
    values : dict, optional
        Parameter values to set first, e.g. ``{"params_log10": 10.85}``.

    Returns
    -------
    dict
        For a dict of expressions, the same keys; for a list, the expressions
        themselves as keys. Numbers come back as float, everything else as text.
    """
    named = dict(expressions) if isinstance(expressions, dict) else {expr: expr for expr in expressions}
    if values:
        spec = set_param_values(spec, values)
    vega = _compiled(sized_spec(spec, STATIC_WIDTH))
    probes = {}
    for index, (key, expr) in enumerate(named.items()):
        name = f"aiwatt_probe_{index}"
        probes[name] = key
        # A number is written with JavaScript's shortest round-trip digits, so it reads back exactly.
        text = f"isNumber({expr}) ? 'n:' + ({expr}) : 's:' + ({expr})"
        vega.setdefault("marks", []).append({"type": "text", "name": name, "encode": {"update": {"text": {"signal": text}}}})
    import vl_convert

    scene = vl_convert.vega_to_scenegraph(vega)
    scene = json.loads(scene) if isinstance(scene, str) else scene
    found: dict[str, object] = {}
    for _, node in walk_spec(scene):
        if node.get("name") in probes and node.get("items"):
            text = str(node["items"][0].get("text", ""))
            found[probes[node["name"]]] = float(text[2:]) if text.startswith("n:") else text[2:]
    missing = [key for key in named if key not in found]
    if missing:
        raise ValueError(f"could not evaluate {missing}: not drawn by vl-convert")
    return {key: found[key] for key in named}


# --------------------------------------------------------------------------
# HTML


def _usermeta(spec: dict) -> dict:
    return (spec.get("usermeta") or {}).get("aiwatt") or {}


def _title_text(spec: dict) -> str:
    meta = _usermeta(spec)
    if meta.get("title"):
        return str(meta["title"])
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if isinstance(title, list):
        title = " ".join(str(t) for t in title)
    return str(title or "")


def _svg_data_uri(svg: str) -> str:
    # Percent-encode what an HTML attribute and a URL cannot hold: smaller than base64.
    return "data:image/svg+xml;charset=utf-8," + quote(svg, safe=" ,.:;=/-_()!*~+'@$?")


def _starting_texts(spec: dict) -> tuple[dict[str, str], list[str]]:
    """The controls' texts and the readouts at the starting values, evaluated by vl-convert."""
    meta = _usermeta(spec)
    controls = {label: meta["controls"][name] for name, label in meta.get("control_labels", {}).items() if name in meta.get("controls", {})}
    readouts = list(meta.get("readouts", []))
    if not controls and not readouts:
        return {}, []
    values = evaluate(spec, list(controls.values()) + readouts)
    return {label: str(values[text]) for label, text in controls.items()}, [str(values[name]) for name in readouts]


def chart_html(spec: dict, svg: str | None = None) -> str:
    """The HTML for one chart: static picture, readouts, description, spec, upgrade call.

    Parameters
    ----------
    spec : dict
        A Vega-Lite spec.
    svg : str, optional
        The static picture; rendered with :func:`static_svg` when not given.
    """
    chart_id = f"aiwatt-chart-{uuid.uuid4().hex[:12]}"
    svg = static_svg(spec) if svg is None else svg
    size = re.search(r'<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"', svg)
    width, height = (round(float(size.group(1))), round(float(size.group(2)))) if size else (STATIC_WIDTH, 300)
    title = _title_text(spec) or "Chart"
    description = str(spec.get("description") or "")
    controls, readouts = _starting_texts(spec)
    note = ""
    if controls:
        values = "; ".join(f"{label}: {text}" for label, text in controls.items())
        note = (
            f'<p class="aiwatt-chart-note" style="font-size:0.85em;margin:0.3em 0">'
            f"Shown at the starting values ({html.escape(values)}). With JavaScript on, sliders here change them.</p>"
        )
    readout_html = ""
    if _usermeta(spec).get("readouts"):
        items = "".join(f"<li>{html.escape(text)}</li>" for text in readouts)
        readout_html = (
            f'<ul class="aiwatt-chart-readout" aria-live="polite" '
            f'style="list-style:none;padding-left:0;margin:0.4em 0;font-size:0.9em;line-height:1.45">{items}</ul>'
        )
    # "<", ">" and "&" escaped so that no string in the spec can close the script element.
    spec_json = json.dumps(spec, separators=(",", ":"), ensure_ascii=False)
    spec_json = spec_json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    caption = description if description else title
    return (
        f'<figure id="{chart_id}" class="aiwatt-chart" data-aiwatt-chart="static" style="margin:1em 0;max-width:100%">'
        f'<div class="aiwatt-chart-view" style="position:relative;width:100%">'
        f'<div class="aiwatt-chart-static">'
        f'<img src="{_svg_data_uri(svg)}" alt="{html.escape(title)}" width="{width}" height="{height}" '
        f'style="max-width:100%;height:auto;display:block">{note}</div></div>'
        f"{readout_html}"
        f'<figcaption class="aiwatt-chart-description" style="{VISUALLY_HIDDEN}">{html.escape(caption)}</figcaption>'
        f'<script type="application/json" class="aiwatt-chart-spec">{spec_json}</script>'
        f"<script>{upgrade_script()}window.aiwattCharts.upgrade(document.getElementById({json.dumps(chart_id)}));</script>"
        f"</figure>"
    )


def _renderer(spec: dict, **_metadata) -> dict:
    title = _title_text(spec) or spec.get("description") or "Altair chart"
    return {"text/html": chart_html(spec), "text/plain": f"<Chart: {title}>"}


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

        # The page runs the script as soon as the output arrives; clearing the
        # output right after keeps the 1 MB bundle out of the saved notebook.
        handle = display({"text/html": f"<script>{javascript_bundle()}</script>"}, raw=True, display_id=True)
        if handle is not None:
            handle.update({"text/plain": ""}, raw=True)


def active_mode() -> str | None:
    """The mode :func:`enable` chose, or None before it is called."""
    return _active_mode
