"""Writes of the event itself, its participants and its security zones."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict
from yrdcollab.core.validation import invalid, is_uuid, text
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, Division
from yrdcollab.platform.geo import shapes as geo
from yrdcollab.platform.geo.crs import to_wgs84

from .. import permissions
from ..conf import default_response_minutes
from ..models import MajorEvent, SecurityZone
from ..selectors import access_event, access_zone
from ..states import EVENT_TRANSITIONS, EventAction, EventLevel, ZoneLevel
from ._common import notify_leaders, require_lead_manager, require_not_closed

MAX_RESPONSE_MINUTES = 24 * 60


@dataclass
class EventInput:
    code: str
    name: str
    host_city: str  # division code
    venue: str
    starts_on: date
    ends_on: date
    level: str
    edition: str = ""
    venue_lon: float | None = None
    venue_lat: float | None = None
    description: str = ""
    source: str = ""


def _event_values(data: EventInput) -> dict:
    code = slugify(str(data.code or ""))[:48]
    if not code:
        raise invalid("code", _("请填写活动代码（字母、数字、连字符）。"), "required")
    division = Division.objects.filter(code=str(data.host_city or "")[:12]).first()
    if division is None:
        raise invalid("host_city", _("举办地区划代码不存在。"), "unknown_division")
    if data.level not in EventLevel.values:
        raise invalid("level", _("活动级别无效。"), "invalid_choice")
    if data.ends_on < data.starts_on:
        raise invalid("ends_on", _("结束日期不能早于开始日期。"), "period_order")
    if (data.venue_lon is None) != (data.venue_lat is None):
        raise invalid("venue_lon", _("场馆经纬度须同时填写。"))
    if data.venue_lon is not None:
        lon, lat = to_wgs84(data.venue_lon, data.venue_lat)
    else:
        lon = lat = None
    return {
        "code": code,
        "name": text(data.name, "name", max_length=128, label=_("活动名称")),
        "edition": text(data.edition, "edition", max_length=32, required=False, label=_("届次")),
        "host_city": division,
        "venue": text(data.venue, "venue", max_length=200, label=_("场馆")),
        "venue_lon": lon,
        "venue_lat": lat,
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "level": data.level,
        "description": text(data.description, "description", max_length=5000, required=False, label=_("说明")),
        "source": text(data.source, "source", max_length=300, required=False, label=_("资料来源")),
    }


@transaction.atomic
def event_create(*, actor, data: EventInput) -> MajorEvent:
    """An event led by the actor's own agency."""
    permissions.require(permissions.is_event_manager(actor))
    values = _event_values(data)
    if MajorEvent.objects.filter(code=values["code"]).exists():
        raise Conflict(_("活动代码 %(code)s 已被使用。") % values, code="duplicate_code", details={"field": "code"})
    event = MajorEvent.objects.create(**values, lead_agency_id=actor.agency_id, created_by=actor)
    audit_record(
        actor=actor,
        action="event.created",
        obj=event,
        summary={"code": event.code, "name": event.name, "period": [str(event.starts_on), str(event.ends_on)]},
    )
    return event


@transaction.atomic
def event_update(*, actor, event_id, data: EventInput) -> MajorEvent:
    event = access_event(actor=actor, public_id=event_id)
    require_lead_manager(actor, event)
    event = MajorEvent.objects.select_for_update().get(pk=event.pk)
    values = _event_values(data)
    if MajorEvent.objects.filter(code=values["code"]).exclude(pk=event.pk).exists():
        raise Conflict(_("活动代码 %(code)s 已被使用。") % values, code="duplicate_code", details={"field": "code"})
    require_not_closed(event, _("活动已结束，不能修改。"))
    changed = sorted(k for k, v in values.items() if getattr(event, k) != v)
    for key, value in values.items():
        setattr(event, key, value)
    event.save()
    audit_record(actor=actor, action="event.updated", obj=event, summary={"changed": changed})
    return event


@transaction.atomic
def event_transition(*, actor, event_id, action: str) -> MajorEvent:
    """activate (planning → active) or close (active → closed; the worker then compiles the post-event
    summary). 422 for an unknown action, 404 if not visible, 409 if the table forbids the move, 403 for
    anyone but the lead agency's event managers."""
    EVENT_TRANSITIONS.require_action(action)
    event = access_event(actor=actor, public_id=event_id)
    event = MajorEvent.objects.select_for_update(of=("self",)).select_related("lead_agency").get(pk=event.pk)
    move = EVENT_TRANSITIONS.move(event.status, action)
    permissions.require(move.by in permissions.event_sides(actor, event))
    previous, event.status = event.status, move.target
    event.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action=f"event.{action}", obj=event, summary={"from": previous, "to": move.target})
    if action == EventAction.CLOSE:
        # The summary (about fourteen aggregates and a PDF) is the worker's, after commit: the close
        # stays a short request. A lost task is caught by the evening job (reports_compile_due),
        # which compiles the summary of every closed event that has none.
        transaction.on_commit(partial(_summary_later, event.pk, actor.pk), robust=True)
    return event


def _summary_later(event_pk: int, actor_pk: int) -> None:
    from ..tasks import event_summary_compile  # the tasks module imports these services

    event_summary_compile(event_pk, actor_pk)


@transaction.atomic
def event_participant_add(*, actor, event_id, agency_id) -> Agency:
    event = access_event(actor=actor, public_id=event_id)
    require_lead_manager(actor, event)
    require_not_closed(event, _("活动已结束，不能再添加参与保障机构。"))
    agency = Agency.objects.filter(public_id=agency_id, is_active=True).first() if is_uuid(agency_id) else None
    if agency is None:
        raise invalid("agency", _("机构不存在。"), "unknown_agency")
    if agency.pk == event.lead_agency_id or event.participants.filter(pk=agency.pk).exists():
        raise Conflict(
            _("%(name)s已是参与保障机构。") % {"name": agency.name},
            code="already_participant",
            details={"field": "agency"},
        )
    event.participants.add(agency)
    _notify_joined(event, agency.pk)
    audit_record(actor=actor, action="event.participant_added", obj=event, summary={"agency": agency.name})
    return agency


def _notify_joined(event: MajorEvent, agency_pk: int) -> None:
    notify_leaders(
        agency_ids=[agency_pk],
        kind="event.participant_added",
        title=_("参与重大活动保障：%(name)s") % {"name": event.name},
        body=_("%(lead)s邀请贵单位参与%(name)s执法保障（%(start)s至%(end)s）。")
        % {"lead": event.lead_agency.name, "name": event.name, "start": event.starts_on, "end": event.ends_on},
        link=reverse("events:event_detail", args=[event.public_id]),
    )


def agency_ensure_participant(event: MajorEvent, agency_id: int) -> bool:
    """Adds the agency (a reinforcement provider that granted) when it is not a party yet."""
    if agency_id == event.lead_agency_id or event.participants.filter(pk=agency_id).exists():
        return False
    event.participants.add(agency_id)
    return True


# --- zones ---------------------------------------------------------------------------------------


@dataclass
class ZoneInput:
    name: str
    level: str
    geometry: str
    crs: str = "wgs84"
    response_minutes: int | None = None  # None: the platform default of the level
    prohibited_matters: list[str] = field(default_factory=list)  # matter codes


def _zone_values(data: ZoneInput) -> tuple[dict, object, list[Matter]]:
    if data.level not in ZoneLevel.values:
        raise invalid("level", _("圈层无效（核心区、管控区、缓冲区）。"), "invalid_choice")
    shape = geo.polygon_parse(data.geometry, crs=data.crs)
    minutes = data.response_minutes if data.response_minutes is not None else default_response_minutes(data.level)
    if not 1 <= int(minutes) <= MAX_RESPONSE_MINUTES:
        raise invalid("response_minutes", _("响应时限须在 1 至 %(n)d 分钟之间。") % {"n": MAX_RESPONSE_MINUTES})
    codes = list(dict.fromkeys(str(c).strip() for c in data.prohibited_matters if str(c).strip()))
    matters = list(Matter.objects.filter(code__in=codes, is_active=True))
    missing = sorted(set(codes) - {m.code for m in matters})
    if missing:
        raise invalid(
            "prohibited_matters",
            _("事项不存在或已停用：%(codes)s。") % {"codes": "、".join(missing[:5])},
            "unknown_matter",
        )
    values = {
        "name": text(data.name, "name", max_length=100, label=_("名称")),
        "level": data.level,
        "response_minutes": int(minutes),
    }
    return values, shape, matters


def _zone_name_free(event, name: str, zone=None) -> None:
    if SecurityZone.objects.filter(event=event, name=name).exclude(pk=getattr(zone, "pk", None)).exists():
        raise Conflict(
            _("本活动已有名为“%(name)s”的圈层。") % {"name": name}, code="duplicate_zone", details={"field": "name"}
        )


@transaction.atomic
def zone_create(*, actor, event_id, data: ZoneInput) -> SecurityZone:
    event = access_event(actor=actor, public_id=event_id)
    require_lead_manager(actor, event)
    event = MajorEvent.objects.select_for_update().get(pk=event.pk)  # against a close racing the edit
    require_not_closed(event, _("活动已结束，不能再修改圈层。"))
    values, shape, matters = _zone_values(data)
    _zone_name_free(event, values["name"])
    zone = SecurityZone(event=event, **values)
    zone.set_area(shape)
    zone.save()
    zone.prohibited_matters.set(matters)
    audit_record(
        actor=actor,
        action="event.zone_created",
        obj=zone,
        summary={
            "event": event.code,
            "name": zone.name,
            "level": zone.level,
            "response_minutes": zone.response_minutes,
            "prohibited": [m.code for m in matters],
        },
    )
    return zone


@transaction.atomic
def zone_update(*, actor, zone_id, data: ZoneInput) -> SecurityZone:
    zone = _zone_locked(actor, zone_id)
    values, shape, matters = _zone_values(data)
    _zone_name_free(zone.event, values["name"], zone)
    for key, value in values.items():
        setattr(zone, key, value)
    zone.set_area(shape)
    zone.save()
    zone.prohibited_matters.set(matters)
    audit_record(
        actor=actor,
        action="event.zone_updated",
        obj=zone,
        summary={
            "name": zone.name,
            "level": zone.level,
            "response_minutes": zone.response_minutes,
            "prohibited": [m.code for m in matters],
        },
    )
    return zone


@transaction.atomic
def zone_delete(*, actor, zone_id) -> None:
    zone = _zone_locked(actor, zone_id)
    name, public_id = zone.name, zone.public_id
    zone.delete()
    audit_record(
        actor=actor,
        action="event.zone_deleted",
        object_type="SecurityZone",
        object_id=str(public_id),
        summary={"name": name},
    )


def _zone_locked(actor, zone_id) -> SecurityZone:
    """The zone, locked, of an event the actor's agency leads and that has not closed."""
    zone = access_zone(actor=actor, public_id=zone_id)
    require_lead_manager(actor, zone.event)
    event = MajorEvent.objects.select_for_update().get(pk=zone.event_id)
    require_not_closed(event, _("活动已结束，不能再修改圈层。"))
    zone = SecurityZone.objects.select_for_update().get(pk=zone.pk)
    zone.event = event
    return zone
