"""aiwatt.scenarios: ceilings honoured, one meaning of central, tokens and fleet turnover."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiwatt import scenarios

SLOW = settings(deadline=None, max_examples=30)


def test_exponential_honours_a_ceiling():
    ceiling = 5e9
    capped = scenarios.inference_scenario(1e9, 0.3, 1.0, 0.0, start_year=2025, end_year=2035, saturation_queries_per_day=ceiling, draws=200)
    free = scenarios.inference_scenario(1e9, 0.3, 1.0, 0.0, start_year=2025, end_year=2035, draws=200)
    assert capped["queries_per_day"].max() == pytest.approx(ceiling)
    # 5e9 queries x 365 x 0.3 Wh x PUE 1.1 = 0.602 TWh: the cap holds the energy.
    assert capped["high_twh"].max() == pytest.approx(5e9 * 365 * 0.3 * 1.1 / 1e12)
    assert free.loc[2035, "central_twh"] > 100 * capped.loc[2035, "central_twh"]


def test_no_ceiling_by_default():
    table = scenarios.inference_scenario(1e9, 0.3, 0.5, 0.0, start_year=2025, end_year=2035, draws=200)
    assert table.loc[2035, "queries_per_day"] == pytest.approx(1e9 * 1.5 ** 10)


def test_ceiling_below_start_is_refused():
    with pytest.raises(ValueError, match=r"saturation_queries_per_day must be above queries_per_day"):
        scenarios.inference_scenario(1e9, 0.3, 0.5, 0.2, saturation_queries_per_day=5e8)


def test_central_is_the_median_of_the_draws_summarised_once():
    # Recompute the draws by hand with the same seed and order of bands.
    args = dict(start_year=2025, end_year=2030, draws=2000, seed=3)
    table = scenarios.inference_scenario(1e9, (0.15, 0.3, 0.6), (0.5, 1.0, 1.5), (0.1, 0.33, 0.5), **args)
    for year in table.index:
        band = table.loc[year, "band"]
        assert band.central == table.loc[year, "central_twh"]
        assert band.low <= band.central <= band.high
    # The medians of the factors multiply to something else: the table says so by
    # not offering that product as a column.
    product = table["queries_per_day"] * 365 * table["wh_per_query"] * 1.1 / 1e12
    assert not np.allclose(product.iloc[1:], table["central_twh"].iloc[1:], rtol=1e-3)


def test_tokens_growth_raises_energy():
    flat = scenarios.inference_scenario(1e9, 0.3, 0.2, 0.1, start_year=2025, end_year=2030, draws=200)
    longer = scenarios.inference_scenario(1e9, 0.3, 0.2, 0.1, start_year=2025, end_year=2030, tokens_growth_per_year=0.2, draws=200)
    assert longer.loc[2030, "central_twh"] == pytest.approx(flat.loc[2030, "central_twh"] * 1.2 ** 5)


def test_turnover_delays_efficiency():
    instant = scenarios.inference_scenario(1e9, 0.3, 0.0, 0.33, start_year=2025, end_year=2030, draws=200)
    lagged = scenarios.inference_scenario(1e9, 0.3, 0.0, 0.33, start_year=2025, end_year=2030, service_life_years=5, draws=200)
    assert lagged.loc[2030, "central_twh"] > 2 * instant.loc[2030, "central_twh"]
    assert lagged.loc[2025, "central_twh"] == pytest.approx(instant.loc[2025, "central_twh"])


@SLOW
@given(gain=st.floats(0.0, 0.9), life=st.floats(1.0, 15.0))
def test_fleet_factor_is_between_leading_edge_and_one(gain, life):
    years = np.arange(2025, 2040)
    factor = scenarios.fleet_efficiency_factor(years, gain, 2025, life)
    leading = (1 - gain) ** (years - 2025)
    assert np.all(factor <= 1 + 1e-12)
    assert np.all(factor >= leading - 1e-12)
    assert np.all(np.diff(factor) <= 1e-12)


def test_fleet_factor_life_one_is_instant():
    years = np.arange(2025, 2031)
    assert np.allclose(scenarios.fleet_efficiency_factor(years, 0.3, 2025, 1), 0.7 ** (years - 2025))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"service_life_years": 0.5}, r"service_life_years must be a finite number in \[1, 15\]"),
        ({"tokens_growth_per_year": -1.0}, r"tokens_growth_per_year must be"),
        ({"adoption": "logistic"}, r"saturation_queries_per_day is required"),
        ({"saturation_queries_per_day": -1.0}, r"saturation_queries_per_day must be"),
    ],
)
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        scenarios.inference_scenario(1e9, 0.3, 0.5, 0.2, **kwargs)


def test_overflow_is_refused():
    with pytest.raises(ValueError, match="overflows"):
        scenarios.inference_scenario(1e9, 0.3, 1e6, 0.0, start_year=2000, end_year=2100, draws=100)


def test_vega_scenario_matches_python_at_sample_points():
    # The scenario chart's line and inference_scenario are one model written twice.
    from aiwatt.charts.inference import scenario_energy_expr, scenario_queries_expr

    start, q0, wh0, pue = 2025, 2.5e9, 0.3, 1.1
    for growth, eff, tokens, life, ceiling in [(1.0, 0.33, 0.1, 5, 13.0), (0.5, 0.2, 0.0, 1, 10.0), (2.0, 0.5, 0.6, 8, 11.5)]:
        table = scenarios.inference_scenario(q0, wh0, growth, eff, start_year=start, end_year=2035, tokens_growth_per_year=tokens,
                                             service_life_years=life, saturation_queries_per_day=10**ceiling, pue=pue, draws=100)
        for year in (2025, 2028, 2035):
            scope = {"_pow": pow, "_min": min, "_max": max, "growth": growth, "efficiency": eff, "tokens": tokens, "life": life,
                     "wh0": wh0, "log10_ceiling": ceiling}
            text = f"({scenario_queries_expr(start, q0)}) * 365 * ({scenario_energy_expr(start)}) * {pue} / 1e12"
            text = text.replace("pow(", "_pow(").replace("min(", "_min(").replace("max(", "_max(").replace("datum.year", str(year))
            text = text.replace(" ? ", " if ").replace(" : 0)", " else 0)")
            text = _ternary_to_python(text)
            assert eval(text, scope) == pytest.approx(table.loc[year, "central_twh"], rel=1e-9)  # noqa: S307


def _ternary_to_python(text: str) -> str:
    """Turn '(k < life if A else 0)' into '(A if k < life else 0)'."""
    import re

    return re.sub(r"\((\d+) < life if (.*?) else 0\)", r"(\2 if \1 < life else 0)", text)


@settings(max_examples=40, deadline=None)
@given(gain=st.floats(0.0, 0.9), life=st.integers(1, 10), span=st.integers(1, 12))
def test_fleet_average_gain_is_slower_than_new_hardware_and_reproduces_the_fleet(gain, life, span):
    # The single rate that replaces the fleet's lagged gain: never faster than new
    # hardware's, equal to it with a one-year life, and it lands on the same factor.
    rate = scenarios.fleet_average_gain(gain, 2025, 2025 + span, life)
    assert rate <= gain + 1e-12
    if life == 1:
        assert rate == pytest.approx(gain, abs=1e-12)
    factor = float(np.ravel(scenarios.fleet_efficiency_factor([2025 + span], gain, 2025, life))[0])
    assert (1 - rate) ** span == pytest.approx(factor, rel=1e-9)


def test_one_owner_for_the_book_trend_rates():
    # The rates a reader meets in several chapters come from one place each.
    assert scenarios.hardware_efficiency_gain_per_year() == pytest.approx(1 / 3)
    band = scenarios.tokens_growth_band()
    assert band.low == 0 and (1 + band.central) ** 20 == pytest.approx(8) and (1 + band.high) ** 10 == pytest.approx(8)
    assert scenarios.DEFAULT_SERVICE_LIFE_YEARS == 5
