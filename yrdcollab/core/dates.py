"""Chinese-style dates for text that is stored or exported in Chinese (notification bodies, CSV,
official letters): 2026年11月27日. Pages use Django's localized formats instead
(`|date:"DATE_FORMAT"`), so English pages show English dates."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone


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
