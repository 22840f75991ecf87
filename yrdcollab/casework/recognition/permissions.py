"""Who may see and record penalty decisions (capabilities come from platform.access)."""

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def may_view_decisions(actor) -> bool:
    """Every case handler and the command centre, of any region (mutual recognition is the point)."""
    return has_capability(actor, Capability.COLLABORATION_HANDLE) or has_capability(
        actor, Capability.COLLABORATION_SUPERVISE
    )


def may_record_decisions(actor) -> bool:
    return has_capability(actor, Capability.COLLABORATION_HANDLE) and getattr(actor, "agency_id", None) is not None
