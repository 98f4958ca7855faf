"""What every chart of the book shares: palette, readable numbers in Vega, axes, sliders, and :func:`finish`.

A chart function builds its marks with Altair, then hands the chart to
:func:`finish`, which gives it a title that states the message, a one-sentence
description for screen readers, the container's width (so it fits a phone),
the book's colours and fonts, and the readouts and slider texts that the
renderer (:mod:`aiwatt.charts.render`) shows in natural units. The checks in
:mod:`aiwatt.charts.checks` and the tests hold every chart of the book to that.

Numbers a reader sees are written by the Vega twins of :mod:`aiwatt.units`:
:func:`vega_number`, :func:`vega_share` and :func:`vega_energy` return Vega
expressions that give, character for character, what
:func:`aiwatt.units.format_number`, :func:`~aiwatt.units.format_share` and
:func:`~aiwatt.units.format_energy` give in Python (tested at sample points
through vl-convert). They never write e-notation.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass
from typing import Callable, Iterator

import altair as alt
import pandas as pd

from aiwatt import units

# --------------------------------------------------------------------------
# Colours

#: The page behind every chart (charts draw their own white background, so
#: they read the same in the theme's dark mode).
BACKGROUND = "#ffffff"

#: Colours by role, from the Okabe-Ito palette (safe for the common colour-vision
#: deficiencies), with its grey darkened to #767676 and the light orange replaced
#: by black so that every mark reaches WCAG's 3:1 against the page. Contrast
#: against white: training 5.19, inference 3.87, household 3.42, claim 3.06,
#: world 4.54, highlight 21.
PALETTE: dict[str, str] = {
    "training": "#0072B2",  # Okabe-Ito blue
    "inference": "#D55E00",  # Okabe-Ito vermillion
    "household": "#009E73",  # Okabe-Ito bluish green
    "claim": "#CC79A7",  # Okabe-Ito reddish purple
    "world": "#767676",  # grey, darkened from #999999 (2.85:1) to 4.54:1
    "highlight": "#000000",  # "your value" markers; was the light orange #E69F00 (2.25:1)
}

#: Colours for categories, in the order a nominal scale uses them. Beyond four
#: categories, encode the shape too: colour alone should never carry the message.
CATEGORICAL: tuple[str, ...] = (
    PALETTE["training"], PALETTE["inference"], PALETTE["household"], PALETTE["claim"], PALETTE["highlight"], PALETTE["world"],
)

#: Text colours: body text (15.9:1) and secondary text (7.0:1). Text in a chart is
#: drawn in one of these, never in a mark colour (vermillion text is 3.87:1).
TEXT = "#222222"
MUTED_TEXT = "#595959"
#: Gridlines are decorative (the marks and labels carry the data): light on purpose.
GRID = "#e3e3e3"

#: WCAG 2.2 minimum contrast of graphical objects against the page: 3:1 (SC 1.4.11).
MIN_CONTRAST_MARKS = 3.0
#: WCAG 2.2 minimum contrast of text against the page: 4.5:1 (SC 1.4.3).
MIN_CONTRAST_TEXT = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rgb`` or ``#rrggbb`` colour, from 0 (black) to 1 (white)."""
    text = colour.strip().lstrip("#")
    if len(text) == 3:
        text = "".join(c * 2 for c in text)
    if not re.fullmatch(r"[0-9a-fA-F]{6}", text):
        raise ValueError(f"colour must be '#rgb' or '#rrggbb'; got {colour!r}")
    red, green, blue = (_channel(int(text[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(colour: str, background: str = BACKGROUND) -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white).

    Parameters
    ----------
    colour : str
        The foreground colour, ``"#rgb"`` or ``"#rrggbb"`` (a mark or a text).
    background : str, optional
        The colour behind it, in the same form; by default the page behind
        every chart, :data:`BACKGROUND` (white).

    Returns
    -------
    float
        :math:`(L_1 + 0.05) / (L_2 + 0.05)` [ratio], with :math:`L_1` the
        lighter and :math:`L_2` the darker of the two WCAG relative
        luminances.

    Raises
    ------
    ValueError
        If a colour is not written ``#rgb`` or ``#rrggbb``.

    Examples
    --------
    >>> round(contrast_ratio("#0072B2"), 2)
    5.19
    """
    lighter, darker = sorted((_relative_luminance(colour), _relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# --------------------------------------------------------------------------
# Specs


def walk_spec(node, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """Every dict in a nested Vega-Lite or Vega spec, or a Vega scenegraph, depth first, with where it is.

    Parameters
    ----------
    node : dict or list
        A spec (``chart.to_dict()``), or any part of one; other values hold no dicts.
    path : tuple, optional
        The keys and list indices that lead to ``node``; empty for a whole spec.

    Yields
    ------
    (tuple, dict)
        Each dict (``node`` itself first, if it is one) and the keys and
        indices that lead to it from the top, e.g. ``("layer", 0, "encoding")``.
        The dicts are the spec's own: changing one changes the spec.

    Examples
    --------
    >>> [path for path, _ in walk_spec({"layer": [{"mark": {"type": "line"}}]})]
    [(), ('layer', 0), ('layer', 0, 'mark')]
    """
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from walk_spec(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_spec(value, path + (index,))


# --------------------------------------------------------------------------
# Readable numbers in Vega: twins of aiwatt.units

_SUPERSCRIPTS = dict(zip("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _check_significant(significant) -> int:
    if isinstance(significant, bool) or not isinstance(significant, int) or not 1 <= significant <= 15:
        raise ValueError(f"significant must be an integer from 1 to 15; got {significant!r}")
    return significant


def _superscript(expr: str) -> str:
    """A Vega expression writing the integer ``expr`` in superscript digits."""
    out = f"('' + ({expr}))"
    for digit, sup in _SUPERSCRIPTS.items():
        out = f"replace({out}, regexp('{digit}', 'g'), '{sup}')"
    return out


def _vega_rounded(expr: str, significant: int) -> str:
    """``expr`` rounded to ``significant`` digits, as a number (Python's ``float(f'{x:.{s}g}')``)."""
    return f"toNumber(format({expr}, '.{significant}r'))"


def _vega_trimmed(digits: str) -> str:
    """A digit string without trailing zeros after its decimal point: "5.0" -> "5", "2.50" -> "2.5"."""
    stripped = f"replace(replace({digits}, regexp('0+$'), ''), regexp('[.]$'), '')"
    return f"(indexof({digits}, '.') >= 0 ? {stripped} : {digits})"


def _vega_significant(expr: str, significant: int, trim: bool = False) -> str:
    """``expr`` with ``significant`` digits and thousands separators (``units._significant``).

    d3's ``,.{s}r`` writes a negative number with the Unicode minus; Python writes
    a hyphen, so the sign is written here.
    """
    digits = f"format(abs({expr}), ',.{significant}r')"
    if trim:
        digits = _vega_trimmed(digits)
    return f"((({expr}) < 0 ? '-' : '') + {digits})"


def vega_number(expr: str, significant: int = 3, trim: bool = False) -> str:
    """A Vega expression that writes the number ``expr`` as :func:`aiwatt.units.format_number` does.

    Between 0.001 and a million, digits with thousands separators; from a
    million to a thousand trillion in words; beyond, a power of ten with a
    superscript exponent ("3.15 × 10²³"). Never e-notation.

    Parameters
    ----------
    expr : str
        A Vega expression giving a finite number, e.g. ``"datum.training_flop"``.
    significant : int, default 3
        Significant digits, from 1 to 15.
    trim : bool, default False
        Drop trailing zeros after the decimal point ("5.0" reads "5", "2.50
        billion" "2.5 billion"): for axis ticks, which are round numbers.
        Python's ``format_number`` keeps them.

    Returns
    -------
    str
        A Vega expression giving a string.

    Examples
    --------
    >>> vega_number("x", 2)[:41]
    "((x) == 0 ? '0' : (abs(x) >= 1e15 || abs("
    """
    s = _check_significant(significant)
    size = f"abs({expr})"
    # d3's exponent format rounds the mantissa and carries into the exponent
    # (9.996e22 -> "1.00e+23"), as units.format_number does.
    exponential = f"format({expr}, '.{s - 1}e')"
    mantissa = f"replace(split({exponential}, 'e')[0], '−', '-')"
    if trim:
        mantissa = _vega_trimmed(mantissa)
    exponent = f"toNumber(split({exponential}, 'e')[1])"
    power = f"{mantissa} + ' × 10' + {_superscript(exponent)}"
    words = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")]
    body = _vega_significant(expr, s, trim)
    for scale, word in reversed(words):
        body = f"{_vega_rounded(size, s)} >= {scale:.0e} ? {_vega_significant(f'({expr}) / {scale:.0e}', s, trim)} + ' {word}' : {body}"
    return f"(({expr}) == 0 ? '0' : ({size} >= 1e15 || {size} < 1e-3) ? {power} : {body})"


def vega_share(expr: str, significant: int = 2) -> str:
    """A Vega expression that writes the fraction ``expr`` as :func:`aiwatt.units.format_share` does.

    A percentage down to 0.01%, then parts in a million, billion or trillion
    ("42 parts in a billion"), and below that "less than one part in a trillion".

    Parameters
    ----------
    expr : str
        A Vega expression giving a finite fraction, >= 0 (1 is 100%).
    significant : int, default 2
        Significant digits, from 1 to 15.
    """
    s = _check_significant(significant)
    # k: the smallest multiple of three with fraction x 10^k >= 1, from the exact
    # decimal exponent (Vega has no log10; log(x)/LN10 is off by one ulp at powers of ten).
    exponent = f"toNumber(split(format({expr}, '.16e'), 'e')[1])"
    k0 = f"(3 * ceil(-({exponent}) / 3))"
    # (pow(10, k) overflows past 10^308: subnormal fractions take two steps.)
    parts0 = f"({k0} > 300 ? ({expr}) * 1e300 * pow(10, {k0} - 300) : ({expr}) * pow(10, {k0}))"
    too_many = f"{_vega_rounded(parts0, s)} >= 1000"
    k = f"({too_many} ? {k0} - 3 : {k0})"
    parts = f"({too_many} ? {parts0} / 1000 : {parts0})"
    count = f"format({parts}, ',.{s}r')"
    count = f"(indexof({count}, '.') >= 0 ? replace({count}, regexp('\\\\.?0+$'), '') : {count})"
    denominator = f"({k} == 6 ? 'a million' : {k} == 9 ? 'a billion' : 'a trillion')"
    small = f"({k} > 12 ? '{units.BELOW_A_TRILLIONTH}' : {count} + ({count} == '1' ? ' part in ' : ' parts in ') + {denominator})"
    return f"(({expr}) == 0 ? '0%' : ({expr}) >= {units.SMALLEST_PERCENT!r} ? {_vega_significant(f'100 * ({expr})', s)} + '%' : {small})"


def vega_energy(kwh: str, significant: int = 3) -> str:
    """A Vega expression that writes the energy ``kwh`` [kWh] as :func:`aiwatt.units.format_energy` does.

    The prefix is the largest of Wh, kWh, MWh, GWh and TWh that keeps the
    rounded number below 1,000 (so 999.6 kWh is "1.00 MWh", in Python and in
    the browser alike).

    Parameters
    ----------
    kwh : str
        A Vega expression giving an energy in kWh, >= 0.
    significant : int, default 3
        Significant digits, from 1 to 15.
    """
    s = _check_significant(significant)
    # The same divisions, in the same order, as units._format_one: identical doubles.
    values = [f"(({kwh}) * 1e3)"]
    for _ in range(4):
        values.append(f"({values[-1]} / 1000)")
    ladder = ("Wh", "kWh", "MWh", "GWh", "TWh")
    body = f"format({values[4]}, ',.{s}r') + ' TWh'"
    for value, unit in reversed(list(zip(values[:4], ladder[:4]))):
        body = f"{_vega_rounded(value, s)} < 1000 ? format({value}, ',.{s}r') + ' {unit}' : {body}"
    return f"(({kwh}) == 0 ? '0 Wh' : {body})"


#: The earlier name of :func:`vega_energy`.
readable_energy_expr = vega_energy


def vega_integer(expr: str) -> str:
    """A Vega expression writing ``expr`` rounded to a whole number with thousands separators ("1,024").

    Parameters
    ----------
    expr : str
        A Vega expression giving a finite number, e.g. ``"datum.chips"``.

    Returns
    -------
    str
        A Vega expression giving a string.
    """
    return f"format({expr}, ',.0f')"


# --------------------------------------------------------------------------
# Axes

#: Ticks of an energy axis in kWh, labelled with a watt-hour prefix.
ENERGY_RUNGS_KWH: dict[float, str] = {
    1e-3: "1 Wh", 1e-2: "10 Wh", 0.1: "100 Wh", 1.0: "1 kWh", 10.0: "10 kWh", 100.0: "100 kWh",
    1e3: "1 MWh", 1e4: "10 MWh", 1e5: "100 MWh", 1e6: "1 GWh", 1e7: "10 GWh", 1e8: "100 GWh",
    1e9: "1 TWh", 1e10: "10 TWh", 1e11: "100 TWh", 1e12: "1,000 TWh", 1e13: "10,000 TWh",
}


def energy_axis(title: str | list[str], every: int = 3, **axis) -> alt.Axis:
    """A log axis for energies in kWh, ticked at powers of ten with readable units.

    The ticks are those of :data:`ENERGY_RUNGS_KWH`, labelled "1 Wh" ...
    "10,000 TWh", never in e-notation.

    Parameters
    ----------
    title : str or list of str
        The axis title, with its unit in brackets; a list for several lines.
    every : int, default 3
        Keep one tick in so many powers of ten: 3 gives one per prefix step
        (Wh, kWh, MWh ...), 1 a tick at every power of ten.
    **axis
        Other :class:`altair.Axis` properties (``orient=``, ``grid=`` ...).

    Returns
    -------
    altair.Axis
    """
    ticks = {value: text for i, (value, text) in enumerate(ENERGY_RUNGS_KWH.items()) if i % every == 0}
    label_expr = " : ".join(f"datum.value == {value:g} ? '{text}'" for value, text in ticks.items()) + " : ''"
    return alt.Axis(title=title, values=list(ticks), labelExpr=label_expr, **axis)


def powers_of_ten(low: float, high: float) -> list[float]:
    """The powers of ten from the one at or below ``low`` to the one at or above ``high``: ticks of a log axis.

    Parameters
    ----------
    low, high : float
        The range to span, in the data's unit, with 0 < ``low`` <= ``high``.

    Returns
    -------
    list of float
        Every power of ten from the largest at or below ``low`` to the
        smallest at or above ``high``, in the data's unit.

    Raises
    ------
    ValueError
        If ``low`` is not positive or is above ``high``.

    Examples
    --------
    >>> powers_of_ten(0.003, 45)
    [0.001, 0.01, 0.1, 1.0, 10.0, 100.0]
    """
    if not 0 < low <= high:
        raise ValueError(f"low and high must satisfy 0 < low <= high; got {low!r} and {high!r}")
    first, last = math.floor(math.log10(low) + 1e-9), math.ceil(math.log10(high) - 1e-9)
    return [float(f"1e{k}") for k in range(first, last + 1)]


def number_axis(title: str | list[str], significant: int = 2, *, log_range: tuple[float, float] | None = None, **axis) -> alt.Axis:
    """An axis whose labels are written by :func:`vega_number` ("1 billion", "1 × 10²⁴"), never e-notation.

    Parameters
    ----------
    title : str or list of str
        The axis title, with its unit in brackets; a list for several lines.
    significant : int, default 2
        Significant digits of the labels.
    log_range : (float, float), optional
        On a log scale, the data's range: the axis is ticked at the powers of
        ten that span it (Vega's own log ticks add 2, 3 ... 9 between them,
        which crowd a phone's width).
    **axis
        Other :class:`altair.Axis` properties (``values=``, ``tickCount=`` ...).
    """
    if log_range is not None:
        axis.setdefault("values", powers_of_ten(*log_range))
    return alt.Axis(title=title, labelExpr=vega_number("datum.value", significant, trim=True), **axis)


def year_axis(title: str | None = None, **axis) -> alt.Axis:
    """An axis of calendar years: "2025", not "2,025".

    Parameters
    ----------
    title : str, optional
        The axis title; none by default (a year axis speaks for itself).
    **axis
        Other :class:`altair.Axis` properties (``values=``, ``tickCount=`` ...).

    Returns
    -------
    altair.Axis
    """
    return alt.Axis(title=title, format="d", **axis)


def wrap(text: str, width: int = 38) -> list[str]:
    """``text`` as lines of at most ``width`` characters, for titles and labels that must fit a phone.

    Parameters
    ----------
    text : str
        The text to wrap; broken between words.
    width : int, default 38
        The longest line [characters]. A word longer than that is broken.

    Returns
    -------
    list of str
        The lines, at least one (an empty string for an empty text).
    """
    return textwrap.wrap(text, width=width) or [""]


def wrapped_labels(labels, width: int = 24) -> list[str]:
    """Labels with line breaks, for a discrete axis drawn by :func:`label_axis`: long names fit a phone.

    Parameters
    ----------
    labels : iterable
        The category names (anything with a ``str``), e.g. a DataFrame column.
    width : int, default 24
        The longest line of a label [characters].

    Returns
    -------
    list of str
        Each label with its lines joined by ``"\\n"``, in the order given.
    """
    return ["\n".join(wrap(str(label), width)) for label in labels]


def label_axis(**axis) -> alt.Axis:
    """A discrete axis of :func:`wrapped_labels`: each label on its lines, none dropped for overlap.

    Parameters
    ----------
    **axis
        :class:`altair.Axis` properties (``title=``, ``orient=`` ...);
        ``labelLimit`` defaults to 220 [px], the widest a label's line may be.

    Returns
    -------
    altair.Axis
    """
    axis.setdefault("labelLimit", 220)
    return alt.Axis(labelExpr="split(datum.value, '\\n')", labelOverlap=False, **axis)


# --------------------------------------------------------------------------
# Sliders and selects

#: Readouts a slider can show: a Vega expression of the value in natural units.
READOUTS: dict[str, Callable[[str], str]] = {
    "number": vega_number,
    "energy": vega_energy,
    "share": vega_share,
    "integer": vega_integer,
}


@dataclass(frozen=True)
class Slider:
    """A slider bound to a Vega-Lite parameter, showing its value in natural units.

    Use :func:`slider` to make one. In expressions, refer to the value by
    ``name`` (always in natural units, even when the slider moves on a log
    scale); pass the slider to :func:`finish`, which adds its parameters.

    Attributes
    ----------
    name : str
        The parameter holding the value in natural units.
    label : str
        What the slider sets, in words ("Parameters").
    params : tuple of altair.Parameter
        The bound input, the value (on log sliders) and the text shown.
    input_name : str
        The bound input's parameter (``name`` on a linear slider, its base-10
        exponent on a log slider).
    text_name : str
        The parameter holding the value as text ("70.6 billion parameters"):
        the renderer shows it beside the slider and as its ``aria-valuetext``.
    """

    name: str
    label: str
    params: tuple
    input_name: str
    text_name: str
    value: float | str
    log: bool = False

    def __str__(self) -> str:
        return self.name


def _check_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise ValueError(f"name must be a Vega identifier (letters, digits, underscores); got {name!r}")
    return name


def slider(
    name: str,
    label: str,
    value: float,
    minimum: float,
    maximum: float,
    *,
    step: float | None = None,
    log: bool = False,
    readout: str | Callable[[str], str] = "number",
    prefix: str = "",
    suffix: str = "",
    input_name: str | None = None,
) -> Slider:
    """A slider that moves a value and shows it in natural units.

    Parameters
    ----------
    name : str
        The value's parameter name, used in the chart's expressions.
    label : str
        What the slider sets, in words, without the value ("Parameters").
    value, minimum, maximum : float
        Starting value and range, in natural units (``minimum`` > 0 on a log slider).
    step : float, optional
        Step in natural units, or in powers of ten on a log slider (default:
        a hundredth of the range; 0.05, about 12%, on a log slider).
    log : bool, default False
        Move on a log scale: the input sets the base-10 exponent, the chart and
        the reader see the value.
    readout : {"number", "energy", "share", "integer"} or callable
        How the value is written: a name of :data:`READOUTS`, or a function
        from a Vega expression to a Vega expression giving a string.
    prefix, suffix : str
        Words around the value: ``suffix=" parameters"`` reads
        "70.6 billion parameters".
    input_name : str, optional
        The bound input's parameter name on a log slider (default
        ``name + "_log10"``), for expressions written in terms of the exponent.

    Returns
    -------
    Slider

    Raises
    ------
    ValueError
        If the range is empty, the value is outside it, a log slider's minimum
        is not positive, or ``readout`` is unknown.

    Examples
    --------
    >>> s = slider("params", "Parameters", 70e9, 1e8, 1e13, log=True, suffix=" parameters")
    >>> [p.name for p in s.params]
    ['params_log10', 'params', 'params_text']
    """
    _check_name(name)
    if not minimum < maximum:
        raise ValueError(f"minimum must be below maximum; got {minimum!r} and {maximum!r}")
    if not minimum <= value <= maximum:
        raise ValueError(f"value must be in [{minimum:g}, {maximum:g}]; got {value!r}")
    if isinstance(readout, str):
        if readout not in READOUTS:
            from aiwatt._checks import unknown_name_error

            raise unknown_name_error("readout", readout, READOUTS)
        readout = READOUTS[readout]
    text = f"{prefix!r} + ({readout(name)}) + {suffix!r}".replace("\\'", "\\u0027")
    if log:
        if minimum <= 0:
            raise ValueError(f"minimum must be > 0 on a log slider; got {minimum!r}")
        input_name = _check_name(input_name or f"{name}_log10")
        step = 0.05 if step is None else step
        low, high = math.log10(minimum), math.log10(maximum)
        bound = alt.param(
            name=input_name, value=round(math.log10(value), 4),
            bind=alt.binding_range(min=round(low, 4), max=round(high, 4), step=step, name=label),
        )
        params = (bound, alt.param(name=name, expr=f"pow(10, {input_name})"), alt.param(name=f"{name}_text", expr=text))
    else:
        if input_name not in (None, name):
            raise ValueError(f"input_name is only for log sliders; got {input_name!r} for the linear slider {name!r}")
        input_name = name
        step = (maximum - minimum) / 100 if step is None else step
        bound = alt.param(name=name, value=value, bind=alt.binding_range(min=minimum, max=maximum, step=step, name=label))
        params = (bound, alt.param(name=f"{name}_text", expr=text))
    return Slider(name=name, label=label, params=params, input_name=input_name, text_name=f"{name}_text", value=value, log=log)


def select(name: str, label: str, options: list, value, labels: list[str] | None = None) -> Slider:
    """A drop-down list bound to a parameter: ``options`` are the values, ``labels`` what the reader sees.

    Parameters
    ----------
    name : str
        The parameter's name, used in the chart's expressions (a Vega
        identifier: letters, digits, underscores).
    label : str
        What the list chooses, in words ("Grid").
    options : list
        The values the parameter can take (numbers or strings).
    value
        The starting value: one of ``options``.
    labels : list of str, optional
        What the reader sees for each option, one for one (default: each
        option as text).

    Returns
    -------
    Slider
        Its text (``name + "_text"``) is the chosen label, so that
        :func:`finish` treats every control alike.

    Raises
    ------
    ValueError
        If ``name`` is not a Vega identifier, ``value`` is not one of
        ``options`` (the message lists the closest), or ``labels`` do not
        match ``options`` one for one.
    """
    _check_name(name)
    if value not in options:
        from aiwatt._checks import unknown_name_error

        raise unknown_name_error("option", value, options)
    labels = [str(option) for option in options] if labels is None else list(labels)
    if len(labels) != len(options):
        raise ValueError(f"labels must match options one for one; got {len(labels)} labels for {len(options)} options")
    lookup = " : ".join(f"{name} == {o!r} ? {t!r}" for o, t in zip(options, labels)) + f" : {name}"
    bound = alt.param(name=name, value=value, bind=alt.binding_select(options=list(options), labels=labels, name=label))
    params = (bound, alt.param(name=f"{name}_text", expr=lookup))
    return Slider(name=name, label=label, params=params, input_name=name, text_name=f"{name}_text", value=value)


# --------------------------------------------------------------------------
# The book's look, and finish()

#: Vega-Lite configuration every chart gets from :func:`finish`.
CONFIG: dict = {
    "background": BACKGROUND,
    "font": "sans-serif",
    "view": {"stroke": None},
    "range": {"category": list(CATEGORICAL)},
    "title": {"color": TEXT, "subtitleColor": MUTED_TEXT, "fontSize": 14, "subtitleFontSize": 12, "anchor": "start", "offset": 8},
    "axis": {
        "labelColor": TEXT, "titleColor": TEXT, "domainColor": MUTED_TEXT, "tickColor": MUTED_TEXT, "gridColor": GRID,
        "labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal",
    },
    # Numbers may drop a label that would overlap; names on a discrete axis never.
    "axisQuantitative": {"labelOverlap": True},
    "axisDiscrete": {"labelOverlap": False},
    "legend": {
        "labelColor": TEXT, "titleColor": TEXT, "labelFontSize": 11, "titleFontSize": 12, "titleFontWeight": "normal",
        "orient": "bottom", "direction": "vertical", "labelLimit": 320, "symbolStrokeWidth": 2, "symbolOpacity": 1,
    },
    "text": {"color": TEXT, "fontSize": 11},
    # No automatic per-item ARIA labels: they read raw field names and numbers
    # ("training_flop: 3.14e+23"). The chart's description and the renderer's
    # readouts are what a screen reader gets.
    "aria": False,
    "mark": {"aria": False},
}

#: The widest plot of a panel in a vconcat chart [px]: with its axis labels it fits a 390 px phone.
MAX_PANEL_WIDTH = 240

#: What :func:`finish` stores in the spec's ``usermeta`` for the renderer and the checks.
USERMETA_KEY = "aiwatt"


def finish(
    chart: alt.Chart | alt.LayerChart,
    *,
    title: str,
    description: str,
    subtitle: str | None = None,
    controls: tuple[Slider, ...] | list[Slider] = (),
    derived: dict[str, str] | None = None,
    readouts: tuple[str, ...] | list[str] = (),
    height: int | None = None,
    title_width: int = 42,
    linked: dict[str, dict[str, dict]] | None = None,
) -> alt.Chart | alt.LayerChart:
    """Make a chart ready for the book: what every chart needs, in one place.

    Parameters
    ----------
    chart : altair.Chart, altair.LayerChart or altair.VConcatChart
        The marks. A single or layered view takes the container's width; a
        vconcat of panels (Vega-Lite cannot size a concatenation to its
        container) keeps their fixed widths, each at most
        :data:`MAX_PANEL_WIDTH`, so that it fits a phone. Text beside a chart
        goes in ``readouts``, not in a text panel.
    title : str
        The chart's message as a sentence ("Inference overtakes training in
        days"), wrapped to fit a phone.
    description : str
        One or two sentences saying what the chart shows and what it means,
        for readers who cannot see it (screen readers read it).
    subtitle : str, optional
        A second line: what is plotted, or how to use the sliders.
    controls : sequence of Slider
        Sliders and selects from :func:`slider` and :func:`select`.
    derived : dict of str to str, optional
        Named Vega expressions computed from the controls (a model's steps,
        e.g. ``{"run_energy_kwh": "run_chip_hours * power_w * pue / 1000"}``),
        in the order they depend on each other. Marks, readouts and tests can
        refer to them by name.
    readouts : sequence of str
        Vega expressions giving strings, shown as lines of text under the
        chart and updated as the sliders move ("= 5,640 months of a household
        in China"). They wrap on a phone and are announced to screen readers.
    height : int, optional
        The plot's height [px].
    title_width : int, default 42
        Characters per title line.
    linked : dict, optional
        Sliders that a select moves to a value of its option, as
        ``{select: {slider: {option: value}}}`` (values in the slider's own
        units; the slider's input parameter is named): choosing an
        accelerator sets its power and utilisation, which the reader can then
        move. The renderer applies them in the browser (Vega-Lite cannot bind
        one input to another); at the starting option the sliders should
        already hold those values.

    Returns
    -------
    altair.Chart or altair.LayerChart
        A top-level chart, configured: add no layers to it after this.

    Raises
    ------
    ValueError
        If the title or description is empty, or the chart is another kind of
        concatenation, or a panel of a vconcat is too wide for a phone.
    """
    stacked = isinstance(chart, alt.VConcatChart)
    if not isinstance(chart, (alt.Chart, alt.LayerChart)) and not stacked:
        raise ValueError(
            f"chart must be an altair Chart or LayerChart, which can take the container's width; got {type(chart).__name__}. "
            "Put text beside a chart in readouts= instead of a concatenated text panel."
        )
    if stacked:
        # Panels one above the other cannot take the container's width: each must fit a phone as it is.
        for panel in chart.vconcat:
            width = panel.to_dict(validate=False).get("width")
            if not isinstance(width, (int, float)) or width > MAX_PANEL_WIDTH:
                raise ValueError(
                    f"each panel of a vconcat chart needs a fixed width of at most {MAX_PANEL_WIDTH} px to fit a phone; got {width!r}. "
                    "Put text beside a chart in readouts= instead of a concatenated text panel."
                )
    if not title or not title.strip():
        raise ValueError("title must state the chart's message; got an empty title")
    if not description or len(description.strip()) < 20:
        raise ValueError(f"description must say in a sentence what the chart shows; got {description!r}")
    params = [p for control in controls for p in control.params]
    params += [alt.param(name=_check_name(name), expr=expr) for name, expr in (derived or {}).items()]
    readout_names = [f"aiwatt_readout_{i}" for i in range(len(readouts))]
    params += [alt.param(name=name, expr=expr) for name, expr in zip(readout_names, readouts)]
    if params:
        chart = chart.add_params(*params)
    title_params = alt.TitleParams(wrap(title, title_width), subtitle=wrap(subtitle, title_width + 12) if subtitle else alt.Undefined)
    properties = {"title": title_params, "description": description.strip()}
    if not stacked:
        properties["width"] = "container"
    if height is not None:
        properties["height"] = height
    usermeta = {
        USERMETA_KEY: {
            "title": title.strip(),
            "controls": {control.input_name: control.text_name for control in controls},
            "control_labels": {control.input_name: control.label for control in controls},
            "readouts": readout_names,
        }
    }
    if linked:
        inputs = {control.input_name for control in controls}
        for select_name, targets in linked.items():
            unknown = sorted(({select_name} | set(targets)) - inputs)
            if unknown:
                from aiwatt._checks import unknown_name_error

                raise unknown_name_error("linked control", unknown[0], sorted(inputs))
        usermeta[USERMETA_KEY]["linked"] = linked
    return chart.properties(**properties, usermeta=usermeta).configure(**CONFIG)


def legend_datum(text: str) -> alt.DatumDef:
    """A constant that puts a layer in the shared colour legend: ``color=legend_datum("perfect agreement")``.

    Parameters
    ----------
    text : str
        What the layer shows, in words: its entry in the legend, which the
        colour scale's domain must name.

    Returns
    -------
    altair.DatumDef
    """
    return alt.datum(text)


def colour_scale(domain: list[str], colours: list[str] | None = None, **scale) -> alt.Scale:
    """A nominal colour scale over ``domain``, coloured from :data:`CATEGORICAL` unless ``colours`` are given.

    Parameters
    ----------
    domain : list of str
        The categories, in the order of the legend.
    colours : list of str, optional
        A ``#rrggbb`` colour for each category, one for one (default: the
        first colours of :data:`CATEGORICAL`); each should reach
        :data:`MIN_CONTRAST_MARKS` against the page.
    **scale
        Other :class:`altair.Scale` properties.

    Returns
    -------
    altair.Scale

    Raises
    ------
    ValueError
        If ``colours`` do not match ``domain`` one for one.
    """
    colours = list(CATEGORICAL[: len(domain)]) if colours is None else list(colours)
    if len(colours) != len(domain):
        raise ValueError(f"colours must match domain one for one; got {len(colours)} colours for {len(domain)} categories")
    return alt.Scale(domain=list(domain), range=colours, **scale)


def text_panel(lines: list[str], width: int = 400) -> alt.Chart:
    """Deprecated: a column of text lines as a chart.

    Pass the lines to :func:`finish` as ``readouts`` instead, which wrap on a
    phone and are read by screen readers; :func:`finish` refuses a chart
    concatenated with a text panel.

    Parameters
    ----------
    lines : list of str
        Vega expressions giving strings, one per line.
    width : int, default 400
        The panel's width [px].

    Returns
    -------
    altair.Chart
    """
    rows = pd.DataFrame({"row": range(len(lines))})
    return (
        alt.Chart(rows)
        .transform_calculate(text="[" + ", ".join(lines) + "][datum.row]")
        .mark_text(align="left", fontSize=13, x=0)
        .encode(y=alt.Y("row:O", axis=None), text="text:N")
        .properties(width=width, height=22 * len(lines))
    )
