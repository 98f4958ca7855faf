"""Everyday equivalents for an amount of electricity.

Household figures come from the sourced table ``aiwatt.data.load("households")``;
world figures from ``aiwatt.data.load("world_electricity")``.
"""

from __future__ import annotations

import pandas as pd

from aiwatt import data
from aiwatt._checks import checked_array, unknown_name_error

#: Other spellings accepted for a region, mapped to the table's name.
REGION_ALIASES: dict[str, str] = {
    "cn": "China",
    "prc": "China",
    "usa": "US",
    "united states": "US",
    "u.s.": "US",
    "european union": "EU",
    "eu27": "EU",
    "eu-27": "EU",
}


def canonical_region(region: str) -> str:
    """The households table's name for a region, forgiving case and common aliases.

    Parameters
    ----------
    region : str
        A region of the households table, in any case, or a common alias.

    Returns
    -------
    str
        The region as the table writes it.

    Raises
    ------
    ValueError
        For an unknown region; the message lists the valid regions and the
        closest match.
    """
    names = list(data.load("households")["region"])
    if isinstance(region, str):
        key = region.strip().lower()
        by_lower = {name.lower(): name for name in names}
        name = by_lower.get(key) or REGION_ALIASES.get(key)
        if name in names:
            return name
    raise unknown_name_error("region", region, names)


def household_kwh_per_month(region: str) -> float:
    """Average electricity use of one household in a month [kWh].

    Parameters
    ----------
    region : str
        A region of the households table (``"China"``, ``"US"``, ``"EU"``),
        case-insensitive; ``"USA"`` and ``"European Union"`` also work.

    Raises
    ------
    ValueError
        For an unknown region; the message lists the valid regions and the
        closest match.
    """
    table = data.load("households").set_index("region")
    return float(table.loc[canonical_region(region), "household_kwh_per_month"])


def household_months(kwh, region: str = "China"):
    """How many months of one household's electricity an energy equals.

    Parameters
    ----------
    kwh : float, array-like or pandas.Series
        Energy [kWh]; finite and non-negative.
    region : str, default "China"
        Whose households; see :func:`household_kwh_per_month`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Household-months [household x month], in the type of ``kwh``.

    Notes
    -----
    .. math:: N = E / e_{region}

    with :math:`E` the energy and :math:`e_{region}` the average monthly
    household use from the households table, whose rows cite their sources
    (``aiwatt.data.load("households")``).

    Examples
    --------
    GPT-3's training, 1,287 MWh (Patterson et al. 2021), in Chinese
    household-months:

    >>> round(household_months(1_287_000, "China"))
    5642
    """
    per_month = household_kwh_per_month(region)
    array, restore = checked_array("kwh", kwh, minimum=0.0, unit="kWh")
    return restore(array / per_month)


def household_years(kwh, region: str = "China"):
    """How many years of one household's electricity an energy equals [household x year].

    Same inputs and errors as :func:`household_months`.

    Parameters
    ----------
    kwh : float, array-like or pandas.Series
        Energy [kWh]; finite and non-negative.
    region : str, default "China"
        Whose households; see :func:`household_kwh_per_month`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Household-years [household x year], in the type of ``kwh``.
    """
    per_year = 12 * household_kwh_per_month(region)
    array, restore = checked_array("kwh", kwh, minimum=0.0, unit="kWh")
    return restore(array / per_year)


def world_electricity_twh(year: int | None = None) -> float:
    """World electricity consumption in a year [TWh], from the sourced table.

    Parameters
    ----------
    year : int, optional
        A year of the table; the latest year when omitted.

    Raises
    ------
    ValueError
        If the table has no world figure for ``year`` (the message lists the
        years it has).
    """
    table = data.load("world_electricity")
    years = [int(y) for y in table["year"]]
    if year is None:
        year = max(years)
    if year not in years:
        raise ValueError(f"year must be one of {years} (years with a sourced world total); got {year!r}")
    return float(table.loc[table["year"] == year, "world_electricity_twh"].iloc[0])


def share_of_world_electricity(kwh, year: int | None = None):
    """An energy as a fraction of one year's world electricity consumption.

    Parameters
    ----------
    kwh : float, array-like or pandas.Series
        Energy [kWh]; finite and non-negative.
    year : int, optional
        Which year's world total; see :func:`world_electricity_twh`.

    Returns
    -------
    float, numpy.ndarray or pandas.Series
        Fraction [0-1 for energies up to the world total].
    """
    world_kwh = world_electricity_twh(year) * 1e9
    array, restore = checked_array("kwh", kwh, minimum=0.0, unit="kWh")
    return restore(array / world_kwh)


#: Per-query figures shown on the energy ladder: the table's description -> a short label.
LANDMARK_QUERIES: dict[str, str] = {
    "average Google web search": "a Google web search",
    "median Gemini Apps text prompt, comprehensive": "a Gemini text prompt, median",
    "ChatGPT request, early 2023 (top-down)": "a ChatGPT request, upper bound",
}


def data_centre_estimate(year: int | None = None):
    """The IEA's estimate of world data centres' electricity [TWh] as a table row.

    Parameters
    ----------
    year : int, optional
        A year with an IEA "estimate" row for the world; the latest when omitted.

    Returns
    -------
    pandas.Series
        The row of ``aiwatt.data.load("data_centres")``: ``year``,
        ``data_centre_twh``, ``source`` ...
    """
    table = data.load("data_centres")
    rows = table[(table["region"] == "World") & (table["scenario"] == "IEA Energy and AI: estimate")].sort_values("year")
    if year is None:
        return rows.iloc[-1]
    if year not in set(rows["year"]):
        raise ValueError(f"year must be one of {sorted(rows['year'])}; got {year!r}")
    return rows[rows["year"] == year].iloc[0]


def landmarks() -> pd.DataFrame:
    """Sourced energies from one web search to a year of world electricity.

    Returns
    -------
    pandas.DataFrame
        Columns ``label``, ``energy_kwh`` [kWh] and ``source`` (BibTeX key),
        smallest energy first. Built from the tables ``query_energy``,
        ``households``, ``reference_runs``, ``claims``, ``data_centres`` and
        ``world_electricity``.
    """
    rows = []
    queries = data.load("query_energy").set_index("what")
    for what, label in LANDMARK_QUERIES.items():
        query = queries.loc[what]
        rows.append((f"{label} ({query['year']})", query["query_wh"] / 1e3, query["source"]))
    for _, household in data.load("households").iterrows():
        rows.append((f"a household's month, {household['region']}", household["household_kwh_per_month"], household["source"]))
    gpt3 = data.load("reference_runs").set_index("model").loc["GPT-3"]
    rows.append(("GPT-3 training, published", gpt3["energy_mwh"] * 1e3, gpt3["source"]))
    claim = data.load("claims").set_index("claim").loc["GPT-3 training"]
    rows.append(("GPT-3 training, as misreported", claim["stated_energy_twh"] * 1e9, claim["source"]))
    world = data.load("world_electricity").sort_values("year").iloc[-1]
    centres = data_centre_estimate()
    rows.append((f"world data centres in {centres['year']}", centres["data_centre_twh"] * 1e9, centres["source"]))
    rows.append((f"world electricity in {world['year']}", world["world_electricity_twh"] * 1e9, world["source"]))
    table = pd.DataFrame(rows, columns=["label", "energy_kwh", "source"])
    return table.sort_values("energy_kwh", ignore_index=True)
