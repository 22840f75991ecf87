"""Supervision orders through the services: issue, reply, close; bad input, 403, 404, 409."""

from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.casework.collaboration.models import TrackedState
from yrdcollab.casework.supervision.models import EventKind, SupervisionEvent
from yrdcollab.casework.supervision.selectors import access_order, supervision_order_list
from yrdcollab.casework.supervision.services import (
    supervision_order_close,
    supervision_order_issue,
    supervision_order_reply,
    supervision_order_transition,
)
from yrdcollab.casework.supervision.states import OrderStatus
from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification

pytestmark = pytest.mark.django_db


def issue(actor, item, **extra):
    values = dict(instructions="请于三日内完成签收并反馈。", due_on=timezone.localdate() + timedelta(days=3))
    values.update(extra)
    return supervision_order_issue(actor=actor, item_public_id=item.public_id, **values)


def test_whole_path(
    make_item, supervisor, qingpu_leader, wujiang_leader, foreign_officer, make_user, django_capture_on_commit_callbacks
):
    wujiang_liaison = make_user("liaison", "wujiang")
    item = make_item()
    with django_capture_on_commit_callbacks(execute=True):  # committed: the worker composes the notifications
        order = issue(supervisor, item)
        assert (
            order.status == OrderStatus.ISSUED and order.doc_number == f"沪城管执督〔{timezone.localdate().year}〕1号"
        )
        assert issue(supervisor, item).doc_number.endswith(f"〔{timezone.localdate().year}〕2号")
    # every party hears of it: both agencies' leaders and liaisons
    for user in (qingpu_leader, wujiang_leader, wujiang_liaison):
        assert Notification.objects.filter(recipient=user, kind="supervision.order_issued").count() == 2
    with django_capture_on_commit_callbacks(execute=True):
        replied = supervision_order_reply(
            actor=foreign_officer, order_public_id=order.public_id, reply="已签收，正在调查。"
        )
    assert replied.status == OrderStatus.REPLIED and replied.replied_by == foreign_officer
    assert Notification.objects.filter(recipient=supervisor, kind="supervision.order_replied").count() == 1
    closed = supervision_order_close(actor=supervisor, order_public_id=order.public_id)
    assert closed.status == OrderStatus.CLOSED and closed.closed_at is not None
    kinds = list(SupervisionEvent.objects.filter(order=order).values_list("kind", flat=True))
    assert kinds == [EventKind.ORDER_ISSUED, EventKind.ORDER_REPLIED, EventKind.ORDER_CLOSED]
    actions = set(AuditEntry.objects.filter(object_id=str(order.public_id)).values_list("action", flat=True))
    assert actions == {"supervision.order_issued", "supervision.order_replied", "supervision.order_closed"}
    with pytest.raises(InvalidTransition):
        supervision_order_close(actor=supervisor, order_public_id=order.public_id)


def test_only_the_command_centre_issues(make_item, officer, wujiang_leader):
    item = make_item()
    for actor in (officer, wujiang_leader):
        with pytest.raises(PermissionDenied):
            issue(actor, item)


@pytest.mark.parametrize(
    ("field", "values"),
    [
        ("instructions", {"instructions": "   "}),
        ("instructions", {"instructions": "字" * 2001}),
        ("due_on", {"due_on": timezone.localdate() - timedelta(days=1)}),
        ("due_on", {"due_on": timezone.localdate() + timedelta(days=91)}),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(make_item, supervisor, field, values):
    item = make_item()
    with pytest.raises(InvalidInput) as caught:
        issue(supervisor, item, **values)
    assert caught.value.details["field"] == field
    assert not SupervisionEvent.objects.exists()


def test_due_on_bounds_are_inclusive(make_item, supervisor):
    item = make_item()
    assert issue(supervisor, item, due_on=timezone.localdate())
    assert issue(supervisor, item, due_on=timezone.localdate() + timedelta(days=90))


def test_closed_or_unknown_item(make_item, supervisor):
    closed = make_item(state=TrackedState.CLOSED)
    with pytest.raises(Conflict):
        issue(supervisor, closed)
    closed.public_id = __import__("uuid").uuid4()
    with pytest.raises(NotFound):
        issue(supervisor, closed)


def test_reply_is_for_the_handling_agency(make_item, supervisor, officer, make_user):
    order = issue(supervisor, make_item())  # waits on 吴江
    with pytest.raises(PermissionDenied):  # 青浦 sees the order (sender) but does not handle it
        supervision_order_reply(actor=officer, order_public_id=order.public_id, reply="已办")
    outsider = make_user("officer", "jiashan")
    with pytest.raises(NotFound):  # 嘉善 is no party: 404
        supervision_order_reply(actor=outsider, order_public_id=order.public_id, reply="已办")
    with pytest.raises(NotFound):
        access_order(actor=outsider, public_id=order.public_id)
    assert list(supervision_order_list(actor=outsider)) == []


def test_waiting_sender_replies(make_item, supervisor, officer):
    order = issue(supervisor, make_item(waiting_on="sender"))
    assert (
        supervision_order_reply(actor=officer, order_public_id=order.public_id, reply="已补充材料").status == "replied"
    )


def test_reply_twice_is_409_and_empty_reply_422(make_item, supervisor, foreign_officer):
    order = issue(supervisor, make_item())
    with pytest.raises(InvalidInput):
        supervision_order_reply(actor=foreign_officer, order_public_id=order.public_id, reply=" ")
    supervision_order_reply(actor=foreign_officer, order_public_id=order.public_id, reply="已办")
    with pytest.raises(InvalidTransition):
        supervision_order_reply(actor=foreign_officer, order_public_id=order.public_id, reply="再办")
    assert SupervisionEvent.objects.filter(kind=EventKind.ORDER_REPLIED).count() == 1


def test_close_is_for_the_issuing_agency(make_item, supervisor, make_user, foreign_officer):
    order = issue(supervisor, make_item())
    other_centre = make_user("supervisor", "jiashan")
    with pytest.raises(PermissionDenied):
        supervision_order_close(actor=other_centre, order_public_id=order.public_id)
    with pytest.raises(PermissionDenied):
        supervision_order_close(actor=foreign_officer, order_public_id=order.public_id)
    assert supervision_order_close(actor=supervisor, order_public_id=order.public_id).status == "closed"


def test_superiors_see_the_order(make_item, supervisor, make_user):
    sh_officer = make_user("officer", "sh")  # 上海市局 is above 青浦, the sender
    order = issue(supervisor, make_item())
    assert access_order(actor=sh_officer, public_id=order.public_id) == order


def test_every_order_move_runs_through_the_one_transition_service(make_item, supervisor, foreign_officer, make_user):
    order = issue(supervisor, make_item())
    outsider = make_user("officer", "jiashan")
    with pytest.raises(InvalidInput) as unknown:  # refused before the lookup (嘉善 would get 404)
        supervision_order_transition(actor=outsider, order_public_id=order.public_id, action="reopen")
    assert unknown.value.code == "unknown_action" and unknown.value.status == 422
    with pytest.raises(NotFound):
        supervision_order_transition(actor=outsider, order_public_id=order.public_id, action="reply", reply="x")
    with pytest.raises(InvalidInput) as unexpected:
        supervision_order_transition(actor=supervisor, order_public_id=order.public_id, action="close", reply="x")
    assert unexpected.value.code == "unexpected_field"
    closed = supervision_order_transition(actor=supervisor, order_public_id=order.public_id, action="close")
    assert closed.status == OrderStatus.CLOSED
    with pytest.raises(InvalidTransition) as illegal:
        supervision_order_transition(
            actor=foreign_officer, order_public_id=order.public_id, action="reply", reply="已办"
        )
    assert illegal.value.code == "invalid_transition" and illegal.value.status == 409
    assert not SupervisionEvent.objects.filter(kind=EventKind.ORDER_REPLIED).exists()


def test_closing_needs_the_capability_before_anything_is_looked_up(make_item, supervisor, make_user):
    order = issue(supervisor, make_item())
    with pytest.raises(PermissionDenied):  # 嘉善 cannot see the order, but lacks the capability first: 403
        supervision_order_transition(
            actor=make_user("officer", "jiashan"), order_public_id=order.public_id, action="close"
        )
