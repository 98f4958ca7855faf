"""aiwatt.data: every table loads, every row is sourced, every unit stated."""

from importlib import resources
from pathlib import Path

import pytest
from pybtex.database import parse_file

from aiwatt import data

ROOT = Path(__file__).resolve().parents[1]
BIB_KEYS = set(parse_file(str(ROOT / "references.bib")).entries)
CSV_FILES = sorted(path.stem for path in resources.files("aiwatt.data").iterdir() if path.name.endswith(".csv"))


def test_every_file_is_a_documented_dataset():
    assert CSV_FILES == sorted(data.DATASETS)


@pytest.mark.parametrize("name", CSV_FILES)
def test_every_row_has_a_resolvable_source(name):
    table = data.load(name)
    assert len(table) > 0
    assert "source" in table.columns
    missing = table[table["source"].map(data.source_keys).map(len) == 0]
    assert missing.empty, f"{name}: rows without a source: {missing.index.tolist()}"
    for column in filter(data.is_source_column, table.columns):
        keys = {key for cell in table[column] for key in data.source_keys(cell)}
        unknown = sorted(keys - BIB_KEYS)
        assert not unknown, f"{name}.{column}: keys not in references.bib: {unknown}"


@pytest.mark.parametrize("name", CSV_FILES)
def test_every_quantity_states_its_unit(name):
    units = data.column_units(name)
    for column in units:
        assert data.load(name)[column].dropna().map(lambda v: isinstance(v, (int, float))).all(), column


def test_load_returns_a_copy():
    table = data.load("households")
    table.loc[0, "household_kwh_per_month"] = -1
    assert data.load("households").loc[0, "household_kwh_per_month"] > 0


def test_unknown_dataset():
    with pytest.raises(ValueError, match=r"unknown dataset 'houshold'\. Did you mean 'households'"):
        data.load("houshold")


@pytest.mark.parametrize("name", CSV_FILES)
def test_every_row_has_a_confidence_label(name):
    # HOUSE: every row carries V (read in the source), V2 (read in a text quoting it) or D (arithmetic);
    # words after the label ("V (chip-hours D)") qualify it.
    table = data.load(name)
    assert "confidence" in table.columns, f"{name}: no confidence column"
    labels = table["confidence"].astype(str).str.split().str[0]
    assert labels.isin(list(data.CONFIDENCE_LEVELS)).all(), f"{name}: {sorted(set(labels) - set(data.CONFIDENCE_LEVELS))}"


def test_every_reference_has_a_url_and_no_internal_note():
    entries = parse_file(str(ROOT / "references.bib")).entries
    assert not [key for key, entry in entries.items() if "url" not in entry.fields]
    assert not [key for key, entry in entries.items() if "note" in entry.fields]
