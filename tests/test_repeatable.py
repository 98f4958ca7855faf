"""Every make target works again, and in any order, on the same checkout (issue 12).

The book reads exactly the documents of ``_toc.yml`` (``book/_ext/aiwatt_sources.py``),
so what tests, benchmarks, editors and tools leave in the tree cannot reach it;
``make clean`` removes what the other targets create; ``.ci/run`` builds the
book a second time on the checkout the tests have just used.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aiwatt.charts import figures

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import aiwatt_sources  # noqa: E402  (the book's Sphinx extension, beside the chapters)

SUFFIXES = [".rst", ".md", ".ipynb"]
#: What tests, benchmarks, editors and tools leave behind, as source-like files.
LEFTOVERS = [
    ".pytest_cache/README.md",
    ".hypothesis/examples/README.md",
    "screenshots/notes.md",
    "benchmarks/results/summary.md",
    ".vendor/package/README.md",
    ".venv/lib/python3.11/site-packages/pkg/README.rst",
    "book/.ipynb_checkpoints/units-checkpoint.ipynb",
    "book/units.ipynb",
    "book/draft.md",
    "book/#units.md#",
    "book/units.md~",
    "notes.md",
    "README.md",
    "CONTRIBUTING.md",
]


def copy_book_sources(destination: Path) -> None:
    shutil.copy(ROOT / "_toc.yml", destination / "_toc.yml")
    for relative in aiwatt_sources.source_files(ROOT, ROOT / "_toc.yml", SUFFIXES):
        (destination / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, destination / relative)


def test_the_book_reads_exactly_the_table_of_contents_whatever_else_is_in_the_tree(tmp_path):
    from sphinx.project import Project

    copy_book_sources(tmp_path)
    for relative in LEFTOVERS:
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text("# Left behind\n" if not relative.endswith(".ipynb") else "{}")
    include = aiwatt_sources.source_files(tmp_path, tmp_path / "_toc.yml", SUFFIXES)
    project = Project(str(tmp_path), {suffix: suffix.lstrip(".") for suffix in SUFFIXES})
    found = project.discover(exclude_paths=(), include_paths=include)
    assert found == set(figures.toc_documents(tmp_path / "_toc.yml"))


def test_a_document_of_the_table_of_contents_without_a_file_is_an_error(tmp_path):
    from sphinx.errors import ConfigError

    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: intro\nchapters:\n  - file: missing\n")
    (tmp_path / "intro.md").write_text("# Intro\n")
    with pytest.raises(ConfigError, match="missing"):
        aiwatt_sources.source_files(tmp_path, tmp_path / "_toc.yml", SUFFIXES)


def clean_recipe() -> str:
    return subprocess.run(["make", "-n", "clean", "distclean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout


def test_make_clean_removes_everything_git_ignores_except_the_environment_and_downloads():
    ignored = [line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text().splitlines() if line.strip() and not line.startswith("#")]
    clean = subprocess.run(["make", "-n", "clean"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    kept = {".venv", ".vendor", "*.egg-info"}
    assert kept <= set(ignored)
    missing = [name for name in ignored if name not in kept and name not in clean]
    assert missing == [], f"make clean does not remove {missing}"
    assert all(name in clean_recipe() for name in kept), "make distclean removes .venv, .vendor and *.egg-info"
    assert ".venv" not in clean.replace("-path ./.venv -prune", ""), "make clean keeps .venv"


def test_ci_builds_the_book_again_after_the_tests():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert "make test" in lines
    assert "make book" in lines[lines.index("make test") + 1 :], ".ci/run must build the book again on the tested checkout"
