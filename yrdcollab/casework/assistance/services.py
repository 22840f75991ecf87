"""Writes of the assistance workflow: create a draft, and the one transition service every action
goes through (lock, table, permission, step, timeline, tracked-item index, audit, notification)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import RunningStep, StepDeadline, provisional_deadlines_recompute
from yrdcollab.casework.collaboration.services import TrackedSnapshot, tracked_item_sync
from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.prefetch import prefetched
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.catalogue.selectors import active_matter
from yrdcollab.platform.directory.models import Division
from yrdcollab.platform.directory.tree import agency_by_public_id
from yrdcollab.platform.notifications.services import notify_later
from yrdcollab.platform.parties.services import PartyInput  # noqa: F401  (re-exported for api.py and forms.py)

from . import steps
from .models import QUESTIONS_MAX, AssistanceEvent, AssistanceRequest, AssistanceType
from .selectors import access_assistance_for_update, assistance_provisional_open
from .states import CLOSED, STEP_OF_STATUS, TRANSITIONS, Action, Side, Status

MAX_PARTIES = 20
HANDLER_ROLES = [Role.OFFICER, Role.SQUAD_LEADER, Role.BUREAU_LEADER, Role.LIAISON]


def _required(value: str, field: str, max_length: int, message) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, details={"field": field})
    if len(value) > max_length:
        raise InvalidInput(
            _("内容过长，不能超过 %(max)s 个字符。") % {"max": max_length}, details={"field": field, "max": max_length}
        )
    return value


@transaction.atomic
def assistance_create(
    *,
    actor,
    responder_id,
    type: str,
    matter_code: str,
    title: str,
    questions: str,
    parties: list[PartyInput] = (),
    address: str = "",
    division_code: str = "",
) -> AssistanceRequest:
    """A draft request from the actor's agency to `responder_id` (an agency's public id)."""
    require_capability(actor, Capability.COLLABORATION_HANDLE)
    if actor.agency_id is None:
        raise PermissionDenied()
    title = _required(title, "title", 200, _("请填写标题。"))
    questions = _required(questions, "questions", QUESTIONS_MAX, _("请填写需协查的事项。"))
    if type not in AssistanceType.values:
        raise InvalidInput(_("协查类型无效。"), details={"field": "type", "value": str(type)[:32]})
    responder = agency_by_public_id(responder_id)  # reference data, from the cache
    if responder is None:
        raise InvalidInput(_("协查机构不存在。"), details={"field": "responder_id"})
    if responder.pk == actor.agency_id:
        raise InvalidInput(_("不能向本机构发出协查请求。"), details={"field": "responder_id"})
    matter = active_matter(matter_code)  # reference data, from the cache
    if matter is None:
        raise InvalidInput(_("事项编码不存在或已停用。"), details={"field": "matter_code"})
    address = (address or "").strip()
    if len(address) > 200:
        raise InvalidInput(_("地点不能超过 200 个字符。"), details={"field": "address"})
    division = None
    if division_code:
        division = Division.objects.filter(code=division_code.strip()).first()
        if division is None:
            raise InvalidInput(_("行政区划代码不存在。"), details={"field": "division_code"})
    if len(parties) > MAX_PARTIES:
        raise InvalidInput(_("当事人不能超过 %(n)s 个。") % {"n": MAX_PARTIES}, details={"field": "parties"})
    request = AssistanceRequest.objects.create(
        requester=actor.agency,
        responder=responder,
        type=type,
        matter=matter,
        title=title,
        questions=questions,
        address=address,
        division=division,
        created_by=actor,
    )
    registered = []
    for index, party in enumerate(parties):
        try:
            registered.append(party.register(actor=actor))
        except InvalidInput as exc:
            exc.details = {**exc.details, "party": index}
            raise
    if registered:
        request.parties.add(*registered)
    created = AssistanceEvent.objects.create(
        request=request,
        action="create",
        to_status=Status.DRAFT,
        actor=actor,
        agency=actor.agency,
        at=timezone.now(),
    )
    # The answer shows what was just written (core.prefetch).
    prefetched(request, "parties", list({party.pk: party for party in registered}.values()))
    prefetched(request, "events", [created])
    prefetched(request, "extensions", [])
    prefetched(request, "follow_ups", [])
    audit_record(
        actor=actor,
        action="assistance.created",
        obj=request,
        summary={"responder": responder.name, "type": type, "matter": matter.code, "parties": len(parties)},
    )
    return request


def _agency_of(request: AssistanceRequest, side: Side) -> int:
    return request.requester_id if side == Side.REQUESTER else request.responder_id


def _snapshot(request: AssistanceRequest) -> TrackedSnapshot:
    step, side = STEP_OF_STATUS.get(Status(request.status), ("", None))
    waiting_on = _agency_of(request, side) if side else None
    with translation.override("zh-hans"):
        label = str(Status(request.status).label)
    return TrackedSnapshot(
        kind="assistance",
        public_id=request.public_id,
        title=request.title,
        doc_number=request.doc_number,
        sender_id=request.requester_id,
        receiver_id=request.responder_id,
        waiting_on_id=waiting_on,
        step=step,
        status_label=label,
        due_at=request.due_at,
        due_provisional=request.due_provisional,
        closed=request.status in CLOSED,
    )


def _notify_other_side(request: AssistanceRequest, *, action: str, side: Side, actor) -> None:
    """One job row; the worker composes the inbox and e-mail rows after commit (notify_later)."""
    other = request.responder_id if side == Side.REQUESTER else request.requester_id
    with translation.override("zh-hans"):
        label = str(Action(action).label)
    notify_later(
        agency_ids=[other],
        roles=HANDLER_ROLES,
        kind=f"assistance.{action}",
        actor=actor,
        title=_("协查请求%(action)s：%(title)s") % {"action": label, "title": request.title},
        body=_("%(agency)s 对协查请求“%(title)s”（%(number)s）执行了“%(action)s”。")
        % {"agency": actor.agency.name, "title": request.title, "number": request.doc_number or "—", "action": label},
        link=reverse("assistance:detail", args=[request.public_id]),
    )


@transaction.atomic
def assistance_transition(
    *,
    actor,
    public_id,
    action: str,
    findings: str = "",
    question: str = "",
    reason: str = "",
    proposed_due_on: date | None = None,
) -> AssistanceRequest:
    """Runs one move of the table. An action the workflow does not have → InvalidInput
    unknown_action (422) before anything is read; not visible → NotFound (404); not a handler of the
    side that makes the move → PermissionDenied (403); not allowed from the current status (checked
    under the row lock, so a second concurrent submission of the same action is refused too) →
    InvalidTransition (409); bad input → InvalidInput (422), nothing written — refuse_extension
    without a reason is `note_required` (details.field "reason")."""
    TRANSITIONS.require_action(action)
    request = access_assistance_for_update(actor=actor, public_id=public_id)
    side = Side(TRANSITIONS.side_of(action))
    if not may_act_for(actor, _agency_of(request, side)):
        raise PermissionDenied(details={"action": action, "side": side.value})
    move = TRANSITIONS.move(request.status, action)
    TRANSITIONS.require_note(action, reason, field="reason")  # a refused extension says why
    before, now = request.status, timezone.now()
    note = steps.STEPS[Action(move.action)](
        request,
        actor=actor,
        now=now,
        findings=findings,
        question=question,
        reason=reason,
        proposed_due_on=proposed_due_on,
    )
    request.status = move.target
    request.save()
    AssistanceEvent.objects.create(
        request=request,
        action=move.action,
        from_status=before,
        to_status=move.target,
        note=note,
        actor=actor,
        agency=actor.agency,
        at=now,
    )
    if request.sent_at is not None:
        tracked_item_sync(_snapshot(request), new=move.action == Action.SEND)
    audit_record(
        actor=actor,
        action=f"assistance.{move.action}",
        obj=request,
        summary={
            "from": before,
            "to": move.target,
            "doc_number": request.doc_number,
            "due_at": request.due_at.isoformat() if request.due_at else None,
        },
    )
    if before != Status.DRAFT or move.target != Status.WITHDRAWN:
        _notify_other_side(request, action=move.action, side=side, actor=actor)
    return request


def _running_step(request: AssistanceRequest) -> RunningStep | None:
    running = STEP_OF_STATUS.get(Status(request.status))
    if running is None or request.step_started_at is None:
        return None
    return RunningStep(
        step=running[0],
        started_at=request.step_started_at,
        matter=request.matter,
        due_at=request.due_at,
        provisional=request.due_provisional,
    )


def _apply_deadline(request: AssistanceRequest, deadline: StepDeadline) -> None:
    request.due_at, request.due_provisional = deadline.due_at, deadline.provisional
    request.save(update_fields=["due_at", "due_provisional", "updated_at"])
    tracked_item_sync(_snapshot(request))


def assistance_recompute_provisional(year: int) -> int:
    """After `year`'s official holiday schedule is loaded: recompute every open provisional deadline
    from the start of its step, audited per request (registered with the working-day calendar in
    AssistanceConfig.ready()). Idempotent."""
    return provisional_deadlines_recompute(
        workflow="assistance",
        year=year,
        candidates=assistance_provisional_open(),
        running_step=_running_step,
        apply=_apply_deadline,
    )
