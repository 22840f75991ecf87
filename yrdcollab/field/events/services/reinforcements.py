"""Reinforcement between agencies: A (lead or participant) asks B for officers and vehicles for days
inside the event; B grants all or part (its own officers holding a valid certificate on every one of
those days), or declines with a reason; A may withdraw while it waits. Granted officers join A's
event roster (duty.membership.reinforcements_join) and B becomes a participant. Every answer goes
through the one `reinforcement_transition` (DESIGN §3.3); a closed event takes neither a new request
nor a grant (409 event_closed)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.validation import invalid, is_uuid, text
from yrdcollab.field.duty.membership import reinforcements_join
from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Agency

from .. import permissions
from ..models import MajorEvent, ReinforcementRequest
from ..selectors import access_event, access_reinforcement
from ..states import GRANT, GRANT_MOVES, REINFORCEMENT_TRANSITIONS, ReinforcementAction, grant_move
from ._common import notify_leaders, require_not_closed, require_party_manager
from .events import agency_ensure_participant

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


def _link(request: ReinforcementRequest) -> str:
    return reverse("events:reinforcement_detail", args=[request.public_id])


@transaction.atomic
def reinforcement_request(*, actor, event_id, data: ReinforcementInput) -> ReinforcementRequest:
    event = access_event(actor=actor, public_id=event_id)
    require_party_manager(actor, event)
    event = MajorEvent.objects.select_for_update().get(pk=event.pk)  # a close waits for the request, or wins
    require_not_closed(event, _("活动已结束，不能再请求增援。"))
    provider = (
        Agency.objects.filter(public_id=data.provider, is_active=True).first() if is_uuid(data.provider) else None
    )
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
        raise invalid(
            "starts_on",
            _("支援日期须在活动期间（%(start)s至%(end)s）内。") % {"start": event.starts_on, "end": event.ends_on},
            "outside_event_period",
        )
    requester = Agency.objects.get(pk=actor.agency_id)
    request = ReinforcementRequest.objects.create(
        event=event,
        number=document_number_next(agency=requester, kind="reinforcement"),
        requester=requester,
        provider=provider,
        officers_requested=officers,
        vehicles_requested=vehicles,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        purpose=text(data.purpose, "purpose", max_length=2000, label=_("支援任务")),
        requested_by=actor,
    )
    _notify(request, "requested")
    audit_record(
        actor=actor,
        action="reinforcement.requested",
        obj=request,
        summary={
            "number": request.number,
            "event": event.code,
            "provider": provider.name,
            "officers": officers,
            "vehicles": vehicles,
            "period": [str(data.starts_on), str(data.ends_on)],
        },
    )
    return request


@transaction.atomic
def reinforcement_transition(*, actor, request_id, action: str, **payload) -> ReinforcementRequest:
    """One answer to a request, under its row lock: 422 for an unknown action, 404 when the actor does
    not see it, 409 when the move is not in the table from the current status, 403 when the actor is
    not of the side that makes it, 409 event_closed for a grant after the event closed, 422 on a bad
    payload (422 note_required for a decline without a reason, before anything is written). `action` is
    "grant" (the table's grant_all or grant_part, by what is sent), "decline" or "withdraw". Payload:
    grant — `officers` (public ids of the provider's certified officers), `vehicles`, `note`; decline —
    `reason` (required: the table's note of the move); withdraw — `reason`."""
    answer = _answer(action)
    visible = access_reinforcement(actor=actor, public_id=request_id)
    request = (
        ReinforcementRequest.objects.select_for_update(of=("self",))
        .select_related("event", "requester", "provider")
        .get(pk=visible.pk)
    )
    move = REINFORCEMENT_TRANSITIONS.move(request.status, _table_action(request, answer, payload))
    permissions.require(move.by in permissions.reinforcement_sides(actor, request))
    REINFORCEMENT_TRANSITIONS.require_note(move.action, payload.get("reason"), field="reason")  # a refusal says why
    previous = request.status
    summary = _APPLY[answer](request, actor=actor, payload=payload)
    request.status = move.target
    request.save()
    _notify(
        request,
        "withdrawn" if answer == ReinforcementAction.WITHDRAW else "answered",
        granted=len(summary.get("officers", ())),
    )
    audit_record(
        actor=actor,
        action=f"reinforcement.{_AUDITED[answer]}",
        obj=request,
        summary={"number": request.number, "from": previous, "to": move.target, **summary},
    )
    return request


def _answer(action: str) -> str:
    """grant, decline or withdraw; anything else is 422 unknown_action before any lookup — the table's
    grant_all and grant_part included: which of the two a grant is, the counts sent decide."""
    if action == GRANT:
        return GRANT
    if action in GRANT_MOVES:
        raise InvalidInput(
            _("未知的操作。"),
            code="unknown_action",
            details={"workflow": REINFORCEMENT_TRANSITIONS.name, "action": str(action)},
        )
    return REINFORCEMENT_TRANSITIONS.require_action(action)


_AUDITED = {GRANT: "granted", ReinforcementAction.DECLINE: "declined", ReinforcementAction.WITHDRAW: "withdrawn"}


def _table_action(request: ReinforcementRequest, answer: str, payload: dict) -> str:
    """The table move: a grant is "grant_all" or "grant_part" by the counts sent (checked later)."""
    if answer != GRANT:
        return answer
    return grant_move(
        officers=len(set(map(str, payload.get("officers") or []))),
        vehicles=_count(payload.get("vehicles")),
        officers_requested=request.officers_requested,
        vehicles_requested=request.vehicles_requested,
    )


def _count(value) -> int:
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return -1  # refused as a negative count


def _apply_grant(request: ReinforcementRequest, *, actor, payload: dict) -> dict:
    event = MajorEvent.objects.select_for_update().get(pk=request.event_id)  # against a close racing the grant
    require_not_closed(event, _("活动已结束，不能再派出增援。"))
    officer_ids = list(payload.get("officers") or [])
    officers_count, vehicles = len(set(map(str, officer_ids))), _count(payload.get("vehicles"))
    if officers_count > request.officers_requested:
        raise InvalidInput(
            _("派出人员（%(n)d 人）超过请求数（%(r)d 人）。") % {"n": officers_count, "r": request.officers_requested},
            code="grant_exceeds_request",
            details={"field": "officers", "requested": request.officers_requested, "granted": officers_count},
        )
    if vehicles > request.vehicles_requested:
        raise InvalidInput(
            _("派出车辆（%(n)d 辆）超过请求数（%(r)d 辆）。") % {"n": vehicles, "r": request.vehicles_requested},
            code="grant_exceeds_request",
            details={"field": "vehicles", "requested": request.vehicles_requested, "granted": vehicles},
        )
    if vehicles < 0:
        raise invalid("vehicles", _("车辆数不能为负。"))
    if officers_count == 0 and vehicles == 0:
        raise invalid("officers", _("未派出任何人员或车辆，请改为答复不同意。"), "empty_grant")
    officers = _granted_officers(request, officer_ids)
    request.vehicles_granted = vehicles
    request.response_note = text(payload.get("note"), "note", max_length=500, required=False, label=_("答复意见"))
    request.responded_by, request.responded_at = actor, timezone.now()
    # A request is granted once (the table), so nobody is on it yet: one insert of the through rows.
    through = ReinforcementRequest.officers_granted.through
    through.objects.bulk_create(through(reinforcementrequest=request, user=officer) for officer in officers)
    joined = agency_ensure_participant(event, request.provider_id)
    if officers:
        reinforcements_join(request=request, officers=officers, actor=actor)
    return {"officers": [o.full_name for o in officers], "vehicles": vehicles, "joined_event": joined}


def _apply_decline(request: ReinforcementRequest, *, actor, payload: dict) -> dict:
    request.response_note = text(payload.get("reason"), "reason", max_length=500, label=_("理由"))
    request.responded_by, request.responded_at = actor, timezone.now()
    return {"reason": request.response_note}


def _apply_withdraw(request: ReinforcementRequest, *, actor, payload: dict) -> dict:
    request.response_note = text(payload.get("reason"), "reason", max_length=500, required=False, label=_("理由"))
    return {"reason": request.response_note}


_APPLY = {
    GRANT: _apply_grant,
    ReinforcementAction.DECLINE: _apply_decline,
    ReinforcementAction.WITHDRAW: _apply_withdraw,
}


def _granted_officers(request: ReinforcementRequest, ids: list) -> list:
    wanted = list(dict.fromkeys(str(i) for i in ids))
    if any(not is_uuid(i) for i in wanted):
        raise invalid("officers", _("人员编号格式错误。"), "unknown_officer")
    officers = list(
        get_user_model().objects.filter(public_id__in=wanted, agency_id=request.provider_id, is_active=True)
    )
    if len(officers) != len(wanted):
        raise invalid("officers", _("所选人员须为本单位在职人员。"), "unknown_officer")
    covered = set(
        OfficerCertificate.objects.filter(
            holder__in=officers, status="active", valid_from__lte=request.starts_on, valid_to__gte=request.ends_on
        ).values_list("holder_id", flat=True)
    )
    lacking = [o.full_name for o in officers if o.pk not in covered]
    if lacking:
        raise invalid(
            "officers",
            _("以下人员在支援期间没有有效执法证：%(names)s。") % {"names": "、".join(lacking[:10])},
            "certificate_invalid",
        )
    return sorted(officers, key=lambda o: o.full_name)


def _notify(request: ReinforcementRequest, what: str, granted: int = 0) -> None:
    """Inside the transaction of the change (DESIGN §1): the inbox and outbox rows commit with it."""
    names = {
        "event": request.event.name,
        "number": request.number,
        "requester": request.requester.name,
        "provider": request.provider.name,
        "officers": request.officers_requested,
        "vehicles": request.vehicles_requested,
        "status": request.get_status_display(),
        "granted": granted,
        "vehicles_granted": request.vehicles_granted,
        "start": request.starts_on,
        "end": request.ends_on,
    }
    if what == "requested":
        notify_leaders(
            agency_ids=[request.provider_id],
            kind="reinforcement.requested",
            title=_("增援请求 %(number)s") % names,
            body=_(
                "%(requester)s请求贵单位为%(event)s增援人员 %(officers)d 名、车辆 %(vehicles)d 辆"
                "（%(start)s至%(end)s）。"
            )
            % names,
            link=_link(request),
        )
    elif what == "withdrawn":
        notify_leaders(
            agency_ids=[request.provider_id],
            kind="reinforcement.withdrawn",
            title=_("增援请求已撤回 %(number)s") % names,
            body=_("%(requester)s撤回了增援请求。") % names,
            link=_link(request),
        )
    else:
        notify_leaders(
            agency_ids=[request.requester_id],
            kind="reinforcement.answered",
            title=_("增援答复 %(number)s：%(status)s") % names,
            body=_("%(provider)s答复：%(status)s；派出人员 %(granted)d 名、车辆 %(vehicles_granted)d 辆。") % names,
            link=_link(request),
        )
