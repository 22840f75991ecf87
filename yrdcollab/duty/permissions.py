"""Who may do what with a roster (DESIGN §3.4). Visibility (404) is the selectors' business; these
checks run on a roster the actor already sees and answer 403.

* The organiser's duty managers (DUTY_MANAGE of the organising agency) manage the roster: shifts,
  assignments of any member, removing members.
* A participating agency's duty managers nominate their own officers, assign and unassign them and
  remove them while they have no assignment.
* An officer checks in on his own assignments only.
* The command centre reads everything and changes nothing."""

from yrdcollab.accounts.permissions import has_capability
from yrdcollab.accounts.roles import Capability
from yrdcollab.collaboration.visibility import agency_subtree_ids
from yrdcollab.core.errors import PermissionDenied


def is_duty_manager(actor) -> bool:
    return has_capability(actor, Capability.DUTY_MANAGE)


def manages_roster(actor, roster) -> bool:
    """The organising agency's own duty managers."""
    return is_duty_manager(actor) and actor.agency_id == roster.organiser_id


def roster_agency_ids(roster) -> set[int]:
    return set(roster.agencies.values_list("id", flat=True)) | {roster.organiser_id}


def takes_part(actor, roster) -> bool:
    """A duty manager of the organiser or of a participating agency."""
    return is_duty_manager(actor) and actor.agency_id in roster_agency_ids(roster)


def may_manage_officer_on(actor, roster, officer) -> bool:
    """Assign/unassign/remove this officer: the organiser for anyone, a participating agency for its own."""
    if manages_roster(actor, roster):
        return True
    return takes_part(actor, roster) and officer.agency_id in agency_subtree_ids(actor.agency_id)


def sees_photos_of(actor, roster) -> bool:
    """Besides the officer himself: the roster's agencies' duty managers (or above) and the command centre."""
    if has_capability(actor, Capability.COLLABORATION_SUPERVISE):
        return True
    if not is_duty_manager(actor):
        return False
    subtree = agency_subtree_ids(actor.agency_id)
    return bool(subtree & roster_agency_ids(roster))


def require(condition: bool, capability: Capability = Capability.DUTY_MANAGE) -> None:
    if not condition:
        raise PermissionDenied(details={"capability": str(capability)})


READER_CAPABILITIES = (Capability.COLLABORATION_HANDLE, Capability.DUTY_MANAGE, Capability.COLLABORATION_SUPERVISE)


def is_duty_reader(actor) -> bool:
    return any(has_capability(actor, c) for c in READER_CAPABILITIES)


def require_duty_reader(actor) -> None:
    """Officers, duty managers and the command centre use joint duty; others get 403 on the lists."""
    if not is_duty_reader(actor):
        raise PermissionDenied(details={"capability": str(Capability.COLLABORATION_HANDLE)})
