"""Sphinx extension: the instructor edition (with solutions) or the student edition (without).

One setting chooses the edition: the environment variable ``AIWATT_EDITION``
(``instructor``, the default, or ``student``), which ``make book EDITION=student``
sets, or the Sphinx setting ``aiwatt_edition``.

The student edition

- removes every solution from the pages, short (``{solution}``) or gated
  (``{solution-start}`` ... ``{solution-end}`` around code cells), after
  sphinx-exercise has merged the gated ones into single nodes. sphinx-exercise's
  own ``hide_solutions`` cannot do it: with gated solutions it leaves their
  content on the page and then fails on the orphaned end marker
  (executablebooks/sphinx-exercise#89);
- removes them from the page sources that the download button offers
  (``_sources/*.md`` and the executed ``_sources/*.ipynb``).

The code of every solution still runs when the book is built, so a solution
that fails fails both editions. The repository itself, which the launch
buttons open, keeps the solutions: the student edition is a book to hand out,
not a lock.

Pages can say which edition they are in with ``{only} student`` and
``{only} instructor`` blocks: the extension adds the edition's name as a tag.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from sphinx.errors import ConfigError

EDITIONS = ("instructor", "student")
ENVIRONMENT_VARIABLE = "AIWATT_EDITION"

_OPEN = re.compile(r"^\s*(?P<fence>`{3,}|:{3,})\{(?P<name>solution|solution-start|solution-end)\}")


class _Stripper:
    """Drops the lines of solutions from MyST Markdown, a line at a time; the state carries across notebook cells."""

    def __init__(self) -> None:
        self.state = "outside"  # or "short", "gated", "closing"
        self.fence = ""

    @property
    def inside(self) -> bool:
        return self.state != "outside"

    def keep(self, line: str) -> bool:
        match = _OPEN.match(line)
        if self.state == "outside":
            if match is None:
                return True
            self.fence = match["fence"]
            self.state = {"solution": "short", "solution-start": "gated", "solution-end": "closing"}[match["name"]]
            return False
        if self.state == "gated":
            if match is not None and match["name"] == "solution-end":
                self.fence, self.state = match["fence"], "closing"
            return False
        # "short" or "closing": until the fence that closes the directive.
        if line.strip() == self.fence:
            self.state = "outside"
        return False

    def text(self, text: str) -> str:
        return "".join(line for line in text.splitlines(keepends=True) if self.keep(line))


def strip_solutions_text(text: str) -> str:
    """MyST Markdown without its solutions (``{solution}`` blocks and gated solutions)."""
    return _Stripper().text(text)


def strip_solutions_notebook(notebook: dict) -> dict:
    """A notebook (as JSON) without the cells and lines of its solutions."""
    stripper = _Stripper()
    cells = []
    for cell in notebook.get("cells", []):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "code":
            if not stripper.inside:
                cells.append(cell)
            continue
        kept = stripper.text(source)
        if kept.strip():
            cells.append({**cell, "source": kept})
    return {**notebook, "cells": cells}


def _check_edition(app, config) -> None:
    edition = str(config.aiwatt_edition).strip().lower()
    if edition not in EDITIONS:
        raise ConfigError(
            f"aiwatt_edition (or the environment variable {ENVIRONMENT_VARIABLE}) must be one of "
            f"{', '.join(EDITIONS)}; got {config.aiwatt_edition!r}"
        )
    config.aiwatt_edition = edition
    app.tags.add(edition)


def _remove_solutions(app, doctree) -> None:
    if app.config.aiwatt_edition != "student":
        return
    from sphinx_exercise.nodes import solution_node

    for node in list(doctree.findall(solution_node)):
        node.parent.remove(node)


def _strip_downloads(app, exception) -> None:
    if exception is not None or app.config.aiwatt_edition != "student" or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for path in sources.rglob("*"):
        if path.suffix == ".ipynb":
            notebook = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(strip_solutions_notebook(notebook), ensure_ascii=False, indent=1), encoding="utf-8")
        elif path.suffix in (".md", ".txt"):
            path.write_text(strip_solutions_text(path.read_text(encoding="utf-8")), encoding="utf-8")


def setup(app):
    app.setup_extension("sphinx_exercise")
    app.add_config_value("aiwatt_edition", os.environ.get(ENVIRONMENT_VARIABLE, "instructor"), "env", [str])
    app.connect("config-inited", _check_edition)
    # doctree-read comes after sphinx-exercise's transforms have merged gated solutions.
    app.connect("doctree-read", _remove_solutions)
    app.connect("build-finished", _strip_downloads)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
