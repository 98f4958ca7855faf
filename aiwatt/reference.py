"""Reference material for readers, read from the package: defaults, equations, data tables.

The book's appendices and course pages show the package's own numbers, never
copies of them:

- :func:`defaults_table`: a model module's documented defaults (the
  module-level constants with a ``#:`` comment), with their values;
- :func:`equations_table`: the equation in the Notes of each public function;
- :func:`dataset_table`: a sourced table of :mod:`aiwatt.data` for a reader,
  every header in words with its unit, every number as the CSV holds it, and
  no e-notation even in the notes (:func:`aiwatt.tables.readable_text`).
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
import inspect
import math
import re
from types import ModuleType

import numpy as np
import pandas as pd

from aiwatt import data, tables, units
from aiwatt.estimate import Estimate
from aiwatt.tables import readable_text

#: Words for the abbreviations that column names use.
ABBREVIATIONS: dict[str, str] = {
    "pue": "PUE",
    "mfu": "MFU",
    "tdp": "TDP",
    "fp8": "FP8",
    "bf16": "BF16",
    "iea": "IEA",
    "params": "parameters",
    "gpu": "GPU",
    "ai": "AI",
    "co2e": "CO2e",
}

#: Unit suffixes that are only a unit ("energy_mwh" is an energy in MWh):
#: the header drops them. Other suffixes are part of the quantity's name
#: ("chip_hours", "accelerator_count") and stay.
PURE_UNIT_SUFFIXES: tuple[str, ...] = (
    "_kwh_per_month", "_g_per_kwh", "_kwh", "_mwh", "_gwh", "_twh", "_wh", "_w", "_j", "_tco2e",
    "_tflops", "_gbps", "_gb", "_b", "_ratio", "_fraction", "_million", "_per_day", "_tokens_per_s",
)



def exact_number(value: float) -> str:
    """A number as a reader reads it, with every digit it was given and no e-notation.

    Parameters
    ----------
    value : float
        Any finite number.

    Returns
    -------
    str
        Thousands separators below a million, words or a power of ten above
        (:func:`aiwatt.units.format_number`), with as many significant digits as
        the value has (up to 15).

    Raises
    ------
    ValueError
        If ``value`` is not a finite number.

    Examples
    --------
    >>> exact_number(1287.0), exact_number(0.0036), exact_number(30_840_000), exact_number(3.14e23)
    ('1,287', '0.0036', '30.84 million', '3.14 × 10²³')
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not math.isfinite(value):
        raise ValueError(f"value must be a finite number; got {value!r}")
    value = float(value)
    # The fewest significant digits that give the value back; 15 at most (what format_number allows).
    digits = next((s for s in range(1, 16) if float(f"{value:.{s}g}") == value), 15) if value else 1
    if value == 0 or 1e-3 <= abs(value) < 1e6:
        text = f"{float(f'{value:.{digits}g}'):,.10f}".rstrip("0").rstrip(".")
        return text
    return units.format_number(value, significant=max(digits, 3) if abs(value) >= 1e6 else digits)


def column_header(column: str, unit: str | None) -> str:
    """A column's header in words with its unit in brackets: ``energy_mwh`` -> ``Energy [MWh]``.

    A suffix that is only a unit (:data:`PURE_UNIT_SUFFIXES`) is dropped from
    the words, abbreviations are spelled as readers know them
    (:data:`ABBREVIATIONS`), and the unit is written without e-notation or
    carets.

    Parameters
    ----------
    column : str
        A column name of a data table, e.g. ``"energy_mwh"``.
    unit : str or None
        The column's unit in words, as :func:`aiwatt.data.column_units`
        gives it (``"MWh"``, ``"10^12 FLOP per second"``); None, ``"count"``
        and the ``year`` column get no brackets.

    Returns
    -------
    str

    Examples
    --------
    >>> column_header("energy_mwh", "MWh"), column_header("accelerator_count", "count")
    ('Energy [MWh]', 'Accelerator count')
    >>> column_header("pue_ratio", "dimensionless ratio")
    'PUE [dimensionless ratio]'
    """
    name = column
    for suffix in PURE_UNIT_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
            break
    words = [ABBREVIATIONS.get(word, word) for word in name.split("_")]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    if unit is None or unit == "count" or column == "year":
        return text
    return f"{text} [{readable_text(unit)}]"


def dataset_table(name: str, *, caption: str | None = None, notes: bool = True) -> tables.ReaderTable:
    """One of the sourced tables of :mod:`aiwatt.data`, every column, for a reader.

    Parameters
    ----------
    name : str
        A key of :data:`aiwatt.data.DATASETS`.
    caption : str, optional
        A caption; the table's description when omitted.
    notes : bool, default True
        Whether to show the ``notes`` column (long text; :func:`dataset_markdown`
        lists the notes under the table instead).

    Returns
    -------
    aiwatt.tables.ReaderTable
        Headers in words with the unit that the column name states
        (:func:`aiwatt.data.column_units`), numbers as the CSV holds them
        (:func:`exact_number`), text with no e-notation (:func:`aiwatt.tables.readable_text`),
        sources as citations and confidence labels in words with their legend.

    Raises
    ------
    ValueError
        For an unknown table (the message lists the closest names).
    """
    frame = data.load(name)
    column_unit = data.column_units(name)
    columns = {}
    for column in frame.columns:
        if column in ("source", "confidence") or (column == "notes" and not notes):
            continue
        header = column_header(column, column_unit.get(column))
        if data.is_source_column(column):
            columns[column] = (header, _citations)
        elif column == "year":
            columns[column] = (header, _year)
        elif column in column_unit:
            columns[column] = (header, exact_number)
        else:
            columns[column] = (header, lambda text: readable_text(str(text)))
    return tables.reader_table(
        frame,
        columns,
        source="source" if "source" in frame.columns else None,
        confidence="confidence" if "confidence" in frame.columns else None,
        caption=caption if caption is not None else data.DATASETS[name],
    )


def row_labels(frame: pd.DataFrame) -> list[str]:
    """A short label for each row: its first text columns (and year), as few as make every label unique.

    Parameters
    ----------
    frame : pandas.DataFrame
        A data table (:func:`aiwatt.data.load`); its text columns are those
        of :data:`aiwatt.data.TEXT_COLUMNS`, less ``notes``, ``source`` and
        ``confidence``.

    Returns
    -------
    list of str
        One label per row, in order. If no choice of columns tells the rows
        apart, each label starts with its row number; with no text column,
        the labels are the row numbers.

    Examples
    --------
    >>> row_labels(pd.DataFrame({"region": ["World", "World"], "year": [2022, 2023], "notes": ["a", "b"]}))
    ['World, 2022', 'World, 2023']
    """
    candidates = [c for c in frame.columns if c == "year" or (c in data.TEXT_COLUMNS and c not in ("notes", "source", "confidence"))]
    if not candidates:
        return [str(i + 1) for i in range(len(frame))]
    used = []
    for column in candidates:
        used.append(column)
        labels = [", ".join(_year(v) if c == "year" else str(v) for c, v in zip(used, values) if not _missing(v))
                  for values in frame[used].itertuples(index=False)]
        if len(set(labels)) == len(labels):
            return labels
    return [f"{i + 1}. {label}" for i, label in enumerate(labels)]


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _citations(cell) -> str:
    """A cell of BibTeX keys as one MyST citation role."""
    return "{cite:t}`" + ",".join(data.source_keys(cell)) + "`"


def _year(value) -> str:
    """A year as written: 2024, or 2025.55 for a date within the year."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def _constant_comments(module: ModuleType) -> dict[str, str]:
    """The ``#:`` comment above each module-level assignment, by the assigned name."""
    source = inspect.getsource(module)
    lines = source.splitlines()
    comments = {}
    for node in ast.parse(source).body:
        targets = []
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        if not targets:
            continue
        doc, line = [], node.lineno - 2
        while line >= 0 and lines[line].lstrip().startswith("#:"):
            doc.insert(0, lines[line].lstrip()[2:].strip())
            line -= 1
        if doc:
            for target in targets:
                comments[target] = " ".join(doc)
    return comments


def describe_value(value) -> str:
    """A default's value in words and readable numbers, whatever its type.

    Parameters
    ----------
    value : object
        A module-level default: a number, an :class:`~aiwatt.estimate.Estimate`,
        a string, a dataclass, or a dict, list, tuple or set of these.

    Returns
    -------
    str
        Numbers by :func:`exact_number` (every digit, no e-notation); an
        estimate as its band and central value with the unit; a dataclass
        field by field; a dict key by key; a collection item by item (a set
        sorted).

    Examples
    --------
    >>> describe_value(Estimate(1.09, 1.1, 1.56, "ratio"))
    '1.09 to 1.56, central 1.1 [ratio]'
    >>> describe_value({"a": 6.47e-6, "b": -2.6e-3})
    'a: 6.47 × 10⁻⁶; b: -0.0026'
    """
    if isinstance(value, Estimate):
        return f"{exact_number(value.low)} to {exact_number(value.high)}, central {exact_number(value.central)} [{value.unit}]"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return exact_number(value)
    if isinstance(value, str):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return "; ".join(f"{field.name.replace('_', ' ')}: {describe_value(getattr(value, field.name))}" for field in dataclasses.fields(value))
    if isinstance(value, dict):
        return "; ".join(f"{describe_value(key) if not isinstance(key, str) else key}: {describe_value(item)}" for key, item in value.items())
    if isinstance(value, (tuple, list, frozenset, set)):
        items = sorted(value) if isinstance(value, (frozenset, set)) else value
        return ", ".join(describe_value(item) for item in items)
    return str(value)


def defaults_table(module: ModuleType) -> pd.DataFrame:
    """A module's documented defaults: every module-level constant with a ``#:`` comment.

    Parameters
    ----------
    module : module
        An aiwatt module, e.g. ``aiwatt.training``.

    Returns
    -------
    pandas.DataFrame
        One row per constant: ``name`` (as in the code), ``value`` (in words,
        :func:`describe_value`) and ``meaning`` (its comment, e-notation
        rewritten), in the order of the source.

    Raises
    ------
    ValueError
        If ``module`` is not a module.

    Examples
    --------
    >>> from aiwatt import training
    >>> defaults_table(training).set_index("name").loc["DEFAULT_PUE", "value"]
    '1.09 to 1.56, central 1.1 [ratio]'
    """
    if not isinstance(module, ModuleType):
        raise ValueError(f"module must be a Python module such as aiwatt.training; got {module!r}")
    rows = [
        {"name": name, "meaning": readable_text(comment),
         # A year is written as a year, not as a quantity with a thousands separator.
         "value": str(getattr(module, name)) if name.endswith("_YEAR") and isinstance(getattr(module, name), int) else describe_value(getattr(module, name))}
        for name, comment in _constant_comments(module).items()
        if hasattr(module, name)
    ]
    return pd.DataFrame(rows, columns=["name", "value", "meaning"])


def _notes_math(docstring: str) -> str | None:
    """The first ``.. math::`` block of a docstring's Notes, on one line.

    The equation may start on the directive's line and continue on indented
    lines below it (every line up to the first blank one is kept), or stand
    in an indented block of its own.
    """
    text = inspect.cleandoc(docstring)
    match = re.search(r"^\.\. math::[ \t]*(.*)$", text, flags=re.MULTILINE)
    if match is None:
        return None
    inline = match.group(1).strip()
    if inline:
        continued = [inline]
        for line in text[match.end():].splitlines()[1:]:
            if not line.strip() or not line.startswith((" ", "\t")):
                break
            continued.append(line.strip())
        return " ".join(continued)
    body = []
    for line in text[match.end():].splitlines()[1:] if text[match.end():].startswith("\n") else text[match.end():].splitlines():
        if line.strip() == "" and body:
            break
        if line.strip() == "":
            continue
        if not line.startswith((" ", "\t")):
            break
        body.append(line.strip())
    return " ".join(body) or None


def equations_table(module: ModuleType) -> pd.DataFrame:
    """The equation of each public function of a module, from its docstring's Notes.

    Parameters
    ----------
    module : module
        An aiwatt module, e.g. ``aiwatt.inference``.

    Returns
    -------
    pandas.DataFrame
        One row per public function defined in the module that states an
        equation (a ``.. math::`` block): ``function``, ``summary`` (the
        docstring's first line) and ``equation`` (LaTeX, one line), in the
        order of the source.

    Examples
    --------
    >>> from aiwatt import training
    >>> equations_table(training).set_index("function").loc["training_flops", "equation"]
    'C = 6 N_{active} D'
    """
    if not isinstance(module, ModuleType):
        raise ValueError(f"module must be a Python module such as aiwatt.training; got {module!r}")
    rows = []
    for name, function in inspect.getmembers(module, inspect.isfunction):
        if name.startswith("_") or function.__module__ != module.__name__ or not function.__doc__:
            continue
        equation = _notes_math(function.__doc__)
        if equation is None:
            continue
        summary = inspect.cleandoc(function.__doc__).splitlines()[0]
        rows.append({"function": name, "summary": summary, "equation": equation, "line": inspect.getsourcelines(function)[1]})
    frame = pd.DataFrame(rows, columns=["function", "summary", "equation", "line"]).sort_values("line")
    return frame.drop(columns="line").reset_index(drop=True)


_ROLE = re.compile(r":(?:func|data|class|mod|attr|meth|obj):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")
_CITED_KEY = re.compile(r"\(([a-z]+\d{4}[a-z0-9]+)\)")
_BARE_KEY = re.compile(r"(?<![`\w])([a-z]+\d{4}[a-z0-9]+)(?![`\w])")


def docstring_to_myst(text: str) -> str:
    """A docstring's or comment's reStructuredText markup as MyST for a reader.

    Cross-references and literals become code; a BibTeX key of the book's
    bibliography in parentheses becomes a citation, a bare one a textual citation.

    Parameters
    ----------
    text : str
        reStructuredText: a docstring's summary, or a ``#:`` comment.

    Returns
    -------
    str
        MyST Markdown.

    Examples
    --------
    >>> docstring_to_myst("the central of :data:`DEFAULT_PUE` (google2025envreport); see ``pue``")
    'the central of `DEFAULT_PUE` {cite:p}`google2025envreport`; see `pue`'
    """
    text = _ROLE.sub(lambda m: "`" + m.group(1) + "`", text)
    text = _LITERAL.sub(lambda m: "`" + m.group(1) + "`", text)
    text = _CITED_KEY.sub(lambda m: "{cite:p}`" + m.group(1) + "`", text)
    return _BARE_KEY.sub(lambda m: "{cite:t}`" + m.group(1) + "`", text)


def methods_markdown(module: ModuleType) -> str:
    """A module's equations and defaults as MyST Markdown for the Methods appendix.

    Two definition lists, which read well on a phone: each public function
    with what it computes and its equation (displayed as mathematics), and
    each documented default with its value and where it comes from.

    Parameters
    ----------
    module : module
        An aiwatt module, e.g. ``aiwatt.training``.

    Returns
    -------
    str
        MyST Markdown (the ``deflist`` and ``dollarmath`` extensions).
    """
    equations = equations_table(module)
    defaults = defaults_table(module)
    parts = []
    if len(equations):
        items = [
            f"`{module.__name__}.{row.function}`\n: {docstring_to_myst(row.summary)}\n\n  $$\n  {row.equation}\n  $$"
            for row in equations.itertuples()
        ]
        parts.append("**Equations**\n\n" + "\n\n".join(items))
    if len(defaults):
        items = [f"`{row.name}` = {row.value}\n: {docstring_to_myst(row.meaning)}" for row in defaults.itertuples()]
        parts.append("**Defaults**\n\n" + "\n\n".join(items))
    return "\n\n".join(parts)


def dataset_markdown(name: str, csv_link: str) -> str:
    """A table of :mod:`aiwatt.data` as MyST Markdown: what it holds, a download link, the table.

    Parameters
    ----------
    name : str
        A key of :data:`aiwatt.data.DATASETS`.
    csv_link : str
        The path of the CSV file relative to the page that shows it, with
        ``{name}`` standing for the table's name, e.g. ``"../aiwatt/data/{name}.csv"``.

    Returns
    -------
    str
        A sentence with the number of rows and the Python call that loads it,
        a ``{download}`` link to the CSV, :func:`dataset_table` without its
        notes, and the notes of each row in a dropdown under it.
    """
    table = dataset_table(name, caption="", notes=False)
    rows = len(table.cells)
    link = csv_link.format(name=name)
    intro = (
        f"{data.DATASETS[name]} {rows:,} row{'s' if rows != 1 else ''}; "
        f"in Python, `aiwatt.data.load(\"{name}\")`. "
        f"{{download}}`Download {name}.csv <{link}>`"
    )
    parts = [intro, table.to_markdown()]
    frame = data.load(name)
    if "notes" in frame.columns and frame["notes"].notna().any():
        items = [f"- **{_escape(label)}**: {_escape(readable_text(str(note)))}"
                 for label, note in zip(row_labels(frame), frame["notes"]) if not _missing(note) and str(note).strip()]
        parts.append("````{admonition} How each figure was read or derived\n:class: dropdown\n\n" + "\n".join(items) + "\n````")
    return "\n\n".join(parts)


def _escape(text: str) -> str:
    """Text safe inside a MyST list item: no markup characters that would start a role, emphasis or a table."""
    return re.sub(r"([*_`|{}\[\]<>])", r"\\\1", text)


# ---------------------------------------------------------------------------
# Key numbers: one table of the figures a reader most needs, each with what it counts.

#: Columns of :func:`key_numbers`.
KEY_NUMBER_COLUMNS: tuple[str, ...] = ("topic", "figure", "value", "boundary", "basis", "year", "source", "confidence")

#: The topics of :func:`key_numbers`, in order.
KEY_NUMBER_TOPICS: tuple[str, ...] = ("The scale of things", "Training", "Inference", "Hardware, grids and households")


def _band_text(band: Estimate, unit: str) -> str:
    return f"{units.format_number(band.central)} {unit} (90% band {units.format_number(band.low)} to {units.format_number(band.high)})"


def _latest(frame: pd.DataFrame, **match) -> pd.Series:
    """The row of a table that matches every column=value given; the latest year if several."""
    rows = frame
    for column, value in match.items():
        rows = rows[rows[column] == value]
    if rows.empty:
        raise ValueError(f"no row matches {match}")
    return rows.sort_values("year").iloc[-1] if "year" in rows.columns else rows.iloc[0]


def key_numbers() -> pd.DataFrame:
    """The book's key numbers on one page, each with its boundary, basis, year and source.

    Every value is read from a sourced table of :mod:`aiwatt.data` or computed by
    the package's models (their inputs' sources are cited), and written for a
    reader (:func:`aiwatt.units.format_energy`, :func:`aiwatt.units.format_number`).

    Returns
    -------
    pandas.DataFrame
        One row per figure, with the columns of :data:`KEY_NUMBER_COLUMNS`:
        ``figure`` (what it is), ``value`` (number and unit, as text),
        ``boundary`` (what it counts: accelerators, servers, facility, all data
        centres, a country), ``basis`` (measured, reported, modelled, projected;
        for emissions, lifecycle or direct), ``year``, ``source`` (BibTeX keys,
        ``;``-separated) and ``confidence`` (as in the tables).
    """
    from aiwatt import equivalents, fleet, hardware, training

    rows = []
    topic = [KEY_NUMBER_TOPICS[0]]

    def add(figure, value, boundary, basis, year, source, confidence):
        rows.append(dict(zip(KEY_NUMBER_COLUMNS, (topic[0], figure, value, boundary, basis, year, source, confidence))))

    world = _latest(data.load("world_electricity"))
    add("World electricity demand", f"{world['world_electricity_twh']:,.0f} TWh", "all uses, world", "demand (generation plus imports)", world["year"],
        world["source"], world["confidence"])
    centres = data.load("data_centres")
    for scenario, basis in (("IEA Energy and AI: estimate", "estimate"), ("IEA Energy and AI: Base Case", "projection (Base Case)")):
        rows_ = centres[(centres["scenario"] == scenario) & (centres["region"] == "World")].sort_values("year")
        row = rows_.iloc[0] if basis == "estimate" else rows_[rows_["year"] == 2030].iloc[0]
        add("All data centres' electricity", f"{row['data_centre_twh']:,.0f} TWh", "all data centres (facility), no crypto", basis, row["year"], row["source"], row["confidence"])
    bottom_up_sources, top_down_basis = "epoch2025nvidiastock;epoch2026chipsales", "modelled from the IEA's accelerated servers (which also run some work that is not AI)"
    for year in (2024, 2030):
        basis = "" if year == 2024 else ", projected (central path)"
        add("AI's electricity, bottom-up", _band_text(fleet.ai_electricity(year), "TWh"), "facility", "modelled from the installed chips" + basis, year,
            bottom_up_sources, "D")
        add("AI's electricity, top-down", _band_text(fleet.top_down_ai_electricity(year), "TWh"), "facility", top_down_basis + basis, year,
            "iea2025energyai", "D")
    world_2024 = fleet.world_electricity_twh(2024)
    add("AI's share of world electricity",
        f"{units.format_share(fleet.ai_electricity(2024).central / world_2024)} bottom-up; "
        f"{units.format_share(fleet.top_down_ai_electricity(2024).central / world_2024)} top-down",
        "facility", "modelled (central values), over world demand", 2024, bottom_up_sources + ";iea2025energyai;ember2025review", "D")
    ireland = _latest(data.load("data_centre_shares"), region="Ireland")
    add("Data centres' share of Ireland's electricity", units.format_share(ireland["data_centre_share_fraction"]), "all data centres, one country", ireland["scope"],
        ireland["year"], ireland["source"], ireland["confidence"])

    topic[0] = KEY_NUMBER_TOPICS[1]
    runs = data.load("reference_runs").set_index("model")
    gpt3 = runs.loc["GPT-3"]
    add("GPT-3 training energy", f"{gpt3['energy_mwh']:,.0f} MWh ({units.format_energy(gpt3['energy_mwh'] * 1000)})", "facility (measured power, PUE)",
        "reported", gpt3["year"], gpt3["source"], "V")
    add("GPT-3 training emissions", f"{gpt3['emissions_tco2e']:,.0f} t CO2e", "facility", f"location-based, at {gpt3['grid_g_per_kwh']:.0f} g per kWh",
        gpt3["year"], gpt3["source"], "V")
    llama = runs.loc["Llama 3.1 405B"]
    add("Llama 3.1 405B training", f"{units.format_number(llama['chip_hours'])} GPU-hours; {llama['emissions_tco2e']:,.0f} t CO2e", "accelerators at rated power (TDP)",
        "reported, location-based", llama["year"], llama["source"], "V")
    # One convention for the energy of a run from its published hours, as in the capstone: each accelerator at
    # its typical power plus its share of the server (host), times the PUE of one efficient site.
    pue = training.DEFAULT_PUE.central
    all_stages = data.load("training_efficiency_cases").set_index("model").loc["DeepSeek-V3", "chip_hours"]
    for model, hours_note in (("Llama 3.1 405B", "all of training"),
                              ("DeepSeek-V3", f"pre-training; {units.format_number(all_stages)} with the later stages")):
        run = runs.loc[model]
        chip = hardware.accelerator(run["accelerator"])
        kwh = training.energy_from_chip_hours(run["chip_hours"], chip.typical_power_w + chip.host_power_w, pue)
        add(f"{model} training energy", f"{units.format_energy(kwh)} from {units.format_number(run['chip_hours'])} {chip.name}-hours ({hours_note})",
            f"facility: {chip.typical_power_w + chip.host_power_w:,.0f} W per accelerator with its host, PUE {pue:g}",
            "published hours × modelled power", run["year"], run["source"], "D")
    # One growth figure for training compute across the book's reference pages (the instructor notes use it too).
    growth = data.load("compute_growth").set_index("metric").loc["training compute of notable models"]
    add("Growth of the training compute of notable models", f"{units.format_number(growth['low_per_year_ratio'], significant=2)} times a year",
        "compute (FLOP)", "measured trend", growth["period"], growth["source"], growth["confidence"])

    topic[0] = KEY_NUMBER_TOPICS[2]
    queries = data.load("query_energy").set_index("what")
    for what, figure in (("median Gemini Apps text prompt, comprehensive", "Median Gemini text prompt"),
                         ("typical GPT-4o ChatGPT query", "Typical ChatGPT (GPT-4o) query"),
                         ("ChatGPT request, early 2023 (top-down)", "ChatGPT request, early 2023"),
                         ("average Google web search", "Google web search")):
        row = queries.loc[what]
        basis = {"elsworth2025gemini": "measured by the operator", "epoch2025chatgpt": "modelled", "devries2023joule": "upper bound, top-down",
                 "holzle2009search": "reported by the operator"}[row["source"]]
        add(figure, f"{row['query_wh']:g} Wh", row.get("boundary", row["counts"]) if isinstance(row.get("boundary"), str) else row["counts"], basis, row["year"],
            row["source"], str(row["confidence"]).split()[0])
    from aiwatt import inference

    short = inference.QUERY_PRESETS["short chat"]
    modelled_wh = inference.energy_per_query(short.input_tokens, short.output_tokens, 100e9, "H100", scope="facility")
    add("A short chat, this book's model", f"{units.format_number(modelled_wh, significant=2)} Wh",
        "facility", f"modelled: {short.input_tokens:,} tokens in, {short.output_tokens:,} out, 100 billion active parameters, H100", 2025,
        "epoch2025chatgpt;nvidia2022h100", "D")
    token = data.load("token_energy").set_index("label").loc["ML.ENERGY v3.0"]
    add("One output token, Llama-3.1-8B on an H100 at batch 64", f"{token['energy_per_token_j']:g} J", "accelerator (GPU only)", "measured", 2025, token["source"],
        token["confidence"])
    traffic = data.load("ai_traffic")
    chatgpt = _latest(traffic, service="ChatGPT")
    add("ChatGPT prompts a day", units.format_number(chatgpt["queries_per_day"]), "one service", "reported by the operator", int(chatgpt["year"]), chatgpt["source"],
        chatgpt["confidence"])

    topic[0] = KEY_NUMBER_TOPICS[3]
    h100 = hardware.accelerator("H100")
    add("H100 rated power", f"{h100.tdp_w:,.0f} W", "accelerator", "rated (TDP)", h100.year, "nvidia2022h100", "V2")
    add("PUE: efficient hyperscale fleet to industry average", f"{training.DEFAULT_PUE.low:.2f} to {training.DEFAULT_PUE.high:.2f}", "facility over IT equipment",
        "reported", 2024, "google2025envreport;uptime2024survey", "V2")
    rates = data.load("growth_rates").set_index("metric").loc["leading ML hardware energy efficiency (FLOP per joule)"]
    add("Gain in energy efficiency of leading AI hardware", f"{units.format_share(rates['per_year_fraction'])} more operations per joule a year", "accelerator",
        "measured trend", "to 2024", rates["source"], rates["confidence"])
    grids = data.load("grid_intensity")
    for region in ("World", "China", "US"):
        row = _latest(grids, region=region)
        # A direct figure (EIA, MEE) counts the CO2 of combustion only; a lifecycle one, every greenhouse gas (CO2e).
        gas = "CO2e" if row["basis"] == "lifecycle" else "CO2"
        add(f"Carbon intensity of electricity, {region}", f"{row['grid_g_per_kwh']:,.0f} g {gas} per kWh", "grid average", row["basis"], row["year"], row["source"],
            str(row["confidence"]).split()[0])
    from aiwatt import limits

    add("Landauer limit: least energy to erase one bit at 300 K", f"{units.format_number(limits.landauer_limit_j(limits.ROOM_TEMPERATURE_K))} J",
        "physics", "theoretical floor", 1961, "landauer1961irreversibility;bipm2019si", "D")
    households = data.load("households")
    for region in ("China", "US"):
        row = _latest(households, region=region)
        add(f"A household's month of electricity, {region}", f"{equivalents.household_kwh_per_month(region):,.0f} kWh", "one household",
            "average per household" if region == "China" else "average per meter", row["year"], row["source"],
            str(row["confidence"]).split()[0])
    frame = pd.DataFrame(rows, columns=list(KEY_NUMBER_COLUMNS))
    frame["year"] = frame["year"].map(lambda y: y if isinstance(y, str) else f"{float(y):.0f}")
    return frame


# ---------------------------------------------------------------------------
# The source article, claim by claim.

#: Verdicts, from best to worst, with what each means: one scale for the
#: article's claims and for the claim a student checks in the fact-check
#: assignment (``book/course/fact_check.md`` lists the same words).
VERDICTS: dict[str, str] = {
    "accurate": "the evidence supports the claim as stated",
    "roughly right": "right in substance: a number within a factor of two, or a statement that holds under a condition the article leaves out",
    "misleading": "right in one sense, place or boundary, but the comparison, boundary or date as written gives the wrong picture",
    "wrong": "the evidence contradicts the claim; a number is off by more than a factor of two",
    "cannot be checked": "nothing published shows it either way yet",
}

#: How far a number may be from the evidence and still be "accurate" [ratio];
#: within a factor of two it is "roughly right", beyond that "wrong".
ACCURATE_WITHIN_RATIO: float = 1.1


def number_verdict(stated, evidence) -> str:
    """The verdict on a stated number against the evidence, on the scale of :data:`VERDICTS`.

    Parameters
    ----------
    stated : float
        The number as the claim states it, in the evidence's unit; positive.
    evidence : float
        The number the evidence gives; positive.

    Returns
    -------
    str
        "accurate" within :data:`ACCURATE_WITHIN_RATIO` either way, "roughly
        right" within a factor of two, "wrong" beyond.

    Raises
    ------
    ValueError
        If either number is not positive and finite.

    Examples
    --------
    >>> number_verdict(1.28, 1.287), number_verdict(2.0, 1.287), number_verdict(1280, 1.287)
    ('accurate', 'roughly right', 'wrong')
    """
    for name, value in (("stated", stated), ("evidence", evidence)):
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) or not math.isfinite(value) or value <= 0:
            raise ValueError(f"{name} must be a positive finite number; got {value!r}")
    factor = max(stated / evidence, evidence / stated)
    if factor <= ACCURATE_WITHIN_RATIO:
        return "accurate"
    return "roughly right" if factor <= 2 else "wrong"


@dataclass(frozen=True)
class ClaimVerdict:
    """One claim of the source article, checked.

    Attributes
    ----------
    claim : str
        The claim's key in the ``article_claims`` table.
    quote : str
        The article's words.
    verdict : str
        One of :data:`VERDICTS`.
    summary : str
        The evidence in one sentence, numbers written for a reader.
    evidence : dict of str to float
        The numbers behind the verdict, for the book to glue.
    chapters : tuple of str
        The documents (``book/...`` without suffix) that hold the evidence.
    """

    claim: str
    quote: str
    verdict: str
    summary: str
    evidence: dict
    chapters: tuple[str, ...]


def query_wh_at_facility(what: str) -> float:
    """A published energy of one query (table ``query_energy``), brought to the facility boundary [Wh].

    A figure counted at the servers is multiplied by the PUE of one service
    (:data:`aiwatt.inference.DEFAULT_PUE`); one counted at the accelerators
    by the host ratio as well (:func:`aiwatt.fleet.boundary_factor`, central
    values); one counted at the facility is returned as published.

    Parameters
    ----------
    what : str
        A row of the ``query_energy`` table (its ``what`` column), e.g.
        ``"typical GPT-4o ChatGPT query"``.

    Returns
    -------
    float
        The energy of one query at the facility boundary [Wh].

    Raises
    ------
    ValueError
        For an unknown row (the message lists the closest), or a row whose
        boundary is not stated.

    Examples
    --------
    >>> query_wh_at_facility("median Gemini Apps text prompt, comprehensive")
    0.24
    """
    from aiwatt import fleet, inference
    from aiwatt._checks import unknown_name_error

    queries = data.load("query_energy").set_index("what")
    if what not in queries.index:
        raise unknown_name_error("query", what, list(queries.index))
    row = queries.loc[what]
    if row["boundary"] not in ("accelerator", "server", "facility"):
        raise ValueError(f"the boundary of {what!r} is {row['boundary']!r}: it cannot be brought to the facility")
    return float(row["query_wh"] * fleet.boundary_factor(row["boundary"], pue=inference.DEFAULT_PUE).central)


def _percent(fraction: float) -> str:
    """A setting typed as a round fraction, as a percentage with every digit it has: 0.05 -> "5%", 0.125 -> "12.5%"."""
    return f"{100 * fraction:g}%"


def _claim_two_phases() -> tuple[str, str, dict, tuple[str, ...]]:
    from aiwatt import inference

    splits = data.load("fleet_splits").set_index("company")
    runs = data.load("reference_runs").set_index("model")
    traffic = data.load("ai_traffic").set_index(["service", "year"])
    gpt3_kwh = runs.loc["GPT-3", "energy_mwh"] * 1e3
    # GPT-3's energy is counted at the facility: bring the query to the same boundary.
    query_wh = query_wh_at_facility("typical GPT-4o ChatGPT query")
    days = float(inference.crossover_days(gpt3_kwh, query_wh, traffic.loc[("ChatGPT", 2025.55), "queries_per_day"]))
    evidence = {
        "google_inference": float(splits.loc["Google", "inference_fraction"]),
        "meta_inference": float(splits.loc["Meta", "inference_fraction"]),
        "google_training": float(splits.loc["Google", "training_fraction"]),
        "meta_training": float(splits.loc["Meta", "training_fraction"]),
        "gpt3_crossover_days": days,
    }
    both = min(evidence["google_training"], evidence["meta_training"]) > 0.1 and min(evidence["google_inference"], evidence["meta_inference"]) > 0.1
    summary = (
        f"Google measured {units.format_share(evidence['google_inference'])} of its machine-learning energy in inference and "
        f"{units.format_share(evidence['google_training'])} in training; Meta's AI capacity splits "
        f"{units.format_share(evidence['meta_inference'])} to {units.format_share(evidence['meta_training'])}. Both phases count, "
        "and inference is the larger."
    )
    return ("accurate" if both else "misleading"), summary, evidence, ("book/inference", "book/training")


def _claim_more_parameters():
    runs = data.load("reference_runs").set_index("model")
    # Patterson et al.'s runs share one boundary: measured system power with the PUE.
    same_boundary = runs[runs["source"] == "patterson2021carbon"]
    gpt3, switch, t5, meena = (same_boundary.loc[m] for m in ("GPT-3", "Switch Transformer", "T5", "Meena"))
    evidence = {
        "gpt3_params_b": float(gpt3["params_b"]),
        "gpt3_mwh": float(gpt3["energy_mwh"]),
        "switch_params_b": float(switch["params_b"]),
        "switch_active_b": float(switch["active_params_b"]),
        "switch_mwh": float(switch["energy_mwh"]),
        "t5_params_b": float(t5["params_b"]),
        "t5_mwh": float(t5["energy_mwh"]),
        "meena_params_b": float(meena["params_b"]),
        "meena_mwh": float(meena["energy_mwh"]),
    }
    counter_examples = int(switch["params_b"] > gpt3["params_b"] and switch["energy_mwh"] < gpt3["energy_mwh"]) + int(
        meena["params_b"] < t5["params_b"] and meena["energy_mwh"] > t5["energy_mwh"])
    evidence["counter_examples"] = float(counter_examples)
    summary = (
        f"Training takes about 6 FLOP per active parameter per token, so energy grows with active parameters times tokens, divided by the "
        f"hardware's efficiency. On one boundary, the {units.format_number(switch['params_b'] * 1e9)}-parameter Switch Transformer used "
        f"{switch['energy_mwh']:,.0f} MWh against GPT-3's {gpt3['energy_mwh']:,.0f} MWh for "
        f"{units.format_number(gpt3['params_b'] * 1e9)} parameters: it uses only {units.format_number(switch['active_params_b'] * 1e9)} per token."
    )
    return ("misleading" if counter_examples else "accurate"), summary, evidence, ("book/training",)


def _claim_gpt3():
    claim = data.load("claims").set_index("claim").loc["GPT-3 training"]
    runs = data.load("reference_runs").set_index("model")
    from aiwatt import equivalents

    printed_kwh = units.convert(claim["stated_energy_twh"], "TWh", "kWh")
    published_kwh = units.convert(runs.loc["GPT-3", "energy_mwh"], "MWh", "kWh")
    china = equivalents.household_kwh_per_month("China")
    evidence = {
        "printed_twh": float(claim["stated_energy_twh"]),
        "published_mwh": float(runs.loc["GPT-3", "energy_mwh"]),
        "factor": float(printed_kwh / published_kwh),
        "households": float(claim["stated_household_count"]),
        "printed_per_household_kwh": float(printed_kwh / claim["stated_household_count"]),
        "gwh_per_household_kwh": float(printed_kwh / 1000 / claim["stated_household_count"]),
        "china_household_kwh": float(china),
    }
    verdict = number_verdict(evidence["printed_twh"], evidence["published_mwh"] / 1e6)
    summary = (
        f"Patterson et al. report {evidence['published_mwh']:,.0f} MWh ({units.format_energy(published_kwh)}): the printed figure is "
        f"{evidence['factor']:,.0f} times too large. The article's own comparison gives each of its {evidence['households']:,.0f} households "
        f"{evidence['gwh_per_household_kwh']:,.0f} kWh only if the energy is in gigawatt-hours; a Chinese household uses about {china:,.0f} kWh a month."
    )
    return verdict, summary, evidence, ("book/units", "book/training")


def _claim_inference_growth():
    from aiwatt import fleet

    rates = data.load("growth_rates").set_index("metric")
    start, end = fleet.ai_electricity(2024), fleet.ai_electricity(2030)
    evidence = {
        "chatgpt_growth": float(rates.loc["ChatGPT prompts per day", "per_year_fraction"]),
        "iea_accelerated_growth": float(rates.loc["IEA Base Case: accelerated servers, world", "per_year_fraction"]),
        "ai_2024_twh": float(start.central),
        "ai_2030_twh": float(end.central),
        "ai_2030_low_twh": float(end.low),
        "ai_growth_ratio": float(end.central / start.central),
    }
    verdict = "accurate" if end.low > start.high else "roughly right"
    summary = (
        f"ChatGPT's daily prompts grew {units.format_share(evidence['chatgpt_growth'])} a year in 2025, and the IEA's accelerated servers grow about "
        f"{units.format_share(evidence['iea_accelerated_growth'])} a year to 2030; the book's bottom-up estimate of all AI rises from "
        f"{units.format_number(start.central)} TWh in 2024 to {units.format_number(end.central)} TWh in 2030, even the low end of 2030 above the "
        "high end of 2024, although the energy of each query keeps falling."
    )
    return verdict, summary, evidence, ("book/inference", "book/gobbling")


def _claim_exploitation():
    from aiwatt import fleet

    shares = data.load("data_centre_shares")
    ireland = _latest(shares, region="Ireland")
    virginia = _latest(shares, region="Virginia")
    world_2024, world_2030 = fleet.world_electricity_twh(2024), fleet.world_electricity_twh(2030)
    up_2024, down_2024, up_2030 = fleet.ai_electricity(2024), fleet.top_down_ai_electricity(2024), fleet.ai_electricity(2030)
    evidence = {
        "share_2024_bottom_up": float(up_2024.central / world_2024),
        "share_2024_top_down": float(down_2024.central / world_2024),
        "share_2030": float(up_2030.central / world_2030),
        "share_2030_high": float(up_2030.high / world_2030),
        "ireland_share": float(ireland["data_centre_share_fraction"]),
        "virginia_share": float(virginia["data_centre_share_fraction"]),
    }
    small_world = evidence["share_2030_high"] < 0.05
    large_locally = max(evidence["ireland_share"], evidence["virginia_share"]) > 0.2
    verdict = "misleading" if small_world and large_locally else ("accurate" if not small_world else "wrong")
    summary = (
        f"AI used {units.format_share(evidence['share_2024_bottom_up'])} to {units.format_share(evidence['share_2024_top_down'])} of the world's "
        f"electricity in 2024 and about {units.format_share(evidence['share_2030'])} in 2030 on the central path (at most "
        f"{units.format_share(evidence['share_2030_high'])}); but data centres use {units.format_share(evidence['ireland_share'])} of Ireland's "
        f"electricity and {units.format_share(evidence['virginia_share'])} of Virginia's. Not the world's power system: some of its regions."
    )
    return verdict, summary, evidence, ("book/gobbling",)


def _claim_supply_side():
    from aiwatt import grid, mitigation

    solar = grid.supply_balance(100.0, "solar", 12.0)
    wind = grid.supply_balance(100.0, "wind", 12.0)
    # The latest year-on-year change of the world's intensity on one basis: one year's change, not a trend.
    world = data.load("grid_intensity")
    world = world[(world["region"] == "World") & (world["basis"] == "lifecycle")].sort_values("year").tail(2)
    (before_year, before), (after_year, after) = world[["year", "grid_g_per_kwh"]].itertuples(index=False)
    evidence = {
        "solar_overbuild": float(solar.overbuild_ratio.central),
        "wind_overbuild": float(wind.overbuild_ratio.central),
        "grid_change": float(1 - after / before),
        "grid_change_year": float(after_year),
        "electricity_saving_of_clean_supply": float(mitigation.scenario(2030, {"clean_supply": 1.0}).saving_twh["clean_supply"]),
    }
    summary = (
        "More wind, solar and storage cut the emissions of AI's electricity, not the electricity itself: a data centre that runs day and night on "
        f"solar with twelve hours of storage needs about {solar.overbuild_ratio.central:.1f} times its load in solar panels "
        f"({wind.overbuild_ratio.central:.1f} times in wind, with the same storage). And the world's grid is getting cleaner slowly: in "
        f"{after_year:.0f} it emitted only {units.format_share(evidence['grid_change'])} less per kilowatt-hour than in {before_year:.0f} "
        "(one year's change, lifecycle basis)."
    )
    verdict = "misleading" if evidence["electricity_saving_of_clean_supply"] == 0 else "accurate"
    return verdict, summary, evidence, ("book/cleaner_supply",)


def _claim_demand_side():
    from aiwatt import mitigation

    trends = mitigation.scenario(2030)
    full_rebound = mitigation.scenario(2030, rebound=1.0)
    saving = 1 - trends.mitigated_twh.central / trends.baseline_twh.central
    evidence = {
        "baseline_2030_twh": float(trends.baseline_twh.central),
        "mitigated_2030_twh": float(trends.mitigated_twh.central),
        "saving_2030": float(saving),
        "saving_with_full_rebound": float(1 - full_rebound.mitigated_twh.central / full_rebound.baseline_twh.central),
        "hardware_halving_years": float(mitigation.hardware_halving_months() / 12),
    }
    settings = mitigation.default_levers(2030)
    evidence["hardware_setting"] = float(settings["hardware"])
    evidence["quantisation_setting"] = float(settings["quantisation"])
    evidence["mixture_of_experts_setting"] = float(settings["mixture_of_experts"])
    evidence["distillation_setting"] = float(settings["distillation"])
    evidence["algorithms_setting"] = float(settings["algorithms"])
    summary = (
        f"With the book's default settings, which are assumptions ({_percent(settings['hardware'])} of AI's work on the newest chips, "
        f"{_percent(settings['quantisation'])} at reduced precision, {_percent(settings['mixture_of_experts'])} on mixtures of "
        f"experts, {_percent(settings['distillation'])} distilled, {_percent(settings['algorithms'])} of algorithmic gains spent on "
        f"the same results), the demand-side levers would cut AI's {units.format_number(trends.baseline_twh.central)} TWh of 2030 by "
        f"{units.format_share(saving)}. That baseline is a path of chip sales: a saving per unit of work lowers the electricity only if "
        "fewer chips are sold than the path assumes. The hardware lever takes the energy per operation of new chips to halve every "
        f"{evidence['hardware_halving_years']:.1f} years (a fit to four NVIDIA flagships at rated power), the cautious choice beside Epoch AI's "
        "50% more operations per joule a year. A rebound with an elasticity of one would take all of the saving back."
    )
    verdict = "accurate" if saving > 0.1 else "misleading"
    return verdict, summary, evidence, ("book/using_less", "book/scenario_builder")


def _claim_algorithms():
    from aiwatt import mitigation

    halving = mitigation.algorithm_halving_months()
    cases = data.load("training_efficiency_cases").set_index("model")
    deepseek = cases.loc["DeepSeek-V3"]
    llama = data.load("reference_runs").set_index("model").loc["Llama 3.1 405B"]
    evidence = {
        "halving_months": float(halving.central),
        "halving_low_months": float(halving.low),
        "halving_high_months": float(halving.high),
        "deepseek_mhours": float(deepseek["chip_hours"] / 1e6),
        "llama_mhours": float(llama["chip_hours"] / 1e6),
        "hours_ratio": float(llama["chip_hours"] / deepseek["chip_hours"]),
        "default_share_spent_on_savings": float(mitigation.DEFAULT_ALGORITHMS_SETTING),
    }
    summary = (
        f"The compute needed for a given language-model performance has halved about every {halving.central:.0f} months "
        f"({halving.low:.0f} to {halving.high:.0f}), and DeepSeek-V3 trained on {evidence['hours_ratio']:.0f} times fewer GPU-hours than "
        "Llama 3.1 405B. But most of these gains have gone into more capable models, not into using less energy for the same one."
    )
    return "roughly right", summary, evidence, ("book/using_less",)


def _claim_new_computing():
    from aiwatt import fleet, limits

    per_op = limits.energy_per_operation().set_index("name")["energy_per_operation_j"]
    accelerator_share = 1 / (fleet.HOST_RATIO_BAND.central * fleet.PUE_BAND.central)
    evidence = {
        "h100_orders_above_landauer": float(limits.orders_above_landauer(per_op["H100"])),
        "photonic_gain": float(per_op["H100"] / per_op["Taichi (photonic chiplet)"]),
        "accelerator_share_of_facility": float(accelerator_share),
        "quantum_j_per_sample": float(per_op["Sycamore (quantum)"]),
    }
    summary = (
        f"Today's chips work {evidence['h100_orders_above_landauer']:.1f} orders of magnitude above the physical limit, and a photonic chiplet "
        f"reported {units.format_number(evidence['photonic_gain'])} times less energy per operation than an H100, but on its authors' chip-level "
        "accounting, which leaves out the lasers and the electronic input and output (the H100's figure is its whole board), only for part of a "
        f"neural network's work and not at scale; the accelerators are {units.format_share(accelerator_share)} of a data centre's electricity, the most a "
        "new chip alone could save. No quantum method is known to speed up the arithmetic of today's AI."
    )
    return "cannot be checked", summary, evidence, ("book/beyond_silicon",)


#: The checks of each claim of the ``article_claims`` table, in the article's order.
_CLAIM_CHECKS = {
    "two phases": _claim_two_phases,
    "more parameters": _claim_more_parameters,
    "GPT-3 training": _claim_gpt3,
    "inference growth": _claim_inference_growth,
    "exploitation": _claim_exploitation,
    "supply side": _claim_supply_side,
    "demand side": _claim_demand_side,
    "algorithm optimisation": _claim_algorithms,
    "new computing": _claim_new_computing,
}


def article_claims() -> list[ClaimVerdict]:
    """Every checkable statement of the source article with a verdict and its evidence.

    The article is Chen and Bi (2024), "Is AI Gobbling Up the World's
    Electricity?"; its statements are the rows of
    ``aiwatt.data.load("article_claims")``. Each verdict is decided from the
    evidence, which is computed by the package's models and tables, so a
    change in the data that overturns a verdict changes it here.

    Returns
    -------
    list of ClaimVerdict
        In the article's order.

    Raises
    ------
    ValueError
        If the table and the checks do not name the same claims.
    """
    quotes = data.load("article_claims").set_index("claim")["what"]
    if set(quotes.index) != set(_CLAIM_CHECKS):
        raise ValueError(f"article_claims table and checks differ: {sorted(set(quotes.index) ^ set(_CLAIM_CHECKS))}")
    verdicts = []
    for claim, check in _CLAIM_CHECKS.items():
        verdict, summary, evidence, chapters = check()
        if verdict not in VERDICTS:
            raise ValueError(f"verdict for {claim!r} must be one of {', '.join(VERDICTS)}; got {verdict!r}")
        verdicts.append(ClaimVerdict(claim, quotes[claim].strip('"'), verdict, summary, evidence, chapters))
    return verdicts
