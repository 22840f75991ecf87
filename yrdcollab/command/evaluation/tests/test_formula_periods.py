import pytest

from yrdcollab.command.evaluation import formula, measures
from yrdcollab.command.evaluation.periods import parse_period
from yrdcollab.core.errors import InvalidInput

KNOWN = set(measures.NAMES)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("on_time / nonsense", "unknown_measure"),
        ("on_time / 0", "empty_denominator"),
        ("on_time / (due - due)", "empty_denominator"),
        ("on_time / (0 * due)", "empty_denominator"),
        ("on_time / (2 * due - due - due)", "empty_denominator"),
        ("on_time ** 2", "invalid_formula"),
        ("__import__('os')", "invalid_formula"),
        ("on_time / (due", "invalid_formula"),
        ("", "invalid_formula"),
    ],
)
def test_a_bad_formula_is_refused_with_its_code(text, code):
    with pytest.raises(InvalidInput) as caught:
        formula.parse(text, KNOWN)
    assert caught.value.code == code
    assert caught.value.details["field"] == "formula"


def test_an_empty_denominator_at_compute_time_is_none_never_100_percent():
    parsed = formula.parse("on_time / (due - overdue)", KNOWN)
    assert parsed.names == ("on_time", "due", "overdue")
    outcome = formula.compute(parsed, {"on_time": 0, "due": 0, "overdue": 0})
    assert outcome.value is None and outcome.denominator == 0
    assert formula.compute(parsed, {"on_time": 3, "due": 5, "overdue": 1}).value == 0.75
    assert formula.compute(formula.parse("campaigns_joined * 2 + 1", KNOWN), {"campaigns_joined": 3}).value == 7


def test_full_width_operators_are_accepted():
    assert formula.parse("（on_time ÷ due）× 100", KNOWN).names == ("on_time", "due")


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026-11", "2026-11-01", "2026-12-01"),
        ("2026Q4", "2026-10-01", "2027-01-01"),
        ("2026", "2026-01-01", "2027-01-01"),
        ("2026q1", "2026-01-01", "2026-04-01"),
    ],
)
def test_periods(text, start, end):
    period = parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
    assert parse_period(period.code) == period


@pytest.mark.parametrize("text", ["2026-13", "2026Q5", "26", "1899", "2026-1", "x", "2026-11-01"])
def test_a_bad_period_is_invalid_period(text):
    with pytest.raises(InvalidInput) as caught:
        parse_period(text)
    assert caught.value.code == "invalid_period"


def test_trend_steps_back_over_year_ends():
    assert parse_period("2026-01").shifted(-1).code == "2025-12"
    assert parse_period("2026Q1").shifted(-2).code == "2025Q3"
