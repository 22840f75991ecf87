"""Pure: schedule parsing and the reminder decision."""

from datetime import date

import pytest

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.workdays.parsing import MAX_SCHEDULE_BYTES, parse_schedule
from yrdcollab.platform.workdays.reminders import years_to_remind


def test_parse_csv_lines(schedule_2027):
    schedule = parse_schedule(schedule_2027, year=2027)
    assert len(schedule.holidays) == 17
    assert schedule.makeup_days == [(date(2027, 2, 13), "春节"), (date(2027, 10, 9), "国庆节")]


def test_parse_json_and_chinese_aliases():
    text = '[{"date": "2027-02-06", "kind": "休", "name": "春节"}, {"date": "2027-02-13", "kind": "班", "name": ""}]'
    schedule = parse_schedule(text.encode("utf-8"), year=2027)
    assert schedule.holidays == [(date(2027, 2, 6), "春节")]
    assert schedule.makeup_days == [(date(2027, 2, 13), "")]
    assert parse_schedule("2027-02-06，holiday，春节\n").holidays == [(date(2027, 2, 6), "春节")]


def test_every_bad_line_is_reported_and_nothing_returned():
    text = "\n".join(
        [
            "2027-02-06,holiday,春节",  # 1 ok
            "2027-02-30,holiday,春节",  # 2 bad date
            "2027-02-07,vacation,春节",  # 3 bad kind
            "2026-02-08,holiday,春节",  # 4 wrong year
            "2027-02-10,makeup_workday,春节",  # 5 Wednesday cannot be a make-up day
            "2027-02-06,holiday,春节",  # 6 duplicate
            "2027-02-09",  # 7 too few cells
            "2027-02-11,holiday,",  # 8 holiday without a name
        ]
    )
    with pytest.raises(InvalidInput) as err:
        parse_schedule(text, year=2027)
    assert [e["line"] for e in err.value.details["errors"]] == [2, 3, 4, 5, 6, 7, 8]
    assert "第 1 行" in err.value.details["errors"][4]["message"]


def test_limits_and_encoding():
    with pytest.raises(InvalidInput):
        parse_schedule(b"x" * (MAX_SCHEDULE_BYTES + 1))
    with pytest.raises(InvalidInput):
        parse_schedule("2027-02-06,holiday,春节".encode("gbk"))
    with pytest.raises(InvalidInput):
        parse_schedule("# only a comment\n")
    with pytest.raises(InvalidInput):
        parse_schedule("[{bad json")


@pytest.mark.parametrize(
    ("today", "known", "expected"),
    [
        (date(2026, 10, 31), {2026}, []),  # before 1 November: quiet
        (date(2026, 11, 1), {2026}, [2027]),  # from 1 November: next year missing
        (date(2026, 11, 27), {2026}, [2027]),
        (date(2026, 12, 31), {2026, 2027}, []),  # loaded: quiet
        (date(2027, 1, 3), {2026}, [2027]),  # the year began without its schedule
        (date(2027, 11, 2), {2026}, [2027, 2028]),
    ],
)
def test_years_to_remind(today, known, expected):
    assert years_to_remind(today, known) == expected
