"""The offline renderer: Altair charts in the book and in notebooks without a CDN.

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

#: Vega-Embed options: SVG output (crisp, testable) and only the export menu.
EMBED_OPTIONS: dict = {"renderer": "svg", "actions": {"export": True, "source": False, "compiled": False, "editor": False}}

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
    """The HTML for one chart: a container, its spec and the call to ``vegaEmbed``.

    Parameters
    ----------
    spec : dict
        A Vega-Lite specification, as Altair writes it.

    Returns
    -------
    str
        HTML with a ``<div class="aiwatt-chart">`` and its script.
    """
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
