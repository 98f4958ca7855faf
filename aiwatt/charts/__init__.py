"""Altair charts for the book, and the renderer that shows them with or without JavaScript.

One module per chapter, plus what every chart shares:

- :mod:`aiwatt.charts.common`: the palette, readable numbers in Vega
  (:func:`~aiwatt.charts.common.vega_number`, ``vega_share``, ``vega_energy``:
  twins of :mod:`aiwatt.units`), axes, sliders, and
  :func:`~aiwatt.charts.common.finish`.
- :mod:`aiwatt.charts.render`: :func:`enable`, the renderer for the book and
  for live notebooks: a static SVG picture that scripts replace with the
  interactive chart; :func:`~aiwatt.charts.render.evaluate` runs Vega
  expressions without a browser.
- :mod:`aiwatt.charts.checks`: what the tests hold every chart of the book to.
- :mod:`aiwatt.charts.figures`: ``make figures``, every chart as SVG and PNG.
- :mod:`aiwatt.charts.units`, :mod:`aiwatt.charts.training`,
  :mod:`aiwatt.charts.inference`, :mod:`aiwatt.charts.gobbling`: the charts
  of each chapter; :mod:`aiwatt.charts.mitigation`: the charts of the
  mitigation part (import it as a module: ``from aiwatt.charts import mitigation``).

Writing a chart
---------------
A chart function in ``aiwatt/charts/<chapter>.py`` builds its marks with
Altair and returns ``finish(chart, title=..., description=..., ...)``. Then it
passes the checks (:func:`aiwatt.charts.checks.chart_problems`), which the
tests run on every chart of the built book:

- **Title**: the message as a sentence ("Inference overtakes training in
  days"), not a label ("Inference and training"). ``finish`` wraps it to fit a
  phone. **Description**: a sentence or two for screen readers: what is drawn
  and what it means.
- **Width**: ``finish`` sets ``width="container"``; build a single or layered
  view (Vega-Lite cannot fit a concatenation to its container). Panels that
  must stack go in an ``alt.vconcat``, each with a fixed width of at most
  ``MAX_PANEL_WIDTH`` (240 px). Text beside a chart goes in ``readouts=``
  (lines under the chart that wrap, update with the sliders and are read
  aloud), not in a text panel. Long category names: ``wrapped_labels`` and
  ``label_axis``; the browser tests fail a chart whose texts overlap or are
  cut at its edge, at 1280 and at 390 px.
- **Colours**: from :data:`~aiwatt.charts.common.PALETTE` (by role) or
  :data:`~aiwatt.charts.common.CATEGORICAL` (by category; ``colour_scale``).
  Every mark reaches 3:1 against the page and every text 4.5:1: text is drawn
  in ``TEXT`` or ``MUTED_TEXT``, never in a mark colour. Light fills need a
  stroke that reaches 3:1.
- **Legend**: in a chart with several mark layers, every layer encodes
  ``color`` (a field, or ``alt.datum("what it is")`` for a single mark) so
  that it has a legend entry; the scale's domain names each.
- **Numbers**: axis labels through ``number_axis``, ``energy_axis`` or
  ``year_axis``; tooltips and text through ``vega_number``, ``vega_share``,
  ``vega_energy`` in a ``transform_calculate``; never a d3 ``e`` or ``g``
  format, and no quantitative tooltip without a format (Vega's default
  writes ``3.14e+23``).
- **Sliders**: ``slider(name, label, value, min, max, log=..., readout=...,
  suffix=...)`` and ``select(...)``, passed to ``finish(controls=...)``:
  expressions use ``name`` in natural units; the reader sees and hears
  "70.6 billion parameters", never a log10 exponent. A model computed in the
  browser goes in ``derived=`` (named steps), and a test ties each step to
  its Python function at sample points with
  :func:`~aiwatt.charts.render.evaluate`.

Every chart function is also available here, as ``aiwatt.charts.energy_ladder``
and so on. This package imports Altair; ``import aiwatt`` does not import it.
"""

from aiwatt.charts.common import (
    CATEGORICAL, ENERGY_RUNGS_KWH, PALETTE, colour_scale, contrast_ratio, energy_axis, finish, number_axis,
    readable_energy_expr, select, slider, text_panel, vega_energy, vega_number, vega_share, year_axis,
)
from aiwatt.charts.gobbling import ai_electricity_chart, power_chart, share_chart
from aiwatt.charts.inference import crossover_chart, query_figures_chart, scenario_chart, token_energy_chart
from aiwatt.charts.render import (
    EMBED_OPTIONS, MODES, active_mode, chart_html, enable, evaluate, javascript_bundle, static_svg, vega_lite_version,
)
from aiwatt.charts.training import compute_trend_chart, energy_breakdown_bar, reproduction_chart, training_calculator
from aiwatt.charts.units import energy_ladder

__all__ = [
    "CATEGORICAL", "EMBED_OPTIONS", "ENERGY_RUNGS_KWH", "MODES", "PALETTE",
    "active_mode", "ai_electricity_chart", "chart_html", "colour_scale", "compute_trend_chart", "contrast_ratio", "crossover_chart", "enable",
    "energy_axis", "energy_breakdown_bar", "energy_ladder", "evaluate", "finish", "javascript_bundle", "number_axis",
    "power_chart", "query_figures_chart", "readable_energy_expr", "reproduction_chart", "scenario_chart", "select", "share_chart", "slider",
    "static_svg", "text_panel", "token_energy_chart", "training_calculator", "vega_energy", "vega_lite_version",
    "vega_number", "vega_share", "year_axis",
]
