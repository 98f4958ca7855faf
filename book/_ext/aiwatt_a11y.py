"""Sphinx extension: accessibility fixes for what the theme and the tools write.

axe-core (run on every page by ``tests/test_browser.py``) finds these in the
HTML of the theme and of the tools the book is built with; each is fixed here,
in the book, without patching an installed package:

- The search button and the colour-mode button (pydata-sphinx-theme) have an
  accessible name that does not contain their visible text
  (label-content-name-mismatch): ``templates/`` overrides both (the theme includes them by name).
- A hidden code cell's toggle (myst-nb) is named "Toggle hidden content" while
  it shows "Show code cell source": it is named by its visible text instead.
- The bibliography's entries (docutils) sit in a ``role="list"`` but have the
  deprecated role ``doc-biblioentry``, not ``listitem`` (aria-required-children,
  critical): they become list items.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docutils import nodes

TEMPLATES_DIR = Path(__file__).parent / "templates"


def _add_templates(app, config) -> None:
    # Before the theme's own templates, so that ours win.
    config.templates_path = [str(TEMPLATES_DIR), *config.templates_path]


def visit_hidden_cell(self, node) -> None:
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    # No aria-label: the summary is named by the text it shows.
    self.body.append("<summary>\n")
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hidden_cell(self, node) -> None:
    self.body.append("</details>\n")


def visit_citation(self, node) -> None:
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def depart_citation(self, node) -> None:
    self.body.append("</div>\n")
    if not isinstance(node.next_node(descend=False, siblings=True), type(node)):
        self.body.append("</div>\n")


def setup(app):
    from myst_nb.sphinx_ import HideCodeCellNode

    app.setup_extension("myst_nb")
    app.connect("config-inited", _add_templates)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_hidden_cell))
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    return {"parallel_read_safe": True, "parallel_write_safe": True}
