"""The 日报 of every active event is compiled each evening (YRD_EVENT_REPORT_HOUR:MINUTE, Asia/Shanghai)
by the worker; the summary of a closed event that has none yet as well."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

from .conf import SETTINGS
from .models import MajorEvent
from .services.reports import event_report_compile, reports_compile_due
from .states import ReportKind


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


@db_task()
def event_summary_compile(event_pk: int, actor_pk: int | None) -> str:
    """The post-event summary of a just closed event, in the name of whoever closed it (idempotent:
    a summary already compiled is kept)."""
    with transaction.atomic():
        event = MajorEvent.objects.get(pk=event_pk)
        actor = get_user_model().objects.filter(pk=actor_pk).first() if actor_pk else None
        return event_report_compile(event=event, day=event.ends_on, kind=ReportKind.SUMMARY, actor=actor).number
