"""Ruff, configured in pyproject.toml, is clean on the repository and on every chapter's code."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from book_pages import ROOT, chapter_sources


def ruff() -> str:
    found = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if found is None:
        pytest.skip("ruff is not installed: run 'make install-test'")
    return found


def test_ruff_is_clean_on_the_repository():
    result = subprocess.run([ruff(), "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", chapter_sources(), ids=lambda p: p.stem)
def test_ruff_is_clean_on_the_chapter_code(path):
    jupytext = pytest.importorskip("jupytext")
    # The chapter's code cells as one script. A cell that ends in an expression displays it
    # (B018), and imports come where a reader first needs them (E402).
    script = jupytext.writes(jupytext.read(path), fmt="py:percent")
    result = subprocess.run(
        [ruff(), "check", "--no-cache", "--stdin-filename", f"{path.stem}.py", "--ignore", "E402,B018", "-"],
        cwd=ROOT, input=script, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
