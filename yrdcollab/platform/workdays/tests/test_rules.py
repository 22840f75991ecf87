"""Pure working-day rules, no database. The 2026 facts are checked against chinese-calendar 1.11.0:
春节 2月15日–23日 with make-up days 2月14日 (Sat) and 2月28日 (Sat); 中秋 9月25日–27日 with make-up
9月20日 (Sun); 国庆 10月1日–7日 with make-up 10月10日 (Sat)."""

from datetime import date

import pytest

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.workdays.rules import (
    Period,
    Unit,
    WorkCalendar,
    parse_chinese_number,
    period_from_statute,
    resolve_period,
)

D = date


def test_package_data_2026_matches_the_notice(package_calendar):
    cal = package_calendar
    spring = [d for d, n in cal.holidays.items() if n == "春节" and d.year == 2026]
    assert min(spring) == D(2026, 2, 15) and max(spring) == D(2026, 2, 23) and len(spring) == 9
    assert {d for d in cal.makeup_days if d.year == 2026} == {
        D(2026, 1, 4),
        D(2026, 2, 14),
        D(2026, 2, 28),
        D(2026, 5, 9),
        D(2026, 9, 20),
        D(2026, 10, 10),
    }
    national = sorted(d for d, n in cal.holidays.items() if n == "国庆节" and d.year == 2026)
    assert national[0] == D(2026, 10, 1) and national[-1] == D(2026, 10, 7)
    assert 2027 not in cal.known_years


def test_is_working_day_uses_holidays_and_makeup_days(package_calendar):
    cal = package_calendar
    assert cal.is_working_day(D(2026, 2, 14))  # Saturday, make-up
    assert not cal.is_working_day(D(2026, 2, 16))  # Monday, 春节
    assert not cal.is_working_day(D(2026, 2, 21))  # Saturday, 春节
    assert cal.is_working_day(D(2026, 9, 20))  # Sunday, make-up
    assert cal.is_working_day(D(2026, 10, 8))
    assert cal.day_kind(D(2026, 10, 10)) == "makeup_workday"
    assert cal.day_kind(D(2026, 10, 3)) == "holiday"


def test_unknown_year_uses_weekends_only(package_calendar):
    cal = package_calendar
    assert cal.is_working_day(D(2027, 1, 1))  # Friday; 元旦 2027 is not known yet
    assert not cal.is_working_day(D(2027, 1, 2))  # Saturday
    assert cal.day_kind(D(2027, 1, 1)) == "workday"


def test_three_working_days_across_spring_festival(package_calendar):
    # Thu 2-12 → Fri 2-13 (1), Sat 2-14 make-up (2), 2-15..2-23 holiday, Tue 2-24 (3)
    result = package_calendar.due_date(D(2026, 2, 12), period_from_statute("三日"))
    assert result.date == D(2026, 2, 24)
    assert not result.provisional
    assert len(result.skipped_days) == 9
    assert {s.name for s in result.skipped_days} == {"春节"}


def test_five_working_days_across_national_day(package_calendar):
    # Mon 9-28 → 9-29 (1), 9-30 (2), 10-1..10-7 holiday, 10-8 (3), 10-9 (4), Sat 10-10 make-up (5)
    result = package_calendar.due_date(D(2026, 9, 28), Period(5, Unit.WORKING_DAY))
    assert result.date == D(2026, 10, 10)
    assert result.calendar_days == 12
    assert package_calendar.add_working_days(D(2026, 9, 18), 1) == D(2026, 9, 20)  # Sunday make-up day


def test_counting_starts_the_day_after_and_zero_is_start_itself(package_calendar):
    cal = package_calendar
    assert cal.add_working_days(D(2026, 3, 2), 1) == D(2026, 3, 3)  # Monday → Tuesday
    assert cal.add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 9)  # Friday → Monday
    assert cal.add_working_days(D(2026, 3, 7), 0) == D(2026, 3, 7)  # zero: start itself, even a Saturday
    assert cal.next_working_day(D(2026, 2, 13)) == D(2026, 2, 14)
    assert cal.next_working_day(D(2026, 2, 14)) == D(2026, 2, 24)


def test_working_days_between_is_the_inverse(package_calendar):
    cal = package_calendar
    start = D(2026, 9, 28)
    for n in (0, 1, 3, 5, 10, 30):
        assert cal.working_days_between(start, cal.add_working_days(start, n)) == n
    assert cal.working_days_between(D(2026, 10, 10), D(2026, 9, 28)) == -5


def test_calendar_day_periods_are_plain_and_never_provisional(package_calendar):
    cal = package_calendar
    ten = period_from_statute("十日")
    assert ten == Period(10, Unit.CALENDAR_DAY)
    # Art. 85 has no "last day is a holiday" extension: 10 days from 9-24 ends on 10-04, inside 国庆.
    result = cal.due_date(D(2026, 9, 24), ten)
    assert result.date == D(2026, 10, 4) and not result.provisional
    assert cal.due_date(D(2026, 12, 20), period_from_statute("九十日")).date == D(2027, 3, 20)
    assert not cal.due_date(D(2026, 12, 20), period_from_statute("九十日")).provisional
    assert cal.add_calendar_days(D(2026, 2, 12), 3) == D(2026, 2, 15)


def test_working_days_into_2027_are_provisional(package_calendar):
    # 12-29, 12-30, 12-31 (Tue–Thu), 2027-01-01 Friday (元旦 in reality, unknown yet) counted, 01-04 Monday
    result = package_calendar.due_date(D(2026, 12, 28), Period(5, Unit.WORKING_DAY))
    assert result.date == D(2027, 1, 4)
    assert result.provisional and result.provisional_years == (2027,)
    # ending on 12-31 only touches 2026: not provisional
    assert not package_calendar.due_date(D(2026, 12, 28), Period(3, Unit.WORKING_DAY)).provisional


def test_loading_2027_changes_a_provisional_result(package_calendar):
    cal = WorkCalendar(
        package_calendar.known_years | {2027},
        {**package_calendar.holidays, D(2027, 1, 1): "元旦"},
        package_calendar.makeup_days,
    )
    result = cal.due_date(D(2026, 12, 28), Period(5, Unit.WORKING_DAY))
    assert result.date == D(2027, 1, 5) and not result.provisional


@pytest.mark.parametrize(
    ("text", "amount", "unit"),
    [
        ("二日", 2, "working_day"),
        ("三日", 3, "working_day"),
        ("五日", 5, "working_day"),
        ("七日", 7, "working_day"),
        ("七日内", 7, "working_day"),
        ("十日", 10, "calendar_day"),
        ("十五日", 15, "calendar_day"),
        ("三十日", 30, "calendar_day"),
        ("六十日", 60, "calendar_day"),
        ("九十日", 90, "calendar_day"),
        ("一日", 1, "calendar_day"),
        ("15个工作日", 15, "working_day"),
        ("五个工作日", 5, "working_day"),
        ("10工作日", 10, "working_day"),
        ("3个自然日", 3, "calendar_day"),
        ("3日", 3, "working_day"),
        ("一百二十日", 120, "calendar_day"),
    ],
)
def test_period_from_statute_follows_article_85(text, amount, unit):
    assert period_from_statute(text) == Period(amount, Unit(unit))


@pytest.mark.parametrize("text", ["", "三天", "三周", "abc", "十日日", "-3日", "五千日"])
def test_period_from_statute_rejects_other_wording(text):
    with pytest.raises(InvalidInput):
        period_from_statute(text)


@pytest.mark.parametrize(
    ("amount", "unit"), [(-1, "working_day"), (3651, "calendar_day"), (3, "week"), (True, "working_day")]
)
def test_period_validation(amount, unit):
    with pytest.raises(InvalidInput) as err:
        Period(amount, unit)
    assert err.value.code == "invalid_input"


def test_resolve_period_and_numbers():
    assert resolve_period(text="七日") == Period(7, Unit.WORKING_DAY)
    assert resolve_period(amount=15, unit="calendar_day") == Period(15, Unit.CALENDAR_DAY)
    with pytest.raises(InvalidInput):
        resolve_period(amount=3)
    assert parse_chinese_number("两") == 2 and parse_chinese_number("三百六十五") == 365


def test_a_day_cannot_be_both_holiday_and_makeup():
    with pytest.raises(ValueError):
        WorkCalendar({2030}, [D(2030, 1, 5)], [D(2030, 1, 5)])
