"""The whole-picture and mitigation chapters: no share rounded to nothing, one format for shares.

A share such as 0.3% printed through ``{glue:text}`x:.0f`%`` reads "0%"; the
chapters must glue shares through :func:`aiwatt.units.format_share`, and the
built pages must not say that something is "about 0%".
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = ("gobbling", "inference", "cleaner_supply", "using_less", "beyond_silicon", "scenario_builder")


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_shares_are_glued_through_format_share(chapter):
    source = (ROOT / "book" / f"{chapter}.md").read_text(encoding="utf-8")
    rounded = re.findall(r"\{glue:text\}`(\w*share\w*):[^`]*`%", source)
    assert not rounded, f"{chapter}: glue these shares through units.format_share and {{glue:md}}: {rounded}"


@pytest.mark.book
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_no_page_calls_a_share_zero(chapter):
    page = ROOT / "_build" / "html" / "book" / f"{chapter}.html"
    if not page.exists():
        if os.environ.get("AIWATT_REQUIRE_ALL_TESTS") == "1":
            pytest.fail("no _build/html: run 'make book' first")
        pytest.skip("no _build/html: run 'make book' first")
    text = html.unescape(" ".join(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")).split()))
    zero = re.findall(r"[^.]{0,60}\b(?:about|only|is|of|just) 0(?:\.0+)?%[^.]{0,30}", text)
    assert not zero, f"{chapter}: a share reads as nothing: {zero}"
