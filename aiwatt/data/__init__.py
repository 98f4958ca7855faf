"""Sourced data tables shipped with aiwatt.

Every table is a CSV file in ``aiwatt/data/``. Every row carries a ``source``
column holding a BibTeX key of the book's ``references.bib`` (or several,
separated by ``;``) and a ``confidence`` label where the figure was checked:
``V`` read in the source, ``V2`` read in a text quoting it, ``D`` arithmetic on
sourced figures; every other
column is either text (listed in :data:`TEXT_COLUMNS`) or a number whose unit
is stated by the column name's suffix (:data:`UNIT_SUFFIXES`), so that
``energy_mwh`` is in megawatt-hours and ``power_w`` in watts.

Use :func:`load` for any table; :func:`column_units` says the unit of each
column.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import pandas as pd

from aiwatt._checks import unknown_name_error

#: What each table holds.
DATASETS: dict[str, str] = {
    "households": "Average electricity use of one household per month, by region.",
    "world_electricity": "World electricity demand by year.",
    "data_centres": "Data centres' electricity: estimates and projections (IEA, LBNL, de Vries) by scenario, region and year.",
    "reference_runs": "Published training runs: inputs (hardware, hours, power, PUE) and reported energy.",
    "query_energy": "Published estimates of the energy of one query (search, chatbot prompt) and what each counts.",
    "claims": "Energy claims in popular articles that the book checks.",
    "grid_intensity": "Average carbon intensity of electricity generation by region and year.",
    "ai_traffic": "Reported traffic of AI services and web search, queries per day.",
    "growth_rates": "Published annual growth rates: data-centre electricity, AI traffic, hardware efficiency.",
    "token_energy": "Measured energy per output token of language models.",
    "compute_trend": "Training compute of notable models by year, with training energy where published.",
    "compute_growth": "Published growth rates of AI training compute.",
    "accelerators": "AI accelerators: peak dense BF16/FP16 speed, power, memory and a utilisation (MFU) band.",
    "generation_mix": "Shares of solar, wind and all low-carbon sources in a region's electricity generation.",
    "supply_parameters": "Capacity factors of solar and wind and the round-trip efficiency of batteries, as bands.",
    "china_grid_factors": "Grid emission factors of Chinese provinces, for the East Data, West Computing case.",
    "computing_hubs": "The eight national computing hubs of China's East Data, West Computing programme.",
    "energy_per_operation": "Energy per operation of accelerators and of photonic and quantum demonstrations.",
    "mitigation_levers": "Demand-side levers: the share of electricity each saves where applied, as a band, and its default reach.",
    "training_efficiency_cases": "Published training runs that show algorithmic efficiency (DeepSeek-V3): hours, parameters, tokens.",
    "efficiency_trends": "Halving times of the compute (algorithms) and energy (hardware) per unit of AI work.",
    "ai_installed_base": "AI accelerators shipped or installed by year: counts, H100-equivalents and chip power.",
    "ai_top_down": "Top-down estimates of AI's electricity (IEA accelerated servers, de Vries, EPRI, Epoch AI) and their boundary.",
    "data_centre_shares": "Data centres' share of a country's or state's electricity (Ireland, US states).",
    "ai_clusters": "Large AI clusters: accelerators and power, reported or estimated.",
    "tokens_per_answer": "Output tokens per answer and how they grow: reasoning against non-reasoning models.",
    "world_electricity_projection": "World electricity demand in 2030 and 2035 implied by the IEA's published shares.",
    "fleet_splits": "Measured splits of AI energy or capacity between training and inference (Google, Meta).",
    "press_figures": "Figures printed in a news article beside the figures of the sources it cites (the fact-check assignment).",
    "article_claims": "Each checkable statement of the source article, word for word (the book gives each a verdict).",
    "serving_throughput": "Measured throughput of a production language-model service: tokens per second per node (the capstone's worked solution).",
}

#: What a ``confidence`` label of a table row means: label -> (a word for a
#: reader, the explanation). "D (inputs V2)" reads as "D".
CONFIDENCE_LEVELS: dict[str, tuple[str, str]] = {
    "V": ("read", "the figure was read in the cited source"),
    "V2": ("quoted", "the figure was read in a text that quotes the cited source"),
    "D": ("derived", "arithmetic on sourced figures"),
}

#: Column-name endings and the unit each one states. A column whose whole
#: name is a key (such as ``year``) is in that unit too.
UNIT_SUFFIXES: dict[str, str] = {
    "year": "calendar year",
    "_kwh_per_month": "kWh per household per month",
    "_kwh": "kWh",
    "_mwh": "MWh",
    "_gwh": "GWh",
    "_twh": "TWh",
    "_w": "W",
    "_b": "billions",
    "_count": "count",
    "_hours": "hours",
    "_days": "days",
    "_ratio": "dimensionless ratio",
    "_fraction": "fraction (0-1)",
    "_tco2e": "tonnes CO2-equivalent",
    "_million": "millions",
    "_wh": "Wh",
    "_g_per_kwh": "g CO2e per kWh",
    "_per_day": "count per day",
    "_j": "J",
    "_flop": "floating-point operations",
    "_tflops": "10^12 FLOP per second",
    "_gb": "GB (10^9 bytes)",
    "_gbps": "GB per second",
    "_months": "months",
    "_operation_j": "J per operation",
    "_gw": "GW",
    "_mw": "MW",
    "_tokens_per_s": "tokens per second",
}

#: Columns that hold text, not quantities.
TEXT_COLUMNS: frozenset[str] = frozenset(
    {"source", "notes", "region", "in_region", "model", "accelerator", "method", "confidence", "power_basis", "scope", "study", "what", "claim", "name", "architecture", "metric", "period", "basis", "scenario", "service", "label", "counts", "boundary", "company", "kind", "operation", "lever", "parameter", "hub", "side", "tdp_basis", "route", "status", "case", "precision"}
)


def is_source_column(column: str) -> bool:
    """Whether a column holds BibTeX keys (``source`` or ``..._source``).

    Parameters
    ----------
    column : str
        A column name.
    """
    return column == "source" or column.endswith("_source")


def source_keys(cell) -> list[str]:
    """The BibTeX keys of a source cell: one key, or several separated by ``;``.

    Parameters
    ----------
    cell : str or None
        A ``source`` cell; empty or missing gives no key.

    Returns
    -------
    list of str
    """
    if not isinstance(cell, str):
        return []
    return [key.strip() for key in cell.split(";") if key.strip()]


def _unit_of(column: str) -> str | None:
    if column in UNIT_SUFFIXES:
        return UNIT_SUFFIXES[column]
    # Longest suffix first, so that "_g_per_kwh" wins over "_kwh".
    for suffix in sorted(UNIT_SUFFIXES, key=len, reverse=True):
        if suffix.startswith("_") and column.endswith(suffix):
            return UNIT_SUFFIXES[suffix]
    return None


@lru_cache(maxsize=None)
def _read(name: str) -> pd.DataFrame:
    with resources.files("aiwatt.data").joinpath(f"{name}.csv").open("r", encoding="utf-8") as handle:
        return pd.read_csv(handle)


def load(name: str) -> pd.DataFrame:
    """Load one of the sourced tables as a DataFrame.

    Parameters
    ----------
    name : str
        A key of :data:`DATASETS`, e.g. ``"households"``.

    Returns
    -------
    pandas.DataFrame
        A fresh copy: changing it does not change later loads.

    Raises
    ------
    ValueError
        If ``name`` is not a known table (the message lists them).
    """
    if name not in DATASETS:
        raise unknown_name_error("dataset", name, DATASETS)
    return _read(name).copy()


def column_units(name: str) -> dict[str, str]:
    """The unit of every quantity column of a table, read from its name.

    Parameters
    ----------
    name : str
        A table of :data:`DATASETS`.

    Returns
    -------
    dict of str to str
        The unit of each quantity column, keyed by column name.

    Raises
    ------
    ValueError
        If the table is unknown, or a column is neither text nor has a unit
        suffix (a table must state every unit).
    """
    units = {}
    for column in load(name).columns:
        if column in TEXT_COLUMNS or is_source_column(column):
            continue
        unit = _unit_of(column)
        if unit is None:
            raise ValueError(
                f"column {column!r} of table {name!r} states no unit: end its name with one of "
                f"{', '.join(UNIT_SUFFIXES)} or add it to TEXT_COLUMNS"
            )
        units[column] = unit
    return units
