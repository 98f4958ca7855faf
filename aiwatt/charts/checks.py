"""What every chart of the book is held to, checked on its spec and on its rendered SVG.

:func:`chart_problems` lists what a reader would trip over in one chart; the
tests run it on every chart of the built book (whoever wrote the chart) and
on each chart function. An empty list means the chart passes:

- a title that states the message, and a description for screen readers;
- made with :func:`aiwatt.charts.common.finish` (the book's palette and fonts);
- fits a 390 px phone: ``width="container"``, or panels stacked in a vconcat
  each at most :data:`~aiwatt.charts.common.MAX_PANEL_WIDTH` wide;
- no e-notation: no d3 ``e``, ``g`` or default format on a number a reader
  sees (axes, tooltips, text), and none in the rendered text;
- a legend entry for every mark layer when there are several;
- WCAG contrast on the rendered SVG: every mark 3:1 against the page, every
  text 4.5:1 (:func:`svg_contrast_problems`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from aiwatt.charts.common import (
    BACKGROUND, MAX_PANEL_WIDTH, MIN_CONTRAST_MARKS, MIN_CONTRAST_TEXT, USERMETA_KEY, contrast_ratio, walk_spec,
)

#: The widest fixed plot width that still fits a 390 px phone with axes [px].
MAX_FIXED_WIDTH = 300

#: A number in e-notation, as a reader would see it: ``3.15e+23``, ``1e-3``, ``4E8``.
E_NOTATION = re.compile(r"\d(?:\.\d+)?[eE][+\-−]?\d+")

_NAMED_COLOURS = {"white": "#ffffff", "black": "#000000", "red": "#ff0000", "steelblue": "#4682b4", "gray": "#808080", "grey": "#808080"}
_SVG = "{http://www.w3.org/2000/svg}"


def _is_e_format(fmt) -> bool:
    """Whether a d3 format string can write e-notation ("e", "g", ".3g", "" with no type)."""
    if not isinstance(fmt, str):
        return False
    text = fmt.strip()
    if text in ("d", "%"):
        return False
    return bool(re.search(r"[eEgG]$", text)) or text == "" or bool(re.fullmatch(r"[,.~\d+\-$#0 ]*", text))


def _layers(spec: dict) -> list[dict]:
    """The unit (mark) specs of a spec, through layers."""
    found = []

    def visit(node):
        if "layer" in node:
            for child in node["layer"]:
                visit(child)
        elif "mark" in node:
            found.append(node)

    visit(spec)
    return found


def _mark_type(unit: dict) -> str:
    mark = unit.get("mark")
    return mark.get("type", "") if isinstance(mark, dict) else str(mark or "")


def spec_problems(spec: dict) -> list[str]:
    """Problems visible in a Vega-Lite spec (title, description, width, formats, legends).

    Parameters
    ----------
    spec : dict
        A top-level Vega-Lite spec (``chart.to_dict()``).

    Returns
    -------
    list of str
        One sentence per problem, saying what to change; empty when the spec
        passes. What the rendered picture shows (e-notation, contrast) is
        checked by :func:`chart_problems`.
    """
    problems = []
    meta = (spec.get("usermeta") or {}).get(USERMETA_KEY)
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    if not title or (isinstance(title, list) and not "".join(map(str, title)).strip()):
        problems.append("no title: give the chart a title that states its message")
    if len(str(spec.get("description") or "").strip()) < 20:
        problems.append("no description: say in a sentence what the chart shows, for screen readers")
    if meta is None:
        problems.append("not made with aiwatt.charts.common.finish (no book palette, fonts or container width)")
    for key in ("hconcat", "concat", "facet", "repeat"):
        if key in spec:
            problems.append(f"a {key} chart cannot take the container's width: use one layered view and readouts")
    for panel in spec.get("vconcat", []):
        width = panel.get("width")
        if not isinstance(width, (int, float)) or width > MAX_PANEL_WIDTH:
            problems.append(f"a vconcat panel of width {width!r}: each needs a fixed width of at most {MAX_PANEL_WIDTH} px to fit a phone")
    for path, node in walk_spec(spec):
        width = node.get("width")
        if path and path[-1] in ("params", "encoding", "mark") or "bind" in node:
            continue
        if isinstance(width, (int, float)) and not isinstance(width, bool) and width > MAX_FIXED_WIDTH:
            problems.append(f"fixed width {width} px at {'/'.join(map(str, path)) or 'top'}: use width='container'")
    for path, node in walk_spec(spec):
        if "format" in node and (node.get("formatType") in (None, "number")) and _is_e_format(node["format"]):
            if node.get("type") == "temporal" or path[-1:] == ("axis",) and node.get("format") == "d":
                continue
            problems.append(f"format {node['format']!r} at {'/'.join(map(str, path))} can write e-notation")
    for unit in _layers(spec):
        tooltips = (unit.get("encoding") or {}).get("tooltip") or []
        for tip in tooltips if isinstance(tooltips, list) else [tooltips]:
            if isinstance(tip, dict) and tip.get("type") == "quantitative" and "format" not in tip:
                problems.append(
                    f"tooltip {tip.get('field')!r} is a number with Vega's default format (e-notation for large numbers): "
                    "show a text field from vega_number/vega_energy, or give a format"
                )
    layers = [unit for unit in _layers(spec) if _mark_type(unit) != "text"]
    if len(layers) > 1:
        for unit in layers:
            encoding = unit.get("encoding") or {}
            if not any(channel in encoding for channel in ("color", "fill", "stroke", "shape", "strokeDash")):
                problems.append(
                    f"a {_mark_type(unit)} layer has no legend entry: encode color with a field or alt.datum('what it is')"
                )
    return problems


def _colour(value: str | None) -> str | None:
    """A colour attribute as #rrggbb, or None for none/transparent/unparsed."""
    if value is None:
        return None
    text = value.strip().lower()
    if text in ("none", "transparent", ""):
        return None
    if text in _NAMED_COLOURS:
        return _NAMED_COLOURS[text]
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return "#" + "".join(c * 2 for c in text[1:])
    if re.fullmatch(r"#[0-9a-f]{6}", text):
        return text
    match = re.fullmatch(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)", text)
    if match:
        return "#" + "".join(f"{int(match.group(i)):02x}" for i in (1, 2, 3))
    raise ValueError(f"colour not understood: {value!r}")


def _blend(colour: str, alpha: float, background: str = BACKGROUND) -> str:
    """``colour`` drawn at opacity ``alpha`` over ``background``."""
    fg = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    bg = [int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(alpha * f + (1 - alpha) * b):02x}" for f, b in zip(fg, bg))


def _float(value, default: float = 1.0) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def svg_contrast_problems(svg: str, background: str = BACKGROUND) -> list[str]:
    """Colours of a rendered chart below WCAG contrast against ``background``.

    Every ``<text>`` needs :data:`~aiwatt.charts.common.MIN_CONTRAST_TEXT`
    (4.5:1). Every shape of a mark, legend symbol, axis line or tick needs
    :data:`~aiwatt.charts.common.MIN_CONTRAST_MARKS` (3:1) in its stroke or,
    if it is filled, its fill (whichever outlines it). Opacity is blended
    with the background. Gridlines and backgrounds are decorative and exempt;
    so is anything fully transparent.

    Parameters
    ----------
    svg : str
        A chart rendered as SVG by Vega (e.g.
        :func:`aiwatt.charts.render.static_svg`), whose elements carry Vega's
        ``role-*`` classes.
    background : str, optional
        The page's colour, ``"#rrggbb"``; by default
        :data:`aiwatt.charts.common.BACKGROUND` (white).

    Returns
    -------
    list of str
        One sentence per element below its minimum, sorted; empty when every
        colour passes.

    Raises
    ------
    ValueError
        If a colour in the SVG is not understood.
    """
    root = ET.fromstring(svg)
    problems: set[str] = set()

    def visit(node, classes: tuple[str, ...], fill, stroke, opacity):
        cls = tuple(node.get("class", "").split())
        classes = classes + cls
        fill = node.get("fill", fill)
        stroke = node.get("stroke", stroke)
        opacity = opacity * _float(node.get("opacity"))
        tag = node.tag.replace(_SVG, "")
        decorative = "background" in cls or "role-axis-grid" in classes
        if tag == "text":
            colour = _colour(fill or "#000000")
            alpha = opacity * _float(node.get("fill-opacity"))
            text = "".join(node.itertext()).strip()
            if colour and alpha > 0 and text:
                ratio = contrast_ratio(_blend(colour, alpha), background)
                if ratio < MIN_CONTRAST_TEXT:
                    problems.add(f"text {text[:30]!r} in {colour} (opacity {alpha:g}) is {ratio:.2f}:1, below {MIN_CONTRAST_TEXT}:1")
        elif tag in ("path", "line", "rect", "circle", "ellipse", "polygon", "polyline") and not decorative:
            if any(c.startswith(("role-mark", "role-legend-symbol", "role-axis-domain", "role-axis-tick")) for c in classes):
                fill_colour = _colour(fill) if fill is not None else None
                stroke_colour = _colour(stroke) if stroke is not None else None
                stroke_width = _float(node.get("stroke-width"), 1.0)
                ratios = []
                if fill_colour and opacity * _float(node.get("fill-opacity")) > 0:
                    ratios.append((contrast_ratio(_blend(fill_colour, opacity * _float(node.get("fill-opacity"))), background), fill_colour))
                if stroke_colour and stroke_width > 0 and opacity * _float(node.get("stroke-opacity")) > 0:
                    ratios.append((contrast_ratio(_blend(stroke_colour, opacity * _float(node.get("stroke-opacity"))), background), stroke_colour))
                if ratios and max(r for r, _ in ratios) < MIN_CONTRAST_MARKS:
                    best, colour = max(ratios)
                    role = next((c for c in classes[::-1] if c.startswith("role-")), tag)
                    problems.add(f"{role} in {colour} (opacity {opacity:g}) is {best:.2f}:1, below {MIN_CONTRAST_MARKS}:1")
        for child in node:
            visit(child, classes, fill, stroke, opacity)

    visit(root, (), None, None, 1.0)
    return sorted(problems)


def _svg_texts(svg: str) -> list[str]:
    """Every text a rendered chart shows (lines of multi-line labels separately)."""
    root = ET.fromstring(svg)
    texts = []
    for node in root.iter(f"{_SVG}text"):
        spans = list(node.iter(f"{_SVG}tspan"))
        texts += ["".join(span.itertext()) for span in spans] if spans else ["".join(node.itertext())]
    return [text for text in texts if text.strip()]


def chart_problems(spec: dict, svg: str | None = None) -> list[str]:
    """Everything :mod:`aiwatt.charts.checks` finds wrong with one chart.

    Parameters
    ----------
    spec : dict
        The Vega-Lite spec (``chart.to_dict()``).
    svg : str, optional
        The chart rendered at its starting values (by default
        :func:`aiwatt.charts.render.static_svg`, 350 px wide).

    Returns
    -------
    list of str
        One sentence per problem; empty when the chart passes.
    """
    from aiwatt.charts.render import STATIC_WIDTH, static_svg

    problems = spec_problems(spec)
    svg = static_svg(spec) if svg is None else svg
    width = re.search(r'<svg[^>]*\bwidth="([\d.]+)"', svg)
    if width and float(width.group(1)) > STATIC_WIDTH + 8:
        problems.append(f"the static picture is {float(width.group(1)):.0f} px wide: it must fit {STATIC_WIDTH} px")
    for text in _svg_texts(svg):
        if E_NOTATION.search(text):
            problems.append(f"e-notation in the chart: {text!r}")
    problems += svg_contrast_problems(svg)
    return problems
