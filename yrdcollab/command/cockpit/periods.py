"""The periods a cockpit figure may cover (period=30d|12m|year) and their day ranges. Pure: no
database."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from yrdcollab.core.dates import day_bounds
from yrdcollab.core.errors import InvalidInput


class Period(StrEnum):
    DAYS_30 = "30d"
    MONTHS_12 = "12m"
    YEAR = "year"


PERIOD_LABELS = {Period.DAYS_30: _("近30天"), Period.MONTHS_12: _("近12个月"), Period.YEAR: _("今年以来")}
DEFAULT_PERIOD = Period.DAYS_30


def parse_period(value: str | None) -> Period:
    """The period a request names ('' or None: the default); anything else is 422 invalid_filter."""
    if value is None or value == "":
        return DEFAULT_PERIOD
    try:
        return Period(value)
    except ValueError:
        raise InvalidInput(
            _("统计周期无效，可选 30d（近30天）、12m（近12个月）、year（今年以来）。"),
            code="invalid_filter",
            details={"field": "period"},
        ) from None


def month_start(day: date, months_back: int = 0) -> date:
    """The first day of the month `months_back` months before the month of `day`."""
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def period_first_day(period: Period, today: date) -> date:
    """The first day the period covers; it runs to today included."""
    if period == Period.DAYS_30:
        return today - timedelta(days=29)
    if period == Period.MONTHS_12:
        return month_start(today, 11)
    return date(today.year, 1, 1)


@dataclass(frozen=True)
class Window:
    """[start, end) in the platform's time zone, with the days it names (first and last included)."""

    first_day: date
    last_day: date

    @property
    def start(self) -> datetime:
        return day_bounds(self.first_day)[0]

    @property
    def end(self) -> datetime:
        return day_bounds(self.last_day)[1]


def period_window(period: Period, today: date) -> Window:
    return Window(period_first_day(period, today), today)
