"""The 日报 of every active event is compiled each evening (YRD_EVENT_REPORT_HOUR:MINUTE, Asia/Shanghai)
by the worker; the summary of a closed event that has none yet as well."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey.contrib.djhuey import HUEY, db_periodic_task

from .conf import SETTINGS
from .services.reports import reports_compile_due


def at_report_time(timestamp: datetime) -> bool:
    """Huey hands periodic validators a naive UTC timestamp when utc=True (the default)."""
    if HUEY.utc:
        timestamp = timestamp.replace(tzinfo=UTC).astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
    return timestamp.hour == SETTINGS.YRD_EVENT_REPORT_HOUR and timestamp.minute == SETTINGS.YRD_EVENT_REPORT_MINUTE


def event_reports_compile_daily() -> list[str]:
    return [report.number for report in reports_compile_due()]


@db_periodic_task(at_report_time)
def event_reports_periodic() -> list[str]:
    return event_reports_compile_daily()
