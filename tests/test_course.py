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
        brief_solution = f"```{{solution-start}} {name.replace('_', '-')}-brief"
        assert brief_solution in text and "{code-cell}" in text.split(brief_solution)[1].split("```{solution-end}")[0]
        assert "## Marking rubric" in text
        rubric = text.split("## Marking rubric")[1].split("##")[0]
        points = [int(p) for p in re.findall(r"^\| [^|]+ \| (\d+) \|", rubric, flags=re.M)]
        assert points and sum(points) in (20, 40)


def module_text() -> str:
    return (ROOT / "book" / "course" / "module.md").read_text(encoding="utf-8")


def outcome_rows() -> dict[int, tuple[str, str]]:
    """The outcomes table of the module page: number -> (taught in, practised in)."""
    rows = re.findall(r"^\| (\d+) \| [^|]+ \| ([^|]+) \| ([^|]+) \|$", module_text(), flags=re.M)
    return {int(number): (taught, practised) for number, taught, practised in rows}


@pytest.mark.parametrize("assignment", ["fact_check", "capstone"])
def test_each_assignment_names_the_outcomes_the_module_table_gives_it(assignment):
    practised_in = {number for number, (_, practised) in outcome_rows().items() if f"<{assignment}>" in practised}
    overview = (ROOT / "book" / "course" / f"{assignment}.md").read_text(encoding="utf-8").split("## Overview")[1].split("```")[0]
    sentence = re.search(r"practises outcomes ([\d, and]+) of", overview)
    assert sentence, f"{assignment}: the overview names the outcomes it practises"
    assert {int(n) for n in re.findall(r"\d+", sentence.group(1))} == practised_in


@pytest.mark.parametrize("plan", ["## Two sessions", "## Three sessions"])
def test_each_session_plan_reaches_every_outcome(plan):
    text = module_text().split(plan)[1].split("\n## ")[0]
    linked = set(re.findall(r"\{doc\}`(?:[^`<]*<)?([\w./]+)>?`", text)) | set(re.findall(r"\{(?:numref|ref)\}`(?:[^`<]*<)?([\w-]+)>?`", text))
    for number, (taught, practised) in outcome_rows().items():
        taught_in = set(re.findall(r"<([\w./]+)>", taught))
        exercises = set(re.findall(r"\{(?:numref|ref)\}`(?:[^`<]*<)?([\w-]+)>?`", practised))
        assert taught_in & linked or exercises & linked, f"{plan}: outcome {number} is neither taught nor practised"


def test_the_fact_check_and_the_article_use_one_verdict_scale():
    from aiwatt import reference

    brief = EXERCISE.findall((ROOT / "book" / "course" / "fact_check.md").read_text(encoding="utf-8"))
    brief_text = dict(brief)["fact-check-brief"]
    listed = re.findall(r"\*([a-z ]+)\*", brief_text.split("**The verdict**")[1].split("\n6.")[0])
    assert listed == list(reference.VERDICTS)


@pytest.mark.parametrize("assignment", ["fact_check", "capstone"])
def test_every_rubric_level_gives_its_points(assignment):
    text = (ROOT / "book" / "course" / f"{assignment}.md").read_text(encoding="utf-8")
    rubric = text.split("## Marking rubric")[1].split("\n## ")[0]
    rows = re.findall(r"^\| [^|]+ \| (\d+) \| \*\*(\d+)\*\*: [^|]+ \| \*\*(\d+)\*\*: [^|]+ \| \*\*(\d+)\*\*: [^|]+ \|$", rubric, flags=re.M)
    assert len(rows) == len(re.findall(r"^\| [^|]+ \| \d+ \|", rubric, flags=re.M)), "every criterion gives points for each level"
    for points, excellent, adequate, insufficient in rows:
        assert int(excellent) == int(points) > int(adequate) > int(insufficient) == 0


def test_the_briefs_exclude_the_worked_solutions_own_cases():
    fact_check = dict(EXERCISE.findall((ROOT / "book" / "course" / "fact_check.md").read_text(encoding="utf-8")))["fact-check-brief"]
    capstone_text = (ROOT / "book" / "course" / "capstone.md").read_text(encoding="utf-8")
    capstone = dict(EXERCISE.findall(capstone_text))["capstone-brief"]
    assert "not the NDTV article" in " ".join(fact_check.split())
    worked_model = re.search(r'\.loc\["([^"]+)"\]', capstone_text.split("```{solution-start} capstone-brief")[1]).group(1)
    assert f"not {worked_model}" in " ".join(capstone.split())
