"""The instructor and the student edition: one setting builds the book without solutions.

- The stripping of downloadable sources, on MyST text and on notebooks.
- A small book with short and gated solutions (code cells inside), built by
  Sphinx in both editions: the student edition has no solution, the exercises stay.
- The real book built as the student edition (slow: it executes every chapter),
  compared with the instructor edition in ``_build/html`` when that exists.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import aiwatt_edition  # noqa: E402

GATED = """\
Some text.

```{exercise}
:label: ex-one

What is 2 + 2?
```

```{solution-start} ex-one
:class: dropdown
```

The answer is SECRET-ANSWER-ONE.

```{code-cell} ipython3
print("SECRET-CODE-ONE")
```

```{solution-end}
```

```{exercise}
:label: ex-two

What is 3 + 3?
```

````{solution} ex-two
:class: dropdown

SECRET-ANSWER-TWO, with a fence inside:

```python
x = 6
```
````

Closing text.
"""

FRONT_MATTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# A page

"""


def test_strip_solutions_text_removes_short_and_gated_solutions():
    stripped = aiwatt_edition.strip_solutions_text(GATED)
    assert "SECRET" not in stripped
    assert "solution" not in stripped
    for kept in ("Some text.", "What is 2 + 2?", "What is 3 + 3?", "Closing text.", ":label: ex-two"):
        assert kept in stripped


def test_strip_solutions_text_leaves_text_without_solutions_alone():
    text = "# Title\n\n```{exercise}\n:label: a\n\nNo solution here.\n```\n"
    assert aiwatt_edition.strip_solutions_text(text) == text


def test_strip_solutions_notebook_drops_solution_cells_across_cells():
    jupytext = pytest.importorskip("jupytext")
    notebook = jupytext.reads(FRONT_MATTER + GATED, fmt="myst")
    data = json.loads(jupytext.writes(notebook, fmt="ipynb"))
    assert any("SECRET-CODE-ONE" in "".join(cell["source"]) for cell in data["cells"])
    stripped = aiwatt_edition.strip_solutions_notebook(data)
    text = json.dumps(stripped)
    assert "SECRET" not in text
    assert "What is 2 + 2?" in text and "Closing text." in text


def _build_small_book(tmp_path: Path, edition: str) -> str:
    from sphinx.application import Sphinx

    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        "extensions = ['myst_nb', 'aiwatt_edition']\n"
        "nb_execution_mode = 'off'\n"
        "myst_enable_extensions = ['colon_fence']\n"
    )
    (source / "index.md").write_text(FRONT_MATTER + GATED)
    out = tmp_path / "html"
    app = Sphinx(str(source), str(source), str(out), str(tmp_path / "doctrees"), "html",
                 confoverrides={"aiwatt_edition": edition}, status=None, warning=None, freshenv=True)
    app.build()
    return (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("edition", ["instructor", "student"])
def test_small_book_in_each_edition(tmp_path, edition):
    pytest.importorskip("myst_nb")
    page = _build_small_book(tmp_path, edition)
    assert "What is 2 + 2?" in page and "What is 3 + 3?" in page
    secrets = ["SECRET-ANSWER-ONE", "SECRET-CODE-ONE", "SECRET-ANSWER-TWO"]
    if edition == "student":
        assert not any(secret in page for secret in secrets)
        assert 'class="solution' not in page
    else:
        assert all(secret in page for secret in secrets)


def test_an_unknown_edition_is_refused(tmp_path):
    pytest.importorskip("myst_nb")
    from sphinx.errors import ConfigError

    with pytest.raises(ConfigError, match="instructor, student"):
        _build_small_book(tmp_path, "teacher")


def _exercise_count(page: str) -> int:
    return len(re.findall(r'<div class="exercise[ "]', page))


@pytest.mark.book
def test_student_edition_of_the_book_has_no_solutions(tmp_path):
    """Build the whole book as the student edition and look at every page and download."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    if not jupyter_book.exists():
        pytest.skip("jupyter-book is not installed in this environment")
    env = {**os.environ, "AIWATT_EDITION": "student", "AIWATT_CHARTS": "book"}
    subprocess.run(
        [str(jupyter_book), "build", str(ROOT), "--warningiserror", "--keep-going", "--builder", "html", "--path-output", str(tmp_path)],
        check=True, env=env, capture_output=True, cwd=ROOT,
    )
    student = tmp_path / "_build" / "html"
    pages = sorted(student.rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="solution' not in html, f"a solution in {page.relative_to(student)}"
    for source in (student / "_sources").rglob("*"):
        if source.suffix in (".md", ".ipynb", ".txt"):
            text = source.read_text(encoding="utf-8")
            assert "{solution" not in text, f"a solution in the download {source.relative_to(student)}"

    instructor = ROOT / "_build" / "html"
    if not (instructor / "index.html").exists():
        return
    solved = 0
    for page in sorted(instructor.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        twin = student / page.relative_to(instructor)
        assert twin.exists(), f"{page.relative_to(instructor)} is missing from the student edition"
        # Every exercise is still there; only the solutions went.
        assert _exercise_count(twin.read_text(encoding="utf-8")) == _exercise_count(html)
        solved += html.count('class="solution')
    assert solved > 0, "the instructor edition should have solutions to remove"
