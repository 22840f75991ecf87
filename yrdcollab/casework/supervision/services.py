"""Writes of supervision: supervision orders (督办单) and, re-exported, the overdue sweep. Every move of an
order (states.ORDER_TRANSITIONS) runs through supervision_order_transition."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.models import TrackedState
from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_later

from .models import EventKind, SupervisionEvent, SupervisionOrder
from .permissions import may_close_order, may_reply_order
from .selectors import access_order, item_for_order
from .states import ORDER_TRANSITIONS, OrderAction, OrderSide
from .sweep import SweepResult, supervision_sweep  # noqa: F401  (the sweep is a service too)

MAX_ORDER_DAYS = 90
TEXT_MAX = 2000
# Who hears of an order in each party agency.
PARTY_ROLES = [Role.BUREAU_LEADER, Role.SQUAD_LEADER, Role.LIAISON]


def _clean_text(value: str, *, field: str, empty_message) -> str:
    text = (value or "").strip()
    if not text:
        raise InvalidInput(empty_message, details={"field": field})
    if len(text) > TEXT_MAX:
        raise InvalidInput(_("内容不能超过 %(max)s 字。") % {"max": TEXT_MAX}, details={"field": field})
    return text


def _order_link(order: SupervisionOrder) -> str:
    return reverse("supervision:order_detail", args=[order.public_id])


def _notify_parties(order: SupervisionOrder, *, kind: str, title: str, body: str, actor) -> None:
    """The party agencies' leaders and liaisons: one job row, composed by the worker after commit."""
    item = order.tracked_item
    notify_later(
        agency_ids=[item.sender_id, item.receiver_id, item.waiting_on_id],
        roles=PARTY_ROLES,
        kind=kind,
        title=title,
        body=body,
        link=_order_link(order),
        actor=actor,
    )


def _event(order: SupervisionOrder, kind: str, actor) -> None:
    item = order.tracked_item
    SupervisionEvent.objects.create(
        tracked_item=item,
        order=order,
        kind=kind,
        level=item.escalation_level,
        due_at=item.due_at,
        waiting_on_id=item.waiting_on_id,
        actor=actor,
        occurred_at=timezone.now(),
    )


@transaction.atomic
def supervision_order_issue(
    *, actor, item_public_id, instructions: str, due_on: date, today: date | None = None
) -> SupervisionOrder:
    """The command centre orders the parties of an open item to act by `due_on` (today … +90 days)."""
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    if actor.agency_id is None:
        raise PermissionDenied(_("督办单须以所在机构名义签发，您的账号未关联机构。"))
    instructions = _clean_text(instructions, field="instructions", empty_message=_("请填写督办要求。"))
    today = today or timezone.localdate()
    if not isinstance(due_on, date) or not today <= due_on <= today + timedelta(days=MAX_ORDER_DAYS):
        raise InvalidInput(
            _("督办期限须在今天至 %(days)s 日之内。") % {"days": MAX_ORDER_DAYS}, details={"field": "due_on"}
        )
    item = item_for_order(actor=actor, public_id=item_public_id, for_update=True)
    if item.state == TrackedState.CLOSED:
        raise Conflict(_("该事项已办结，无需督办。"), code="item_closed")
    order = SupervisionOrder.objects.create(
        doc_number=document_number_next(agency=actor.agency, kind="supervision"),
        tracked_item=item,
        issued_by=actor,
        issuing_agency_id=actor.agency_id,
        instructions=instructions,
        due_on=due_on,
    )
    _event(order, EventKind.ORDER_ISSUED, actor)
    audit_record(
        actor=actor,
        action="supervision.order_issued",
        obj=order,
        summary={"doc_number": order.doc_number, "item": str(item.public_id), "due_on": due_on},
    )
    _notify_parties(
        order,
        kind="supervision.order_issued",
        title=_("督办单 %(doc)s：%(title)s") % {"doc": order.doc_number, "title": item.title},
        body=_("督办要求：%(text)s\n请于 %(due)s 前办理并回复。") % {"text": instructions, "due": chinese_date(due_on)},
        actor=actor,
    )
    return order


def _reply(order: SupervisionOrder, *, actor, now, reply: str = "") -> list[str]:
    """The handling agency reports what it did."""
    order.reply = _clean_text(reply, field="reply", empty_message=_("请填写办理情况。"))
    order.replied_by, order.replied_at = actor, now
    return ["reply", "replied_by", "replied_at"]


def _notify_replied(order: SupervisionOrder, actor) -> None:
    notify_later(
        recipient_ids=[order.issued_by_id],
        kind="supervision.order_replied",
        title=_("督办单 %(doc)s 已回复") % {"doc": order.doc_number},
        body=order.reply,
        link=_order_link(order),
        actor=actor,
    )


def _close(order: SupervisionOrder, *, actor, now) -> list[str]:
    """The issuing command centre closes the order (after the reply, or once the item is done)."""
    order.closed_at = now
    return ["closed_at"]


def _notify_closed(order: SupervisionOrder, actor) -> None:
    _notify_parties(
        order,
        kind="supervision.order_closed",
        title=_("督办单 %(doc)s 已办结") % {"doc": order.doc_number},
        body=order.tracked_item.title,
        actor=actor,
    )


@dataclass(frozen=True)
class _Move:
    apply: Callable[..., list[str]]  # validates the payload and changes the order; returns the changed fields
    payload: frozenset[str]
    event: str
    audited: str
    notify: Callable[[SupervisionOrder, object], None]


_MOVES = {
    OrderAction.REPLY: _Move(
        _reply, frozenset({"reply"}), EventKind.ORDER_REPLIED, "supervision.order_replied", _notify_replied
    ),
    OrderAction.CLOSE: _Move(_close, frozenset(), EventKind.ORDER_CLOSED, "supervision.order_closed", _notify_closed),
}


def _require_side(actor, order: SupervisionOrder, side: str) -> None:
    if side == OrderSide.HANDLING_AGENCY and not may_reply_order(actor, order):
        raise PermissionDenied(_("只有待办机构的承办人员可以回复督办单。"))
    if side == OrderSide.ISSUING_AGENCY and not may_close_order(actor, order):
        raise PermissionDenied(_("只有签发机构可以办结督办单。"))


@transaction.atomic
def supervision_order_transition(*, actor, order_public_id, action: str, **payload) -> SupervisionOrder:
    """Runs one move of the order table: 422 unknown_action before anything is read; 403 for a
    command-centre move by anyone without collaboration.supervise (before the lookup, as ever); 404
    when the actor cannot see the order; 403 when the actor does not act for the side that makes the
    move (the handling agency replies, the issuing agency closes); 409 when the order's status does not
    allow it (checked under the row lock); 422 on a bad payload (reply — `reply`)."""
    action = ORDER_TRANSITIONS.require_action(action)
    step = _MOVES[OrderAction(action)]
    unexpected = sorted(set(payload) - step.payload)
    if unexpected:
        raise InvalidInput(code="unexpected_field", details={"field": unexpected[0], "action": action})
    side = ORDER_TRANSITIONS.side_of(action)
    if side == OrderSide.ISSUING_AGENCY:
        require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    order = access_order(actor=actor, public_id=order_public_id, for_update=True)
    _require_side(actor, order, side)
    move = ORDER_TRANSITIONS.move(order.status, action)
    changed = step.apply(order, actor=actor, now=timezone.now(), **payload)
    order.status = move.target
    order.save(update_fields=["status", *changed, "updated_at"])
    _event(order, step.event, actor)
    audit_record(actor=actor, action=step.audited, obj=order, summary={"doc_number": order.doc_number})
    step.notify(order, actor)
    return order


def supervision_order_reply(*, actor, order_public_id, reply: str) -> SupervisionOrder:
    """The handling agency (the one the item waits on, else its receiver) reports what it did."""
    return supervision_order_transition(
        actor=actor, order_public_id=order_public_id, action=OrderAction.REPLY, reply=reply
    )


def supervision_order_close(*, actor, order_public_id) -> SupervisionOrder:
    """The issuing command centre closes the order (after the reply, or once the item is done)."""
    return supervision_order_transition(actor=actor, order_public_id=order_public_id, action=OrderAction.CLOSE)
