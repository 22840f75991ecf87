"""The credit expiry sweep runs every day at 00:10 Asia/Shanghai in the worker."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task

_ten_past_midnight = crontab(hour="0", minute="10")


def at_ten_past_midnight_local(timestamp: datetime) -> bool:
    """00:10 in the platform's time zone. Huey hands periodic validators a naive UTC timestamp when
    utc=True (the default), which a bare crontab would read as 00:10 UTC = 08:10 in Shanghai."""
    if HUEY.utc:
        timestamp = timestamp.replace(tzinfo=UTC).astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
    return _ten_past_midnight(timestamp)


@db_periodic_task(at_ten_past_midnight_local)
def credit_sweep_daily() -> dict:
    from .services.sweep import credit_sweep

    return credit_sweep().as_dict()
