"""/api/v1/events/ — major events, zones, participants, reinforcement, incidents, reports and the
command page's live data. Same services and selectors as the pages."""

from uuid import UUID

from ninja import Query, Router, Status

from yrdcollab.core.api_helpers import API_BULK_LIMIT, API_MAX_LIMIT, API_PAGE_SIZE, offset_param
from yrdcollab.core.downloads import file_download
from yrdcollab.core.replay import HEADER as IDEMPOTENCY_HEADER

from . import selectors, services
from .live import event_live
from .schemas import (
    EventDetailOut,
    EventHistoryOut,
    EventIn,
    EventReasonIn,
    EventZoneOut,
    GrantIn,
    IncidentActionIn,
    IncidentIn,
    IncidentOut,
    LiveOut,
    ParticipantIn,
    ReinforcementIn,
    ReinforcementOut,
    ReportIn,
    ReportOut,
    ZoneIn,
)
from .serializers import event_detail_out, event_out, incident_out, reinforcement_out, report_out, zone_out
from .states import GRANT, ReinforcementAction

router = Router(tags=["events"])


def _event(request, event_id):
    return selectors.access_event(actor=request.auth, public_id=event_id)


@router.get("/", response=list[EventHistoryOut])
def list_events(
    request,
    status: str = Query("", max_length=12),
    q: str = Query("", max_length=64),
    limit: int = Query(API_PAGE_SIZE, ge=1, le=API_MAX_LIMIT),
    offset: int = offset_param(),
):
    events = selectors.event_list(actor=request.auth, status=status, q=q)
    return [event_out(e) for e in events[offset : offset + limit]]


@router.post("/", response={201: EventHistoryOut})
def create_event(request, payload: EventIn):
    event = services.event_create(actor=request.auth, data=services.EventInput(**payload.model_dump()))
    return Status(201, event_out(event))


@router.get("/{event_id}", response=EventDetailOut)
def get_event(request, event_id: UUID):
    return event_detail_out(_event(request, event_id))


@router.put("/{event_id}", response=EventHistoryOut)
def update_event(request, event_id: UUID, payload: EventIn):
    return event_out(
        services.event_update(actor=request.auth, event_id=event_id, data=services.EventInput(**payload.model_dump()))
    )


@router.post("/{event_id}/actions/{action}", response=EventHistoryOut)
def event_action(request, event_id: UUID, action: str):
    return event_out(services.event_transition(actor=request.auth, event_id=event_id, action=action))


@router.post("/{event_id}/participants", response={201: EventHistoryOut})
def add_participant(request, event_id: UUID, payload: ParticipantIn):
    services.event_participant_add(actor=request.auth, event_id=event_id, agency_id=str(payload.agency))
    return Status(201, event_out(_event(request, event_id)))


@router.get("/{event_id}/zones", response=list[EventZoneOut])
def list_zones(request, event_id: UUID):
    return [zone_out(z) for z in selectors.event_zones(_event(request, event_id))]


@router.post("/{event_id}/zones", response={201: EventZoneOut})
def create_zone(request, event_id: UUID, payload: ZoneIn):
    zone = services.zone_create(actor=request.auth, event_id=event_id, data=services.ZoneInput(**payload.model_dump()))
    return Status(201, zone_out(zone))


@router.put("/zones/{zone_id}", response=EventZoneOut)
def update_zone(request, zone_id: UUID, payload: ZoneIn):
    return zone_out(
        services.zone_update(actor=request.auth, zone_id=zone_id, data=services.ZoneInput(**payload.model_dump()))
    )


@router.delete("/zones/{zone_id}", response={204: None})
def delete_zone(request, zone_id: UUID):
    services.zone_delete(actor=request.auth, zone_id=zone_id)
    return Status(204, None)


@router.get("/{event_id}/live", response=LiveOut)
def live(request, event_id: UUID):
    return event_live(actor=request.auth, event=_event(request, event_id))


@router.get("/{event_id}/reinforcements", response=list[ReinforcementOut])
def list_reinforcements(request, event_id: UUID, status: str = Query("", max_length=16)):
    requests = selectors.reinforcement_list(actor=request.auth, event=_event(request, event_id), status=status)
    return [reinforcement_out(r) for r in requests[:API_BULK_LIMIT]]


@router.post("/{event_id}/reinforcements", response={201: ReinforcementOut})
def request_reinforcement(request, event_id: UUID, payload: ReinforcementIn):
    data = services.ReinforcementInput(**{**payload.model_dump(), "provider": str(payload.provider)})
    return Status(
        201, reinforcement_out(services.reinforcement_request(actor=request.auth, event_id=event_id, data=data))
    )


@router.get("/reinforcements/{request_id}", response=ReinforcementOut)
def get_reinforcement(request, request_id: UUID):
    return reinforcement_out(selectors.access_reinforcement(actor=request.auth, public_id=request_id))


@router.post("/reinforcements/{request_id}/grant", response=ReinforcementOut)
def grant_reinforcement(request, request_id: UUID, payload: GrantIn):
    return reinforcement_out(
        services.reinforcement_transition(
            actor=request.auth,
            request_id=request_id,
            action=GRANT,
            officers=[str(o) for o in payload.officers],
            vehicles=payload.vehicles,
            note=payload.note,
        )
    )


@router.post("/reinforcements/{request_id}/decline", response=ReinforcementOut)
def decline_reinforcement(request, request_id: UUID, payload: EventReasonIn):
    return reinforcement_out(
        services.reinforcement_transition(
            actor=request.auth, request_id=request_id, action=ReinforcementAction.DECLINE, reason=payload.reason
        )
    )


@router.post("/reinforcements/{request_id}/withdraw", response=ReinforcementOut)
def withdraw_reinforcement(request, request_id: UUID, payload: EventReasonIn):
    return reinforcement_out(
        services.reinforcement_transition(
            actor=request.auth, request_id=request_id, action=ReinforcementAction.WITHDRAW, reason=payload.reason
        )
    )


@router.get("/{event_id}/incidents", response=list[IncidentOut])
def list_incidents(
    request,
    event_id: UUID,
    status: str = Query("", max_length=12),
    urgent: bool | None = None,
    limit: int = Query(100, ge=1, le=API_BULK_LIMIT),
    offset: int = offset_param(),
):
    incidents = selectors.incident_list(
        actor=request.auth, event=_event(request, event_id), status=status, urgent=urgent
    )
    return [incident_out(i) for i in incidents[offset : offset + limit]]


@router.post("/{event_id}/incidents", response={201: IncidentOut})
def report_incident(request, event_id: UUID, payload: IncidentIn):
    data = payload.model_dump()
    client_id, made_at = data.pop("client_id"), data.pop("made_at")
    incident = services.incident_report(
        actor=request.auth,
        event_id=event_id,
        data=services.IncidentInput(**data),
        client_id=client_id or request.META.get(IDEMPOTENCY_HEADER),
        made_at=made_at,
    )
    return Status(201, incident_out(incident))


@router.get("/incidents/{incident_id}", response=IncidentOut)
def get_incident(request, incident_id: UUID):
    return incident_out(selectors.access_incident(actor=request.auth, public_id=incident_id))


@router.post("/incidents/{incident_id}/actions/{action}", response=IncidentOut)
def incident_action(request, incident_id: UUID, action: str, payload: IncidentActionIn):
    return incident_out(
        services.incident_transition(
            actor=request.auth, incident_id=incident_id, action=action, resolution=payload.resolution
        )
    )


@router.get("/{event_id}/reports", response=list[ReportOut])
def list_reports(request, event_id: UUID):
    return [report_out(r) for r in selectors.report_list(actor=request.auth, event=_event(request, event_id))]


@router.post("/{event_id}/reports", response={201: ReportOut})
def compile_report(request, event_id: UUID, payload: ReportIn):
    report = services.report_compile_by(
        actor=request.auth, event_id=event_id, day=payload.day, kind=payload.kind, replace=payload.replace
    )
    return Status(201, report_out(report))


@router.get("/reports/{report_id}", response=ReportOut)
def get_report(request, report_id: UUID):
    return report_out(selectors.access_report(actor=request.auth, public_id=report_id))


@router.get("/reports/{report_id}/pdf")
def report_pdf(request, report_id: UUID):
    report, data = services.report_pdf(actor=request.auth, report_id=report_id)
    return file_download(data, filename=f"{report.number}.pdf", content_type="application/pdf")
