"""Who may act on devices and alerts (DESIGN §3.4). Visibility (404) is the selectors' business; these
predicates answer for an object the actor already sees, and are shared by the services (which refuse
with 403) and the presenters (which offer a button or not).

* An alert's move is made by a case handler (`collaboration.handle`) of its agency: from `open` by a
  *candidate* agency (the move claims the alert, "first to accept handles it"), from `claimed` by the
  *handling* agency. Informed agencies, superiors and the command centre see it and act on nothing.
* A device is managed and reviewed by its own agency only (a superior sees it, does not manage it)."""

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .states import ReviewStatus, Side


def is_case_handler(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_HANDLE) and getattr(actor, "agency_id", None) is not None


def is_candidate(actor, alert, *, links=None) -> bool:
    """The actor's agency is a candidate of the alert (`links`: its agency links, when already read)."""
    if links is not None:
        return any(link.agency_id == actor.agency_id and link.is_candidate for link in links)
    return alert.agency_links.filter(agency_id=actor.agency_id, is_candidate=True).exists()


def may_move(actor, alert, side: str, *, links=None) -> bool:
    """May the actor make a move of the alert that `side` makes (TRANSITIONS' `by`)?"""
    if not is_case_handler(actor):
        return False
    if side == Side.CANDIDATE:
        return is_candidate(actor, alert, links=links)
    return alert.handling_agency_id == actor.agency_id


def may_register_devices(actor) -> bool:
    return has_capability(actor, Capability.DEVICE_MANAGE)


def owns_device(actor, device) -> bool:
    return getattr(actor, "agency_id", None) is not None and device.agency_id == actor.agency_id


def may_manage_device(actor, device) -> bool:
    """Relocate it, rotate its credential."""
    return may_register_devices(actor) and owns_device(actor, device)


def may_review_device(actor, device) -> bool:
    """法制和技术审核 and publication (the registrant is refused by the service with its own message)."""
    return has_capability(actor, Capability.DEVICE_REVIEW) and owns_device(actor, device)


def publishable(device) -> bool:
    """Only a device that passed the 行政处罚法第四十一条 review may have its location published."""
    return device.review_status == ReviewStatus.APPROVED


def may_publish_device(actor, device) -> bool:
    return may_review_device(actor, device) and publishable(device)
