"""Model → API dicts, shared by the API and the command page's JSON."""

from django.utils import timezone

from .models import EventReport, Incident, MajorEvent, ReinforcementRequest, SecurityZone
from .selectors import event_zones, is_overdue


def agency_ref(agency) -> dict | None:
    if agency is None:
        return None
    return {"id": agency.public_id, "name": agency.short_name or agency.name}


def zone_out(zone: SecurityZone) -> dict:
    return {
        "id": zone.public_id,
        "name": zone.name,
        "level": zone.level,
        "response_minutes": zone.response_minutes,
        "prohibited_matters": sorted(m.code for m in zone.prohibited_matters.all()),
        "geometry": zone.area_geometry,
    }


def event_out(event: MajorEvent) -> dict:
    return {
        "id": event.public_id,
        "code": event.code,
        "name": event.name,
        "edition": event.edition,
        "host_city": event.host_city_id,
        "venue": event.venue,
        "venue_lon": event.venue_lon,
        "venue_lat": event.venue_lat,
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "level": event.level,
        "status": event.status,
        "lead_agency": agency_ref(event.lead_agency),
        "participants": [agency_ref(a) for a in sorted(event.participants.all(), key=lambda a: a.name)],
        "description": event.description,
        "source": event.source,
    }


def event_detail_out(event: MajorEvent) -> dict:
    return {**event_out(event), "zones": [zone_out(z) for z in event_zones(event)]}


def reinforcement_out(request: ReinforcementRequest) -> dict:
    return {
        "id": request.public_id,
        "number": request.number,
        "event": request.event.public_id,
        "requester": agency_ref(request.requester),
        "provider": agency_ref(request.provider),
        "officers_requested": request.officers_requested,
        "vehicles_requested": request.vehicles_requested,
        "starts_on": request.starts_on,
        "ends_on": request.ends_on,
        "purpose": request.purpose,
        "status": request.status,
        "officers_granted": [{"id": o.public_id, "name": o.full_name} for o in request.officers_granted.all()],
        "vehicles_granted": request.vehicles_granted,
        "response_note": request.response_note,
        "responded_at": request.responded_at,
        "created_at": request.created_at,
    }


def incident_out(incident: Incident, now=None) -> dict:
    zone = incident.zone
    return {
        "id": incident.public_id,
        "event": incident.event.public_id,
        "source": incident.source,
        "alert": getattr(incident.alert, "public_id", None) if incident.alert_id else None,
        "reported_at": incident.reported_at,
        "reporter_agency": agency_ref(incident.reporter_agency),
        "matter_code": incident.matter.code,
        "matter": incident.matter.name,
        "description": incident.description,
        "lon": incident.lon,
        "lat": incident.lat,
        "zone": getattr(zone, "public_id", None),
        "zone_name": getattr(zone, "name", ""),
        "zone_level": getattr(zone, "level", ""),
        "zone_distance_m": incident.zone_distance_m,
        "is_urgent": incident.is_urgent,
        "respond_by": incident.respond_by,
        "overdue": incident.status != "resolved" and is_overdue(incident, now or timezone.now()),
        "status": incident.status,
        "handled_by_agency": agency_ref(incident.handled_by_agency),
        "claimed_at": incident.claimed_at,
        "resolved_at": incident.resolved_at,
        "resolution": incident.resolution,
        "made_at": incident.made_at,
    }


def report_out(report: EventReport) -> dict:
    return {
        "id": report.public_id,
        "event": report.event.public_id,
        "kind": report.kind,
        "day": report.day,
        "number": report.number,
        "figures": report.figures,
        "pdf_sha256": report.pdf_sha256,
        "compiled_at": report.compiled_at,
    }
