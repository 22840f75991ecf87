from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .registry import Subject


def may_assign(actor, subject: Subject) -> bool:
    """A squad or bureau leader of the holding agency or of an agency above it."""
    return (
        has_capability(actor, Capability.WORK_ASSIGN)
        and subject.is_open
        and subject.agency_id in AgencyScope.for_actor(actor).ids
    )
