"""The supervision order's statuses and its one transition table (pure, tested without a DB)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidTransition


class OrderStatus(models.TextChoices):
    ISSUED = "issued", _("已签发")
    REPLIED = "replied", _("已回复")
    CLOSED = "closed", _("已办结")


class OrderAction(models.TextChoices):
    REPLY = "reply", _("回复")
    CLOSE = "close", _("办结")


# (current status, action) -> next status. An order may be closed without a reply (the item was
# concluded meanwhile); a closed order is final.
ORDER_TRANSITIONS: dict[tuple[str, str], str] = {
    (OrderStatus.ISSUED, OrderAction.REPLY): OrderStatus.REPLIED,
    (OrderStatus.ISSUED, OrderAction.CLOSE): OrderStatus.CLOSED,
    (OrderStatus.REPLIED, OrderAction.CLOSE): OrderStatus.CLOSED,
}


def order_next_status(current: str, action: str) -> OrderStatus:
    try:
        return OrderStatus(ORDER_TRANSITIONS[(current, action)])
    except KeyError:
        raise InvalidTransition(details={"status": str(current), "action": str(action)}) from None


def order_allowed_actions(current: str) -> list[str]:
    return [action for (status, action) in ORDER_TRANSITIONS if status == current]
