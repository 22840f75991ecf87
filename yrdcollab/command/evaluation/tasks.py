"""The nightly refresh of the monthly measures table, at 01:30 Beijing time (before the audit chain's
02:30 check, after the day's work)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

from .services import measure_months_refresh

_at_0130 = crontab(minute="30", hour="1")


def nightly_at_0130_local(timestamp: datetime) -> bool:
    """Huey hands its scheduler naive UTC when `utc` is on (the default) and naive server time
    otherwise; either way the question is asked in the platform's time zone (Asia/Shanghai)."""
    source = UTC if HUEY.utc else None
    aware = timestamp.replace(tzinfo=source) if source else timestamp.astimezone()
    return _at_0130(aware.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None))


@db_periodic_task(nightly_at_0130_local)
def measure_months_nightly() -> dict:
    return measure_months_refresh().as_dict()
