"""aiwatt.reference: the package's defaults, equations and tables, as the appendices show them."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiwatt import data, estimate, hardware, inference, reference, scenarios, tables, training
from aiwatt.estimate import Estimate

ROOT = Path(__file__).resolve().parents[1]
E_NOTATION = re.compile(r"\d[eE][+-]?\d")
CITATION = re.compile(r"\{cite:[tp]\}`[^`]*`")


def shown_text(markdown: str) -> str:
    """What a reader sees of MyST text: citation keys (such as epoch2025over1e25) become author-year."""
    return CITATION.sub("(citation)", markdown)


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e30, max_value=1e30))
def test_exact_number_never_writes_e_notation(value):
    assert not E_NOTATION.search(reference.exact_number(value))


@pytest.mark.parametrize(
    "value, text",
    [(1287, "1,287"), (228.1, "228.1"), (0.0036, "0.0036"), (30_840_000, "30.84 million"), (2.92e13, "29.2 trillion"), (3.14e23, "3.14 × 10²³"), (0, "0")],
)
def test_exact_number_keeps_every_digit(value, text):
    assert reference.exact_number(value) == text


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), "12", None, True])
def test_exact_number_refuses_what_is_not_a_finite_number(bad):
    with pytest.raises(ValueError, match="finite number"):
        reference.exact_number(bad)


@given(st.floats(min_value=1e-12, max_value=1e30, allow_nan=False), st.sampled_from(["e", "E"]))
def test_readable_text_removes_e_notation_from_text(value, letter):
    mantissa, exponent = f"{value:.3e}".split("e")
    text = f"about {mantissa}{letter}{int(exponent)} kWh, see v3.0 and e.g. notes"
    out = tables.readable_text(text)
    assert not E_NOTATION.search(out)
    assert out.startswith("about ") and out.endswith(" kWh, see v3.0 and e.g. notes")


def test_column_headers_state_units_in_words():
    assert reference.column_header("energy_mwh", "MWh") == "Energy [MWh]"
    assert reference.column_header("peak_dense_tflops", "10^12 FLOP per second") == "Peak dense [10¹² FLOP per second]"
    assert reference.column_header("accelerator_count", "count") == "Accelerator count"
    assert reference.column_header("params_b", "billions") == "Parameters [billions]"


def test_defaults_table_reads_the_values_from_the_package():
    table = reference.defaults_table(training).set_index("name")
    assert {"DEFAULT_PUE", "DEFAULT_GOODPUT", "FLOP_PER_PARAMETER_TOKEN"} <= set(table.index)
    pue = training.DEFAULT_PUE
    assert table.loc["DEFAULT_PUE", "value"] == f"{reference.exact_number(pue.low)} to {reference.exact_number(pue.high)}, central {reference.exact_number(pue.central)} [ratio]"
    assert "Uptime" in table.loc["DEFAULT_PUE", "meaning"]


@pytest.mark.parametrize("module", [training, inference, hardware, estimate])
def test_every_documented_constant_is_listed(module):
    source = Path(module.__file__).read_text(encoding="utf-8")
    documented = set(re.findall(r"^#:.*\n(?:#:.*\n)*([A-Z][A-Z0-9_]*)\s*[:=]", source, flags=re.MULTILINE))
    assert documented
    assert documented == set(reference.defaults_table(module)["name"])


def test_defaults_change_when_the_package_changes(monkeypatch):
    monkeypatch.setattr(training, "DEFAULT_PUE", Estimate(1.2, 1.3, 1.4, "ratio"))
    value = reference.defaults_table(training).set_index("name").loc["DEFAULT_PUE", "value"]
    assert value == "1.2 to 1.4, central 1.3 [ratio]"


@pytest.mark.parametrize("module", [training, inference, scenarios])
def test_equations_come_from_every_function_that_states_one(module):
    table = reference.equations_table(module)
    stated = {
        name for name, function in vars(module).items()
        if callable(function) and not name.startswith("_") and getattr(function, "__module__", "") == module.__name__
        and ".. math::" in (function.__doc__ or "")
    }
    assert set(table["function"]) == stated
    assert table["equation"].str.len().gt(0).all()
    assert not table["equation"].str.contains("\n").any()


def test_equation_is_the_docstring_s():
    equation = reference.equations_table(training).set_index("function").loc["chip_hours_from_flops", "equation"]
    assert equation == r"T = \frac{C}{P_{peak} \cdot u \cdot g \cdot 3600}"


def test_methods_markdown_cites_keys_and_shows_maths():
    text = reference.methods_markdown(training)
    assert "{cite:p}`uptime2024survey`" in text
    assert "$$\n  C = 6 N_{active} D\n  $$" in text
    assert ":func:" not in text and "``" not in text


def test_docstring_to_myst():
    assert reference.docstring_to_myst("see :func:`aiwatt.grid.emissions_kg` and ``pue`` (uptime2024survey)") == (
        "see `aiwatt.grid.emissions_kg` and `pue` {cite:p}`uptime2024survey`"
    )


@pytest.mark.parametrize("name", list(data.DATASETS))
def test_every_dataset_reads_well(name):
    frame = data.load(name)
    table = reference.dataset_table(name)
    assert len(table.cells) == len(frame)
    text = shown_text(table.to_markdown())
    assert not re.search(r"\|\s*nan\s*\|", text, flags=re.IGNORECASE), "a missing value shown as nan"
    assert not E_NOTATION.search(text)
    units = data.column_units(name)
    headers = list(table.cells.columns)
    for column, unit in units.items():
        if unit != "count" and column != "year":
            assert any(h.startswith(reference.column_header(column, unit).split(" [")[0]) and "[" in h for h in headers), column


@pytest.mark.parametrize("name", list(data.DATASETS))
def test_dataset_markdown_links_the_csv_and_lists_every_note(name):
    text = reference.dataset_markdown(name, "../aiwatt/data/{name}.csv")
    assert f"<../aiwatt/data/{name}.csv>`" in text
    assert (ROOT / "aiwatt" / "data" / f"{name}.csv").exists()
    frame = data.load(name)
    notes = frame["notes"].dropna() if "notes" in frame.columns else pd.Series([], dtype=object)
    assert text.count("\n- **") == sum(1 for note in notes if str(note).strip())
    assert not E_NOTATION.search(shown_text(text.split("{download}")[1]))


def test_row_labels_are_unique():
    for name in data.DATASETS:
        labels = reference.row_labels(data.load(name))
        assert len(set(labels)) == len(labels), name


def test_the_data_appendix_shows_every_table():
    page = (ROOT / "book" / "data.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'^show\("([a-z_0-9]+)"\)', page, flags=re.MULTILINE))
    assert shown == set(data.DATASETS)


def test_describe_value_handles_every_kind():
    assert reference.describe_value(Estimate(0.6, 0.75, 0.95, "fraction")) == "0.6 to 0.95, central 0.75 [fraction]"
    assert reference.describe_value(("accelerator", "server")) == "accelerator, server"
    assert reference.describe_value(inference.QUERY_PRESETS["short chat"]).startswith("input tokens: 400; output tokens: 500")
    assert not E_NOTATION.search(reference.describe_value(inference.ECOLOGITS_FIT))
    assert math.isfinite(float(reference.describe_value(20_000).replace(",", "")))


def test_key_numbers_state_boundary_basis_year_and_source():
    numbers = reference.key_numbers()
    assert list(numbers.columns) == list(reference.KEY_NUMBER_COLUMNS)
    assert numbers.notna().all().all()
    assert (numbers[["figure", "value", "boundary", "basis", "year", "source"]].astype(str).apply(lambda c: c.str.strip().str.len()) > 0).all().all()
    bib = (ROOT / "references.bib").read_text(encoding="utf-8")
    for keys in numbers["source"]:
        for key in data.source_keys(keys):
            assert "{" + key + "," in bib, key
    assert not numbers["value"].str.contains(r"\d[eE][+-]?\d").any()
    assert set(numbers["confidence"].str.split().str[0]) <= set(data.CONFIDENCE_LEVELS)


def test_key_numbers_follow_the_data():
    numbers = reference.key_numbers().set_index("figure")
    gpt3 = data.load("reference_runs").set_index("model").loc["GPT-3", "energy_mwh"]
    assert numbers.loc["GPT-3 training energy", "value"].startswith(f"{gpt3:,.0f} MWh")


def test_article_claims_cover_the_article_with_a_verdict_each():
    claims = reference.article_claims()
    assert [c.claim for c in claims] == list(data.load("article_claims")["claim"])
    article = (Path("/work/shared/reference/seed-article.txt") if Path("/work/shared/reference/seed-article.txt").exists() else None)
    for claim in claims:
        assert claim.verdict in reference.VERDICTS
        assert claim.summary and not E_NOTATION.search(claim.summary)
        for chapter in claim.chapters:
            assert (ROOT / f"{chapter}.md").exists(), chapter
        if article is not None:
            words = claim.quote.split(" ... ")[0].replace("'", '"')
            assert words[:40] in article.read_text(encoding="utf-8").replace("\n", " "), claim.claim


def test_the_gpt3_verdict_follows_the_numbers(monkeypatch):
    verdicts = {c.claim: c for c in reference.article_claims()}
    assert verdicts["GPT-3 training"].verdict == "wrong"
    assert 900 < verdicts["GPT-3 training"].evidence["factor"] < 1100
    original = data.load

    def corrected(name):
        table = original(name)
        if name == "claims":
            table["stated_energy_twh"] = 0.00128  # as if the article had printed GWh
        return table

    monkeypatch.setattr(data, "load", corrected)
    fixed = {c.claim: c for c in reference.article_claims()}
    assert fixed["GPT-3 training"].verdict == "accurate"


def test_bad_input_gets_a_clear_error():
    with pytest.raises(ValueError, match="household"):
        reference.dataset_table("houshold")
    with pytest.raises(ValueError, match="module"):
        reference.defaults_table("aiwatt.training")
    with pytest.raises(ValueError, match="string"):
        tables.readable_text(12)


def test_a_multi_line_equation_is_shown_whole():
    from aiwatt import fleet

    equation = reference.equations_table(fleet).set_index("function").loc["top_down_ai_electricity", "equation"]
    assert equation.startswith("E(y) = ") and equation.endswith("PUE"), equation
    doc = 'Notes\n-----\n.. math:: a = b\n          + c\n\nwith words.\n'
    assert reference._notes_math(doc) == "a = b + c"


def test_a_query_is_brought_to_the_facility_by_its_own_boundary():
    from aiwatt import fleet, inference

    queries = data.load("query_energy").set_index("what")
    for what, row in queries.iterrows():
        if row["boundary"] == "not stated":
            with pytest.raises(ValueError, match="boundary"):
                reference.query_wh_at_facility(what)
            continue
        factor = reference.query_wh_at_facility(what) / row["query_wh"]
        assert factor == pytest.approx(fleet.boundary_factor(row["boundary"], pue=inference.DEFAULT_PUE).central)
        assert (factor == 1) == (row["boundary"] == "facility")
    with pytest.raises(ValueError, match="Gemini"):
        reference.query_wh_at_facility("median Gemini prompt")


def test_the_key_numbers_carry_the_most_quoted_figures_with_their_boundary():
    numbers = reference.key_numbers()
    for figure in ("AI's electricity, bottom-up", "AI's electricity, top-down"):
        assert set(numbers.loc[numbers["figure"] == figure, "year"]) == {"2024", "2030"}
    by_figure = numbers.drop_duplicates("figure").set_index("figure")
    for figure in ("Llama 3.1 405B training energy", "DeepSeek-V3 training energy", "A short chat, this book's model"):
        assert by_figure.loc[figure, "boundary"].startswith("facility")
    assert "top-down" in by_figure.loc["AI's share of world electricity", "value"]


@pytest.mark.parametrize("stated, evidence, verdict", [(1.0, 1.05, "accurate"), (1.9, 1.0, "roughly right"), (0.6, 1.0, "roughly right"),
                                                       (2.1, 1.0, "wrong"), (1000.0, 1.0, "wrong")])
def test_a_number_verdict_follows_the_factor(stated, evidence, verdict):
    assert reference.number_verdict(stated, evidence) == verdict
    assert verdict in reference.VERDICTS
    with pytest.raises(ValueError, match="stated"):
        reference.number_verdict(0.0, 1.0)
