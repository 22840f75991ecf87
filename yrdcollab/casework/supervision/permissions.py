"""Who may act on a supervision order (capabilities come from platform.access)."""

from yrdcollab.casework.collaboration.visibility import may_act_for
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def handling_agency_id(item) -> int:
    """The agency expected to answer: whoever the item waits on, else its receiver."""
    return item.waiting_on_id or item.receiver_id


def may_issue_orders(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_SUPERVISE)


def may_reply_order(actor, order) -> bool:
    return may_act_for(actor, handling_agency_id(order.tracked_item))


def may_close_order(actor, order) -> bool:
    return may_issue_orders(actor) and actor.agency_id == order.issuing_agency_id
