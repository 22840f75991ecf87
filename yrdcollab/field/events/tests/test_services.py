"""Reinforcement, zone tagging, incidents and visibility through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.field.events import selectors, services
from yrdcollab.field.events.models import Incident, ReinforcementRequest

from .conftest import CONTROL_POINT, CORE_POINT, FAR_POINT, NEAR_BUFFER_POINT


def _request(w, officers=3, vehicles=2):
    today = timezone.localdate()
    return services.reinforcement_request(
        actor=w.lead,
        event_id=w.event.public_id,
        data=services.ReinforcementInput(
            provider=str(w.provider_leader.agency.public_id),
            officers_requested=officers,
            vehicles_requested=vehicles,
            starts_on=today,
            ends_on=today + timedelta(days=2),
            purpose="核心区外围流动摊贩整治",
        ),
    )


def _grant(w, request, **payload):
    return services.reinforcement_transition(
        actor=w.provider_leader, request_id=request.public_id, action="grant", **payload
    )


def test_reinforcement_partly_granted_puts_the_officers_on_the_requesters_roster(
    event_world, django_capture_on_commit_callbacks
):
    from yrdcollab.field.duty.models import RosterMember
    from yrdcollab.platform.notifications.models import Notification

    w = event_world
    with django_capture_on_commit_callbacks(execute=True):
        request = _request(w)
    assert request.number.startswith("沪青城管援〔") and request.status == "pending"
    assert Notification.objects.filter(
        recipient__agency=w.provider_leader.agency, kind="reinforcement.requested"
    ).exists()
    granted = w.provider_officers[:2]
    with django_capture_on_commit_callbacks(execute=True):
        request = _grant(
            w, request, officers=[str(o.public_id) for o in granted], vehicles=1, note="两名队员、一辆巡逻车"
        )
    assert request.status == "partly_granted" and request.vehicles_granted == 1
    members = RosterMember.objects.filter(roster__event=w.event, roster__organiser=w.lead.agency)
    assert {m.officer_id for m in members} == {o.pk for o in granted}
    assert all(m.source == "reinforcement" and m.reinforcement_id == request.pk for m in members)
    assert w.event.participants.filter(pk=w.provider_leader.agency_id).exists()
    assert Notification.objects.filter(recipient=w.lead, kind="reinforcement.answered").exists()


def test_a_grant_exceeding_the_request_is_refused_without_a_write(event_world):
    w = event_world
    request = _request(w, officers=2, vehicles=1)
    with pytest.raises(InvalidInput) as exc:
        _grant(w, request, officers=[str(o.public_id) for o in w.provider_officers])
    assert exc.value.code == "grant_exceeds_request" and exc.value.details["field"] == "officers"
    with pytest.raises(InvalidInput) as exc:
        _grant(w, request, vehicles=2)
    assert exc.value.code == "grant_exceeds_request" and exc.value.details["field"] == "vehicles"
    request.refresh_from_db()
    assert request.status == "pending" and request.officers_granted.count() == 0


def test_only_the_providers_own_certified_officers_may_be_granted(event_world):
    w = event_world
    request = _request(w)
    with pytest.raises(InvalidInput) as exc:  # a 青浦 officer is not 吴江's to send
        _grant(w, request, officers=[str(w.officer.public_id)])
    assert exc.value.code == "unknown_officer"
    cert = w.provider_officers[0].certificates.get()
    cert.valid_to = timezone.localdate()  # expires before the last day of the reinforcement
    cert.save()
    with pytest.raises(InvalidInput) as exc:
        _grant(w, request, officers=[str(w.provider_officers[0].public_id)])
    assert exc.value.code == "certificate_invalid"


def test_reinforcement_workflow_moves(event_world):
    w = event_world
    request = _request(w)
    with pytest.raises(PermissionDenied):  # the requester does not answer its own request
        services.reinforcement_transition(
            actor=w.lead, request_id=request.public_id, action="decline", reason="人手不足"
        )
    with pytest.raises(PermissionDenied):  # the provider does not withdraw it
        services.reinforcement_transition(actor=w.provider_leader, request_id=request.public_id, action="withdraw")
    services.reinforcement_transition(
        actor=w.lead, request_id=request.public_id, action="withdraw", reason="警力已调整"
    )
    with pytest.raises(InvalidTransition):
        _grant(w, request, vehicles=1)
    other = _request(w)
    declined = services.reinforcement_transition(
        actor=w.provider_leader, request_id=other.public_id, action="decline", reason="同期另有任务"
    )
    assert declined.status == "declined" and declined.response_note == "同期另有任务"


def test_a_request_outside_the_event_period_is_refused(event_world):
    w = event_world
    with pytest.raises(InvalidInput) as exc:
        services.reinforcement_request(
            actor=w.lead,
            event_id=w.event.public_id,
            data=services.ReinforcementInput(
                provider=str(w.provider_leader.agency.public_id),
                officers_requested=1,
                starts_on=w.event.starts_on,
                ends_on=w.event.ends_on + timedelta(days=1),
                purpose="延期",
            ),
        )
    assert exc.value.code == "outside_event_period"
    assert not ReinforcementRequest.objects.exists()


def _report(w, point, matter="0501", actor=None):
    return services.incident_report(
        actor=actor or w.officer,
        event_id=w.event.public_id,
        data=services.IncidentInput(matter_code=matter, description="现场发现", lon=point[0], lat=point[1]),
    )


def test_incidents_are_tagged_with_the_innermost_or_nearest_zone(event_world):
    w = event_world
    core = _report(w, CORE_POINT)
    assert core.zone == w.zones["core"] and core.zone_distance_m == 0 and core.is_urgent
    assert core.respond_by == core.reported_at + timedelta(minutes=10)
    control = _report(w, CONTROL_POINT, matter="0602")
    assert control.zone == w.zones["control"] and not control.is_urgent
    assert control.respond_by == control.reported_at + timedelta(minutes=20)
    near = _report(w, NEAR_BUFFER_POINT, matter="0501")
    assert near.zone == w.zones["buffer"] and 600 <= near.zone_distance_m <= 900 and not near.is_urgent
    far = _report(w, FAR_POINT)
    assert far.zone is None and far.zone_distance_m is None and far.respond_by is None and not far.is_urgent


def test_incident_claim_and_resolve(event_world):
    w = event_world
    incident = _report(w, CORE_POINT)
    services.incident_transition(actor=w.partner_officer, incident_id=incident.public_id, action="claim")
    with pytest.raises(PermissionDenied):  # another agency is handling it
        services.incident_transition(
            actor=w.officer, incident_id=incident.public_id, action="resolve", resolution="已劝离"
        )
    with pytest.raises(InvalidInput):  # the result is required
        services.incident_transition(actor=w.partner_officer, incident_id=incident.public_id, action="resolve")
    done = services.incident_transition(
        actor=w.partner_officer, incident_id=incident.public_id, action="resolve", resolution="摊贩已劝离，现场恢复"
    )
    assert done.status == "resolved" and done.handled_by_agency_id == w.partner_officer.agency_id
    with pytest.raises(InvalidTransition):
        services.incident_transition(actor=w.officer, incident_id=incident.public_id, action="claim")


def test_a_non_participant_sees_nothing_of_the_event(event_world):
    w = event_world
    incident = _report(w, CORE_POINT)
    with pytest.raises(NotFound):
        selectors.access_event(actor=w.outsider, public_id=w.event.public_id)
    with pytest.raises(NotFound):
        selectors.access_incident(actor=w.outsider, public_id=incident.public_id)
    with pytest.raises(NotFound):
        _report(w, CORE_POINT, actor=w.outsider)
    assert selectors.access_event(actor=w.supervisor, public_id=w.event.public_id) == w.event
    with pytest.raises(PermissionDenied):  # the command centre reads, it does not act
        _report(w, CORE_POINT, actor=w.supervisor)


def test_a_sensing_alert_in_a_zone_becomes_an_incident(event_world, django_capture_on_commit_callbacks):
    from yrdcollab.smart.sensing.services import alert_raise

    w = event_world
    with django_capture_on_commit_callbacks(execute=True):
        alert = alert_raise(
            matter_code="0604",
            lon=CORE_POINT[0],
            lat=CORE_POINT[1],
            occurred_at=timezone.now(),
            source_kind="device",
            source_ref="CAM-1",
            title="露天烧烤",
            dedupe=False,
        )
        far = alert_raise(
            matter_code="0604",
            lon=FAR_POINT[0],
            lat=FAR_POINT[1],
            occurred_at=timezone.now(),
            source_kind="device",
            source_ref="CAM-2",
            title="露天烧烤",
            dedupe=False,
        )
    incident = Incident.objects.get(alert=alert)
    assert incident.source == "alert" and incident.zone == w.zones["core"] and incident.is_urgent
    assert not Incident.objects.filter(alert=far).exists()


def test_reinforcement_transition_is_the_one_way_to_answer(event_world):
    from yrdcollab.platform.audit.models import AuditEntry

    w = event_world
    request = _request(w, officers=1, vehicles=1)
    for action in ("grant_all", "grant_part", "approve"):  # the table's grant moves are the service's to pick
        with pytest.raises(InvalidInput) as refused:
            services.reinforcement_transition(actor=w.provider_leader, request_id=request.public_id, action=action)
        assert refused.value.code == "unknown_action"
    granted = _grant(w, request, officers=[str(w.provider_officers[0].public_id)], vehicles=1)
    assert granted.status == "granted" and granted.responded_by == w.provider_leader
    entry = AuditEntry.objects.filter(action="reinforcement.granted").latest("id")
    assert entry.summary["from"] == "pending" and entry.summary["to"] == "granted"
