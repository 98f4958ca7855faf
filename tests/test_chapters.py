"""Every chapter of the book runs top to bottom in a fresh kernel.

Chapters are MyST Markdown notebooks (``book/*.md`` with a ``kernelspec``),
read with jupytext and executed with nbclient, as the book build does. The
key numbers a chapter asserts in its ``remove-cell`` cells are checked here too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def chapter_sources() -> list[Path]:
    """The executable chapters of ``_toc.yml``: files whose front matter names a kernel."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = []

    def walk(entries):
        for entry in entries or []:
            if "file" in entry:
                for suffix in (".md", ".ipynb"):
                    path = ROOT / f"{entry['file']}{suffix}"
                    if path.exists() and (suffix == ".ipynb" or "kernelspec:" in path.read_text(encoding="utf-8")[:500]):
                        found.append(path)
            walk(entry.get("chapters"))
            walk(entry.get("sections"))

    walk(toc.get("parts"))
    walk(toc.get("chapters"))
    return found


def test_the_book_has_executable_chapters():
    assert len(chapter_sources()) >= 3


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
