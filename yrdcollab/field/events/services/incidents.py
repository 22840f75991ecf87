"""Incidents during an event: reported by officers of a party, or raised from a sensing alert in or
near a zone. Each is tagged with the innermost zone holding its point, else the nearest zone within
the "near" distance; urgent when its matter is prohibited in that zone; due for a response within the
zone's response minutes."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, PermissionDenied
from yrdcollab.core.replay import insert_once, replay_parse
from yrdcollab.core.validation import invalid, text
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.geo.crs import to_wgs84
from yrdcollab.platform.geo.shapes import geojson_contains, geojson_distance_m
from yrdcollab.smart.sensing.models import Alert

from .. import permissions
from ..conf import SETTINGS
from ..models import Incident, MajorEvent, SecurityZone
from ..selectors import access_event, access_incident, active_events_on
from ..states import INCIDENT_TRANSITIONS, IncidentAction, IncidentSource
from ._common import notify_handlers, participant_ids, require_party_handler

RING_ORDER = {"core": 0, "control": 1, "buffer": 2}
_M_PER_DEG_LAT = 110_574.0


@dataclass(frozen=True)
class ZoneHit:
    zone: SecurityZone | None
    distance_m: int | None  # 0 inside


def zone_for_point(event: MajorEvent, lon: float, lat: float) -> ZoneHit:
    """The innermost zone holding the point; else the nearest within YRD_EVENT_NEAR_M; else none."""
    near_m = float(SETTINGS.YRD_EVENT_NEAR_M)
    dlat = near_m / _M_PER_DEG_LAT
    dlon = near_m / (111_320 * max(0.01, math.cos(math.radians(lat))))
    candidates = list(
        SecurityZone.objects.filter(
            event=event,
            area_min_lon__lte=lon + dlon,
            area_max_lon__gte=lon - dlon,
            area_min_lat__lte=lat + dlat,
            area_max_lat__gte=lat - dlat,
        )
        .exclude(area_geometry="")
        .prefetch_related("prohibited_matters")
    )
    inside = [z for z in candidates if geojson_contains(z.area_geometry, lon, lat)]
    if inside:
        return ZoneHit(min(inside, key=lambda z: (RING_ORDER.get(z.level, 9), z.pk)), 0)
    best: tuple[float, SecurityZone] | None = None
    for zone in candidates:
        metres = geojson_distance_m(zone.area_geometry, lon, lat)
        if metres <= near_m and (best is None or metres < best[0]):
            best = (metres, zone)
    if best is None:
        return ZoneHit(None, None)
    return ZoneHit(best[1], max(1, round(best[0])))


def _tag(incident: Incident) -> None:
    hit = zone_for_point(incident.event, incident.lon, incident.lat)
    incident.zone, incident.zone_distance_m = hit.zone, hit.distance_m
    if hit.zone is not None:
        incident.is_urgent = any(m.pk == incident.matter_id for m in hit.zone.prohibited_matters.all())
        incident.respond_by = incident.reported_at + timedelta(minutes=hit.zone.response_minutes)


def _link(incident: Incident) -> str:
    return reverse("events:incident_detail", args=[incident.public_id])


@dataclass
class IncidentInput:
    matter_code: str
    description: str
    lon: float
    lat: float
    crs: str = "wgs84"


def _replayed(actor, client_id, event) -> Incident | None:
    """The actor's own report recorded under `client_id`, if any (never another officer's)."""
    earlier = Incident.objects.filter(reported_by_id=actor.pk, client_id=client_id).first()
    if earlier is not None and earlier.event_id != event.pk:
        raise Conflict(_("该离线记录编号已用于其他活动的上报。"), code="client_id_reused")
    return earlier


@transaction.atomic
def incident_report(*, actor, event_id, data: IncidentInput, client_id=None, made_at=None) -> Incident:
    """`client_id` (the phone's key, core.replay) makes the call idempotent per reporter: a repeat
    returns the incident first recorded, unchanged (409 `client_id_reused` for another event);
    another officer's same key is his own. `made_at` (bounded, 422) becomes `reported_at`."""
    replay = replay_parse(client_id, made_at)
    event = access_event(actor=actor, public_id=event_id)
    require_party_handler(actor, event)
    if replay.client_id is not None:
        earlier = _replayed(actor, replay.client_id, event)
        if earlier is not None:
            return earlier
    if not permissions.takes_incidents(event):
        raise Conflict(_("活动不在保障期间，不能上报现场事件。"), code="event_not_active")
    matter = Matter.objects.filter(code=str(data.matter_code or "")[:16], is_active=True).first()
    if matter is None:
        raise invalid("matter_code", _("事项不存在或已停用。"), "unknown_matter")
    lon, lat = to_wgs84(data.lon, data.lat, data.crs)
    incident = Incident(
        event=event,
        source=IncidentSource.OFFICER,
        reported_at=replay.made_at or timezone.now(),
        reported_by=actor,
        client_id=replay.client_id,
        made_at=replay.made_at,
        reporter_agency_id=actor.agency_id,
        matter=matter,
        lon=lon,
        lat=lat,
        description=text(data.description, "description", max_length=2000, label=_("情况描述")),
    )
    _tag(incident)
    if (earlier := insert_once(incident, replay, lambda: _replayed(actor, replay.client_id, event))) is not None:
        return earlier  # a concurrent resend of the same key got there first
    _notify_urgent(incident)
    audit_record(
        actor=actor,
        action="event.incident_reported",
        obj=incident,
        summary={
            "event": event.code,
            "matter": matter.code,
            "zone": getattr(incident.zone, "name", ""),
            "urgent": incident.is_urgent,
        },
    )
    return incident


def _notify_urgent(incident: Incident) -> None:
    """Inside the transaction that records the incident: the notice commits with it or not at all."""
    if not incident.is_urgent:
        return
    notify_handlers(
        agency_ids=participant_ids(incident.event),
        kind="event.incident_urgent",
        title=_("紧急：%(zone)s发现%(matter)s") % {"zone": incident.zone.name, "matter": incident.matter.name},
        body=_("%(event)s：%(description)s 请在 %(minutes)d 分钟内响应。")
        % {
            "event": incident.event.name,
            "description": incident.description[:200],
            "minutes": incident.zone.response_minutes,
        },
        link=_link(incident),
    )


@transaction.atomic
def incident_transition(*, actor, incident_id, action: str, resolution: str = "") -> Incident:
    """claim (open → handling) or resolve (open/handling → resolved, with the result). 422 for an
    unknown action, 404 if not visible, 409 if the table forbids the move, 403 for anyone but a party's
    handlers (and, once claimed, the handling agency's), 422 without a result."""
    INCIDENT_TRANSITIONS.require_action(action)
    incident = access_incident(actor=actor, public_id=incident_id)
    incident = Incident.objects.select_for_update(of=("self",)).select_related("event").get(pk=incident.pk)
    move = INCIDENT_TRANSITIONS.move(incident.status, action)
    if move.by not in permissions.incident_sides(actor, incident):
        require_party_handler(actor, incident.event)  # raises 403
    now = timezone.now()
    if action == IncidentAction.CLAIM:
        incident.handled_by_agency_id, incident.handled_by, incident.claimed_at = actor.agency_id, actor, now
    else:
        if not permissions.may_resolve_incident(actor, incident):
            raise PermissionDenied(_("该事件由其他单位处置中。"))
        incident.resolution = text(resolution, "resolution", max_length=500, label=_("处置结果"))
        incident.resolved_at = now
        if incident.handled_by_agency_id is None:
            incident.handled_by_agency_id, incident.handled_by = actor.agency_id, actor
    previous, incident.status = incident.status, move.target
    incident.save()
    audit_record(
        actor=actor,
        action=f"event.incident_{action}",
        obj=incident,
        summary={"from": previous, "to": move.target, "resolution": incident.resolution},
    )
    return incident


def incident_from_alert(*, alert_pk: int) -> list[Incident]:
    """Called after a sensing alert is committed (sensing.services.alerts hook): for every active event
    with a zone holding or near the alert's point, an incident linked to the alert."""
    alert = Alert.objects.select_related("matter").filter(pk=alert_pk).first()
    if alert is None:
        return []
    day = timezone.localdate(alert.first_occurred_at)
    created = []
    for event in active_events_on(day).order_by("pk"):
        with transaction.atomic():
            if Incident.objects.filter(alert=alert).exists():
                break
            incident = Incident(
                event=event,
                source=IncidentSource.ALERT,
                alert=alert,
                reported_at=alert.first_occurred_at,
                matter=alert.matter,
                lon=alert.lon,
                lat=alert.lat,
                description=alert.title,
            )
            _tag(incident)
            if incident.zone is None:
                continue
            incident.save()
            _notify_urgent(incident)
            audit_record(
                actor=None,
                action="event.incident_from_alert",
                obj=incident,
                summary={
                    "event": event.code,
                    "alert": str(alert.public_id),
                    "zone": incident.zone.name,
                    "urgent": incident.is_urgent,
                },
            )
            created.append(incident)
    return created
