"""Task-queue jobs of the calendar: recomputing provisional deadlines after a load, and the daily
reminder to load next year's schedule."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .registry import run_provisional_recomputers
from .services import calendar_invalidate

_nine_am = crontab(hour="9", minute="0")


def at_nine_local(timestamp: datetime) -> bool:
    """09:00 in the platform's time zone (Asia/Shanghai). Huey hands periodic validators a naive UTC
    timestamp by default (utc=True), which a bare crontab would read as 09:00 UTC = 17:00 in Shanghai."""
    if HUEY.utc:
        timestamp = timestamp.replace(tzinfo=UTC).astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
    return _nine_am(timestamp)


class RecomputeFailed(Exception):
    pass


@db_task(retries=3, retry_delay=60)
def recompute_provisional_deadlines(year: int) -> None:
    calendar_invalidate()  # this process may hold the fingerprint from before the load (per-process cache)
    failed = run_provisional_recomputers(year)
    if failed:
        raise RecomputeFailed(f"{year}: {', '.join(failed)}")


@db_periodic_task(at_nine_local)
def remind_missing_calendar_year() -> None:
    from .reminders import calendar_remind_missing_years

    calendar_remind_missing_years()
