"""How officers sent as reinforcement join the requesting agency's roster for an event. Called by
events.services when a reinforcement request is granted, inside its transaction."""

from django.utils.translation import gettext as _

from yrdcollab.platform.audit.services import audit_record

from .models import Roster, RosterMember
from .states import MemberSource, RosterKind


def _event_roster(*, event, organiser, actor, with_agencies=()) -> tuple[Roster, bool]:
    """The organiser's roster of the event, with `with_agencies` among its agencies when it is new (an
    existing roster's agencies are the caller's to add)."""
    roster = Roster.objects.filter(event=event, organiser=organiser).order_by("id").first()
    if roster is not None:
        return roster, False
    roster = Roster.objects.create(
        name=_("%(event)s保障勤务表（%(agency)s）")
        % {"event": event.name, "agency": organiser.short_name or organiser.name},
        kind=RosterKind.EVENT,
        organiser=organiser,
        event=event,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        created_by=actor,
    )
    roster.agencies.add(organiser, *with_agencies)
    return roster, True


def _audit_created(roster, *, actor) -> None:
    audit_record(
        actor=actor,
        action="duty.roster_created",
        obj=roster,
        summary={"name": roster.name, "event": roster.event.code, "source": "reinforcement"},
    )


def event_roster_for(*, event, organiser, actor) -> Roster:
    """The organiser's roster for the event, created (covering the event's period) when it has none."""
    roster, created = _event_roster(event=event, organiser=organiser, actor=actor)
    if created:
        _audit_created(roster, actor=actor)
    return roster


def reinforcements_join(*, request, officers, actor) -> list[RosterMember]:
    """Puts the officers granted for `request` on the requester's roster of its event, marked as
    reinforcement, and adds their agency to the roster's agencies. Audits after every write (the
    audit append holds the chain lock until the commit)."""
    roster, created = _event_roster(
        event=request.event, organiser=request.requester, actor=actor, with_agencies=[request.provider]
    )
    if not created:
        roster.agencies.add(request.provider)
    # One read of who is already on the roster and one insert of the rest, however many were sent.
    members = list(RosterMember.objects.filter(roster=roster, officer__in=officers))
    present = {member.officer_id for member in members}
    members += RosterMember.objects.bulk_create(
        RosterMember(roster=roster, officer=officer, source=MemberSource.REINFORCEMENT, reinforcement=request)
        for officer in officers
        if officer.pk not in present
    )
    if created:
        _audit_created(roster, actor=actor)
    audit_record(
        actor=actor,
        action="duty.reinforcements_joined",
        obj=roster,
        summary={"request": request.number, "officers": [o.full_name for o in officers]},
    )
    return members
