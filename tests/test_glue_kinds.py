"""Every glued value is shown the way it was glued: no Python object printed in prose.

A value glued as ``Markdown(...)`` must be shown with ``{glue:md}``: ``{glue:text}``
prints its repr ("version <IPython.core.display.Markdown object>", the student review's
item 25).
"""

from __future__ import annotations

import re

import pytest
from book_pages import chapter_sources

GLUE_MARKDOWN = re.compile(r"""glue\(\s*["']([A-Za-z0-9_]+)["']\s*,\s*Markdown\(""")
GLUE_TEXT = re.compile(r"\{glue:text\}`([A-Za-z0-9_]+)(?::[^`]*)?`")


@pytest.mark.parametrize("path", chapter_sources(), ids=lambda p: p.stem)
def test_markdown_glues_are_shown_as_markdown(path):
    source = path.read_text(encoding="utf-8")
    as_markdown = set(GLUE_MARKDOWN.findall(source))
    shown_as_text = sorted(as_markdown & set(GLUE_TEXT.findall(source)))
    assert not shown_as_text, f"{path.name}: glued as Markdown but shown with {{glue:text}} (prints a Python object): {shown_as_text}"
