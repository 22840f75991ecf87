"""The publicity rules (credit/publicity.py): pure, no database."""

from datetime import date

import pytest

from yrdcollab.core.errors import InvalidInput
from yrdcollab.credit.publicity import default_severity, is_published_on, publicity_window, regime_for

OLD = date(2025, 6, 10)  # Order 58
NEW = date(2026, 6, 10)  # Order 36


@pytest.mark.parametrize(
    "decided_on,severity,published,repairable_from,ends_on",
    [
        # Order 58: every class min 3 months, max 3 years.
        (OLD, "minor", True, date(2025, 9, 10), date(2028, 6, 10)),
        (OLD, "general", True, date(2025, 9, 10), date(2028, 6, 10)),
        (OLD, "serious", True, date(2025, 9, 10), date(2028, 6, 10)),
        # Order 36: minor not published (repairable at once), general 3–12 months, serious 12–36 months.
        (NEW, "minor", False, NEW, None),
        (NEW, "general", True, date(2026, 9, 10), date(2027, 6, 10)),
        (NEW, "serious", True, date(2027, 6, 10), date(2029, 6, 10)),
    ],
)
def test_window_of_every_class_under_both_regimes(decided_on, severity, published, repairable_from, ends_on):
    window = publicity_window(decided_on=decided_on, penalty_types=["fine"], severity=severity)
    assert (window.published, window.starts_on, window.repairable_from, window.ends_on) == (
        published,
        decided_on,
        repairable_from,
        ends_on,
    )
    assert window.severity == severity
    assert window.regime == ("ndrc58" if decided_on == OLD else "ndrc36")
    assert ("第58号" if decided_on == OLD else "第36号") in window.source


def test_regime_boundary_on_2026_04_01():
    assert regime_for(date(2026, 3, 31)).code == "ndrc58"
    assert regime_for(date(2026, 4, 1)).code == "ndrc36"
    before = publicity_window(decided_on=date(2026, 3, 31), penalty_types=["warning"])
    after = publicity_window(decided_on=date(2026, 4, 1), penalty_types=["warning"])
    assert (before.regime, before.published, before.ends_on) == ("ndrc58", True, date(2029, 3, 31))
    assert (after.regime, after.published, after.ends_on) == ("ndrc36", False, None)


def test_decisions_before_order_58_fall_under_it():
    assert regime_for(date(2021, 1, 5)).code == "ndrc58"


@pytest.mark.parametrize(
    "types,expected",
    [
        (["warning"], "minor"),
        (["circulated_criticism", "order_cease"], "minor"),
        (["warning", "fine"], "general"),
        (["warning", "revoke_licence"], "serious"),  # 警告 + 吊销 → 严重: the longest window wins
        (["fine", "confiscate_illegal_gains", "restrict_practice"], "serious"),
        (["unknown_type"], "general"),
        ([], "general"),
    ],
)
def test_longest_type_rule(types, expected):
    assert default_severity(types) == expected


def test_longest_type_rule_gives_the_longest_window():
    window = publicity_window(decided_on=NEW, penalty_types=["warning", "revoke_licence"])
    assert window.severity == "serious" and window.ends_on == date(2029, 6, 10)
    assert window.repairable_from == date(2027, 6, 10)


def test_an_explicit_class_overrides_the_type_class():
    window = publicity_window(decided_on=NEW, penalty_types=["revoke_licence"], severity="general")
    assert window.severity == "general" and window.ends_on == date(2027, 6, 10)


def test_unknown_class_refused():
    with pytest.raises(InvalidInput) as exc:
        publicity_window(decided_on=NEW, penalty_types=["fine"], severity="catastrophic")
    assert exc.value.code == "invalid_severity"


def test_special_sectors_under_order_58_have_a_one_year_minimum():
    window = publicity_window(decided_on=OLD, penalty_types=["fine"], special_sector=True)
    assert window.repairable_from == date(2026, 6, 10) and window.ends_on == date(2028, 6, 10)
    with pytest.raises(InvalidInput) as exc:
        publicity_window(decided_on=OLD, penalty_types=["fine"], special_sector=True, ends_on=date(2026, 6, 9))
    assert exc.value.code == "publicity_window_out_of_range"
    assert exc.value.details["earliest"] == "2026-06-10" and "第58号" in exc.value.details["rule"]
    assert publicity_window(
        decided_on=OLD, penalty_types=["fine"], special_sector=True, ends_on=date(2026, 6, 10)
    ).ends_on == date(2026, 6, 10)


def test_special_sector_flag_has_no_extra_minimum_under_order_36():
    window = publicity_window(decided_on=NEW, penalty_types=["fine"], special_sector=True)
    assert window.repairable_from == date(2026, 9, 10) and window.ends_on == date(2027, 6, 10)


def test_minor_under_order_36_published_with_an_explicit_end_of_at_most_three_months():
    window = publicity_window(decided_on=NEW, penalty_types=["warning"], ends_on=date(2026, 9, 10))
    assert window.published and window.ends_on == date(2026, 9, 10) and window.repairable_from == NEW
    shorter = publicity_window(decided_on=NEW, penalty_types=["warning"], ends_on=date(2026, 6, 11))
    assert shorter.published and shorter.ends_on == date(2026, 6, 11)
    with pytest.raises(InvalidInput) as exc:
        publicity_window(decided_on=NEW, penalty_types=["warning"], ends_on=date(2026, 9, 11))
    assert exc.value.code == "publicity_window_out_of_range"
    assert exc.value.details == {
        "field": "publicity_ends_on",
        "rule": exc.value.details["rule"],
        "latest": "2026-09-10",
    }
    assert "第36号" in exc.value.details["rule"]


def test_an_end_on_the_decision_day_is_refused():
    with pytest.raises(InvalidInput) as exc:
        publicity_window(decided_on=NEW, penalty_types=["warning"], ends_on=NEW)
    assert exc.value.code == "publicity_window_out_of_range"


def test_refusal_details_name_an_allowed_earliest_day():
    with pytest.raises(InvalidInput) as exc:
        publicity_window(decided_on=NEW, penalty_types=["warning"], ends_on=NEW)
    assert exc.value.details["earliest"] == "2026-06-11"


@pytest.mark.parametrize(
    "decided_on,severity,ends_on,bound",
    [
        (NEW, "general", date(2026, 9, 9), "earliest"),  # a day short of 3 months
        (NEW, "general", date(2027, 6, 11), "latest"),  # a day past 1 year
        (NEW, "serious", date(2027, 6, 9), "earliest"),
        (NEW, "serious", date(2029, 6, 11), "latest"),
        (OLD, "general", date(2025, 9, 9), "earliest"),
        (OLD, "serious", date(2028, 6, 11), "latest"),
        (NEW, "general", date(2026, 1, 1), "earliest"),  # before the decision itself
    ],
)
def test_explicit_ends_outside_the_range_are_refused_with_the_rule(decided_on, severity, ends_on, bound):
    with pytest.raises(InvalidInput) as exc:
        publicity_window(decided_on=decided_on, penalty_types=["fine"], severity=severity, ends_on=ends_on)
    assert exc.value.code == "publicity_window_out_of_range"
    assert exc.value.details["field"] == "publicity_ends_on" and bound in exc.value.details
    assert exc.value.details["rule"] == regime_for(decided_on).source


@pytest.mark.parametrize(
    "decided_on,severity,ends_on",
    [
        (NEW, "general", date(2026, 9, 10)),
        (NEW, "general", date(2027, 6, 10)),
        (NEW, "serious", date(2027, 6, 10)),
        (OLD, "minor", date(2025, 9, 10)),
    ],
)
def test_explicit_ends_on_the_bounds_are_accepted(decided_on, severity, ends_on):
    window = publicity_window(decided_on=decided_on, penalty_types=["fine"], severity=severity, ends_on=ends_on)
    assert window.published and window.ends_on == ends_on


@pytest.mark.parametrize(
    "decided_on,severity,repairable_from,ends_on",
    [
        (date(2026, 1, 31), "general", date(2026, 4, 30), date(2029, 1, 31)),  # Order 58: Jan 31 + 3 months
        (date(2026, 5, 31), "general", date(2026, 8, 31), date(2027, 5, 31)),
        (date(2026, 11, 30), "general", date(2027, 2, 28), date(2027, 11, 30)),  # Nov 30 + 3 months → Feb 28
        (date(2024, 2, 29), "serious", date(2024, 5, 29), date(2027, 2, 28)),  # leap day + 3 years
    ],
)
def test_month_end_clamping(decided_on, severity, repairable_from, ends_on):
    window = publicity_window(decided_on=decided_on, penalty_types=["fine"], severity=severity)
    assert (window.repairable_from, window.ends_on) == (repairable_from, ends_on)


def test_minor_explicit_end_clamps_at_month_end():
    window = publicity_window(decided_on=date(2026, 11, 30), penalty_types=["warning"], ends_on=date(2027, 2, 28))
    assert window.ends_on == date(2027, 2, 28)
    with pytest.raises(InvalidInput):
        publicity_window(decided_on=date(2026, 11, 30), penalty_types=["warning"], ends_on=date(2027, 3, 1))


def test_the_window_is_half_open():
    assert is_published_on(status="published", ends_on=date(2027, 6, 10), day=date(2027, 6, 9))
    assert not is_published_on(status="published", ends_on=date(2027, 6, 10), day=date(2027, 6, 10))
    assert not is_published_on(status="repaired", ends_on=date(2027, 6, 10), day=date(2026, 7, 1))
    assert not is_published_on(status="published", ends_on=None, day=date(2026, 7, 1))
