"""Clue-transfer workflow: statuses, actions and the ONE transition table (pure, no database; the
engine is core.workflow)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已移送")
    SIGNED = "signed", _("已签收")
    ACCEPTED = "accepted", _("已受理")
    RETURNED = "returned", _("已退回")
    INVESTIGATING = "investigating", _("调查中")
    CONCLUDED = "concluded", _("已办结待确认")
    CLOSED = "closed", _("已归档")
    CANCELLED = "cancelled", _("已撤销")


class Action(models.TextChoices):
    SEND = "send", _("移送")
    SIGN = "sign", _("签收")
    ACCEPT = "accept", _("受理")
    RETURN = "return", _("退回")
    REROUTE = "reroute", _("改送其他机构")
    START_INVESTIGATION = "start_investigation", _("开始调查")
    CONCLUDE = "conclude", _("报告办理结果")
    CONFIRM_CLOSE = "confirm_close", _("确认归档")
    CANCEL = "cancel", _("撤销")


class Side(StrEnum):
    SENDER = "sender"
    RECEIVER = "receiver"


# (current status, action) -> (new status, which side acts).
TRANSITIONS = TransitionTable(
    "transfer",
    statuses=Status,
    actions=Action,
    moves={
        (Status.DRAFT, Action.SEND): (Status.SENT, Side.SENDER),
        (Status.DRAFT, Action.CANCEL): (Status.CANCELLED, Side.SENDER),
        (Status.SENT, Action.SIGN): (Status.SIGNED, Side.RECEIVER),
        (Status.SIGNED, Action.ACCEPT): (Status.ACCEPTED, Side.RECEIVER),
        (Status.SIGNED, Action.RETURN): (Status.RETURNED, Side.RECEIVER),
        (Status.RETURNED, Action.REROUTE): (Status.SENT, Side.SENDER),
        # A returned clue nobody else can take is withdrawn by the sender, so it does not stay open forever.
        (Status.RETURNED, Action.CANCEL): (Status.CANCELLED, Side.SENDER),
        (Status.ACCEPTED, Action.START_INVESTIGATION): (Status.INVESTIGATING, Side.RECEIVER),
        (Status.INVESTIGATING, Action.CONCLUDE): (Status.CONCLUDED, Side.RECEIVER),
        (Status.CONCLUDED, Action.CONFIRM_CLOSE): (Status.CLOSED, Side.SENDER),
    },
    # What the confirmation dialog says before the move; a return must say why (the sender has to
    # decide whether to re-route or withdraw the clue).
    consequences={
        Action.SEND: _("线索将移送至接收机构并开始计算签收期限；移送后不能再修改线索内容。"),
        Action.RETURN: _("线索将退回移送机构，由其改送其他机构或撤销；退回理由和说明将告知对方。"),
        Action.REROUTE: _("线索将改送至所选机构，原接收机构不再办理，新的签收期限重新计算。"),
        Action.CONCLUDE: _("办理结果将报告移送机构，线索进入待确认归档；报告后不能再修改结果。"),
        Action.CONFIRM_CLOSE: _("线索将归档，双方均不能再办理。"),
        Action.CANCEL: _("线索将被撤销，不再办理；撤销后不能恢复。"),
    },
    notes_required=[Action.RETURN],
)

# The deadline step (collaboration DeadlineRule.step) running while the transfer is in a status.
# accepted → investigating continues the deadline started on acceptance. Whose move it is comes from
# the table (TRANSITIONS.waiting_on).
STEP_OF_STATUS: dict[Status, str] = {
    Status.SENT: "sign",
    Status.SIGNED: "accept",
    Status.ACCEPTED: "conclude",
    Status.INVESTIGATING: "conclude",
    Status.CONCLUDED: "confirm",
}
TERMINAL = frozenset(s for s in Status if TRANSITIONS.is_terminal(s))  # closed, cancelled


def continues_deadline(old: str, new: str) -> bool:
    """accepted → investigating keeps the conclusion deadline that started on acceptance."""
    return STEP_OF_STATUS.get(Status(old)) is not None and STEP_OF_STATUS.get(Status(old)) == STEP_OF_STATUS.get(
        Status(new)
    )


class ReturnReason(models.TextChoices):
    NOT_OUR_JURISDICTION = "not_our_jurisdiction", _("不属于本机构管辖")
    INSUFFICIENT_FACTS = "insufficient_facts", _("线索事实不清、材料不足")


class Outcome(models.TextChoices):
    CASE_FILED = "case_filed", _("已立案")
    NO_VIOLATION = "no_violation", _("未发现违法行为")
    PENALTY_DECIDED = "penalty_decided", _("已作出行政处罚决定")


class PartyRole(models.TextChoices):
    PARTY = "party", _("当事人")
    SUSPECT = "suspect", _("嫌疑人")
    VEHICLE = "vehicle", _("涉案车辆")
