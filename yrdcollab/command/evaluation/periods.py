"""Evaluation periods: a month `2026-11`, a quarter `2026Q4` or a year `2026`, as half-open windows
[start, end) in the platform's time zone (Asia/Shanghai)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
YEAR_MIN, YEAR_MAX = 2000, 2100


class Granularity:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


@dataclass(frozen=True, order=True)
class Period:
    start: date  # first day
    end: date  # the day after the last day
    granularity: str

    @property
    def code(self) -> str:
        if self.granularity == Granularity.YEAR:
            return f"{self.start.year}"
        if self.granularity == Granularity.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    @property
    def label(self) -> str:
        if self.granularity == Granularity.YEAR:
            return _("%(y)d年") % {"y": self.start.year}
        if self.granularity == Granularity.QUARTER:
            return _("%(y)d年第%(q)d季度") % {"y": self.start.year, "q": (self.start.month - 1) // 3 + 1}
        return _("%(y)d年%(m)d月") % {"y": self.start.year, "m": self.start.month}

    @property
    def months(self) -> int:
        return _month_index(self.end) - _month_index(self.start)

    def bounds(self) -> tuple[datetime, datetime]:
        """The half-open window as aware datetimes."""
        zone = timezone.get_current_timezone()
        return (
            timezone.make_aware(datetime.combine(self.start, time.min), zone),
            timezone.make_aware(datetime.combine(self.end, time.min), zone),
        )

    def shifted(self, steps: int) -> "Period":
        """The period `steps` periods later (negative: earlier), same granularity."""
        return _of_months(_month_index(self.start) + steps * self.months, self.months, self.granularity)

    def trailing(self, months: int) -> tuple[datetime, datetime]:
        """The `months` months that end with this period (a data window longer than the period)."""
        start = _of_months(_month_index(self.end) - months, months, Granularity.MONTH).start
        zone = timezone.get_current_timezone()
        return timezone.make_aware(datetime.combine(start, time.min), zone), self.bounds()[1]


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _of_months(index: int, months: int, granularity: str) -> Period:
    end = index + months
    return Period(date(index // 12, index % 12 + 1, 1), date(end // 12, end % 12 + 1, 1), granularity)


def parse_period(text: str | None) -> Period:
    """`2026-11`, `2026Q4` or `2026`; anything else is 422 invalid_period."""
    value = (text or "").strip().upper()
    year = month = quarter = None
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
    elif match := _QUARTER.match(value):
        year, quarter = int(match[1]), int(match[2])
    elif match := _YEAR.match(value):
        year = int(match[1])
    if year is None or not YEAR_MIN <= year <= YEAR_MAX or (month is not None and not 1 <= month <= 12):
        raise InvalidInput(
            _("评价期间应为月（如 2026-11）、季度（如 2026Q4）或年度（如 2026），年份在 2000 至 2100 之间。"),
            code="invalid_period",
            details={"field": "period"},
        )
    if month is not None:
        return _of_months(year * 12 + month - 1, 1, Granularity.MONTH)
    if quarter is not None:
        return _of_months(year * 12 + (quarter - 1) * 3, 3, Granularity.QUARTER)
    return _of_months(year * 12, 12, Granularity.YEAR)


def current_period(granularity: str = Granularity.QUARTER, today: date | None = None) -> Period:
    """The period of `granularity` containing today."""
    today = today or timezone.localdate()
    if granularity == Granularity.YEAR:
        return parse_period(f"{today.year}")
    if granularity == Granularity.MONTH:
        return parse_period(f"{today.year}-{today.month:02d}")
    return parse_period(f"{today.year}Q{(today.month - 1) // 3 + 1}")


def trend(period: Period, count: int) -> list[Period]:
    """`count` periods ending with `period`, oldest first."""
    return [period.shifted(-i) for i in range(count - 1, -1, -1)]
