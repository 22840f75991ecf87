"""The automatically compiled 日报: the worker's task function, figures that match the day's data, a
PDF that parses, a notification to the liaison and bureau leader of every participating agency."""

import io
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from yrdcollab.casework.evidence.store import store_get
from yrdcollab.core.errors import InvalidInput
from yrdcollab.field.events import services
from yrdcollab.field.events.models import EventReport
from yrdcollab.field.events.tasks import event_reports_compile_daily
from yrdcollab.platform.accounts.models import OfficerCertificate

from .conftest import CONTROL_POINT, CORE_POINT, FAR_POINT, certify


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _duty(w, day):
    """A roster of 青浦 for the event: two shifts today (one short of an officer), check-ins, one flagged."""
    from yrdcollab.field.duty.models import CheckIn, Roster, Shift, ShiftAssignment

    roster = Roster.objects.create(
        name="进博会保障勤务表",
        kind="event",
        organiser=w.lead.agency,
        event=w.event,
        starts_on=w.event.starts_on,
        ends_on=w.event.ends_on,
        created_by=w.lead,
    )
    roster.agencies.add(w.lead.agency, w.partner_officer.agency)
    certify(w.officer, number="QP-1")
    certify(w.partner_officer, number="JS-1")
    gate = Shift.objects.create(
        roster=roster, post="北广场入口", starts_at=_at(day, 8), ends_at=_at(day, 12), required_count=2
    )
    loop = Shift.objects.create(
        roster=roster, post="崧泽大道巡逻", starts_at=_at(day, 13), ends_at=_at(day, 17), required_count=2
    )
    yesterday = Shift.objects.create(
        roster=roster,
        post="北广场入口",
        starts_at=_at(day - timedelta(days=1), 8),
        ends_at=_at(day - timedelta(days=1), 12),
        required_count=1,
    )
    assignments = []
    for shift, officer in ((gate, w.officer), (gate, w.partner_officer), (loop, w.officer), (yesterday, w.officer)):
        assignments.append(
            ShiftAssignment.objects.create(
                shift=shift,
                officer=officer,
                certificate=OfficerCertificate.objects.get(holder=officer),
                starts_at=shift.starts_at,
                ends_at=shift.ends_at,
                assigned_by=w.lead,
            )
        )
    for index, (assignment, flag) in enumerate(
        [
            (assignments[0], ""),
            (assignments[0], ""),
            (assignments[1], "outside_area"),
            (assignments[2], ""),
            (assignments[3], ""),
        ]
    ):
        CheckIn.objects.create(
            assignment=assignment,
            shift=assignment.shift,
            roster=roster,
            officer=assignment.officer,
            agency=assignment.officer.agency,
            at=assignment.starts_at + timedelta(minutes=10 + index),
            lon=CORE_POINT[0],
            lat=CORE_POINT[1],
            flag=flag,
        )


def test_the_evening_task_compiles_the_daily_report_of_every_active_event(
    event_world, django_capture_on_commit_callbacks
):
    from yrdcollab.platform.notifications.models import Notification

    w = event_world
    today = timezone.localdate()
    _duty(w, today)
    request = services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=3,
            vehicles_requested=2,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="核心区外围巡逻",
        ),
    )
    services.reinforcement_transition(
        actor=w.provider_leader,
        request_id=request.public_id,
        action="grant",
        officers=[str(o.public_id) for o in w.provider_officers[:2]],
        vehicles=1,
    )
    urgent = services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(
            matter_code="0501", description="核心区流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]
        ),
    )
    services.incident_transition(actor=w.partner_officer, incident_id=urgent.public_id, action="claim")
    services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(
            matter_code="0602", description="商业噪声", lon=CONTROL_POINT[0], lat=CONTROL_POINT[1]
        ),
    )
    services.incident_report(
        actor=w.partner_officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0101", description="远处小广告", lon=FAR_POINT[0], lat=FAR_POINT[1]),
    )

    with django_capture_on_commit_callbacks(execute=True):
        numbers = event_reports_compile_daily()
    report = EventReport.objects.get(event=w.event, kind="daily", day=today)
    assert numbers == [report.number] and report.compiled_by is None
    f = report.figures
    assert f["shifts"] == 2 and f["required"] == 4 and f["staffed"] == 3 and f["staffing_gap"] == 1
    assert f["understaffed_shifts"] == 1 and f["officers_on_duty"] == 2
    assert f["check_ins"] == 4 and f["flagged_check_ins"] == 1
    assert f["incidents"] == 3 and f["urgent_incidents"] == 1 and f["untagged_incidents"] == 1
    assert f["overdue_incidents"] == 0  # all reported moments ago, none past its respond-by time yet
    assert f["incidents_by_level"] == {"core": 1, "control": 1, "buffer": 0}
    assert f["incidents_by_status"] == {"open": 2, "handling": 1, "resolved": 0}
    assert f["average_response_minutes"] is not None and f["average_response_minutes"] < 1
    assert f["reinforcement_officers"] == 2 and f["reinforcement_vehicles"] == 1 and f["reinforcement_requests"] == 1
    assert set(f["participants"]) == {
        "上海市青浦区城市管理行政执法局",
        "嘉善县综合行政执法局",
        "苏州市吴江区综合行政执法局",
    }
    assert f["previous_day"]["check_ins"] == {"value": 1, "change": 3}
    assert {r["agency"]: r["officers"] for r in f["by_agency"]} == {"青浦区城管执法局": 1, "嘉善县综合执法局": 1}

    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(store_get(report.pdf_sha256).data)).pages)
    assert "执法保障日报" in text and report.number in text
    notified = set(
        Notification.objects.filter(kind="event.report_daily").values_list("recipient__agency_id", flat=True)
    )
    assert notified == {w.lead.agency_id, w.partner_leader.agency_id, w.provider_leader.agency_id}
    roles = set(
        Notification.objects.filter(kind="event.report_daily").values_list(
            "recipient__role_assignments__role", flat=True
        )
    )
    assert roles <= {"liaison", "bureau_leader"}

    # a second run the same evening keeps the issued report
    with django_capture_on_commit_callbacks(execute=True):
        assert event_reports_compile_daily() == [report.number]
    assert EventReport.objects.get(pk=report.pk).compiled_at == report.compiled_at


def test_a_recompile_replaces_the_figures_only_when_asked(event_world):
    from yrdcollab.platform.audit.models import AuditEntry

    w = event_world
    today = timezone.localdate()
    first = services.report_compile_by(actor=w.lead, event_id=w.event.public_id, day=today)
    assert first.figures["incidents"] == 0
    services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    same = services.report_compile_by(actor=w.lead, event_id=w.event.public_id, day=today)
    assert same.figures["incidents"] == 0
    again = services.report_compile_by(actor=w.lead, event_id=w.event.public_id, day=today, replace=True)
    assert again.pk == first.pk and again.figures["incidents"] == 1
    assert AuditEntry.objects.filter(action="event.report_recompiled").count() == 1
    with pytest.raises(InvalidInput):
        services.report_compile_by(actor=w.lead, event_id=w.event.public_id, day=w.event.ends_on + timedelta(days=1))


def test_closing_the_event_compiles_the_summary(event_world, django_capture_on_commit_callbacks):
    w = event_world
    services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.event_transition(actor=w.lead, event_id=w.event.public_id, action="close")
    assert not EventReport.objects.filter(kind="summary").exists()  # the worker's, after commit
    for callback in callbacks:
        callback()
    summary = EventReport.objects.get(event=w.event, kind="summary")
    assert summary.compiled_by == w.lead
    assert summary.day == w.event.ends_on and summary.figures["incidents"] == 1
    assert summary.figures["period"] == [str(w.event.starts_on), str(w.event.ends_on)]


def test_an_incident_past_its_respond_by_time_counts_as_overdue(event_world):
    from yrdcollab.field.events.models import Incident
    from yrdcollab.field.events.selectors import is_overdue

    w = event_world
    incident = services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    now = timezone.localtime()
    earlier = max(now.replace(hour=0, minute=0, second=1, microsecond=0), now - timedelta(minutes=30))
    Incident.objects.filter(pk=incident.pk).update(reported_at=earlier, respond_by=earlier + timedelta(seconds=1))
    incident.refresh_from_db()
    assert is_overdue(incident)
    report = services.event_report_compile(event=w.event, day=timezone.localdate())
    assert report.figures["overdue_incidents"] == 1
