"""Sphinx extension: mathematics as MathML written at build time, with no script.

The book shows a handful of equations. MathJax costs every page that has one
about 2 MB of JavaScript, and a page without one nothing only if nobody adds
it by default. Current browsers display MathML natively, so this renderer
converts each ``$...$`` and ``$$...$$`` (and ``.. math::``, ``:math:``) to
MathML with ``latex2mathml`` while the book is built: the pages need no maths
library at all.

Selected in ``_config.yml`` with ``html_math_renderer: aiwatt_mathml``. A
formula that ``latex2mathml`` cannot convert is a build warning (an error
under ``-W``) and is shown as its TeX source.
"""

from __future__ import annotations

import html

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

RENDERER = "aiwatt_mathml"


def to_mathml(latex: str, display: str = "inline") -> str:
    """One TeX formula as a ``<math>`` element, its source kept as ``alttext``.

    Parameters
    ----------
    latex : str
        The formula in TeX, without dollar signs.
    display : {"inline", "block"}
        MathML's display mode.

    Returns
    -------
    str
        The MathML element.

    Examples
    --------
    >>> to_mathml("E = T P").startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
    True
    """
    from latex2mathml.converter import convert

    mathml = convert(latex.strip(), display=display)
    return mathml.replace("<math ", f'<math alttext="{html.escape(latex.strip(), quote=True)}" ', 1)


def _convert_or_warn(translator, node, latex: str, display: str) -> str:
    try:
        return to_mathml(latex, display)
    except Exception as error:  # latex2mathml raises many types for unsupported TeX
        logger.warning("aiwatt_mathml: cannot convert %r to MathML (%s)", latex, error, location=node)
        return f"<code>{translator.encode(latex)}</code>"


def visit_math(translator, node: nodes.math) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="math notranslate"))
    translator.body.append(_convert_or_warn(translator, node, node.astext(), "inline"))
    translator.body.append("</span>")
    raise nodes.SkipNode


def visit_math_block(translator, node: nodes.math_block) -> None:
    translator.body.append(translator.starttag(node, "div", CLASS="math notranslate"))
    if node.get("number"):
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    # Paragraphs of a math block are separate equations; "\\" breaks lines within one.
    for part in (part for part in node.astext().split("\n\n") if part.strip()):
        if r"\\" in part and r"\begin" not in part:
            part = r"\begin{aligned}" + part + r"\end{aligned}"
        translator.body.append(_convert_or_warn(translator, node, part, "block"))
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def setup(app):
    app.add_html_math_renderer(RENDERER, (visit_math, None), (visit_math_block, None))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
