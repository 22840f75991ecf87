"""Reads of rosters, shifts, assignments and check-ins, scoped to the actor (DESIGN §3.4):

* the command centre (COLLABORATION_SUPERVISE) sees every roster, read-only;
* a duty manager (DUTY_MANAGE) sees the rosters its agency (or one below it) organises or takes part in;
* an officer sees the rosters he is a member of.

Anything else is 404, indistinguishable from absent. The events and operations apps read duty data
only through `patrol_positions` and `shifts_on_day` (stable signatures)."""

from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.dates import day_bounds
from yrdcollab.core.prefetch import is_prefetched
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id, unscoped
from yrdcollab.core.validation import invalid
from yrdcollab.platform.access.roles import ROLE_CAPABILITIES, Capability
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.directory.models import Agency

from .models import CheckIn, Roster, RosterMember, Shift, ShiftAssignment


def sees_all_rosters(actor) -> bool:
    """The command centre (read-only)."""
    return AgencyScope.for_actor(actor).everything


def rosters_visible_to(actor) -> QuerySet[Roster]:
    return Roster.objects.visible_to(actor).select_related("organiser", "campaign", "event")


def access_roster(*, actor, public_id) -> Roster:
    return get_by_public_id(rosters_visible_to(actor), public_id)


def access_shift(*, actor, public_id) -> Shift:
    return get_by_public_id(Shift.objects.visible_to(actor).select_related("roster", "roster__organiser"), public_id)


def access_shift_for_update(*, actor, public_id) -> Shift:
    """The shift the actor may see (404), locked (its row only) inside the caller's transaction, with
    its roster and the roster's organiser and context: one query."""
    return get_by_public_id(
        Shift.objects.visible_to(actor)
        .select_related("roster", "roster__organiser", "roster__campaign", "roster__event")
        .select_for_update(of=("self",)),
        public_id,
    )


def access_check_in(*, actor, public_id) -> CheckIn:
    return get_by_public_id(
        CheckIn.objects.visible_to(actor).select_related(
            "officer", "officer__agency", "agency", "shift", "roster", "roster__organiser"
        ),
        public_id,
    )


def roster_list(*, actor, scope: str = "all", kind: str = "", q: str = "") -> QuerySet[Roster]:
    """scope: "mine" (I am a member), "organised" (my agency organises), "all" (everything I see)."""
    rosters = rosters_visible_to(actor)
    if scope == "mine":
        rosters = rosters.filter(id__in=RosterMember.objects.filter(officer_id=actor.pk).values("roster_id"))
    elif scope == "organised":
        rosters = rosters.filter(AgencyScope.for_actor(actor).q_within("organiser"))
    if kind:
        rosters = rosters.filter(kind=kind)
    if q.strip():
        rosters = rosters.filter(name__icontains=q.strip())
    return rosters.annotate(
        shift_count=Count("shifts", distinct=True), member_count=Count("members", distinct=True)
    ).order_by("-starts_on", "name")


def roster_members(roster: Roster) -> list[RosterMember]:
    if is_prefetched(roster, "members"):  # in hand: a roster just created has none
        return list(roster.members.all())
    return list(
        roster.members.select_related("officer", "officer__agency", "reinforcement").order_by(
            "officer__agency_id", "officer__full_name"
        )
    )


def roster_shifts(roster: Roster) -> list[Shift]:
    if is_prefetched(roster, "shifts"):  # in hand: a roster just created has none
        return list(roster.shifts.all())
    assignments = ShiftAssignment.objects.select_related("officer", "officer__agency", "certificate")
    return list(
        roster.shifts.annotate(check_in_count=Count("check_ins"))
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("starts_at", "post")
    )


def _scoped_rosters(actor, *, event=None, campaign=None, roster=None) -> QuerySet[Roster]:
    rosters = rosters_visible_to(actor)
    if event is not None:
        rosters = rosters.filter(event=event)
    if campaign is not None:
        rosters = rosters.filter(campaign=campaign)
    if roster is not None:
        rosters = rosters.filter(pk=roster.pk)
    return rosters


PATROL_LOOKBACK = timedelta(hours=24)


def patrol_since(since: datetime | None, now: datetime) -> datetime | None:
    """`since` must carry its time zone (422 naive_datetime); it reaches back at most PATROL_LOOKBACK."""
    if since is None:
        return None
    if timezone.is_naive(since):
        raise invalid("since", _("时间须带时区，例如 2026-05-01T08:00:00+08:00。"), "naive_datetime")
    return max(since, now - PATROL_LOOKBACK)


def patrol_positions(*, actor, event=None, campaign=None, roster=None, since: datetime | None = None) -> list[dict]:
    """The latest check-in of each officer on shifts in progress now (or, with `since`, on check-ins
    made since then, at most 24 hours back), on rosters the actor sees, optionally limited to an event,
    campaign or roster."""
    now = timezone.now()
    since = patrol_since(since, now)
    check_ins = CheckIn.objects.filter(
        roster__in=_scoped_rosters(actor, event=event, campaign=campaign, roster=roster).values("id")
    )
    if since is not None:
        check_ins = check_ins.filter(at__gte=since)
    else:
        check_ins = check_ins.filter(shift__starts_at__lte=now, shift__ends_at__gte=now)
    rows = check_ins.order_by("officer_id", "-at", "-id").values(
        "officer_id",
        "officer__full_name",
        "agency__short_name",
        "agency__name",
        "lon",
        "lat",
        "at",
        "flag",
        "distance_m",
        "shift__post",
        "shift__roster__name",
        "shift__roster__public_id",
        "public_id",
    )
    latest: dict[int, dict] = {}
    for row in rows.iterator(chunk_size=2000):
        if row["officer_id"] in latest:
            continue
        latest[row["officer_id"]] = {
            "officer": row["officer__full_name"],
            "agency": row["agency__short_name"] or row["agency__name"],
            "lon": row["lon"],
            "lat": row["lat"],
            "at": row["at"],
            "flag": row["flag"],
            "distance_m": row["distance_m"],
            "shift_post": row["shift__post"],
            "roster": row["shift__roster__name"],
            "roster_id": str(row["shift__roster__public_id"]),
            "check_in_id": str(row["public_id"]),
        }
    return sorted(latest.values(), key=lambda item: item["at"], reverse=True)


def shifts_on_day(*, actor, day: date, event=None, campaign=None, roster=None) -> list[dict]:
    """The shifts touching `day` (local time) on rosters the actor sees, with who is on them."""
    start, end = day_bounds(day)
    assignments = ShiftAssignment.objects.select_related("officer", "officer__agency").order_by("officer__full_name")
    shifts = (
        Shift.objects.filter(
            roster__in=_scoped_rosters(actor, event=event, campaign=campaign, roster=roster).values("id"),
            starts_at__lt=end,
            ends_at__gt=start,
        )
        .select_related("roster")
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("starts_at", "post")
    )
    result = []
    for shift in shifts:
        assigned = [
            {"officer": a.officer.full_name, "agency": a.officer.agency.short_name or a.officer.agency.name}
            for a in shift.assignments.all()
        ]
        result.append(
            {
                "shift_id": str(shift.public_id),
                "roster": shift.roster.name,
                "roster_id": str(shift.roster.public_id),
                "post": shift.post,
                "starts_at": shift.starts_at,
                "ends_at": shift.ends_at,
                "required": shift.required_count,
                "assigned": assigned,
                "staffed": len(assigned),
            }
        )
    return result


@unscoped("the roster was read through the actor's scope (access_roster) by the caller")
def roster_check_ins(
    roster: Roster, *, flagged: bool = False, day: date | None = None, officer_id: int | None = None, shift=None
) -> QuerySet[CheckIn]:
    check_ins = CheckIn.objects.filter(roster=roster).select_related(
        "officer", "officer__agency", "agency", "shift", "roster"
    )
    if flagged:
        check_ins = check_ins.exclude(flag="")
    if day is not None:
        start, end = day_bounds(day)
        check_ins = check_ins.filter(at__gte=start, at__lt=end)
    if officer_id is not None:
        check_ins = check_ins.filter(officer_id=officer_id)
    if shift is not None:
        check_ins = check_ins.filter(shift=shift)
    return check_ins.order_by("-at", "-id")


def roster_agencies(roster: Roster) -> list:
    """The agencies taking part in the roster, in the order they joined."""
    return list(roster.agencies.order_by("id"))


def my_assignments(*, actor, upcoming_only: bool = True) -> list[ShiftAssignment]:
    """The actor's own assignments (shifts not yet over, by default), for the check-in page."""
    assignments = ShiftAssignment.objects.filter(officer_id=actor.pk).select_related("shift", "shift__roster")
    if upcoming_only:
        assignments = assignments.filter(ends_at__gt=timezone.now() - timedelta(hours=12))
    return list(assignments.order_by("starts_at")[:50])


def nomination_candidates(*, actor, roster: Roster) -> list:
    """Active field officers of the actor's agency (or below) not yet on the roster."""
    field_roles = [
        role
        for role, caps in ROLE_CAPABILITIES.items()
        if Capability.COLLABORATION_HANDLE in caps and role != "integrator"
    ]
    return list(
        User.objects.filter(
            agency_id__in=AgencyScope.for_actor(actor).ids, is_active=True, role_assignments__role__in=field_roles
        )
        .exclude(id__in=roster.members.values("officer_id"))
        .select_related("agency")
        .distinct()
        .order_by("agency_id", "full_name")[:500]
    )


def own_assignment(*, actor, shift: Shift) -> ShiftAssignment | None:
    """The actor's assignment on the shift, if any (check-ins are made on it)."""
    return (
        ShiftAssignment.objects.select_related("officer", "officer__agency")
        .filter(shift=shift, officer_id=getattr(actor, "pk", None))
        .first()
    )


def agency_choices(actor) -> list[tuple[str, str]]:
    """Active agencies but the actor's own, to take part in a roster (the roster form)."""
    agencies = Agency.objects.filter(is_active=True).exclude(pk=actor.agency_id).order_by("division_id", "name")
    return [(str(a.public_id), a.name) for a in agencies[:500]]
