"""The book's documents as every test sees them: one reading of ``_toc.yml``.

The package owns the reading (:func:`aiwatt.charts.figures.toc_documents` and
:func:`~aiwatt.charts.figures.toc_notebooks`, which the book's build and
``make figures`` use too); this module names what the tests ask of it.
Test modules import it by name (``tests/conftest.py`` puts ``tests/`` on the path).
"""

from __future__ import annotations

from pathlib import Path

import yaml

from aiwatt.charts.figures import toc_documents, toc_notebooks

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"

#: Every document of the table of contents, root first, as ``_toc.yml`` names it ("book/training").
PAGES: list[str] = toc_documents(ROOT)


def chapter_sources() -> list[Path]:
    """The executable chapters of ``_toc.yml``: notebooks, in reading order."""
    return toc_notebooks(ROOT)


#: The documents whose source is a notebook, named as in :data:`PAGES`.
CHAPTERS: list[str] = [path.relative_to(ROOT).with_suffix("").as_posix() for path in chapter_sources()]


def numbered_chapters() -> list[Path]:
    """The MyST files of the chapters in the numbered parts of ``_toc.yml`` (the book's movements, not the course or appendix)."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [ROOT / f"{chapter['file']}.md" for part in toc["parts"] if part.get("numbered") for chapter in part["chapters"]]
