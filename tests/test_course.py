"""The course module: exercises a student can do from the text, each solved, each chapter with a pen-and-paper one."""

from __future__ import annotations

import re

import pytest
from book_pages import ROOT, numbered_chapters
EXERCISE = re.compile(r"```\{exercise\}\n:label: ([\w-]+)\n(.*?)\n```", re.S)
SOLUTION = re.compile(r"```\{solution-start\} ([\w-]+)\n")


def all_exercise_labels() -> set[str]:
    labels = set()
    for path in (ROOT / "book").rglob("*.md"):
        labels |= {label for label, _ in EXERCISE.findall(path.read_text(encoding="utf-8"))}
    return labels


@pytest.mark.parametrize("chapter", numbered_chapters(), ids=lambda p: p.stem)
def test_every_chapter_has_solved_exercises_and_a_pen_and_paper_one(chapter):
    text = chapter.read_text(encoding="utf-8")
    exercises = EXERCISE.findall(text)
    assert len(exercises) >= 3
    solved = set(SOLUTION.findall(text))
    assert {label for label, _ in exercises} <= solved, "every exercise has a solution"
    assert any(re.search(r"pen and paper", body, re.I) for _, body in exercises), "a pen-and-paper exercise"


def test_the_outcomes_table_names_real_exercises():
    module = (ROOT / "book" / "course" / "module.md").read_text(encoding="utf-8")
    named = set(re.findall(r"\{numref\}`([\w-]+)`", module))
    assert named and named <= all_exercise_labels()
    # Every chapter's exercises are practised somewhere in the module's plan.
    for chapter in numbered_chapters():
        labels = {label for label, _ in EXERCISE.findall(chapter.read_text(encoding="utf-8"))}
        assert labels & named, chapter.stem


def test_each_assignment_has_a_worked_solution_and_a_rubric():
    for name in ("fact_check", "capstone"):
        text = (ROOT / "book" / "course" / f"{name}.md").read_text(encoding="utf-8")
        assert "```{solution-start}" in text and "{code-cell}" in text.split("```{solution-start}")[1]
        assert "## Marking rubric" in text
        rubric = text.split("## Marking rubric")[1].split("##")[0]
        points = [int(p) for p in re.findall(r"^\| [^|]+ \| (\d+) \|", rubric, flags=re.M)]
        assert points and sum(points) in (20, 40)
