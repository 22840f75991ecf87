"""The figures of a 日报 or summary, each one SQL aggregate over the period's rows (no per-row Python
over check-ins or incidents: the benchmark has 50,000 check-ins and 5,000 incidents a day). Duty data
(rosters of the event, shifts, assignments, check-ins) is read here directly, read-only."""

from datetime import date, datetime, timedelta

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from yrdcollab.core.dates import day_bounds
from yrdcollab.field.duty.models import CheckIn, Roster, Shift, ShiftAssignment

from ..models import Incident, MajorEvent, ReinforcementRequest
from ..selectors import IN_FORCE, event_agencies
from ..states import IncidentStatus, ZoneLevel

HEADLINES = (
    "shifts",
    "officers_on_duty",
    "staffing_gap",
    "check_ins",
    "flagged_check_ins",
    "incidents",
    "urgent_incidents",
    "overdue_incidents",
    "reinforcement_officers",
)


def _agency_label(row: dict, prefix: str) -> str:
    return row.get(f"{prefix}__short_name") or row.get(f"{prefix}__name") or "—"


def _duty(event: MajorEvent, start: datetime, end: datetime) -> dict:
    shifts = Shift.objects.filter(roster__event=event, starts_at__lt=end, ends_at__gt=start)
    # One row of two integers per shift (a day has hundreds of shifts, not tens of thousands).
    staffing = list(shifts.annotate(staffed=Count("assignments")).values_list("required_count", "staffed"))
    totals = {
        "shifts": len(staffing),
        "required": sum(r for r, _s in staffing),
        "staffed": sum(s for _r, s in staffing),
        "gap": sum(max(r - s, 0) for r, s in staffing),
        "understaffed": sum(1 for r, s in staffing if s < r),
    }
    assignments = ShiftAssignment.objects.filter(shift__in=shifts.values("pk"))
    by_agency = list(
        assignments.values("officer__agency__short_name", "officer__agency__name")
        .annotate(officers=Count("officer", distinct=True), assignments=Count("pk"))
        .order_by("officer__agency__name")
    )
    rosters = Roster.objects.filter(event=event).values("pk")
    check_ins = CheckIn.objects.filter(roster__in=rosters, at__gte=start, at__lt=end)  # the (roster, at) index
    check_in_totals = check_ins.aggregate(total=Count("pk"), flagged=Count("pk", filter=~Q(flag="")))
    check_in_by_agency = {
        (_agency_label(r, "agency")): r
        for r in check_ins.values("agency__short_name", "agency__name").annotate(
            total=Count("pk"), flagged=Count("pk", filter=~Q(flag=""))
        )
    }
    agencies = []
    for row in by_agency:
        label = _agency_label(row, "officer__agency")
        checks = check_in_by_agency.get(label, {})
        agencies.append(
            {
                "agency": label,
                "officers": row["officers"],
                "assignments": row["assignments"],
                "check_ins": checks.get("total", 0),
                "flagged_check_ins": checks.get("flagged", 0),
            }
        )
    for label, checks in check_in_by_agency.items():
        if not any(a["agency"] == label for a in agencies):
            agencies.append(
                {
                    "agency": label,
                    "officers": 0,
                    "assignments": 0,
                    "check_ins": checks["total"],
                    "flagged_check_ins": checks["flagged"],
                }
            )
    return {
        "shifts": totals["shifts"],
        "required": totals["required"],
        "staffed": totals["staffed"],
        "staffing_gap": totals["gap"],
        "understaffed_shifts": totals["understaffed"],
        "officers_on_duty": assignments.values("officer").distinct().count(),
        "check_ins": check_in_totals["total"],
        "flagged_check_ins": check_in_totals["flagged"],
        "by_agency": agencies,
    }


def _incidents(event: MajorEvent, start: datetime, end: datetime) -> dict:
    incidents = Incident.objects.filter(event=event, reported_at__gte=start, reported_at__lt=end)
    cutoff = min(end, timezone.now())  # not yet responded to and already past its time
    responded = Coalesce("claimed_at", "resolved_at")
    totals = incidents.aggregate(
        total=Count("pk"),
        urgent=Count("pk", filter=Q(is_urgent=True)),
        untagged=Count("pk", filter=Q(zone__isnull=True)),
        from_alerts=Count("pk", filter=Q(alert__isnull=False)),
        overdue=Count(
            "pk",
            filter=Q(respond_by__isnull=False)
            & (
                Q(claimed_at__gt=F("respond_by"))
                | Q(claimed_at__isnull=True, resolved_at__gt=F("respond_by"))
                | Q(claimed_at__isnull=True, resolved_at__isnull=True, respond_by__lt=cutoff)
            ),
        ),
        avg_response=Avg(
            ExpressionWrapper(responded - F("reported_at"), output_field=DurationField()),
            filter=Q(claimed_at__isnull=False) | Q(resolved_at__isnull=False),
        ),
    )
    by_level = dict(
        incidents.filter(zone__isnull=False)
        .values_list("zone__level")
        .annotate(n=Count("pk"))
        .values_list("zone__level", "n")
    )
    by_status = dict(incidents.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    by_zone = [
        {"zone": r["zone__name"], "level": r["zone__level"], "incidents": r["n"], "urgent": r["urgent"]}
        for r in incidents.filter(zone__isnull=False)
        .values("zone__name", "zone__level")
        .annotate(n=Count("pk"), urgent=Count("pk", filter=Q(is_urgent=True)))
        .order_by("zone__level", "zone__name")
    ]
    average = totals["avg_response"]
    minutes = round(average.total_seconds() / 60, 1) if isinstance(average, timedelta) else None
    return {
        "incidents": totals["total"],
        "urgent_incidents": totals["urgent"],
        "overdue_incidents": totals["overdue"],
        "untagged_incidents": totals["untagged"],
        "incidents_from_alerts": totals["from_alerts"],
        "average_response_minutes": minutes,
        "incidents_by_level": {level: by_level.get(level, 0) for level in ZoneLevel.values},
        "incidents_by_status": {status: by_status.get(status, 0) for status in IncidentStatus.values},
        "incidents_by_zone": by_zone,
    }


def _reinforcements(event: MajorEvent, first: date, last: date, requests=None) -> dict:
    """Over every request of the event, or over `requests` (a queryset) only."""
    requests = ReinforcementRequest.objects.all() if requests is None else requests
    requests = requests.filter(event=event)
    in_force = requests.filter(status__in=IN_FORCE, starts_on__lte=last, ends_on__gte=first)
    totals = in_force.aggregate(
        requests=Count("pk"),
        vehicles=Coalesce(Sum("vehicles_granted"), 0),
        requested_officers=Coalesce(Sum("officers_requested"), 0),
    )
    through = ReinforcementRequest.officers_granted.through.objects.filter(
        reinforcementrequest__in=in_force.values("pk")
    )
    rows = [
        {
            "number": r["number"],
            "requester": r["requester__short_name"] or r["requester__name"],
            "provider": r["provider__short_name"] or r["provider__name"],
            "status": r["status"],
            "officers_requested": r["officers_requested"],
            "officers_granted": r["granted"],
            "vehicles_requested": r["vehicles_requested"],
            "vehicles_granted": r["vehicles_granted"],
            "starts_on": str(r["starts_on"]),
            "ends_on": str(r["ends_on"]),
        }
        for r in in_force.values(
            "number",
            "requester__short_name",
            "requester__name",
            "provider__short_name",
            "provider__name",
            "status",
            "officers_requested",
            "vehicles_requested",
            "vehicles_granted",
            "starts_on",
            "ends_on",
        )
        .annotate(granted=Count("officers_granted"))
        .order_by("number")
    ]
    pending = requests.filter(status="pending").count()
    return {
        "reinforcement_requests": totals["requests"],
        "reinforcement_officers": through.count(),
        "reinforcement_vehicles": totals["vehicles"],
        "reinforcement_pending": pending,
        "reinforcements": rows,
    }


def figures_for(event: MajorEvent, first: date, last: date) -> dict:
    """Everything of the days first..last (inclusive, local time)."""
    start, end = day_bounds(first)[0], day_bounds(last)[1]
    return {
        "period": [str(first), str(last)],
        "participants": [a.name for a in event_agencies(event)],
        **_duty(event, start, end),
        **_incidents(event, start, end),
        **_reinforcements(event, first, last),
    }


def reinforcement_figures(event: MajorEvent, first: date, last: date, *, requests) -> dict:
    """The reinforcement figures over `requests` only: what an agency asked for reinforcement, and no
    party to the event, sees of it (its own requests), without any party's staffing or incidents."""
    return {"period": [str(first), str(last)], **_reinforcements(event, first, last, requests)}


def daily_figures(event: MajorEvent, day: date) -> dict:
    """The day's figures and, against the previous day (within the event), the change of each headline."""
    figures = figures_for(event, day, day)
    previous_day = day - timedelta(days=1)
    if previous_day >= event.starts_on:
        previous = figures_for(event, previous_day, previous_day)
        figures["previous_day"] = {
            "day": str(previous_day),
            **{key: {"value": previous[key], "change": figures[key] - previous[key]} for key in HEADLINES},
        }
    else:
        figures["previous_day"] = None
    return figures
