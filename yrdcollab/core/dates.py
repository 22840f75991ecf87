"""Chinese-style dates for text that is stored or exported in Chinese (notification bodies, CSV,
official letters): 2026年11月27日. Pages use Django's localized formats instead
(`|date:"DATE_FORMAT"`), so English pages show English dates."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime


def chinese_date(value: date | datetime | None) -> str:
    if not value:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return f"{value.year}年{value.month}月{value.day}日"


def chinese_datetime(value: datetime | None, *, seconds: bool = False) -> str:
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{chinese_date(local)} {local:%H:%M:%S}" if seconds else f"{chinese_date(local)} {local:%H:%M}"


def day_bounds(day: date) -> tuple[datetime, datetime]:
    """The half-open [start, end) of a calendar day in the platform's time zone (Asia/Shanghai)."""
    start = timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())
    return start, start + timedelta(days=1)


# The dates the platform accepts from anyone (API bodies and filters, forms, query strings). Its
# matters are recent administrative cases, their deadlines and rosters, and the official holiday
# schedules: nothing before 1900 or after 2100 is a real date here — it is a typo (0202 for 2026) or
# a probe. Outside this range Python's date arithmetic (a day's bounds, a deadline, a time-zone
# conversion) overflows near year 1 and 9999 and PostgreSQL refuses what SQLite stores, so a value
# that got in once breaks every page that shows it.
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2100, 12, 31)
# The widest UTC offsets in use on Earth are −12:00 and +14:00; anything wider is not a time zone.
MAX_UTC_OFFSET = timedelta(hours=14)


def date_out_of_range(value: date | datetime) -> str:
    """Why `value` is refused ("" when it is acceptable): outside DATE_MIN–DATE_MAX, or a time with a
    UTC offset beyond ±14:00."""
    if isinstance(value, datetime):
        offset = value.utcoffset()
        if offset is not None and abs(offset) > MAX_UTC_OFFSET:
            return "utc_offset_out_of_range"
        day = value.date()
    else:
        day = value
    return "" if DATE_MIN <= day <= DATE_MAX else "date_out_of_range"


def parse_bounded_date(text: str | None) -> date | None:
    """A date from a query string or a form (YYYY-MM-DD); None when it is missing, malformed or
    outside DATE_MIN–DATE_MAX, so a filter ignores it instead of failing the page."""
    try:
        day = parse_date((text or "").strip())
    except ValueError:
        return None
    return day if day is not None and not date_out_of_range(day) else None


def parse_bounded_datetime(text: str | None) -> datetime | None:
    """A moment from a query string (ISO 8601, a date alone is its midnight); None when it is
    missing, malformed, outside DATE_MIN–DATE_MAX or has a UTC offset beyond ±14:00."""
    raw = (text or "").strip()
    try:
        moment = parse_datetime(raw)
    except ValueError:
        return None
    if moment is None:
        day = parse_bounded_date(raw)
        if day is None:
            return None
        moment = datetime.combine(day, time.min)
    return moment if not date_out_of_range(moment) else None
