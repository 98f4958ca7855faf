"""What a first-year student reads in the built HTML (``_build/html``): three classes of slip that must not come back.

1. **A small number rounded to nothing**: "about 0 days", "0%", "0 MWh", "8.0 hubs". A
   number glued into prose or a table goes through ``aiwatt.units.format_number``,
   ``format_share`` or ``format_energy``, or a format that keeps its significant digits.
2. **A term used before it is defined**: each term of :data:`TERMS` links to the glossary
   (a ``{term}`` role) at or before its first use in the book's prose, in reading order.
3. **A chapter without a "Prerequisites" line** in its overview.

PENDING: the pages in :data:`PENDING` hold instances that another branch fixes, each named
with its finding; their cases are expected to fail (strict xfail) until that branch merges.
When it merges, its cases pass, the strict xfail turns that into a failure, and its entry
here must be deleted. None is pending now.

Skipped with the reason when the book is not built, unless ``AIWATT_REQUIRE_ALL_TESTS=1``
(``make test``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import pytest
from book_pages import HTML, PAGES, numbered_chapters, ROOT

pytestmark = pytest.mark.book

#: Pages whose instances of a class other branches fix: page -> {class: why}. See the module docstring.
PENDING: dict[str, dict[str, str]] = {}

#: Pages a reader reads as prose (the API reference and the bibliography are lists of names).
READER_PAGES: list[str] = [page for page in PAGES if page not in ("book/api", "book/bibliography")]

#: A zero with a unit or a percent sign, in prose: what a small number becomes under ":.0f".
ZERO_WITH_UNIT = re.compile(
    r"(?<![\d.,\w+\-−])0(?:\.0+)?\s?(?:%|(?:days?|hours?|years?|months?|[kMGT]?Wh|TWh|t|tonnes|households?|times)\b)"
)
#: A count written with a decimal zero, in prose: "8.0 hubs".
COUNT_WITH_DECIMAL = re.compile(
    r"(?<![\d.,])\d+\.0 (?:hubs?|households?|chips?|accelerators?|GPUs?|models?|countries|provinces|regions|queries|runs|nodes|servers)\b"
)
#: A table cell that is a bare zero (with a unit or a percent sign or none): what rounding leaves of a small value.
ZERO_CELL = re.compile(r"^0(?:\.0+)?\s?(?:%|[kMGT]?Wh|t|days|hours)?$")

#: Zeros that are true zeros, not rounded: (page, text around the zero in prose, or "row | header" of a table cell).
TRUE_ZEROS: set[tuple[str, str]] = {
    # Tokens per answer if no answer were a reasoning model's: none at all.
    ("book/inference", "if none were, 0%"),
    # Quantisation can save nothing: measured 8-bit inference of small models used more energy.
    ("book/using_less", "Quantisation | Low"),
    ("book/data", "quantisation | Saving low [fraction (0-1)]"),
    # Cleaner supply changes emissions, not electricity; the facility lever's default is the baseline's own PUE.
    ("book/scenario_builder", "Cleaner supply | Electricity saved in 2030 [TWh]"),
    ("book/scenario_builder", "Facility (PUE) | Electricity saved in 2030 [TWh]"),
    ("book/scenario_builder", "Facility (PUE) | Emissions saved in 2030 [Mt CO2e]"),
    # A rebound elasticity of zero is a setting, not a result.
    ("book/scenario_builder", "2030 | Rebound elasticity"),
    ("book/scenario_builder", "2035 | Rebound elasticity"),
}

#: Terms a first-year student meets without knowing them (student item 31 and the book's core terms), as their
#: words appear in prose (a regular expression, matched case-sensitively), each with a glossary name.
TERMS: dict[str, str] = {
    r"\bGPT-3\b": "GPT-3",
    r"\bH100-equivalents?\b": "H100-equivalent",
    r"\bcolocation\b": "colocation",
    r"\bEPRI\b": "EPRI",
    r"\bLBNL\b": "LBNL",
    r"\bEmber\b": "Ember",
    r"\bTOPS/W\b": "TOPS/W",
    r"\bCarnot\b": "Carnot limit",
    r"\b[Gg]rid intensity\b": "grid intensity",
    r"\b[Mm]ixture[- ]of[- ]experts?\b": "mixture of experts",
    r"\bexpert parallelism\b": "expert parallelism",
    r"\b(?:atto|zepto|femto)joules?\b": "joule prefixes",
}


def require_built() -> None:
    if not (HTML / "index.html").exists():
        reason = "no _build/html: run 'make book' first"
        if os.environ.get("AIWATT_REQUIRE_ALL_TESTS") == "1":
            pytest.fail(reason)
        pytest.skip(reason)


@lru_cache(maxsize=None)
def soup_of(page: str):
    from bs4 import BeautifulSoup

    path = HTML / ("index.html" if page == PAGES[0] and not (HTML / f"{page}.html").exists() else f"{page}.html")
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article") or soup.select_one("main") or soup
    # What a reader reads as text: not code, scripts, maths, or the theme's navigation.
    for element in main.select("script, style, math, pre, nav, .cell_input, .headerlink, .toggle-details__summary, .only-student"):
        element.decompose()
    return main


def prose_text(page: str) -> str:
    """The page's prose (paragraphs, list items, definitions), not its tables, one space between words."""
    main = soup_of(page)
    blocks = [element for element in main.find_all(["p", "li", "dd"]) if not element.find_parent("table")]
    return " ".join(" ".join(element.get_text(" ").split()) for element in blocks if not element.find_parent(["p", "li", "dd"]))


def table_cells(page: str) -> list[tuple[str, str, str]]:
    """(first cell of the row, the column's header, the cell) for every body cell of every table."""
    cells = []
    for table in soup_of(page).find_all("table"):
        headers = [" ".join(th.get_text(" ").split()) for th in table.select("thead th")]
        for row in table.select("tbody tr"):
            texts = [" ".join(td.get_text(" ").split()).replace("\u00a0", " ") for td in row.find_all(["td", "th"])]
            cells += [(texts[0], headers[i] if i < len(headers) else "", text) for i, text in enumerate(texts)]
    return cells


def cases(kind: str) -> list:
    return [
        pytest.param(page, marks=pytest.mark.xfail(strict=True, reason=PENDING[page][kind])) if kind in PENDING.get(page, {}) else page
        for page in READER_PAGES
    ]


@pytest.mark.parametrize("page", cases("rounded"))
def test_no_small_number_is_rounded_to_nothing(page):
    require_built()
    text = prose_text(page)
    found = []
    for pattern in (ZERO_WITH_UNIT, COUNT_WITH_DECIMAL):
        for match in pattern.finditer(text):
            context = text[max(0, match.start() - 40): match.end() + 20]
            if not any(page == true_page and phrase in context for true_page, phrase in TRUE_ZEROS):
                found.append(context)
    for row, header, cell in table_cells(page):
        if ZERO_CELL.match(cell) and (page, f"{row} | {header}") not in TRUE_ZEROS:
            found.append(f"table cell {cell!r} (row {row!r}, column {header!r})")
    assert not found, f"{page}: numbers rounded to nothing: {found}"


@lru_cache(maxsize=1)
def glossary_entries() -> dict[str, set[str]]:
    """Each glossary name (lower case) -> the anchors of every name of its entry."""
    entries: dict[str, set[str]] = {}
    glossary = soup_of("book/glossary")
    for dl in glossary.select("dl.glossary"):
        names: list[tuple[str, str]] = []
        for child in dl.find_all(["dt", "dd"], recursive=False):
            if child.name == "dt":
                names.append((" ".join(child.get_text(" ").split()).lower(), child.get("id", "")))
            else:
                anchors = {anchor for _, anchor in names}
                for name, _ in names:
                    entries[name] = anchors
                names = []
    return entries


def linked_prose(page: str) -> tuple[str, list[tuple[int, str]]]:
    """The page's prose and, for each link to the glossary, its position in that text and the anchor it links to."""
    main = soup_of(page)
    text, links = [], []
    length = 0
    blocks = [element for element in main.find_all(["p", "li", "dd"]) if not element.find_parent("table")]
    for block in blocks:
        if block.find_parent(["p", "li", "dd"]):
            continue
        for piece in block.descendants:
            if getattr(piece, "name", None) == "a" and "glossary.html#" in (piece.get("href") or ""):
                links.append((length, piece["href"].split("#", 1)[1]))
            elif isinstance(piece, str):
                words = " ".join(piece.split())
                if words:
                    text.append(words)
                    length += len(words) + 1
        text.append("")
        length += 1
    return " ".join(text), links


@pytest.mark.parametrize("pattern", TERMS)
def test_every_listed_term_links_to_the_glossary_where_the_book_first_uses_it(pattern):
    require_built()
    anchors = glossary_entries()[TERMS[pattern].lower()]
    for page in READER_PAGES:
        if page == "book/glossary":
            continue
        text, links = linked_prose(page)
        match = re.search(pattern, text)
        if match is None:
            continue
        # The first use is in this page (in reading order): a link to the term's entry at or before it.
        assert any(position <= match.start() + 1 and anchor in anchors for position, anchor in links), (
            f"{page}: {match.group(0)!r} first used with no link to the glossary: '...{text[max(0, match.start() - 60): match.end() + 20]}...'"
        )
        return
    pytest.fail(f"{pattern!r}: no page uses the term")


def test_the_glossary_defines_every_listed_term():
    require_built()
    entries = glossary_entries()
    assert [name for name in TERMS.values() if name.lower() not in entries] == []


#: The pages that teach: the numbered chapters, validation and the course pages.
TEACHING_PAGES: list[str] = [path.relative_to(ROOT).with_suffix("").as_posix() for path in numbered_chapters()] + [
    page for page in READER_PAGES if page.startswith("book/course/") or page == "book/validation"
]


@pytest.mark.parametrize("page", TEACHING_PAGES)
def test_every_teaching_page_states_its_prerequisites(page):
    require_built()
    main = soup_of(page)
    sections = main.select("section > section") or main.select("section")
    overview = next((s for s in sections if s.find(["h2"]) and "Overview" in s.find("h2").get_text()), None)
    own_section = any("Prerequisites" in h2.get_text() for h2 in main.find_all("h2"))
    assert own_section or (overview is not None and re.search(r"\bPrerequisites\b", overview.get_text(" "))), \
        f"{page}: no 'Prerequisites' line in the overview"


#: Pages with the widest display equations (the methods appendix states every model's).
EQUATION_PAGES: list[str] = ["book/methods", "book/inference", "book/training"]

#: For each display equation: whether any of it lies left of its box (out of reach of a scroll bar), or
#: right of it in a box that does not scroll.
_CLIPPED_EQUATIONS = """() => Array.from(document.querySelectorAll("div.math")).flatMap((box) => {
  const math = box.querySelector("math");
  if (!math) { return []; }
  const outer = box.getBoundingClientRect(), inner = math.getBoundingClientRect();
  const scrolls = ["auto", "scroll"].includes(getComputedStyle(box).overflowX);
  const clipped = inner.left < outer.left - 1 || (inner.right > outer.right + 1 && !scrolls);
  return clipped ? [(math.getAttribute("alttext") || "").slice(0, 60)] : [];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("document", EQUATION_PAGES)
def test_a_wide_equation_scrolls_on_a_phone_rather_than_losing_its_start(browser, base_url, document):
    from browsing import PHONE, PageVisit

    visit = PageVisit(browser, f"{base_url}/{document}.html", viewport=PHONE)
    try:
        assert visit.page.locator("div.math math").count() > 0
        assert visit.page.evaluate(_CLIPPED_EQUATIONS) == [], f"{document}: equations cut off on a phone"
    finally:
        visit.close()
