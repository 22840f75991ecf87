"""Who may do what with a roster (DESIGN §3.4). Visibility (404) is the selectors' business; these
checks run on a roster the actor already sees and answer 403. The services and the pages use the same
predicates, so a button is shown exactly when the service would accept the action.

* A duty manager (DUTY_MANAGE) of an agency creates rosters organised by that agency.
* The organiser's duty managers (DUTY_MANAGE of the organising agency) manage the roster: shifts,
  assignments of any member, removing members.
* A participating agency's duty managers nominate their own officers, assign and unassign them and
  remove them while they have no assignment.
* An officer checks in on his own assignments only.
* A check-in photo is seen by the officer himself, the roster's agencies' duty managers (or above)
  and the command centre.
* The command centre reads everything and changes nothing."""

from django.utils.translation import gettext as _

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability


def is_duty_manager(actor) -> bool:
    return has_capability(actor, Capability.DUTY_MANAGE)


def may_create_roster(actor) -> bool:
    """A duty manager with an agency (the roster's organiser)."""
    return is_duty_manager(actor) and getattr(actor, "agency_id", None) is not None


def manages_roster(actor, roster) -> bool:
    """The organising agency's own duty managers."""
    return is_duty_manager(actor) and actor.agency_id == roster.organiser_id


def roster_agency_ids(roster) -> set[int]:
    return {a.pk for a in roster.agencies.all()} | {roster.organiser_id}


def takes_part(actor, roster) -> bool:
    """A duty manager of the organiser or of a participating agency."""
    return is_duty_manager(actor) and actor.agency_id in roster_agency_ids(roster)


def roster_abilities(actor, roster) -> dict[str, bool]:
    """What the roster page offers the actor: `manages` (shifts, deleting them), `takes_part`
    (nominating, assigning and removing one's own officers)."""
    return {"manages": manages_roster(actor, roster), "takes_part": takes_part(actor, roster)}


def may_manage_officer_on(actor, roster, officer) -> bool:
    """Assign/unassign/remove this officer: the organiser for anyone, a participating agency for its own."""
    if manages_roster(actor, roster):
        return True
    return takes_part(actor, roster) and officer.agency_id in AgencyScope.for_actor(actor).ids


def sees_photos_of(actor, roster) -> bool:
    """Besides the officer himself: the roster's agencies' duty managers (or above) and the command centre."""
    scope = AgencyScope.for_actor(actor)
    if scope.everything:
        return True
    if not is_duty_manager(actor):
        return False
    return bool(scope.ids & roster_agency_ids(roster))


def may_view_photo(actor, check_in) -> bool:
    return check_in.officer_id == actor.pk or sees_photos_of(actor, check_in.roster)


def photo_viewable_ids(actor, roster, check_ins) -> set[int]:
    """The check-ins of `roster` whose photo the actor may open (one roster check for the whole list)."""
    everyone = sees_photos_of(actor, roster)
    return {c.pk for c in check_ins if everyone or c.officer_id == actor.pk}


def require(condition: bool, capability: Capability = Capability.DUTY_MANAGE) -> None:
    if not condition:
        raise PermissionDenied(details={"capability": str(capability)})


def require_own_assignment(assignment, shift) -> None:
    """Check-ins are made by the officer assigned to the shift, on his own assignment only."""
    if assignment is None:
        raise PermissionDenied(
            _("只能在本人被排入的班次打卡。"), code="not_assigned", details={"shift": str(shift.public_id)}
        )


READER_CAPABILITIES = (Capability.COLLABORATION_HANDLE, Capability.DUTY_MANAGE, Capability.COLLABORATION_SUPERVISE)


def is_duty_reader(actor) -> bool:
    return any(has_capability(actor, c) for c in READER_CAPABILITIES)


def require_duty_reader(actor) -> None:
    """Officers, duty managers and the command centre use joint duty; others get 403 on the lists."""
    if not is_duty_reader(actor):
        raise PermissionDenied(details={"capability": str(Capability.COLLABORATION_HANDLE)})
