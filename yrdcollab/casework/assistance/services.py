"""Writes of the assistance workflow: create a draft, and the one transition service every action
goes through (lock, table, permission, step, timeline, tracked-item index, audit, notification)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import step_deadline
from yrdcollab.casework.collaboration.services import TrackedSnapshot, tracked_item_sync
from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.validation import is_uuid
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.parties.services import PartyInput  # noqa: F401  (re-exported for api.py and forms.py)

from . import steps
from .models import QUESTIONS_MAX, AssistanceEvent, AssistanceRequest, AssistanceType
from .selectors import access_assistance, assistance_provisional_open
from .states import Action, Side, Status, is_closed, next_status, side_of

MAX_PARTIES = 20
HANDLER_ROLES = [Role.OFFICER, Role.SQUAD_LEADER, Role.BUREAU_LEADER, Role.LIAISON]


def _required(value: str, field: str, max_length: int, message) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message, details={"field": field})
    if len(value) > max_length:
        raise InvalidInput(_("内容过长，不能超过 %(max)s 个字符。") % {"max": max_length},
                           details={"field": field, "max": max_length})
    return value


@transaction.atomic
def assistance_create(*, actor, responder_id, type: str, matter_code: str, title: str, questions: str,
                      parties: list[PartyInput] = (), address: str = "",
                      division_code: str = "") -> AssistanceRequest:
    """A draft request from the actor's agency to `responder_id` (an agency's public id)."""
    from yrdcollab.platform.catalogue.models import Matter
    from yrdcollab.platform.directory.models import Agency, Division

    require_capability(actor, Capability.COLLABORATION_HANDLE)
    if actor.agency_id is None:
        raise PermissionDenied()
    title = _required(title, "title", 200, _("请填写标题。"))
    questions = _required(questions, "questions", QUESTIONS_MAX, _("请填写需协查的事项。"))
    if type not in AssistanceType.values:
        raise InvalidInput(_("协查类型无效。"), details={"field": "type", "value": str(type)[:32]})
    responder = Agency.objects.filter(public_id=responder_id).first() if is_uuid(responder_id) else None
    if responder is None:
        raise InvalidInput(_("协查机构不存在。"), details={"field": "responder_id"})
    if responder.pk == actor.agency_id:
        raise InvalidInput(_("不能向本机构发出协查请求。"), details={"field": "responder_id"})
    matter = Matter.objects.filter(code=(matter_code or "").strip(), is_active=True).first()
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
        requester_id=actor.agency_id, responder=responder, type=type, matter=matter, title=title,
        questions=questions, address=address, division=division, created_by=actor)
    for index, party in enumerate(parties):
        try:
            row = party.register(actor=actor)
        except InvalidInput as exc:
            exc.details = {**exc.details, "party": index}
            raise
        request.parties.add(row)
    AssistanceEvent.objects.create(request=request, action="create", to_status=Status.DRAFT, actor=actor,
                                   agency_id=actor.agency_id, at=timezone.now())
    audit_record(actor=actor, action="assistance.created", obj=request,
                 summary={"responder": responder.name, "type": type, "matter": matter.code,
                          "parties": len(parties)})
    return request



def _snapshot(request: AssistanceRequest) -> TrackedSnapshot:
    waiting_on, step = {
        Status.SENT: (request.responder_id, "respond"),
        Status.ACKNOWLEDGED: (request.responder_id, "respond"),
        Status.FOLLOW_UP: (request.responder_id, "respond"),
        Status.RESPONDED: (request.requester_id, "confirm"),
    }.get(request.status, (None, ""))
    with translation.override("zh-hans"):
        label = str(Status(request.status).label)
    return TrackedSnapshot(kind="assistance", public_id=request.public_id, title=request.title,
                           doc_number=request.doc_number, sender_id=request.requester_id,
                           receiver_id=request.responder_id, waiting_on_id=waiting_on, step=step,
                           status_label=label, due_at=request.due_at, due_provisional=request.due_provisional,
                           closed=is_closed(request.status))


def _notify_other_side(request: AssistanceRequest, *, action: str, side: Side, actor) -> None:
    from yrdcollab.platform.notifications.services import notify_agency_roles

    other = request.responder if side == Side.REQUESTER else request.requester
    with translation.override("zh-hans"):
        label = str(Action(action).label)
    notify_agency_roles(
        agency=other, roles=HANDLER_ROLES, kind=f"assistance.{action}", actor=actor,
        title=_("协查请求%(action)s：%(title)s") % {"action": label, "title": request.title},
        body=_("%(agency)s 对协查请求“%(title)s”（%(number)s）执行了“%(action)s”。") % {
            "agency": actor.agency.name, "title": request.title, "number": request.doc_number or "—",
            "action": label},
        link=reverse("assistance:detail", args=[request.public_id]))


@transaction.atomic
def assistance_transition(*, actor, public_id, action: str, findings: str = "", question: str = "",
                          reason: str = "", proposed_due_on: date | None = None) -> AssistanceRequest:
    """Performs `action` on the request. Not visible → NotFound (404); not the acting side's
    handler → PermissionDenied (403); not allowed from the current status (including a second,
    concurrent submission of the same action) → InvalidTransition (409); bad input → 422."""
    if action not in Action.values:
        raise InvalidInput(_("未知的操作。"), code="unknown_action", details={"action": str(action)[:32]})
    visible = access_assistance(actor=actor, public_id=public_id)
    request = AssistanceRequest.objects.select_for_update().select_related(
        "requester", "responder", "matter").get(pk=visible.pk)
    side = side_of(action)
    if not may_act_for(actor, request.requester_id if side == Side.REQUESTER else request.responder_id):
        raise PermissionDenied(details={"action": action, "side": side.value})
    before = request.status
    after = next_status(before, action)
    now = timezone.now()
    note = steps.STEPS[Action(action)](request, actor=actor, now=now, findings=findings, question=question,
                                       reason=reason, proposed_due_on=proposed_due_on)
    request.status = after
    request.save()
    AssistanceEvent.objects.create(request=request, action=action, from_status=before, to_status=after,
                                   note=note, actor=actor, agency_id=actor.agency_id, at=now)
    if request.sent_at is not None:
        tracked_item_sync(_snapshot(request))
    audit_record(actor=actor, action=f"assistance.{action}", obj=request,
                 summary={"from": before, "to": after, "doc_number": request.doc_number,
                          "due_at": request.due_at.isoformat() if request.due_at else None})
    if before != Status.DRAFT or after != Status.WITHDRAWN:
        _notify_other_side(request, action=action, side=side, actor=actor)
    return request


def assistance_recompute_provisional(year: int) -> int:
    """Registered with the working-day calendar: when a year's official schedule is loaded,
    recompute every open provisional deadline from the start of its step. Idempotent."""
    changed = 0
    for pk in assistance_provisional_open().values_list("pk", flat=True):
        with transaction.atomic():
            request = AssistanceRequest.objects.select_for_update().select_related("matter").get(pk=pk)
            if not request.due_provisional or request.step_started_at is None or is_closed(request.status):
                continue
            step = "confirm" if request.status == Status.RESPONDED else "respond"
            deadline = step_deadline(workflow="assistance", step=step, matter=request.matter,
                                     start=request.step_started_at)
            if (deadline.due_at, deadline.provisional) == (request.due_at, request.due_provisional):
                continue
            before = request.due_at
            request.due_at, request.due_provisional = deadline.due_at, deadline.provisional
            request.save(update_fields=["due_at", "due_provisional", "updated_at"])
            tracked_item_sync(_snapshot(request))
            audit_record(actor=None, action="assistance.deadline_recomputed", obj=request,
                         summary={"year": year, "from": before.isoformat() if before else None,
                                  "to": deadline.due_at.isoformat(), "provisional": deadline.provisional})
            changed += 1
    return changed
