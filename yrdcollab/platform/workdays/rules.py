"""Pure working-day arithmetic (no database). Everything else in the app feeds a `WorkCalendar`.

Counting conventions (行政处罚法 and the usual reading of Chinese deadline clauses):
* A period starts counting on the day AFTER the start date: "三日内" from Monday ends on Thursday
  when every day is a working day.
* `add_working_days(start, 0)` returns `start` itself (no day counted, no adjustment), so a zero
  period never moves a date; callers wanting "today or the next working day" use
  `next_working_day(start - 1 day)`.
* A year the calendar does not know (the State Council has not yet published its schedule) is
  counted from weekends alone, and any result that relied on such a year is *provisional*.
* Calendar-day periods are plain date arithmetic. 行政处罚法 art. 85 only says "二日""三日""五日""七日"
  mean working days excluding statutory holidays; it contains NO rule extending a calendar-day period
  whose last day is a holiday, so none is applied here — and such a result is never provisional,
  because it does not depend on the holiday schedule.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidInput

MAX_PERIOD_DAYS = 3650
ONE_DAY = timedelta(days=1)


class Unit(StrEnum):
    WORKING_DAY = "working_day"
    CALENDAR_DAY = "calendar_day"


UNIT_LABELS = {Unit.WORKING_DAY: _("个工作日"), Unit.CALENDAR_DAY: _("日（自然日）")}


@dataclass(frozen=True)
class Period:
    amount: int
    unit: Unit

    def __post_init__(self):
        try:
            unit = Unit(self.unit)
        except ValueError:
            raise InvalidInput(
                _("期间单位无效，应为 working_day 或 calendar_day。"),
                details={"field": "unit", "value": str(self.unit)},
            ) from None
        object.__setattr__(self, "unit", unit)
        if isinstance(self.amount, bool) or not isinstance(self.amount, int):
            raise InvalidInput(_("期间天数必须是整数。"), details={"field": "amount"})
        if not 0 <= self.amount <= MAX_PERIOD_DAYS:
            raise InvalidInput(
                _("期间天数必须在 0 到 3650 之间。"),
                details={"field": "amount", "value": self.amount, "max": MAX_PERIOD_DAYS},
            )

    @property
    def label(self) -> str:
        return f"{self.amount}{UNIT_LABELS[self.unit]}"


# 行政处罚法 art. 85: 本法中"二日""三日""五日""七日"的规定是指工作日，不含法定节假日。
# Every other "N日" of that law (十日, 十五日, 六十日, 九十日 ...) is a calendar-day period.
ART85_WORKING_DAY_AMOUNTS = frozenset({2, 3, 5, 7})

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_STATUTE_RE = re.compile(
    r"^\s*(?P<num>[0-9]+|[零〇一二两三四五六七八九十百千]+)\s*"
    r"(?P<unit>个?工作日|个?自然日|日)(?:内|以内)?\s*$"
)


def parse_chinese_number(text: str) -> int:
    """ "三" → 3, "十五" → 15, "九十" → 90, "一百二十" → 120, "365" → 365."""
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char in _UNITS:
            total += (current or 1) * _UNITS[char]
            current = 0
        else:
            raise ValueError(text)
    return total + current


def period_from_statute(text: str) -> Period:
    """Reads a statutory period the way 行政处罚法 art. 85 does.

    * "二日" "三日" "五日" "七日" → working days (art. 85);
    * any other "N日" ("十日", "十五日", "九十日", "一日") → calendar days (art. 85 lists only those four);
    * "N个工作日" / "N工作日" → working days; "N个自然日" → calendar days, whatever N is;
    * Arabic digits are accepted ("15个工作日", "10日"); "N天" is not a statutory form and is rejected.
    Other statutes with different rules should build `Period` directly.
    """
    match = _STATUTE_RE.match(text or "")
    if not match:
        raise InvalidInput(
            _("无法识别的期间写法，例如：三日、十日、15个工作日。"), details={"field": "period", "value": text}
        )
    try:
        amount = parse_chinese_number(match["num"])
    except ValueError:
        raise InvalidInput(_("无法识别的期间天数。"), details={"field": "period", "value": text}) from None
    unit_text = match["unit"]
    if unit_text.endswith("工作日"):
        unit = Unit.WORKING_DAY
    elif unit_text.endswith("自然日"):
        unit = Unit.CALENDAR_DAY
    else:
        unit = Unit.WORKING_DAY if amount in ART85_WORKING_DAY_AMOUNTS else Unit.CALENDAR_DAY
    return Period(amount, unit)


@dataclass(frozen=True)
class SkippedDay:
    date: date
    kind: str  # "holiday" | "weekend"
    name: str = ""


@dataclass(frozen=True)
class DueDate:
    start: date
    period: Period
    date: date
    provisional: bool
    provisional_years: tuple[int, ...] = ()
    skipped_days: tuple[SkippedDay, ...] = field(default=(), repr=False)

    @property
    def calendar_days(self) -> int:
        return (self.date - self.start).days


class WorkCalendar:
    """Statutory holidays and make-up working days (调休上班日) of the years whose official schedule is
    known. `holidays` / `makeup_days` are mappings date → name (e.g. 春节) or plain iterables of dates."""

    def __init__(
        self,
        known_years: Iterable[int],
        holidays: Mapping[date, str] | Iterable[date] = (),
        makeup_days: Mapping[date, str] | Iterable[date] = (),
    ):
        self.known_years = frozenset(known_years)
        self.holidays: dict[date, str] = (
            dict(holidays) if isinstance(holidays, Mapping) else dict.fromkeys(holidays, "")
        )
        self.makeup_days: dict[date, str] = (
            dict(makeup_days) if isinstance(makeup_days, Mapping) else dict.fromkeys(makeup_days, "")
        )
        both = self.holidays.keys() & self.makeup_days.keys()
        if both:
            raise ValueError(f"dates both holiday and make-up working day: {sorted(both)}")

    def is_known(self, day: date) -> bool:
        return day.year in self.known_years

    def is_working_day(self, day: date) -> bool:
        if day.year in self.known_years:
            if day in self.makeup_days:
                return True
            if day in self.holidays:
                return False
        return day.weekday() < 5

    def day_kind(self, day: date) -> str:
        """ "holiday" | "makeup_workday" | "weekend" | "workday" (unknown years: weekend rule only)."""
        if day.year in self.known_years:
            if day in self.makeup_days:
                return "makeup_workday"
            if day in self.holidays:
                return "holiday"
        return "weekend" if day.weekday() >= 5 else "workday"

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        day += ONE_DAY
        while not self.is_working_day(day):
            day += ONE_DAY
        return day

    def add_working_days(self, start: date, n: int) -> date:
        return self.due_date(start, Period(n, Unit.WORKING_DAY)).date

    @staticmethod
    def add_calendar_days(start: date, n: int) -> date:
        Period(n, Unit.CALENDAR_DAY)  # validates n
        return start + timedelta(days=n)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end] — the inverse of `add_working_days`; negative if end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        count, day = 0, start
        while day < end:
            day += ONE_DAY
            count += self.is_working_day(day)
        return count

    def due_date(self, start: date, period: Period) -> DueDate:
        if period.unit == Unit.CALENDAR_DAY:
            return DueDate(start, period, start + timedelta(days=period.amount), provisional=False)
        day, remaining, years, skipped = start, period.amount, set(), []
        while remaining:
            day += ONE_DAY
            years.add(day.year)
            if self.is_working_day(day):
                remaining -= 1
            else:
                kind = self.day_kind(day)
                skipped.append(SkippedDay(day, kind, self.holidays.get(day, "") if kind == "holiday" else ""))
        unknown = tuple(sorted(years - self.known_years))
        return DueDate(
            start, period, day, provisional=bool(unknown), provisional_years=unknown, skipped_days=tuple(skipped)
        )


def resolve_period(*, amount: int | None = None, unit: str | None = None, text: str | None = None) -> Period:
    """A period from either statutory wording ("三日") or amount + unit, as forms and the API accept."""
    if text:
        return period_from_statute(text)
    if amount is None or not unit:
        raise InvalidInput(_("请填写期间：例如 三日、十日，或天数加单位。"), details={"field": "period"})
    return Period(amount, unit)


def due_date_summary(result: DueDate) -> dict:
    """The API / template representation of a DueDate."""
    return {
        "start": result.start,
        "amount": result.period.amount,
        "unit": result.period.unit,
        "period_label": result.period.label,
        "due_date": result.date,
        "provisional": result.provisional,
        "provisional_years": list(result.provisional_years),
        "counted_days": result.period.amount,
        "calendar_days": result.calendar_days,
        "skipped_days": [{"date": s.date, "kind": s.kind, "name": s.name} for s in result.skipped_days],
    }
