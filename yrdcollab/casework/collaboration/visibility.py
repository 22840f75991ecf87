"""Who may see and act on a cross-regional item (DESIGN §3.4): the sending and receiving agencies,
every agency above them in the agency tree, and the command centre (core.tenancy). Everyone else
gets 404."""

from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def may_act_for(actor, agency_id: int) -> bool:
    """Acting (signing, accepting, answering) is for the agency itself, not its superiors."""
    return actor.agency_id == agency_id and has_capability(actor, Capability.COLLABORATION_HANDLE)


# TODO(issue 11): the three below are being replaced by core.tenancy.AgencyScope in every app.
def visible_q(actor, *agency_fields: str):
    return AgencyScope.for_actor(actor).q(*agency_fields)


def agency_subtree_ids(agency_id: int) -> set[int]:
    from yrdcollab.platform.directory.tree import agency_subtree_ids as subtree

    return subtree(agency_id)


def sees_everything(actor) -> bool:
    return AgencyScope.for_actor(actor).everything
