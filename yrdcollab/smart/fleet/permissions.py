"""Who may read and change the truck register, the disposal sites and the routes (ADR 0016).
Visibility (404) is the selectors' business; these predicates are shared by the selectors and services
(which refuse with 403) and the presenters (which offer a button or not).

* Truck managers, case handlers and the command centre read trucks, sites and routes.
* Truck managers register; only the owning agency (a truck's home agency, a site's or route's approving
  agency) edits — its superiors and the command centre see, they do not edit.
* Truck managers and case handlers report positions (of the trucks they see)."""

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

READER_CAPABILITIES = (Capability.TRUCK_MANAGE, Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE)
REPORTER_CAPABILITIES = (Capability.TRUCK_MANAGE, Capability.COLLABORATION_HANDLE)


def is_fleet_reader(actor) -> bool:
    return any(has_capability(actor, capability) for capability in READER_CAPABILITIES)


def require_fleet_reader(actor) -> None:
    if not is_fleet_reader(actor):
        raise PermissionDenied(details={"capability": str(Capability.TRUCK_MANAGE)})


def may_manage(actor) -> bool:
    """Register trucks, create sites and routes (for the actor's own agency)."""
    return has_capability(actor, Capability.TRUCK_MANAGE)


def owns(actor, agency_id: int | None) -> bool:
    return getattr(actor, "agency_id", None) is not None and actor.agency_id == agency_id


def may_edit(actor, agency_id: int | None) -> bool:
    """Edit a truck (home agency) or a site or route (approving agency)."""
    return may_manage(actor) and owns(actor, agency_id)


def may_report_positions(actor) -> bool:
    return any(has_capability(actor, capability) for capability in REPORTER_CAPABILITIES)
