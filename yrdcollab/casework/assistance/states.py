"""Statuses of an assistance request and its ONE transition table (pure: no database).

draft → sent → acknowledged (签收) → responded → confirmed (办结)
                                              ↘ follow_up → responded …
Extensions (延期) are asked by the responder while sent/acknowledged and decided by the requester;
they leave the status unchanged. The requester may withdraw before the response."""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidTransition


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SENT = "sent", _("已发送")
    ACKNOWLEDGED = "acknowledged", _("已签收")
    RESPONDED = "responded", _("已答复")
    FOLLOW_UP = "follow_up", _("追问待答复")
    CONFIRMED = "confirmed", _("已办结")
    WITHDRAWN = "withdrawn", _("已撤回")


CLOSED = frozenset({Status.CONFIRMED, Status.WITHDRAWN})


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


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    target: Status | None  # None: the status stays as it is
    side: Side


_OPEN_BEFORE_RESPONSE = frozenset({Status.SENT, Status.ACKNOWLEDGED})

TRANSITIONS: dict[Action, Transition] = {
    Action.SEND: Transition(frozenset({Status.DRAFT}), Status.SENT, Side.REQUESTER),
    Action.ACKNOWLEDGE: Transition(frozenset({Status.SENT}), Status.ACKNOWLEDGED, Side.RESPONDER),
    Action.RESPOND: Transition(frozenset({Status.ACKNOWLEDGED, Status.FOLLOW_UP}), Status.RESPONDED, Side.RESPONDER),
    Action.CONFIRM: Transition(frozenset({Status.RESPONDED}), Status.CONFIRMED, Side.REQUESTER),
    Action.FOLLOW_UP: Transition(frozenset({Status.RESPONDED}), Status.FOLLOW_UP, Side.REQUESTER),
    Action.WITHDRAW: Transition(frozenset({Status.DRAFT}) | _OPEN_BEFORE_RESPONSE, Status.WITHDRAWN, Side.REQUESTER),
    Action.REQUEST_EXTENSION: Transition(_OPEN_BEFORE_RESPONSE, None, Side.RESPONDER),
    Action.APPROVE_EXTENSION: Transition(_OPEN_BEFORE_RESPONSE, None, Side.REQUESTER),
    Action.REFUSE_EXTENSION: Transition(_OPEN_BEFORE_RESPONSE, None, Side.REQUESTER),
}


def next_status(status: str, action: str) -> Status:
    """The status after `action`; InvalidTransition (409) when the table does not allow it."""
    transition = TRANSITIONS[Action(action)]
    current = Status(status)
    if current not in transition.sources:
        raise InvalidTransition(details={"status": current.value, "action": str(action)})
    return transition.target or current


def side_of(action: str) -> Side:
    return TRANSITIONS[Action(action)].side


def actions_from(status: str, side: Side | None = None) -> list[Action]:
    """Actions the table allows from `status` (for one side when given), in table order."""
    current = Status(status)
    return [action for action, t in TRANSITIONS.items()
            if current in t.sources and (side is None or t.side == side)]


def is_closed(status: str) -> bool:
    return Status(status) in CLOSED
