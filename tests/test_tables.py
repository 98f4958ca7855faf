"""aiwatt.tables and the readable-number formatters of aiwatt.units."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiwatt import tables, units

E_NOTATION = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize(
    "value, text",
    [(0, "0"), (12.345, "12.3"), (1287, "1,290"), (999_999, "1.00 million"), (70.6e9, "70.6 billion"),
     (8.4e12, "8.40 trillion"), (3.15e23, "3.15 × 10²³"), (0.0312, "0.0312"), (4.171e-8, "4.17 × 10⁻⁸"),
     (9.996e22, "1.00 × 10²³"), (-2.5e9, "-2.50 billion")],
)
def test_format_number(value, text):
    assert units.format_number(value) == text


@pytest.mark.parametrize(
    "fraction, text",
    [(0, "0%"), (1, "100%"), (0.0134, "1.3%"), (0.00099, "0.099%"), (0.00077, "0.077%"), (1e-4, "0.010%"), (4.2e-5, "42 parts in a million"),
     (4.2e-8, "42 parts in a billion"), (1e-9, "1 part in a billion"), (3e-12, "3 parts in a trillion"),
     (3e-13, "less than one part in a trillion"), (1e-17, "less than one part in a trillion")],
)
def test_format_share(fraction, text):
    assert units.format_share(fraction) == text


@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300), st.integers(1, 6))
def test_readable_numbers_never_use_e_notation(value, significant):
    assert not E_NOTATION.search(units.format_number(value, significant))


@given(st.floats(min_value=0, max_value=1e3, allow_nan=False), st.integers(1, 6))
def test_readable_shares_never_use_e_notation(value, significant):
    assert not E_NOTATION.search(units.format_share(value, significant))


def test_formatters_keep_the_type_and_reject_bad_input():
    series = units.format_number(pd.Series([1e6, 2e9], index=["a", "b"]))
    assert list(series.index) == ["a", "b"] and list(series) == ["1.00 million", "2.00 billion"]
    assert units.format_number(np.array([1.0, 2.0])).tolist() == ["1.00", "2.00"]
    with pytest.raises(ValueError, match="value must be a finite number"):
        units.format_number(math.nan)
    with pytest.raises(ValueError, match=r"fraction must be a finite number in \[0, inf\)"):
        units.format_share(-0.1)
    with pytest.raises(ValueError, match="significant must be an integer from 1 to 15"):
        units.format_number(1.0, 0)


def _frame():
    return pd.DataFrame(
        {
            "model": ["GPT-3", "T5 | base"],
            "energy_mwh": [1287.0, math.nan],
            "training_flop": [3.14e23, 4.05e22],
            "confidence": ["V", "D (inputs V2)"],
            "source": ["patterson2021carbon", "a2020;b2021"],
        },
        index=[7, 8],
    )


def test_reader_table_markdown():
    table = tables.reader_table(
        _frame(),
        {"model": "Model", "energy_mwh": ("Energy [MWh]", "{:,.0f}"), "training_flop": "Compute [FLOP]"},
        source="source",
        confidence="confidence",
        caption="Runs",
    )
    text = table.to_markdown()
    assert text.startswith("```{table} Runs\n| Model | Energy [MWh] | Compute [FLOP] | Confidence | Source |")
    assert "| T5 \\| base | – | 4.05\u00a0×\u00a010²² | derived | {cite:t}`a2020,b2021` |" in text  # no break inside a number
    assert "| GPT-3 | 1,287 | 3.14\u00a0×\u00a010²³ | read | {cite:t}`patterson2021carbon` |" in text
    assert "– not published or not applicable." in text and "“derived”: arithmetic on sourced figures" in text
    assert not E_NOTATION.search(text)
    assert "7" not in table.cells.to_string(index=False).split()  # no index column
    assert table.numeric == (False, True, True, False, False)


def test_reader_table_html_and_errors():
    html = tables.reader_table(_frame(), {"model": "Model <b>"}, source="source").to_html()
    assert "Model &lt;b&gt;" in html and "patterson2021carbon" in html
    with pytest.raises(ValueError, match=r"unknown column 'energy_mwhh'\. Did you mean 'energy_mwh'"):
        tables.reader_table(_frame(), {"energy_mwhh": "Energy"})
    with pytest.raises(ValueError, match="column format must be"):
        tables.reader_table(_frame(), {"energy_mwh": ("Energy", "nonsense")})


def test_reader_table_merges_source_columns_and_scrolls_in_a_notebook():
    frame = _frame().assign(mfu_source=["patterson2021carbon", "c2022"])
    table = tables.reader_table(frame, {"model": "Model"}, source=["source", "mfu_source"])
    text = table.to_markdown()
    assert "| GPT-3 | {cite:t}`patterson2021carbon` |" in text  # each key once
    assert "| T5 \\| base | {cite:t}`a2020,b2021,c2022` |" in text
    assert "overflow-x:auto" in table.to_html()
    with pytest.raises(ValueError, match="unknown column 'mfu_sources'"):
        tables.reader_table(frame, {"model": "Model"}, source=["source", "mfu_sources"])


def test_text_cells_lose_their_e_notation():
    frame = pd.DataFrame({"method": ["13,524e8 kWh = 1.3524e12 kWh; / 494.16e6 households; v1e3 and 2.5E-3"], "n": [1.0]})
    text = tables.reader_table(frame, {"method": "How"}).to_markdown()
    assert "1.3524 trillion kWh = 1.3524 trillion kWh; / 494.16 million households" in text
    assert "v1e3" in text  # part of a word, not a number
    assert "0.0025" in text
    assert not E_NOTATION.search(text.replace("v1e3", ""))


@given(st.floats(min_value=1e-12, max_value=10.0, allow_nan=False))
def test_a_small_percentage_is_never_rounded_to_nothing(fraction):
    text = tables.FORMATS["percent"](fraction)
    assert text.endswith("%") and re.search(r"[1-9]", text), text
    assert not re.search(r"\d[eE][+-]?\d", text)
    assert tables.FORMATS["percent"](-fraction) == "-" + text
