"""The 日报 (compiled from the day's data, automatically every evening) and the post-event summary
(over the whole period, when the event closes): figures as JSON, the PDF in the content-addressed
store, one row per event, kind and day, and a notification to the liaison and bureau leader of every
participating agency."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.evidence import store
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import Conflict, InvalidInput, NotFound
from yrdcollab.platform.audit.services import audit_record

from ..models import EventReport, MajorEvent
from ..selectors import access_event, access_report, active_events_on
from ..states import EventStatus, ReportKind
from ._common import notify_leaders, participant_ids, require_lead_manager
from .figures import daily_figures, figures_for
from .pdf import render_report


def _title(kind: str, day: date) -> str:
    if kind == ReportKind.SUMMARY:
        return _("执法保障总结报告")
    return _("执法保障日报（%(day)s）") % {"day": chinese_date(day)}


@transaction.atomic
def event_report_compile(
    *, event: MajorEvent, day: date, kind: str = ReportKind.DAILY, actor=None, replace: bool = False
) -> EventReport:
    """Idempotent per event, kind and day: an existing report is returned unchanged unless `replace`
    (then its figures and PDF are replaced, and the replacement audited). `actor` None = the worker."""
    if kind not in ReportKind.values:
        raise InvalidInput(code="invalid_choice", details={"field": "kind"})
    event = MajorEvent.objects.select_for_update(of=("self",)).select_related("lead_agency").get(pk=event.pk)
    if kind == ReportKind.SUMMARY:
        day = event.ends_on
    elif not event.starts_on <= day <= event.ends_on:
        raise InvalidInput(_("日期不在活动期间内。"), code="outside_event_period", details={"field": "day"})
    existing = EventReport.objects.select_for_update().filter(event=event, kind=kind, day=day).first()
    if existing is not None and not replace:
        return existing
    figures = (
        figures_for(event, event.starts_on, event.ends_on) if kind == ReportKind.SUMMARY else daily_figures(event, day)
    )
    now = timezone.now()
    number = (
        existing.number if existing else f"{event.code}-{'ZJ' if kind == ReportKind.SUMMARY else 'RB'}-{day:%Y%m%d}"
    )
    title = _title(kind, day)
    pdf = render_report(event=event, report_title=title, number=number, figures=figures, compiled_at=now)
    digest = store.store_put(pdf)
    if existing is None:
        report = EventReport.objects.create(
            event=event,
            kind=kind,
            day=day,
            number=number,
            figures=figures,
            pdf_sha256=digest,
            compiled_at=now,
            compiled_by=actor,
        )
        action = "event.report_compiled"
    else:
        report = existing
        report.figures, report.pdf_sha256, report.compiled_at, report.compiled_by = figures, digest, now, actor
        report.save()
        action = "event.report_recompiled"
    _notify(report, event)
    audit_record(
        actor=actor,
        action=action,
        obj=report,
        agency=event.lead_agency if actor is None else None,
        summary={
            "event": event.code,
            "kind": kind,
            "day": str(day),
            "pdf_sha256": digest,
            "incidents": figures["incidents"],
            "check_ins": figures["check_ins"],
        },
    )
    return report


def _notify(report: EventReport, event: MajorEvent) -> None:
    f = report.figures
    notify_leaders(
        agency_ids=participant_ids(event),
        kind=f"event.report_{report.kind}",
        title=f"{event.name}{_title(report.kind, report.day)}",
        body=_(
            "在岗人员 %(officers)d 名，巡查打卡 %(checks)d 次，现场事件 %(incidents)d 起（紧急 %(urgent)d 起），"
            "增援人员 %(reinforcement)d 名。"
        )
        % {
            "officers": f["officers_on_duty"],
            "checks": f["check_ins"],
            "incidents": f["incidents"],
            "urgent": f["urgent_incidents"],
            "reinforcement": f["reinforcement_officers"],
        },
        link=reverse("events:report_detail", args=[report.public_id]),
    )


def report_compile_by(
    *, actor, event_id, day: date | None, kind: str = ReportKind.DAILY, replace: bool = False
) -> EventReport:
    """A manager of the lead agency compiles (or, explicitly, re-compiles) a report by hand."""
    event = access_event(actor=actor, public_id=event_id)
    require_lead_manager(actor, event)
    if kind == ReportKind.DAILY and day is None:
        raise InvalidInput(_("请选择日报日期。"), code="required", details={"field": "day"})
    if kind == ReportKind.SUMMARY and event.status != EventStatus.CLOSED:
        raise Conflict(_("活动结束后才能生成总结报告。"), code="event_not_closed")
    return event_report_compile(event=event, day=day or event.ends_on, kind=kind, actor=actor, replace=replace)


def report_pdf(*, actor, report_id) -> tuple[EventReport, bytes]:
    """The stored PDF, checked against the hash the report was issued with; every download is audited.
    A file gone from the store is 404, a file whose bytes no longer match is 409 stored_file_corrupt."""
    report = access_report(actor=actor, public_id=report_id)
    try:
        blob = store.store_get(report.pdf_sha256)
    except store.StoredFileMissing:
        raise NotFound(_("报告文件缺失，请联系平台管理员。")) from None
    if blob.sha256 != report.pdf_sha256:
        raise Conflict(_("报告文件与其哈希不符，可能已被篡改。"), code="stored_file_corrupt")
    audit_record(actor=actor, action="event.report_downloaded", obj=report, summary={"number": report.number})
    return report, blob.data


def reports_compile_due(*, today: date | None = None) -> list[EventReport]:
    """The worker's evening job: today's 日报 of every active event (idempotent: a report already
    compiled today is kept), and the summary of every event that ended and is closed without one."""
    today = today or timezone.localdate()
    compiled = [event_report_compile(event=event, day=today) for event in active_events_on(today).order_by("pk")]
    for event in MajorEvent.objects.filter(status=EventStatus.CLOSED).exclude(reports__kind=ReportKind.SUMMARY):
        compiled.append(event_report_compile(event=event, day=event.ends_on, kind=ReportKind.SUMMARY))
    return compiled
