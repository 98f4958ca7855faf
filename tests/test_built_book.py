"""The built HTML (``_build/html``): citations, links, launch buttons, equations, API reference.

Skipped with the reason when the book is not built, unless
``AIWATT_REQUIRE_ALL_TESTS=1`` (``make test``) turns the skip into a failure.
"""

from __future__ import annotations

import html
import os
import re
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "tests"))

from test_docstrings import public_functions  # noqa: E402  (tests are not a package)

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def built():
    if not (HTML / "index.html").exists():
        reason = "no _build/html: run 'make book' first"
        if os.environ.get("AIWATT_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return HTML


def page(built: Path, document: str) -> str:
    return (built / f"{document}.html").read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", fragment).split()))


def in_text_citations(built: Path) -> dict[str, str]:
    """Every in-text citation of the chapters: its text, keyed by the bibliography anchor it links to."""
    found: dict[str, set[str]] = {}
    for path in (built / "book").glob("*.html"):
        for anchor, label in re.findall(r'<a class="reference internal" href="bibliography\.html#([^"]+)" title="[^"]*">(.*?)</a>', path.read_text()):
            found.setdefault(anchor, set()).add(text_of(label))
    # A source cited both ways has a textual label ("2025") and a parenthetical one ("Author, 2025"): keep the
    # parenthetical one, which names the authors, so that the source is still checked.
    return {anchor: sorted(labels, key=lambda label: (not re.search(r"\D, \d{4}", label), label))[0] for anchor, labels in found.items()}


def test_same_year_citations_can_be_told_apart(built):
    # Parenthetical citations, "Author, 2022a" (a textual one links the year alone).
    citations = {anchor: label for anchor, label in in_text_citations(built).items() if re.search(r"\D, \d{4}", label)}
    assert len(citations) > 10
    by_text: dict[str, list[str]] = {}
    for anchor, label in citations.items():
        by_text.setdefault(label, []).append(anchor)
    assert {label: anchors for label, anchors in by_text.items() if len(anchors) > 1} == {}
    assert any(re.search(r"\b20\d\d[ab]\b", label) for label in citations.values()), "expected 2022a-style citations"
    labels = re.findall(r'<span class="label"><span class="fn-bracket">\[</span>(.*?)<span', page(built, "book/bibliography"))
    assert len(labels) > 10 and len(set(labels)) == len(labels), "bibliography labels repeat"


def test_one_et_al_style_and_titles_as_written(built):
    bibliography = text_of(page(built, "book/bibliography"))
    chapters = " ".join(text_of(page(built, f"book/{name}")) for name in ("units", "training", "inference"))
    assert " and others" not in bibliography + chapters
    assert "Rae et al." in chapters + bibliography
    assert "Energy and AI" in bibliography and "Energy and ai" not in bibliography


def test_links_are_whole_addresses(built):
    for path in built.rglob("*.html"):
        for href, label in re.findall(r'<a class="[^"]*reference external[^"]*" href="([^"]+)"[^>]*>(.*?)</a>', path.read_text()):
            assert re.match(r"^(https?://[\w.-]+\.[a-z]{2,}|mailto:)", href), f"{path.name}: {href}"
            label = text_of(label)
            if (label.startswith(("http", "www")) or "/" in label) and not label.startswith("doi:"):
                assert label.startswith(("http://", "https://")), f"{path.name}: a link shows {label!r}, not an address"


def test_favicon_and_no_placeholder_launch_buttons(built):
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["launch_buttons"].get("jupyterhub_url", "") == "", "leave JupyterHub out until an instructor sets one"
    for document in ("book/intro", "book/units"):
        text = page(built, document)
        favicon = re.search(r'<link rel="(?:shortcut )?icon" href="([^"]+)"', text)
        assert favicon and (built / "book" / favicon.group(1)).resolve().exists(), f"{document}: no favicon"
        assert not re.search(r"example\.(org|com)|jupyterhub_url|your-hub", text), f"{document}: a placeholder host"
    assert "mybinder.org" in page(built, "book/units"), "the Binder launch button"


def test_equations_are_mathml_and_no_maths_library_is_shipped(built):
    training = page(built, "book/training")
    assert "<math" in training and "\\frac" not in text_of(training).replace("alttext", "")
    assert not list(built.rglob("*mathjax*")), "MathJax is still copied into the book"
    for path in (built / "book").glob("*.html"):
        scripts = re.findall(r'<script[^>]*src="([^"]+)"', path.read_text())
        assert not [src for src in scripts if "mathjax" in src.lower()], f"{path.name} loads MathJax"


def test_the_api_reference_documents_every_public_function(built):
    api = page(built, "book/api")
    missing = [name for name, _ in public_functions() if f'id="{name}"' not in api]
    assert missing == [], f"not in the API reference: {missing}"
