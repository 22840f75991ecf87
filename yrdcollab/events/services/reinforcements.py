"""Reinforcement between agencies: A (lead or participant) asks B for officers and vehicles for days
inside the event; B grants all or part (its own officers holding a valid certificate on every one of
those days), or declines with a reason; A may withdraw while it waits. Granted officers join A's
event roster (duty.membership.reinforcements_join) and B becomes a participant."""

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.accounts.models import OfficerCertificate
from yrdcollab.accounts.permissions import require_capability
from yrdcollab.accounts.roles import Capability
from yrdcollab.audit.services import audit_record
from yrdcollab.collaboration.services import document_number_next
from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.directory.models import Agency

from ..models import ReinforcementRequest
from ..selectors import access_event, access_reinforcement
from ..states import REINFORCEMENT_TRANSITIONS, EventStatus, ReinforcementStatus
from ._common import invalid, notify_leaders, require_party_manager, text, transition
from .events import _is_uuid, agency_ensure_participant

MAX_OFFICERS = 500
MAX_VEHICLES = 200


@dataclass
class ReinforcementInput:
    provider: str  # agency public id
    officers_requested: int
    starts_on: date
    ends_on: date
    purpose: str
    vehicles_requested: int = 0


@dataclass
class GrantInput:
    officers: list[str] = field(default_factory=list)  # user public ids of the provider's officers
    vehicles: int = 0
    note: str = ""


def _link(request: ReinforcementRequest) -> str:
    return reverse("events:reinforcement_detail", args=[request.public_id])


@transaction.atomic
def reinforcement_request(*, actor, event_id, data: ReinforcementInput) -> ReinforcementRequest:
    event = access_event(actor=actor, public_id=event_id)
    require_party_manager(actor, event)
    if event.status == EventStatus.CLOSED:
        raise Conflict(_("活动已结束，不能再请求增援。"), code="event_closed")
    provider = Agency.objects.filter(public_id=data.provider, is_active=True).first() if _is_uuid(data.provider) else None
    if provider is None:
        raise invalid("provider", _("被请求机构不存在。"), "unknown_agency")
    if provider.pk == actor.agency_id:
        raise invalid("provider", _("不能向本单位请求增援。"), "self_request")
    officers, vehicles = int(data.officers_requested or 0), int(data.vehicles_requested or 0)
    if not (0 <= officers <= MAX_OFFICERS):
        raise invalid("officers_requested", _("请求警力须在 0 至 %(n)d 人之间。") % {"n": MAX_OFFICERS})
    if not (0 <= vehicles <= MAX_VEHICLES):
        raise invalid("vehicles_requested", _("请求车辆须在 0 至 %(n)d 辆之间。") % {"n": MAX_VEHICLES})
    if officers == 0 and vehicles == 0:
        raise invalid("officers_requested", _("请至少请求 1 名人员或 1 辆车辆。"), "empty_request")
    if data.ends_on < data.starts_on:
        raise invalid("ends_on", _("结束日期不能早于开始日期。"), "period_order")
    if data.starts_on < event.starts_on or data.ends_on > event.ends_on:
        raise invalid("starts_on", _("支援日期须在活动期间（%(start)s至%(end)s）内。") % {
            "start": event.starts_on, "end": event.ends_on}, "outside_event_period")
    requester = Agency.objects.get(pk=actor.agency_id)
    request = ReinforcementRequest.objects.create(
        event=event, number=document_number_next(agency=requester, kind="reinforcement"), requester=requester,
        provider=provider, officers_requested=officers, vehicles_requested=vehicles, starts_on=data.starts_on,
        ends_on=data.ends_on, purpose=text(data.purpose, "purpose", 2000), requested_by=actor)
    audit_record(actor=actor, action="reinforcement.requested", obj=request,
                 summary={"number": request.number, "event": event.code, "provider": provider.name,
                          "officers": officers, "vehicles": vehicles,
                          "period": [str(data.starts_on), str(data.ends_on)]})
    transaction.on_commit(partial(_notify, request.pk, "requested"))
    return request


def _locked(actor, request_id) -> ReinforcementRequest:
    request = access_reinforcement(actor=actor, public_id=request_id)
    return (ReinforcementRequest.objects.select_for_update().select_related("event", "requester", "provider")
            .get(pk=request.pk))


def _require_side(actor, agency_id: int) -> None:
    require_capability(actor, Capability.EVENT_MANAGE)
    if actor.agency_id != agency_id:
        raise PermissionDenied()


def _granted_officers(request: ReinforcementRequest, ids: list[str]) -> list:
    wanted = list(dict.fromkeys(str(i) for i in ids))
    if any(not _is_uuid(i) for i in wanted):
        raise invalid("officers", _("人员编号格式错误。"), "unknown_officer")
    officers = list(get_user_model().objects.filter(public_id__in=wanted, agency_id=request.provider_id,
                                                    is_active=True))
    if len(officers) != len(wanted):
        raise invalid("officers", _("所选人员须为本单位在职人员。"), "unknown_officer")
    covered = set(OfficerCertificate.objects.filter(
        holder__in=officers, status="active", valid_from__lte=request.starts_on, valid_to__gte=request.ends_on)
        .values_list("holder_id", flat=True))
    lacking = [o.full_name for o in officers if o.pk not in covered]
    if lacking:
        raise invalid("officers", _("以下人员在支援期间没有有效执法证：%(names)s。") % {"names": "、".join(lacking[:10])},
                      "certificate_invalid")
    return sorted(officers, key=lambda o: o.full_name)


@transaction.atomic
def reinforcement_grant(*, actor, request_id, data: GrantInput) -> ReinforcementRequest:
    request = _locked(actor, request_id)
    transition(REINFORCEMENT_TRANSITIONS, request.status, "grant")
    _require_side(actor, request.provider_id)
    officers_count, vehicles = len(set(map(str, data.officers))), int(data.vehicles or 0)
    if officers_count > request.officers_requested:
        raise InvalidInput(_("派出人员（%(n)d 人）超过请求数（%(r)d 人）。") % {
            "n": officers_count, "r": request.officers_requested}, code="grant_exceeds_request",
            details={"field": "officers", "requested": request.officers_requested, "granted": officers_count})
    if vehicles > request.vehicles_requested:
        raise InvalidInput(_("派出车辆（%(n)d 辆）超过请求数（%(r)d 辆）。") % {
            "n": vehicles, "r": request.vehicles_requested}, code="grant_exceeds_request",
            details={"field": "vehicles", "requested": request.vehicles_requested, "granted": vehicles})
    if vehicles < 0:
        raise invalid("vehicles", _("车辆数不能为负。"))
    if officers_count == 0 and vehicles == 0:
        raise invalid("officers", _("未派出任何人员或车辆，请改为答复不同意。"), "empty_grant")
    officers = _granted_officers(request, data.officers)
    full = officers_count == request.officers_requested and vehicles == request.vehicles_requested
    request.status = ReinforcementStatus.GRANTED if full else ReinforcementStatus.PARTLY_GRANTED
    request.vehicles_granted = vehicles
    request.response_note = text(data.note, "note", 500, required=False)
    request.responded_by, request.responded_at = actor, timezone.now()
    request.save()
    request.officers_granted.set(officers)
    joined = agency_ensure_participant(request.event, request.provider_id)
    if officers:
        from yrdcollab.duty.membership import reinforcements_join

        reinforcements_join(request=request, officers=officers, actor=actor)
    audit_record(actor=actor, action="reinforcement.granted", obj=request,
                 summary={"number": request.number, "status": request.status,
                          "officers": [o.full_name for o in officers], "vehicles": vehicles,
                          "joined_event": joined})
    transaction.on_commit(partial(_notify, request.pk, "answered"))
    return request


@transaction.atomic
def reinforcement_decline(*, actor, request_id, reason: str) -> ReinforcementRequest:
    request = _locked(actor, request_id)
    request.status = transition(REINFORCEMENT_TRANSITIONS, request.status, "decline")
    _require_side(actor, request.provider_id)
    request.response_note = text(reason, "reason", 500)
    request.responded_by, request.responded_at = actor, timezone.now()
    request.save()
    audit_record(actor=actor, action="reinforcement.declined", obj=request,
                 summary={"number": request.number, "reason": request.response_note})
    transaction.on_commit(partial(_notify, request.pk, "answered"))
    return request


@transaction.atomic
def reinforcement_withdraw(*, actor, request_id, reason: str = "") -> ReinforcementRequest:
    request = _locked(actor, request_id)
    request.status = transition(REINFORCEMENT_TRANSITIONS, request.status, "withdraw")
    _require_side(actor, request.requester_id)
    request.response_note = text(reason, "reason", 500, required=False)
    request.save()
    audit_record(actor=actor, action="reinforcement.withdrawn", obj=request,
                 summary={"number": request.number, "reason": request.response_note})
    transaction.on_commit(partial(_notify, request.pk, "withdrawn"))
    return request


def _notify(request_pk: int, what: str) -> None:
    request = ReinforcementRequest.objects.select_related("event", "requester", "provider").get(pk=request_pk)
    names = {"event": request.event.name, "number": request.number, "requester": request.requester.name,
             "provider": request.provider.name, "officers": request.officers_requested,
             "vehicles": request.vehicles_requested, "status": request.get_status_display(),
             "granted": request.officers_granted.count(), "vehicles_granted": request.vehicles_granted,
             "start": request.starts_on, "end": request.ends_on}
    if what == "requested":
        notify_leaders(agency_ids=[request.provider_id], kind="reinforcement.requested",
                       title=_("增援请求 %(number)s") % names,
                       body=_("%(requester)s请求贵单位为%(event)s增援人员 %(officers)d 名、车辆 %(vehicles)d 辆"
                              "（%(start)s至%(end)s）。") % names, link=_link(request))
    elif what == "withdrawn":
        notify_leaders(agency_ids=[request.provider_id], kind="reinforcement.withdrawn",
                       title=_("增援请求已撤回 %(number)s") % names,
                       body=_("%(requester)s撤回了增援请求。") % names, link=_link(request))
    else:
        notify_leaders(agency_ids=[request.requester_id], kind="reinforcement.answered",
                       title=_("增援答复 %(number)s：%(status)s") % names,
                       body=_("%(provider)s答复：%(status)s；派出人员 %(granted)d 名、车辆 %(vehicles_granted)d 辆。")
                       % names, link=_link(request))
