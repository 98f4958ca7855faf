"""The book's lighter pages (book/_ext/aiwatt_lightpages.py): what is removed shows nothing, what shows stays."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from browsing import skip_or_fail
from hypothesis import given
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import aiwatt_lightpages as light  # noqa: E402

STYLESHEET = """
html[data-theme="light"] .highlight { background: #fefefe; color: #080808 }
html[data-theme="light"] .highlight .k { color: #6730C5 } /* Keyword */
html[data-theme="light"] .highlight .n { color: #080808 } /* Name */
html[data-theme="light"] .highlight .p { color: #080808 } /* Punctuation */
html[data-theme="light"] .highlight .gp { color: #080808 } /* Generic.Prompt */
html[data-theme="light"] .highlight .ge { color: #080808; font-style: italic } /* Generic.Emph */
html[data-theme="dark"] .highlight { background: #2b2b2b; color: #F8F8F2 }
html[data-theme="dark"] .highlight .k { color: #DCC6E0 } /* Keyword */
html[data-theme="dark"] .highlight .n { color: #F8F8F2 } /* Name */
html[data-theme="dark"] .highlight .p { color: #ABE338 } /* Punctuation */
html[data-theme="dark"] .highlight .ge { color: #F8F8F2; font-style: italic } /* Generic.Emph */
"""

CODE = (
    '<div class="highlight-python notranslate"><div class="highlight"><pre><span></span>'
    '<span class="kn">import</span><span class="w"> </span><span class="nn">aiwatt</span>\n'
    '<span class="n">energy</span><span class="o">=</span><span class="mi">6</span></pre></div></div>'
)


def test_plain_classes_are_those_drawn_in_the_code_colour_in_every_scheme():
    # p is coloured in dark mode, ge is italic, gp is missing from the dark scheme, k is coloured.
    assert light.plain_token_classes(STYLESHEET) == {"n"}


@pytest.mark.book
def test_the_built_stylesheet_leaves_keywords_numbers_and_strings_coloured():
    built = ROOT / "_build" / "html" / "_static" / "pygments.css"
    if not built.exists():
        skip_or_fail("no _build/html: run 'make book' first")
    plain = light.plain_token_classes(built.read_text(encoding="utf-8"))
    assert {"n", "p"} <= plain
    assert not plain & {"k", "kn", "mi", "mf", "s1", "s2", "c1", "o", "gp"}


@pytest.mark.book
def test_the_built_pages_are_lightened():
    html = ROOT / "_build" / "html"
    if not (html / "index.html").exists():
        skip_or_fail("no _build/html: run 'make book' first")
    plain = light.plain_token_classes((html / "_static" / "pygments.css").read_text(encoding="utf-8"))
    for page in ("book/inference.html", "book/training.html"):
        text = (html / page).read_text(encoding="utf-8")
        assert light.unwrap_plain_spans(text, plain) == text, f"{page} has highlighting that changes nothing"
        assert text.count("if (window.aiwattCharts) { return; }") == 1, f"{page}: the chart script is not once"
    theme = (html / "_static" / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    assert light.LAZY_TAB_STOP in theme


def test_unwrapping_keeps_the_text_and_the_coloured_spans():
    page = "<p><span class=\"n\">prose</span></p>" + CODE
    lighter = light.unwrap_plain_spans(page, {"n", "nn", "w"})
    assert '<span class="n">prose</span>' in lighter, "only code blocks are touched"
    assert '<span class="kn">import</span> aiwatt\nenergy<span class="o">=</span><span class="mi">6</span>' in lighter
    assert light.unwrap_plain_spans(lighter, {"n", "nn", "w"}) == lighter


@given(st.lists(st.sampled_from(["n", "p", "k", "mi"]), max_size=12), st.lists(st.text("ab =(", max_size=4), max_size=12))
def test_unwrapping_never_changes_the_code_text(classes, texts):
    spans = "".join(f'<span class="{c}">{t}</span>' for c, t in zip(classes, texts))
    page = f'<div class="highlight"><pre>{spans}</pre></div>'
    assert _text(light.unwrap_plain_spans(page, {"n", "p"})) == _text(page)


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_chart_script_is_kept_once_and_every_call_stays():
    script = "(function(){ window.aiwattCharts = {}; })();"
    chart = '<figure><script>{script}window.aiwattCharts.upgrade(document.getElementById("c{i}"));</script></figure>'
    page = "".join(chart.format(script=script, i=i) for i in range(3))
    lighter = light.one_chart_script(page, script)
    assert lighter.count(script) == 1
    assert all(f'upgrade(document.getElementById("c{i}"))' in lighter for i in range(3))
    assert light.one_chart_script(lighter, script) == lighter


def test_the_theme_patch_applies_once_and_fails_loudly_on_another_theme():
    theme = "function I(){document.querySelectorAll(s).forEach(e=>{" + light.THEME_TAB_STOP + "})}"
    patched = light.lazy_tab_stops(theme)
    assert light.LAZY_TAB_STOP in patched and "contentvisibilityautostatechange" in patched
    assert light.lazy_tab_stops(patched) == patched
    with pytest.raises(ValueError, match="expected 1"):
        light.lazy_tab_stops("function I(){}")


def test_the_installed_theme_holds_the_patched_code():
    import pydata_sphinx_theme

    script = Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "scripts" / "pydata-sphinx-theme.js"
    assert script.read_text(encoding="utf-8").count(light.THEME_TAB_STOP) == 1, "the theme changed: update the patch"
