"""The live dashboards of the inference and AI-share chapters (the book hides them)."""

from aiwatt import widgets


def test_ai_share_dashboard_updates_and_reports_bad_input():
    board = widgets.ai_share_dashboard()
    growth_first, growth_last, load, pue, output = board.children
    assert "2030, bottom-up" in output.value and "of the world" in output.value
    before = output.value
    growth_first.value = 1.0
    assert output.value != before
    load.value = 0.2
    assert "TWh" in output.value


def test_scenario_dashboard_runs():
    board = widgets.scenario_dashboard(2.5e9, 0.3, 2025)
    assert "Central TWh" in board.children[-1].value
