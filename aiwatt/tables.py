"""Tables for readers: headers in words with units, readable numbers, sources as citations.

Chapters never show a raw DataFrame. They pass it to :func:`reader_table`
with the columns to show, each with a header in words and a unit; the result
displays as

- a MyST table in the book (``text/markdown``; the book renders Markdown
  outputs as MyST, so sources become real citations ``{cite:t}``), with a
  dash for a missing value, a note saying what the dash means, and a legend
  for the confidence labels;
- an HTML table in a live notebook (``text/html``), with the BibTeX keys as
  they are.

Numbers are formatted by :func:`aiwatt.units.format_number` unless a column
says otherwise, so no cell is ever in e-notation.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from aiwatt import units
from aiwatt.data import CONFIDENCE_LEVELS, source_keys

#: What a missing value is replaced with.
DASH = "–"

#: The space inside a number and its unit or power of ten: no line break there.
NBSP = "\u00a0"

#: Ready-made formats a column may name instead of a format string or function.
FORMATS: dict[str, Callable[[float], str]] = {
    "number": lambda x: units.format_number(x),
    "integer": lambda x: f"{x:,.0f}",
    "year": lambda x: f"{x:.0f}",
    "share": lambda x: units.format_share(x),
    "percent": lambda x: _percent(x),
    "energy_kwh": lambda x: units.format_energy(x),
    "text": str,
}

ColumnSpec = str | tuple[str, str | Callable[[object], str]]


def _percent(fraction: float) -> str:
    """A fraction as a percentage: whole percent from 1% up, two significant digits below, so a small share never reads "0%"."""
    percent = 100 * float(fraction)
    if percent == 0 or abs(percent) >= 1:
        return f"{percent:.0f}%"
    return f"{units.format_number(percent, significant=2)}%"


@dataclass(frozen=True)
class ReaderTable:
    """A table ready for a reader; see :func:`reader_table`.

    Attributes
    ----------
    cells : pandas.DataFrame
        Every cell as the text shown, headers in words; sources as BibTeX keys.
    numeric : tuple of bool
        Whether each column holds numbers (right-aligned).
    source_column, confidence_column : str or None
        Headers of the columns rendered as citations and as confidence words.
    caption : str or None
    notes : tuple of str
        Lines printed under the table: what a dash means, the confidence legend.
    """

    cells: pd.DataFrame
    numeric: tuple[bool, ...]
    source_column: str | None
    confidence_column: str | None
    caption: str | None
    notes: tuple[str, ...]

    def to_markdown(self) -> str:
        """The table as MyST Markdown: a pipe table, citations as ``{cite:t}`` roles."""
        headers = [_escape_md(h) for h in self.cells.columns]
        align = ["---:" if numeric else ":---" for numeric in self.numeric]
        lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join(align) + " |"]
        for _, row in self.cells.iterrows():
            out = []
            for column, text in row.items():
                if column == self.source_column and text != DASH:
                    out.append("{cite:t}`" + ",".join(source_keys(text)) + "`")
                else:
                    out.append(_escape_md(text))
            lines.append("| " + " | ".join(out) + " |")
        table = "\n".join(lines)
        if self.caption:
            table = f"```{{table}} {self.caption}\n{table}\n```"
        if self.notes:
            table += "\n\n" + "  \n".join(f"*{_escape_md(note)}*" for note in self.notes)
        return table

    def to_html(self) -> str:
        """The table as plain HTML, for a live notebook."""
        head = "".join(f"<th>{html.escape(h)}</th>" for h in self.cells.columns)
        body = []
        for _, row in self.cells.iterrows():
            cells = "".join(
                f"<td style='text-align:{'right' if numeric else 'left'}'>{html.escape(text)}</td>"
                for text, numeric in zip(row, self.numeric)
            )
            body.append(f"<tr>{cells}</tr>")
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        notes = "".join(f"<p><small>{html.escape(note)}</small></p>" for note in self.notes)
        # A wide table scrolls sideways in its box rather than running off a phone's screen.
        return (
            f"<div class='aiwatt-table' style='overflow-x:auto;max-width:100%'><table>{caption}<thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table></div>{notes}"
        )

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def _repr_html_(self) -> str:
        return self.to_html()


#: A number in e-notation inside a text cell, such as a method note from a data file: ``1.3524e12``, ``13,524e8``.
_E_NUMBER = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)[eE]([+-]?\d+)(?![\w.])")
#: A power of ten written with a caret, as in a unit: "10^12 FLOP per second".
_POWER_OF_TEN = re.compile(r"10\^(-?\d+)")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def readable_text(text: str) -> str:
    """Free text with its numbers in e-notation and its powers of ten written for a reader, their digits kept.

    Every table for readers writes its text cells through this (as do the
    appendices, :mod:`aiwatt.reference`), so that a method note copied from a
    data file never shows e-notation.

    Parameters
    ----------
    text : str
        Any text, e.g. a cell of a data table's ``notes`` column.

    Returns
    -------
    str
        The text with each number in e-notation (``1.3524e12``, ``13,524e8``,
        ``3.55E+23``) written by :func:`aiwatt.units.format_number` with the
        significant digits it was written with ("1.3524 trillion"; ``70e9``
        reads "70 billion"), and each ``10^k`` written with a superscript
        exponent ("10¹²"). Everything else is kept as it is.

    Raises
    ------
    ValueError
        If ``text`` is not a string.

    Examples
    --------
    >>> readable_text("13,524e8 kWh = 1.3524e12 kWh / 494.16e6 households")
    '1.3524 trillion kWh = 1.3524 trillion kWh / 494.16 million households'
    >>> readable_text("peak speed [10^12 FLOP per second]")
    'peak speed [10¹² FLOP per second]'
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string; got {text!r}")

    def rewrite(match: re.Match) -> str:
        mantissa, exponent = match.group(1).replace(",", ""), int(match.group(2))
        digits = len(mantissa.replace(".", "").lstrip("0")) or 1
        return units.format_number(float(f"{mantissa}e{exponent}"), min(max(digits, 1), 15))

    text = _E_NUMBER.sub(rewrite, text)
    return _POWER_OF_TEN.sub(lambda match: "10" + match.group(1).translate(_SUPERSCRIPT), text)


def _escape_md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _formatter(spec) -> Callable[[object], str]:
    if spec is None:
        return FORMATS["number"]
    if callable(spec):
        return spec
    if spec in FORMATS:
        return FORMATS[spec]
    if isinstance(spec, str) and "{" in spec:
        return spec.format
    raise ValueError(f"column format must be a format string such as '{{:,.0f}}', a function or one of {', '.join(FORMATS)}; got {spec!r}")


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA


def reader_table(
    frame: pd.DataFrame,
    columns: Mapping[str, ColumnSpec],
    *,
    source: str | list[str] | tuple[str, ...] | None = None,
    confidence: str | None = None,
    caption: str | None = None,
    missing: str = "not published or not applicable",
    notes: tuple[str, ...] | list[str] = (),
) -> ReaderTable:
    """Format a DataFrame for a reader.

    Parameters
    ----------
    frame : pandas.DataFrame
        The data. Its index is not shown: reset it first if it means something.
    columns : mapping of str to header or (header, format)
        The columns to show, in order. The header is in words with the unit in
        brackets, e.g. ``"Energy [MWh]"``. The format is a format string
        (``"{:,.0f}"``), a function of one value, or a name of :data:`FORMATS`;
        numbers default to :func:`aiwatt.units.format_number`, text is shown as is.
    source : str or sequence of str, optional
        A column of BibTeX keys (one, or several separated by ``;``), shown last
        under the header "Source" as citations. Several columns (say, where
        the speed and where the utilisation come from) are merged into one,
        each key cited once.
    confidence : str, optional
        A column of confidence labels (``V``, ``V2``, ``D``; see
        :data:`aiwatt.data.CONFIDENCE_LEVELS`), shown in words.
    caption : str, optional
        A caption above the table (the book numbers it).
    missing : str
        What a dash stands for, printed under the table when a dash appears.
    notes : sequence of str
        More lines printed under the table.

    Returns
    -------
    ReaderTable

    Raises
    ------
    ValueError
        If a column is not in ``frame`` (the message names the closest) or a
        format is not understood.

    Examples
    --------
    >>> frame = pd.DataFrame({"model": ["GPT-3"], "energy_mwh": [1287.0], "source": ["patterson2021carbon"]})
    >>> table = reader_table(frame, {"model": "Model", "energy_mwh": ("Energy [MWh]", "{:,.0f}")}, source="source")
    >>> print(table.to_markdown())
    | Model | Energy [MWh] | Source |
    | :--- | ---: | :--- |
    | GPT-3 | 1,287 | {cite:t}`patterson2021carbon` |
    """
    from aiwatt._checks import unknown_name_error

    if source is not None and not isinstance(source, str):
        for column in source:
            if column not in frame.columns:
                raise unknown_name_error("column", column, [str(c) for c in frame.columns])
        merged = [";".join(dict.fromkeys(key for column in source for key in source_keys(row[column]))) for _, row in frame.iterrows()]
        frame, source = frame.assign(_merged_sources=merged), "_merged_sources"
    wanted = dict(columns)
    for extra in (confidence, source):
        if extra is not None:
            wanted.setdefault(extra, "Source" if extra == source else "Confidence")
    for column in wanted:
        if column not in frame.columns:
            raise unknown_name_error("column", column, [str(c) for c in frame.columns])
    if source is not None:  # sources go last
        wanted[source] = wanted.pop(source)

    cells, numeric, used_dash = {}, [], False
    for column, spec in wanted.items():
        header, fmt = (spec, None) if isinstance(spec, str) else spec
        values = frame[column]
        is_number = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
        if column == confidence:
            fmt = lambda label: CONFIDENCE_LEVELS.get(str(label).split()[0], (str(label), ""))[0]  # noqa: E731
            is_number = False
        elif column == source:
            fmt = str
        elif fmt is None and not is_number:
            fmt = lambda value: readable_text(str(value))  # noqa: E731
        format_one = _formatter(fmt)
        texts = []
        for value in values:
            if _is_missing(value) or (isinstance(value, str) and not value.strip()):
                texts.append(DASH)
                used_dash = True
            else:
                text = format_one(value)
                # "3.15 × 10²³", "504 MWh", "1.00 million" never break across lines in a narrow column.
                texts.append(text.replace(" ", NBSP) if is_number else text)
        cells[header] = texts
        numeric.append(bool(is_number))

    table_notes = list(notes)
    if used_dash:
        table_notes.append(f"{DASH} {missing}.")
    if confidence is not None:
        legend = "; ".join(f"“{word}”: {meaning}" for word, meaning in CONFIDENCE_LEVELS.values())
        table_notes.append(f"Confidence. {legend}.")
    headers = list(cells)
    return ReaderTable(
        cells=pd.DataFrame(cells, columns=headers),
        numeric=tuple(numeric),
        source_column=wanted[source] if source is not None and isinstance(wanted[source], str) else (wanted[source][0] if source else None),
        confidence_column=(wanted[confidence] if isinstance(wanted[confidence], str) else wanted[confidence][0]) if confidence else None,
        caption=caption,
        notes=tuple(table_notes),
    )
