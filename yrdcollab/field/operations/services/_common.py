"""Helpers shared by the operations services."""

from django.urls import reverse
from django.utils.translation import gettext as _

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.notifications.services import notify_later

LEADER_ROLES = (Role.BUREAU_LEADER, Role.LIAISON)
HANDLER_ROLES = (Role.OFFICER, Role.SQUAD_LEADER, Role.BUREAU_LEADER, Role.LIAISON)
PROVINCES = ("310000", "320000", "330000", "340000")


def require(actor, *capabilities: Capability) -> None:
    """Any of the capabilities, and an agency to act for."""
    if not any(has_capability(actor, c) for c in capabilities) or getattr(actor, "agency_id", None) is None:
        raise PermissionDenied(details={"capability": str(capabilities[0])})


def notify_agencies(agency_ids, *, roles, kind: str, title: str, body: str, link: str, actor=None) -> None:
    """Notifies the roles of each agency: one job row in the caller's transaction (it commits or rolls
    back with the change); the worker composes the inbox and outbox rows after commit (notify_later)."""
    notify_later(
        agency_ids=agency_ids, roles=roles, kind=kind, title=str(title)[:120], body=str(body), link=link, actor=actor
    )


def campaign_link(campaign) -> str:
    return reverse("operations:campaign_detail", args=[campaign.public_id])


def campaign_label(campaign) -> str:
    return _("%(number)s《%(title)s》") % {"number": campaign.number, "title": campaign.title}
