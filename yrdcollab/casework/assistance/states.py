"""Statuses of an assistance request and its ONE transition table (pure: no database).

draft → sent → acknowledged (签收) → responded → confirmed (办结)
                                              ↘ follow_up → responded …
Extensions (延期) are asked by the responder while sent/acknowledged and decided by the requester;
they leave the status unchanged. The requester may withdraw before the response."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable, table_from_sources


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已发送")
    ACKNOWLEDGED = "acknowledged", _("已签收")
    RESPONDED = "responded", _("已答复")
    FOLLOW_UP = "follow_up", _("追问待答复")
    CONFIRMED = "confirmed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


class Side(StrEnum):
    REQUESTER = "requester"
    RESPONDER = "responder"


class Action(models.TextChoices):
    SEND = "send", _("发送")
    ACKNOWLEDGE = "acknowledge", _("签收")
    RESPOND = "respond", _("答复")
    CONFIRM = "confirm", _("确认办结")
    FOLLOW_UP = "follow_up", _("追问")
    WITHDRAW = "withdraw", _("撤回")
    REQUEST_EXTENSION = "request_extension", _("申请延期")
    APPROVE_EXTENSION = "approve_extension", _("同意延期")
    REFUSE_EXTENSION = "refuse_extension", _("不同意延期")


_OPEN_BEFORE_RESPONSE = (Status.SENT, Status.ACKNOWLEDGED)

# What the confirmation dialog says before a decision on an extension (the same words on both tables).
_APPROVE_EXTENSION = _("答复期限将延至协查机构申请的日期，并通知协查机构；同意后不能撤销。")
_REFUSE_EXTENSION = _("延期申请将被驳回，答复期限不变；不同意的理由将告知协查机构，作出后不能撤销。")

# Written per action: (source statuses, action, target status or None to keep it, which side acts).
TRANSITIONS = table_from_sources(
    "assistance",
    statuses=Status,
    actions=Action,
    moves=[
        ((Status.DRAFT,), Action.SEND, Status.SENT, Side.REQUESTER),
        ((Status.SENT,), Action.ACKNOWLEDGE, Status.ACKNOWLEDGED, Side.RESPONDER),
        ((Status.ACKNOWLEDGED, Status.FOLLOW_UP), Action.RESPOND, Status.RESPONDED, Side.RESPONDER),
        ((Status.RESPONDED,), Action.CONFIRM, Status.CONFIRMED, Side.REQUESTER),
        ((Status.RESPONDED,), Action.FOLLOW_UP, Status.FOLLOW_UP, Side.REQUESTER),
        ((Status.DRAFT, *_OPEN_BEFORE_RESPONSE), Action.WITHDRAW, Status.WITHDRAWN, Side.REQUESTER),
        (_OPEN_BEFORE_RESPONSE, Action.REQUEST_EXTENSION, None, Side.RESPONDER),
        (_OPEN_BEFORE_RESPONSE, Action.APPROVE_EXTENSION, None, Side.REQUESTER),
        (_OPEN_BEFORE_RESPONSE, Action.REFUSE_EXTENSION, None, Side.REQUESTER),
    ],
    # What the confirmation dialog says before the move; a refused extension must say why (the
    # responder has to answer within the deadline it asked to move).
    consequences={
        Action.SEND: _("协查请求将编号并发送至协查机构，开始计算答复期限；发送后不能再修改请求内容。"),
        Action.RESPOND: _("协查结果将答复请求机构，由其确认办结或追问；答复后不能修改，待审批的延期申请随之失效。"),
        Action.CONFIRM: _("协查请求将办结并停止计时，双方均不能再办理或追问；办结后不能恢复。"),
        Action.WITHDRAW: _("协查请求将撤回，协查机构不再办理，待审批的延期申请随之失效；撤回后不能恢复。"),
        Action.APPROVE_EXTENSION: _APPROVE_EXTENSION,
        Action.REFUSE_EXTENSION: _REFUSE_EXTENSION,
    },
    notes_required=[Action.REFUSE_EXTENSION],
)

CLOSED = frozenset(s for s in Status if TRANSITIONS.is_terminal(s))  # confirmed, withdrawn


class ExtensionStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已同意")
    REFUSED = "refused", _("不同意")
    LAPSED = "lapsed", _("已失效")  # the request was answered or withdrawn before a decision


class ExtensionAction(models.TextChoices):
    APPROVE = "approve", _("同意延期")
    REFUSE = "refuse", _("不同意延期")
    LAPSE = "lapse", _("已失效")


# An extension request (ExtensionRequest) is asked by the responder and decided once by the requester
# (the request's request/approve/refuse_extension moves above say who); one still pending when the
# responder answers or the requester withdraws lapses.
EXTENSION_TRANSITIONS = TransitionTable(
    "assistance_extension",
    statuses=ExtensionStatus,
    actions=ExtensionAction,
    moves={
        (ExtensionStatus.PENDING, ExtensionAction.APPROVE): ExtensionStatus.APPROVED,
        (ExtensionStatus.PENDING, ExtensionAction.REFUSE): ExtensionStatus.REFUSED,
        (ExtensionStatus.PENDING, ExtensionAction.LAPSE): ExtensionStatus.LAPSED,
    },
    consequences={ExtensionAction.APPROVE: _APPROVE_EXTENSION, ExtensionAction.REFUSE: _REFUSE_EXTENSION},
    notes_required=[ExtensionAction.REFUSE],  # the request's refuse_extension carries the note (`reason`)
)

# The deadline step (collaboration DeadlineRule.step) running while the request is in a status, and
# the side whose turn it is then. The table cannot say whose turn it is: while the request is open
# the requester may still withdraw or decide an extension, but the item waits on the responder.
STEP_OF_STATUS: dict[Status, tuple[str, Side]] = {
    Status.SENT: ("respond", Side.RESPONDER),
    Status.ACKNOWLEDGED: ("respond", Side.RESPONDER),  # acknowledging keeps the respond deadline running
    Status.FOLLOW_UP: ("respond", Side.RESPONDER),
    Status.RESPONDED: ("confirm", Side.REQUESTER),
}
