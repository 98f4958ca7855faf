"""Altair charts for the book, and the renderer that shows them without a CDN.

One module per chapter, plus the renderer and what the charts share:

- :mod:`aiwatt.charts.render`: :func:`enable`, the offline renderer for the book
  and for live notebooks.
- :mod:`aiwatt.charts.common`: the palette, energy axes, readable-energy
  expressions written in Vega.
- :mod:`aiwatt.charts.units`, :mod:`aiwatt.charts.training`,
  :mod:`aiwatt.charts.inference`, :mod:`aiwatt.charts.gobbling`: the charts of
  each chapter; :mod:`aiwatt.charts.mitigation`: the charts of the mitigation
  part (import it as a module: ``from aiwatt.charts import mitigation``).

Every chart function is also available here, as ``aiwatt.charts.energy_ladder``
and so on. This package imports Altair; ``import aiwatt`` does not import it.
"""

from aiwatt.charts.gobbling import ai_electricity_chart, power_chart, share_chart
from aiwatt.charts.common import ENERGY_RUNGS_KWH, PALETTE, energy_axis, readable_energy_expr, text_panel
from aiwatt.charts.inference import crossover_chart, query_figures_chart, scenario_chart, token_energy_chart
from aiwatt.charts.render import EMBED_OPTIONS, MODES, active_mode, chart_html, enable, javascript_bundle, vega_lite_version
from aiwatt.charts.training import compute_trend_chart, energy_breakdown_bar, reproduction_chart, training_calculator
from aiwatt.charts.units import energy_ladder

__all__ = [
    "EMBED_OPTIONS", "ENERGY_RUNGS_KWH", "MODES", "PALETTE",
    "active_mode", "ai_electricity_chart", "power_chart", "share_chart", "chart_html", "compute_trend_chart", "crossover_chart", "enable", "energy_axis",
    "energy_breakdown_bar", "energy_ladder", "javascript_bundle", "query_figures_chart", "readable_energy_expr",
    "reproduction_chart", "scenario_chart", "text_panel", "token_energy_chart", "training_calculator", "vega_lite_version",
]
