"""The glossary: every term a first-year student would stumble on, used where it first appears."""

from __future__ import annotations

import re
from pathlib import Path

from book_pages import PAGES, ROOT, numbered_chapters
GLOSSARY = ROOT / "book" / "glossary.md"
TERM_ROLE = re.compile(r"\{term\}`([^`]+)`")

#: Terms the issue asks for by name (issue 11), each as the glossary spells one of its names.
REQUIRED = [
    "tCO2e", "lifecycle emissions", "operational emissions", "direct emissions", "location-based accounting", "market-based accounting",
    "Monte Carlo band", "mixture of experts", "TDP", "PUE", "MFU", "goodput", "FLOP", "token", "prefill", "decode", "accelerator",
    "boundary", "capacity factor", "rebound effect", "Landauer limit",
]


def glossary_entries() -> list[list[str]]:
    """Each entry's names (the unindented lines before its definition)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    block = text.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    entries, names = [], []
    for line in block.splitlines():
        if not line.strip() or line.startswith(":"):
            if names:
                entries.append(names)
                names = []
            continue
        if not line.startswith(" "):
            names.append(line.strip())
        elif names:
            entries.append(names)
            names = []
    if names:
        entries.append(names)
    return entries


def toc_documents() -> list[Path]:
    """The MyST files of the table of contents (the API reference is reStructuredText)."""
    return [ROOT / f"{page}.md" for page in PAGES if (ROOT / f"{page}.md").exists()]


def role_target(text: str) -> str:
    match = re.search(r"<([^>]+)>$", text.strip())
    return (match.group(1) if match else text).strip().lower()


def test_the_glossary_has_the_terms_the_issue_names():
    names = {name.lower() for entry in glossary_entries() for name in entry}
    missing = [term for term in REQUIRED if term.lower() not in names]
    assert not missing
    assert len(glossary_entries()) >= 60


def test_every_term_role_names_a_glossary_term():
    names = {name.lower() for entry in glossary_entries() for name in entry}
    for path in toc_documents():
        for role in TERM_ROLE.findall(path.read_text(encoding="utf-8")):
            assert role_target(role) in names, f"{path.name}: {role}"


def test_every_glossary_entry_is_used_outside_the_glossary():
    used = set()
    for path in toc_documents():
        if path != GLOSSARY:
            used |= {role_target(role) for role in TERM_ROLE.findall(path.read_text(encoding="utf-8"))}
    unused = [entry[0] for entry in glossary_entries() if not used & {name.lower() for name in entry}]
    assert not unused, f"glossary entries no page links to: {unused}"


def test_every_chapter_links_its_terms_to_the_glossary():
    for chapter in numbered_chapters():
        assert len(TERM_ROLE.findall(chapter.read_text(encoding="utf-8"))) >= 5, chapter.name
