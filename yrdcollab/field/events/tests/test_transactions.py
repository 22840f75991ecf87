"""How the services use their transaction (DESIGN §1, §3.2):

* notifications are written inside it (one notification job row, which the worker composes into
  inbox and outbox rows after commit, issue #13: it commits with the change, or not at all), so they
  exist without any on-commit callback running;
* the audit entry is the last write of every service: on PostgreSQL an append takes the chain lock
  held until commit, so nothing heavy (the PDF of the summary) and no other write may follow the first
  append — but the notices, which notifications.notify audits as it writes them, just before ours."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.field.events.models import ReinforcementRequest
from yrdcollab.field.events.rings import ring_geojson
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification, NotificationJob, OutboxMessage

from .conftest import CORE_POINT, VENUE

AUDIT_TABLE = AuditEntry._meta.db_table
TAIL = {"audit", Notification._meta.db_table, OutboxMessage._meta.db_table, NotificationJob._meta.db_table}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


class Writes:
    """The tables written, in order ("audit" for an audit append, "render" when a PDF is rendered)."""

    def __init__(self, monkeypatch):
        self.log: list[str] = []
        from yrdcollab.field.events.services import reports

        real_render = reports.render_report

        def render(**kwargs):
            self.log.append("render")
            return real_render(**kwargs)

        monkeypatch.setattr(reports, "render_report", render)

    def __call__(self, execute, sql, params, many, context):
        if AUDIT_TABLE in sql or "pg_advisory_xact_lock" in sql:
            self.log.append("audit")
        else:
            match = WRITE.match(sql)
            if match:
                self.log.append(match.group(1))
        return execute(sql, params, many, context)

    def run(self, call):
        self.log.clear()
        with connection.execute_wrapper(self):
            result = call()
        return result

    def assert_audit_last(self):
        assert self.log and self.log[-1] == "audit", self.log
        after = self.log[self.log.index("audit") :]
        assert set(after) <= TAIL, f"written after the first audit append: {self.log}"


def _request(w, provider=None, officers=2, vehicles=1):
    today = timezone.localdate()
    return services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str((provider or w.provider_leader).agency.public_id),
            officers_requested=officers,
            vehicles_requested=vehicles,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="外围巡逻",
        ),
    )


def _notified(kind, agency) -> int:
    """Notices of `kind` written for the agency's people: the job rows of the change's transaction."""
    return sum(agency.pk in job.agency_ids for job in NotificationJob.objects.filter(kind=kind))


def test_notifications_are_written_with_the_change_not_after_commit(event_world):
    """No on-commit callback runs inside a test's transaction: each notice must already be there."""
    w = event_world
    services.event_participant_add(
        actor=w.lead, event_id=w.event.public_id, agency_id=str(w.provider_leader.agency.public_id)
    )
    assert _notified("event.participant_added", w.provider_leader.agency) >= 1
    request = _request(w)
    assert _notified("reinforcement.requested", w.provider_leader.agency) >= 1
    services.reinforcement_transition(
        actor=w.provider_leader,
        request_id=request.public_id,
        action="grant",
        officers=[str(w.provider_officers[0].public_id)],
    )
    assert _notified("reinforcement.answered", w.lead.agency) >= 1
    declined = _request(w)
    before = _notified("reinforcement.answered", w.lead.agency)
    services.reinforcement_transition(
        actor=w.provider_leader, request_id=declined.public_id, action="decline", reason="同期另有任务"
    )
    assert _notified("reinforcement.answered", w.lead.agency) > before
    withdrawn = _request(w)
    before = _notified("reinforcement.withdrawn", w.provider_leader.agency)
    services.reinforcement_transition(actor=w.lead, request_id=withdrawn.public_id, action="withdraw")
    assert _notified("reinforcement.withdrawn", w.provider_leader.agency) > before

    services.incident_report(
        actor=w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(
            matter_code="0501", description="核心区流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]
        ),
    )
    assert _notified("event.incident_urgent", w.partner_officer.agency) >= 1
    services.report_compile_by(actor=w.lead, event_id=w.event.public_id, day=timezone.localdate())
    assert _notified("event.report_daily", w.partner_leader.agency) >= 1


def test_a_sensing_alert_notifies_inside_the_incidents_own_transaction(event_world, django_capture_on_commit_callbacks):
    from yrdcollab.field.events.models import Incident
    from yrdcollab.smart.sensing.services import alert_raise

    w = event_world
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        alert = alert_raise(
            matter_code="0604",
            lon=CORE_POINT[0],
            lat=CORE_POINT[1],
            occurred_at=timezone.now(),
            source_kind="device",
            source_ref="CAM-9",
            title="露天烧烤",
            dedupe=False,
        )
    incident = Incident.objects.get(alert=alert)
    assert incident.is_urgent and _notified("event.incident_urgent", w.partner_officer.agency) >= 1
    # the hook's incident transaction scheduled nothing of ours after commit (only the outbox delivery)
    assert all("events" not in getattr(c, "__module__", "") for c in callbacks)


def test_a_failure_after_the_notice_leaves_neither_the_request_nor_the_notice(event_world, monkeypatch):
    from yrdcollab.field.events.services import reinforcements

    w = event_world

    def broken(**kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(reinforcements, "audit_record", broken)
    with pytest.raises(RuntimeError):
        _request(w)
    assert not ReinforcementRequest.objects.exists()
    assert _notified("reinforcement.requested", w.provider_leader.agency) == 0


def test_closing_leaves_the_summary_to_the_worker_which_renders_before_its_audit_append(
    event_world, monkeypatch, django_capture_on_commit_callbacks
):
    w = event_world
    writes = Writes(monkeypatch)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        writes.run(lambda: services.event_transition(actor=w.lead, event_id=w.event.public_id, action="close"))
    assert "render" not in writes.log, writes.log  # no PDF inside the close request
    writes.assert_audit_last()
    assert AuditEntry.objects.order_by("-id").first().action == "event.close"
    worker = Writes(monkeypatch)
    worker.run(lambda: [callback() for callback in callbacks])
    assert "render" in worker.log and worker.log.index("render") < worker.log.index("audit"), worker.log
    assert AuditEntry.objects.order_by("-id").first().action == "event.report_compiled"


def test_every_event_service_audits_last(event_world, monkeypatch):
    w = event_world
    writes = Writes(monkeypatch)
    e = w.event.public_id
    zone = services.ZoneInput(name="外围区", level="buffer", geometry=ring_geojson(*VENUE, 4000, 3000))
    calls = [
        lambda: services.event_create(
            actor=w.lead,
            data=services.EventInput(
                code="wic-audit",
                name="世界互联网大会",
                host_city="310118",
                venue="青浦",
                starts_on=w.event.starts_on,
                ends_on=w.event.ends_on,
                level="national",
            ),
        ),
        lambda: services.event_update(
            actor=w.lead,
            event_id=e,
            data=services.EventInput(
                code=w.event.code,
                name="中国国际进口博览会（改）",
                host_city="310118",
                venue=w.event.venue,
                starts_on=w.event.starts_on,
                ends_on=w.event.ends_on,
                level="national",
            ),
        ),
        lambda: services.event_participant_add(actor=w.lead, event_id=e, agency_id=str(w.outsider.agency.public_id)),
        lambda: services.zone_create(actor=w.lead, event_id=e, data=zone),
        lambda: services.zone_update(
            actor=w.lead,
            zone_id=w.zones["buffer"].public_id,
            data=services.ZoneInput(name="缓冲区", level="buffer", geometry=ring_geojson(*VENUE, 3200, 1500)),
        ),
        lambda: services.zone_delete(actor=w.lead, zone_id=w.zones["buffer"].public_id),
        lambda: services.incident_report(
            actor=w.officer,
            event_id=e,
            data=services.IncidentInput(
                matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]
            ),
        ),
        lambda: _request(w),
        lambda: services.report_compile_by(actor=w.lead, event_id=e, day=timezone.localdate()),
    ]
    for call in calls:
        result = writes.run(call)
        writes.assert_audit_last()
    incident = services.incident_report(
        actor=w.officer,
        event_id=e,
        data=services.IncidentInput(matter_code="0501", description="流动摊贩", lon=CORE_POINT[0], lat=CORE_POINT[1]),
    )
    writes.run(
        lambda: services.incident_transition(actor=w.partner_officer, incident_id=incident.public_id, action="claim")
    )
    writes.assert_audit_last()
    writes.run(lambda: services.report_pdf(actor=w.lead, report_id=result.public_id))
    writes.assert_audit_last()
    for actor, action, payload in (
        (w.provider_leader, "decline", {"reason": "无警力"}),
        (w.lead, "withdraw", {"reason": "已调整"}),
    ):
        request = _request(w)
        writes.run(
            lambda actor=actor, request=request, action=action, payload=payload: services.reinforcement_transition(
                actor=actor, request_id=request.public_id, action=action, **payload
            )
        )
        writes.assert_audit_last()
    request = _request(w)
    writes.run(
        lambda: services.reinforcement_transition(
            actor=w.provider_leader, request_id=request.public_id, action="grant", vehicles=1
        )
    )
    writes.assert_audit_last()
