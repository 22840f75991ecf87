"""Who may see and act on a cross-regional item (DESIGN §3.4): the sending and receiving agencies,
every agency above them in the agency tree, and the command centre (core.tenancy). Everyone else
gets 404."""

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def may_act_for(actor, agency_id: int) -> bool:
    """Acting (signing, accepting, answering) is for the agency itself, not its superiors."""
    return actor.agency_id == agency_id and has_capability(actor, Capability.COLLABORATION_HANDLE)


def may_handle_cases(actor) -> bool:
    """Starting a collaboration item (a clue transfer, a request for assistance) is for a case
    handler of an agency; the services refuse anyone else and the pages offer them no link to it."""
    return actor.agency_id is not None and has_capability(actor, Capability.COLLABORATION_HANDLE)
