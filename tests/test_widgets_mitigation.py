"""The mitigation dashboard for live notebooks (aiwatt.widgets.mitigation_dashboard)."""

import pytest

pytest.importorskip("ipywidgets")

from aiwatt import grid, mitigation, widgets


def _sliders(box):
    return {child.description: child for child in box.children if hasattr(child, "min")}


def test_dashboard_recomputes_on_a_change():
    box = widgets.mitigation_dashboard(2030)
    table = box.children[-2]
    assert "476" in table.value or "TWh" in table.value
    before = table.value
    _sliders(box)["Rebound (elasticity)"].value = 1.0
    assert table.value != before
    assert str(mitigation.scenario(2030, rebound=1.0).mitigated_twh) in table.value


def test_training_calculator_labels_the_grid_basis():
    box = widgets.training_calculator(region="China")
    dropdown = [c for c in box.children[1].children if getattr(c, "description", "") == "Grid"][0]
    assert dropdown.value == "China"
    assert all(("lifecycle" in label or "direct" in label) for label, _ in dropdown.options)
    assert dict(dropdown.options) == dict(grid.region_options())
