"""Sphinx extension: lighter pages for the same reading (issue 10).

A chapter's load time grows with the number of elements the browser must style
and lay out. Two things on a page cost elements and bytes but show nothing:

- **Highlighting that changes nothing.** Pygments wraps every name and every
  bracket of a code cell in its own ``<span>``, although the book's colour
  schemes give names, punctuation and spaces the code's own colour, in light
  and in dark mode alike. Half of the inference chapter's elements were such
  spans. After the build, a span whose class the schemes draw in the code's own
  colour (read from the ``pygments.css`` the build wrote) is replaced by its
  text; every coloured token keeps its span.
- **The chart script, once per chart.** Each chart carries the script that
  turns its picture into the live chart, so that a notebook's chart works on its
  own (:func:`aiwatt.charts.render.chart_html`). On a book page it is needed
  once: the later copies keep only their call.

And one thing undoes the browser's own economy. The book's stylesheet lets the
browser skip the layout of prose and code cells far from the screen
(``content-visibility: auto`` in ``static/aiwatt.css``), but the theme, as the
page loads, reads the width of every code block, output and table to make the
scrollable ones keyboard-focusable, which forces the layout of all of them.
The theme's script is patched so that it does not measure what the browser is
skipping (such a block is a tab stop until it is drawn), and a listener measures
a block when the browser draws it.

All three are idempotent: a page processed twice is unchanged the second time.
"""

from __future__ import annotations

import re
from pathlib import Path

#: A rule of pygments.css: the scheme it belongs to, the token class (empty for the
#: code block itself) and its declarations.
_RULE = re.compile(
    r'html\[data-theme="(?P<theme>\w+)"\] \.highlight(?: \.(?P<token>[\w-]+))? \{ (?P<declarations>[^}]*?) \}'
)
_CODE_BLOCK = re.compile(r'(<div class="highlight[^"]*"><pre>)(.*?)(</pre>)', re.S)


def plain_token_classes(stylesheet: str) -> set[str]:
    """The token classes that every colour scheme draws exactly as the code around them.

    Parameters
    ----------
    stylesheet : str
        The text of the build's ``pygments.css``, with one rule set per theme
        (``html[data-theme="light"] .highlight .n { color: #080808 }``).

    Returns
    -------
    set of str
        Classes whose only declaration, in every scheme, is the code block's own
        colour. A class missing from a scheme is not included (it may be styled
        elsewhere).
    """
    base: dict[str, str] = {}
    tokens: dict[str, dict[str, str]] = {}
    for rule in _RULE.finditer(stylesheet):
        theme, token, declarations = rule["theme"], rule["token"], rule["declarations"].strip().rstrip(";")
        if token is None:
            colour = re.search(r"(?:^|;)\s*color:\s*([^;]+)", declarations)
            if colour:
                base[theme] = colour.group(1).strip().lower()
        else:
            tokens.setdefault(token, {})[theme] = declarations.lower()
    if not base:
        return set()
    return {
        token
        for token, by_theme in tokens.items()
        if set(by_theme) >= set(base) and all(by_theme[theme] == f"color: {base[theme]}" for theme in base)
    }


def unwrap_plain_spans(page: str, classes: set[str]) -> str:
    """The page with each code span of one of ``classes`` replaced by its text (only inside code blocks)."""
    if not classes:
        return page
    span = re.compile(r'<span class="(?:%s)">([^<]*)</span>' % "|".join(re.escape(c) for c in sorted(classes)))
    return _CODE_BLOCK.sub(lambda block: block[1] + span.sub(r"\1", block[2]) + block[3], page)


def one_chart_script(page: str, script: str) -> str:
    """The page with the chart script kept in the first chart's ``<script>`` only (the calls stay)."""
    marker = f"<script>{script}"
    first = page.find(marker)
    if first < 0:
        return page
    head, tail = page[: first + len(marker)], page[first + len(marker) :]
    return head + tail.replace(marker, "<script>")


#: The theme's (pydata-sphinx-theme 0.17) tab stop for one element, and the same that
#: does not measure an element the browser is not drawing: until it is drawn, such an
#: element is a tab stop (a keyboard reaches every block that may scroll; once drawn,
#: one that does not scroll stops being one). A hidden element (a closed solution) is
#: not drawn either; a tab stop there is skipped by the keyboard while it is hidden.
THEME_TAB_STOP = "e.tabIndex=e.scrollWidth>e.clientWidth||e.scrollHeight>e.clientHeight?0:-1"
LAZY_TAB_STOP = "e.checkVisibility&&!e.checkVisibility({contentVisibilityAuto:!0})?(e.tabIndex=0):(" + THEME_TAB_STOP + ")"
#: When the browser draws a skipped block, the tab stops inside it (the theme's selector).
TAB_STOPS_WHEN_DRAWN = """
/* aiwatt: tab stops of a block when the browser draws it (book/_ext/aiwatt_lightpages.py). */
document.addEventListener("contentvisibilityautostatechange", function (event) {
  if (event.skipped) { return; }
  var selector = "pre, .nboutput > .output_area, .cell_output > .output, .jp-RenderedHTMLCommon, .pst-scrollable-table-container";
  event.target.querySelectorAll(selector).forEach(function (e) {
    e.tabIndex = e.scrollWidth > e.clientWidth || e.scrollHeight > e.clientHeight ? 0 : -1;
  });
}, true);
"""


def lazy_tab_stops(script: str) -> str:
    """The theme's script with its tab stops left to the moment the browser draws an element.

    Raises
    ------
    ValueError
        If the script holds neither the theme's tab stop nor the patched one (the
        theme changed: read its new script and update the patch).
    """
    if LAZY_TAB_STOP in script:
        return script
    if script.count(THEME_TAB_STOP) != 1:
        raise ValueError(
            f"pydata-sphinx-theme's script holds {script.count(THEME_TAB_STOP)} copies of the tab stop "
            f"{THEME_TAB_STOP!r}, expected 1: update book/_ext/aiwatt_lightpages.py for this version of the theme"
        )
    return script.replace(THEME_TAB_STOP, LAZY_TAB_STOP) + TAB_STOPS_WHEN_DRAWN


def _lighten(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from aiwatt_assets import _write_atomically

    from aiwatt.charts.render import upgrade_script

    outdir = Path(app.outdir)
    stylesheet = outdir / "_static" / "pygments.css"
    classes = plain_token_classes(stylesheet.read_text(encoding="utf-8")) if stylesheet.exists() else set()
    theme_script = outdir / "_static" / "scripts" / "pydata-sphinx-theme.js"
    if theme_script.exists():
        text = theme_script.read_text(encoding="utf-8")
        patched = lazy_tab_stops(text)
        if patched != text:
            _write_atomically(theme_script, patched)
    script = upgrade_script()
    for path in outdir.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        lighter = one_chart_script(unwrap_plain_spans(page, classes), script)
        if lighter != page:
            _write_atomically(path, lighter)


def setup(app):
    # After the theme's own build-finished handler, which writes the light and dark
    # colour schemes into pygments.css.
    app.connect("build-finished", _lighten, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
