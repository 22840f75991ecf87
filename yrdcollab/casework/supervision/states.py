"""The supervision order's statuses and the tracked item's escalation levels, each with its one
transition table (pure, tested without a database; the engine is core.workflow)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable


class OrderStatus(models.TextChoices):
    ISSUED = "issued", _("已签发")
    REPLIED = "replied", _("已回复")
    CLOSED = "closed", _("已办结")


class OrderAction(models.TextChoices):
    REPLY = "reply", _("回复")
    CLOSE = "close", _("办结")


class OrderSide(StrEnum):
    HANDLING_AGENCY = "handling_agency"  # the agency the item waits on, else its receiver
    ISSUING_AGENCY = "issuing_agency"  # the command centre that issued the order


# (current status, action) -> (next status, who makes it). An order may be closed without a reply
# (the item was concluded meanwhile); a closed order is final.
ORDER_TRANSITIONS = TransitionTable(
    "supervision_order",
    statuses=OrderStatus,
    actions=OrderAction,
    moves={
        (OrderStatus.ISSUED, OrderAction.REPLY): (OrderStatus.REPLIED, OrderSide.HANDLING_AGENCY),
        (OrderStatus.ISSUED, OrderAction.CLOSE): (OrderStatus.CLOSED, OrderSide.ISSUING_AGENCY),
        (OrderStatus.REPLIED, OrderAction.CLOSE): (OrderStatus.CLOSED, OrderSide.ISSUING_AGENCY),
    },
    # What the confirmation dialog says before the command centre closes an order (a reply is the
    # handling agency's own report, harmless).
    consequences={
        OrderAction.CLOSE: _(
            "督办单将办结，所督事项的发起、承办和待办机构收到办结通知；办结后不能再回复，也不能重新打开。"
        ),
    },
)


class EscalationLevel(models.IntegerChoices):
    """collaboration.TrackedItem.escalation_level. A new step or a new deadline puts an item back to
    NONE (collaboration.services.tracked_item_sync)."""

    NONE = 0, _("未督办")
    FIRST = 1, _("一级督办")  # overdue: the waiting agency's bureau leaders are told
    SECOND = 2, _("二级督办")  # still overdue after YRD_SUPERVISION_SECOND_LEVEL: the command centre is told


class EscalationAction(models.TextChoices):
    ESCALATE = "escalate", _("超期自动督办")


# The overdue sweep raises an open, overdue item by one level per run, and no further than level 2.
ESCALATION_TRANSITIONS = TransitionTable(
    "tracked_item_escalation",
    statuses=EscalationLevel,
    actions=EscalationAction,
    moves={
        (EscalationLevel.NONE, EscalationAction.ESCALATE): EscalationLevel.FIRST,
        (EscalationLevel.FIRST, EscalationAction.ESCALATE): EscalationLevel.SECOND,
    },
)
