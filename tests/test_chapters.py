"""Every chapter of the book runs top to bottom in a fresh kernel, and shows no dead controls.

Chapters are MyST Markdown notebooks (``book/*.md`` with a ``kernelspec``),
read with jupytext and executed with nbclient, as the book build does. The
key numbers a chapter asserts in its ``remove-cell`` cells are checked here too.

Dashboards (``aiwatt.widgets``, ipywidgets) need a kernel: on the static page
their cell is removed (tag ``remove-cell``) and a tip admonition next to it says
how to run them live (a ``{tip}``, or an admonition with a title and
``:class: tip``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from book_pages import chapter_sources


def test_the_book_has_executable_chapters():
    assert len(chapter_sources()) >= 3


def dashboard_cells(path: Path) -> list[tuple[int, list]]:
    """(index, cells) of every code cell of a chapter that shows an ipywidgets dashboard."""
    jupytext = pytest.importorskip("jupytext")
    cells = jupytext.read(path).cells
    return [(index, cells) for index, cell in enumerate(cells) if cell.cell_type == "code" and "widgets." in cell.source]


@pytest.mark.parametrize("path", chapter_sources(), ids=lambda p: p.stem)
def test_dashboards_are_removed_from_the_static_page_with_a_tip(path):
    for index, cells in dashboard_cells(path):
        cell = cells[index]
        assert "remove-cell" in cell.metadata.get("tags", []), f"{path.name}: dashboard cell {index} must be tagged remove-cell"
        neighbours = [cells[i].source for i in (index - 1, index + 1) if 0 <= i < len(cells) and cells[i].cell_type == "markdown"]
        tips = [source for source in neighbours if "```{tip}" in source or re.search(r"```\{admonition\}[^\n]*\n:class: tip", source)]
        assert tips, f"{path.name}: dashboard cell {index} needs a tip beside it"
        # A dashboard started from the chapter's variables asserts that it agrees with
        # the prose those variables wrote (one started from its own defaults need not).
        call = re.search(r"widgets\.\w+\(([^()]*(?:\([^()]*\)[^()]*)*)\)", cell.source)
        if call and re.search(r"[A-Za-z_]\w*", call.group(1)):
            assert "assert " in cell.source, f"{path.name}: dashboard cell {index} must assert its starting values against the prose's"


@pytest.mark.chapters
@pytest.mark.parametrize("path", chapter_sources(), ids=lambda p: p.stem)
def test_chapter_runs_in_a_fresh_kernel(path, monkeypatch):
    jupytext = pytest.importorskip("jupytext")
    from nbclient import NotebookClient

    monkeypatch.setenv("AIWATT_CHARTS", "book")
    notebook = jupytext.read(path)
    NotebookClient(notebook, kernel_name="python3", timeout=300, resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [
        output for cell in notebook.cells if cell.cell_type == "code" for output in cell.get("outputs", []) if output.get("output_type") == "error"
    ]
    assert errors == []
