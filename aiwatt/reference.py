"""Reference material for readers, read from the package: defaults, equations, data tables.

The book's appendices and course pages show the package's own numbers, never
copies of them:

- :func:`defaults_table`: a model module's documented defaults (the
  module-level constants with a ``#:`` comment), with their values;
- :func:`equations_table`: the equation in the Notes of each public function;
- :func:`dataset_table`: a sourced table of :mod:`aiwatt.data` for a reader,
  every header in words with its unit, every number as the CSV holds it, and
  no e-notation even in the notes (:func:`readable_text`).
"""

from __future__ import annotations

import ast
import dataclasses
import inspect
import math
import re
from types import ModuleType

import numpy as np
import pandas as pd

from aiwatt import data, tables, units
from aiwatt.estimate import Estimate

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
    "_tflops", "_gbps", "_gb", "_b", "_ratio", "_fraction", "_million", "_per_day",
)

_E_NOTATION = re.compile(r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?[eE][+-]?\d+(?![\w.])")
_POWER_OF_TEN = re.compile(r"10\^(-?\d+)")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


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


def readable_text(text: str) -> str:
    """Free text with its e-notation numbers (``1.3e12``, ``3.55E+23``) and ``10^12`` written for a reader.

    Examples
    --------
    >>> readable_text("1.3524e12 kWh over 494.16e6 households; 13,524e8 kWh; 10^12 FLOP per second")
    '1.3524 trillion kWh over 494.16 million households; 1.3524 trillion kWh; 10¹² FLOP per second'
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string; got {text!r}")
    text = _E_NOTATION.sub(lambda m: exact_number(float(m.group(0).replace(",", ""))), text)
    return _POWER_OF_TEN.sub(lambda m: "10" + m.group(1).translate(_SUPERSCRIPT), text)


def column_header(column: str, unit: str | None) -> str:
    """A column's header in words with its unit in brackets: ``energy_mwh`` -> ``Energy [MWh]``.

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
        (:func:`exact_number`), text with no e-notation (:func:`readable_text`),
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
        return exact_number(value) if abs(value) >= 1e-3 or value == 0 else units.format_number(value, significant=3)
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
        {"name": name, "value": describe_value(getattr(module, name)), "meaning": readable_text(comment)}
        for name, comment in _constant_comments(module).items()
        if hasattr(module, name)
    ]
    return pd.DataFrame(rows, columns=["name", "value", "meaning"])


def _notes_math(docstring: str) -> str | None:
    """The first ``.. math::`` block of a docstring's Notes, on one line."""
    text = inspect.cleandoc(docstring)
    match = re.search(r"^\.\. math::[ \t]*(.*)$", text, flags=re.MULTILINE)
    if match is None:
        return None
    inline = match.group(1).strip()
    if inline:
        return inline
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
