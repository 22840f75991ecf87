"""Who may see and configure the evaluation."""

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def may_view(actor) -> bool:
    """Squad and bureau leaders, liaisons and supervisors (the command centre) — each for its scope."""
    return has_capability(actor, Capability.COMMAND_VIEW)


def may_configure(actor) -> bool:
    """Indicator versions and evaluation snapshots are the command centre's (supervision) business."""
    return has_capability(actor, Capability.COLLABORATION_SUPERVISE)


def require_view(actor) -> None:
    if not may_view(actor):
        raise PermissionDenied()


def require_configure(actor) -> None:
    if not may_configure(actor):
        raise PermissionDenied()
