"""Writes of supervision: supervision orders (督办单) and, re-exported, the overdue sweep."""

from datetime import date, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState
from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.selectors import users_with_roles
from yrdcollab.platform.notifications.services import notify

from .models import EventKind, SupervisionEvent, SupervisionOrder
from .permissions import may_close_order, may_reply_order
from .selectors import access_order
from .states import OrderAction, order_next_status
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
    item = order.tracked_item
    recipients = []
    for agency_id in dict.fromkeys([item.sender_id, item.receiver_id, item.waiting_on_id]):
        if agency_id is not None:
            recipients.extend(users_with_roles(agency=agency_id, roles=PARTY_ROLES))
    notify(recipients=recipients, kind=kind, title=title, body=body, link=_order_link(order), actor=actor)


def _event(order: SupervisionOrder, kind: str, actor) -> None:
    item = order.tracked_item
    SupervisionEvent.objects.create(tracked_item=item, order=order, kind=kind, level=item.escalation_level,
                                    due_at=item.due_at, waiting_on_id=item.waiting_on_id, actor=actor,
                                    occurred_at=timezone.now())


@transaction.atomic
def supervision_order_issue(*, actor, item_public_id, instructions: str, due_on: date,
                            today: date | None = None) -> SupervisionOrder:
    """The command centre orders the parties of an open item to act by `due_on` (today … +90 days)."""
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    if actor.agency_id is None:
        raise PermissionDenied(_("督办单须以所在机构名义签发，您的账号未关联机构。"))
    instructions = _clean_text(instructions, field="instructions", empty_message=_("请填写督办要求。"))
    today = today or timezone.localdate()
    if not isinstance(due_on, date) or not today <= due_on <= today + timedelta(days=MAX_ORDER_DAYS):
        raise InvalidInput(_("督办期限须在今天至 %(days)s 日之内。") % {"days": MAX_ORDER_DAYS},
                           details={"field": "due_on"})
    item = TrackedItem.objects.select_for_update().filter(public_id=item_public_id).first()
    if item is None:
        raise NotFound()
    if item.state == TrackedState.CLOSED:
        raise Conflict(_("该事项已办结，无需督办。"), code="item_closed")
    order = SupervisionOrder.objects.create(
        doc_number=document_number_next(agency=actor.agency, kind="supervision"), tracked_item=item,
        issued_by=actor, issuing_agency_id=actor.agency_id, instructions=instructions, due_on=due_on)
    _event(order, EventKind.ORDER_ISSUED, actor)
    audit_record(actor=actor, action="supervision.order_issued", obj=order,
                 summary={"doc_number": order.doc_number, "item": str(item.public_id), "due_on": due_on})
    _notify_parties(order, kind="supervision.order_issued",
                    title=_("督办单 %(doc)s：%(title)s") % {"doc": order.doc_number, "title": item.title},
                    body=_("督办要求：%(text)s\n请于 %(due)s 前办理并回复。") % {
                        "text": instructions, "due": chinese_date(due_on)},
                    actor=actor)
    return order


@transaction.atomic
def supervision_order_reply(*, actor, order_public_id, reply: str) -> SupervisionOrder:
    """The handling agency (the one the item waits on, else its receiver) reports what it did."""
    order = access_order(actor=actor, public_id=order_public_id, for_update=True)
    if not may_reply_order(actor, order):
        raise PermissionDenied(_("只有待办机构的承办人员可以回复督办单。"))
    order.status = order_next_status(order.status, OrderAction.REPLY)
    order.reply = _clean_text(reply, field="reply", empty_message=_("请填写办理情况。"))
    order.replied_by, order.replied_at = actor, timezone.now()
    order.save(update_fields=["status", "reply", "replied_by", "replied_at", "updated_at"])
    _event(order, EventKind.ORDER_REPLIED, actor)
    audit_record(actor=actor, action="supervision.order_replied", obj=order, summary={"doc_number": order.doc_number})
    notify(recipients=[order.issued_by], kind="supervision.order_replied",
           title=_("督办单 %(doc)s 已回复") % {"doc": order.doc_number}, body=order.reply,
           link=_order_link(order), actor=actor)
    return order


@transaction.atomic
def supervision_order_close(*, actor, order_public_id) -> SupervisionOrder:
    """The issuing command centre closes the order (after the reply, or once the item is done)."""
    require_capability(actor, Capability.COLLABORATION_SUPERVISE)
    order = access_order(actor=actor, public_id=order_public_id, for_update=True)
    if not may_close_order(actor, order):
        raise PermissionDenied(_("只有签发机构可以办结督办单。"))
    order.status = order_next_status(order.status, OrderAction.CLOSE)
    order.closed_at = timezone.now()
    order.save(update_fields=["status", "closed_at", "updated_at"])
    _event(order, EventKind.ORDER_CLOSED, actor)
    audit_record(actor=actor, action="supervision.order_closed", obj=order, summary={"doc_number": order.doc_number})
    _notify_parties(order, kind="supervision.order_closed",
                    title=_("督办单 %(doc)s 已办结") % {"doc": order.doc_number},
                    body=order.tracked_item.title, actor=actor)
    return order
