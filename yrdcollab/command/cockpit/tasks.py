"""The cockpit's pre-aggregation in the worker: the nightly rollup of yesterday (and of any day a
missed night left out) at YRD_COCKPIT_ROLLUP_HOUR:MINUTE Beijing time, and the snapshot of records
under publicity every YRD_COCKPIT_CREDIT_SNAPSHOT_MINUTES."""

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey.contrib.djhuey import HUEY, db_periodic_task

from .conf import SETTINGS
from .services import cockpit_credit_snapshot_take, cockpit_rollup_nightly

logger = logging.getLogger("yrdcollab.command.cockpit")


def _local(timestamp: datetime) -> datetime:
    """Huey hands its scheduler naive UTC when `utc` is on (the default) and naive server time
    otherwise; either way the question is asked in the platform's time zone (Asia/Shanghai)."""
    source = UTC if HUEY.utc else None
    aware = timestamp.replace(tzinfo=source) if source else timestamp.astimezone()
    return aware.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)


def at_rollup_time(timestamp: datetime) -> bool:
    local = _local(timestamp)
    return local.hour == SETTINGS.YRD_COCKPIT_ROLLUP_HOUR and local.minute == SETTINGS.YRD_COCKPIT_ROLLUP_MINUTE


def at_credit_snapshot_time(timestamp: datetime) -> bool:
    every = max(1, SETTINGS.YRD_COCKPIT_CREDIT_SNAPSHOT_MINUTES)
    local = _local(timestamp)
    return (local.hour * 60 + local.minute) % every == 0


@db_periodic_task(at_rollup_time)
def cockpit_rollup_periodic() -> dict:
    result = cockpit_rollup_nightly().as_dict()
    logger.info("cockpit rollup", extra=result)
    return result


@db_periodic_task(at_credit_snapshot_time)
def cockpit_credit_snapshot_periodic() -> int:
    return cockpit_credit_snapshot_take()
