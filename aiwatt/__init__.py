"""aiwatt: energy models for an open, tested explainer on how much electricity AI uses.

Modules, one idea each:

- :mod:`aiwatt.units`: energy units, conversion and readable formatting.
- :mod:`aiwatt.equivalents`: household-months, share of world electricity.
- :mod:`aiwatt.data`: the sourced tables behind every number.
- :mod:`aiwatt.estimate`: :class:`Estimate`, a value with an uncertainty band.
- :mod:`aiwatt.hardware`: accelerators' speed, power and utilisation.
- :mod:`aiwatt.training`: training energy from hours or from first principles.
- :mod:`aiwatt.grid`: carbon intensity by region and basis, daily profiles, scheduling, solar and wind supply.
- :mod:`aiwatt.limits`: the Landauer limit and energy per operation of today's and new computing.
- :mod:`aiwatt.mitigation`: levers, the rebound effect and scenarios from the fleet baseline.
- :mod:`aiwatt.inference`: energy per token, per query, per fleet; crossover with training.
- :mod:`aiwatt.scenarios`: growth scenarios for inference and data-centre electricity.
- :mod:`aiwatt.tables`: DataFrames as tables for readers.
- :mod:`aiwatt.charts`: Altair charts and the offline renderer (imports Altair).
- :mod:`aiwatt.widgets`: ipywidgets dashboards for Jupyter (imports ipywidgets).

Importing ``aiwatt`` loads only numpy and pandas; the chart and widget modules
load Altair and ipywidgets when first used.
"""

from aiwatt.estimate import Estimate
from aiwatt.equivalents import household_months, household_years, share_of_world_electricity
from aiwatt.units import convert, format_energy

__all__ = ["Estimate", "convert", "format_energy", "household_months", "household_years", "share_of_world_electricity"]
__version__ = "0.1.0"
