"""Smart enforcement (智慧执法) and the live map: alerts not yet closed by type (matter group) and
by region, how long the alerts of the period waited before an agency responded (claimed, checked,
transferred or dismissed them), and the points the map shows (live alerts and the open incidents of
major events in progress)."""

from collections import defaultdict
from datetime import timedelta

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from yrdcollab.core.dates import day_bounds
from yrdcollab.field.events.models import Incident
from yrdcollab.field.events.permissions import is_event_reader
from yrdcollab.field.events.states import EventStatus, IncidentStatus
from yrdcollab.smart.sensing.models import Alert, AlertAgency, AlertLog
from yrdcollab.smart.sensing.states import AlertStatus

from ..conf import SETTINGS
from ..links import alert_list_url, detail_url, records_url
from ._common import PROVINCES, View, matter_groups, province_name

NO_DIVISION = "none"  # the drill-down's province value for alerts the platform could not place


def live_alerts(view: View):
    """The live alerts (open, claimed) the view sees: through the live entries of their routing rows
    (sensing's alert_agency_live_idx: a few per agency), not every routing row an agency ever had."""
    alerts = Alert.objects.live_visible_to(view.actor)
    if view.narrowed:
        routed = AlertAgency.objects.filter(view.scope.q_within("agency"), alert_active=True)
        alerts = alerts.filter(pk__in=routed.values("alert_id"))
    return alerts


def province_of_division(division_id: str | None) -> str:
    """A division's province code from its own code (the primary key): no join on the alert table."""
    if not division_id:
        return NO_DIVISION
    return division_id[:2] + "0000"


# division id ("" for none) → (responses, their waiting times summed in microseconds)
Responses = dict[str, tuple[int, int]]


def microseconds(value) -> int:
    """A summed duration from the database (a timedelta; microseconds on some backends) in microseconds."""
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    return int(value)


def _responses_in(spans) -> Q:
    condition = Q(pk__in=[])
    for first, last in spans:
        condition |= Q(at__gte=day_bounds(first)[0], at__lt=day_bounds(last)[1])
    return condition


def _routed_to(agencies: Q) -> Exists:
    return Exists(AlertAgency.objects.filter(agencies, alert_id=OuterRef("alert_id")))


def live_responses(view: View, spans) -> Responses:
    """How many alerts the view sees were first responded to (claimed, checked, transferred or
    dismissed while 待处置) in the spans of days, and how long they had waited, per division."""
    if not spans:
        return {}
    took = ExpressionWrapper(F("at") - F("alert__created_at"), output_field=DurationField())
    responses = AlertLog.objects.filter(_responses_in(spans), from_status=AlertStatus.OPEN).exclude(action="raise")
    # The alerts of Alert.visible_to (the command centre: every alert; else routed to an agency of the
    # scope, a narrowed one within the actor's), as a probe of the routing rows of each response of the
    # days asked (few) rather than a join of every routing row of the scope.
    if not view.scope.everything:
        responses = responses.filter(_routed_to(view.scope.q_within("agency")))
    return {
        division_id or "": (n, microseconds(total))
        for division_id, n, total in (
            responses.values_list("alert__division_id").annotate(n=Count("id"), total=Sum(took)).order_by()
        )
    }


def _minutes(total_us: int, n: int) -> float:
    """The average waiting time in minutes, one decimal (the average as the database gives it: whole
    microseconds)."""
    return round(timedelta(microseconds=total_us / n).total_seconds() / 60, 1)


def alerts(view: View, responses: Responses) -> dict:
    """Live alerts by type and by region (a GROUP BY each over the live alerts), and the response times
    of the period per region: each division's average, weighted by its count."""
    live = live_alerts(view)
    groups = matter_groups()
    heads = {group.id: group for group in groups.values()}
    per_group: dict[int, int] = defaultdict(int)
    for matter_id, n in live.values_list("matter_id").annotate(n=Count("*")).order_by():
        per_group[groups[matter_id].id] += n
    per_region: dict[str, int] = defaultdict(int)
    for division_id, n in live.values_list("division_id").annotate(n=Count("*")).order_by():
        per_region[province_of_division(division_id)] += n

    def matter_url(code: str) -> str:
        if view.narrowed:
            return records_url("alerts", matter=code, scope=view.scope_param)
        return alert_list_url(matter=code)

    by_matter = [
        {"key": heads[g].code, "label": heads[g].name, "value": n, "url": matter_url(heads[g].code)}
        for g, n in sorted(per_group.items(), key=lambda item: (-item[1], heads[item[0]].code))
    ]
    by_region = [
        {
            "key": code,
            "label": province_name(code) if code != NO_DIVISION else _("未定位"),
            "value": per_region[code],
            "url": records_url("alerts", province=code, scope=view.scope_param),
        }
        for code in [*PROVINCES, NO_DIVISION]
        if per_region.get(code)
    ]
    per_response: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for division_id in sorted(responses):
        n, total_us = responses[division_id]
        if not n:
            continue
        total = per_response[province_of_division(division_id)]
        total[1] = (total[1] * total[0] + _minutes(total_us, n) * n) / (total[0] + n)
        total[0] += n
    claim_minutes = [
        {
            "key": code,
            "label": province_name(code) if code != NO_DIVISION else _("未定位"),
            "value": round(per_response[code][1], 1),
            "count": per_response[code][0],
            "url": alert_list_url(tab="all"),
        }
        for code in [*PROVINCES, NO_DIVISION]
        if code in per_response
    ]
    return {
        "total": sum(per_region.values()),
        "by_matter": by_matter,
        "by_region": by_region,
        "claim_minutes": claim_minutes,
        "list_url": alert_list_url() if not view.narrowed else records_url("alerts", scope=view.scope_param),
    }


def map_points(view: View) -> list[dict]:
    """The latest live alerts and the open incidents of events in progress, newest first (each kind
    capped), for the map's heat-like circles."""
    limit = SETTINGS.YRD_COCKPIT_MAP_POINTS
    points = [
        {
            "kind": "alert",
            "lat": lat,
            "lon": lon,
            "title": title,
            "label": matter,
            "url": detail_url("sensing:alert_detail", public_id),
        }
        for public_id, title, lat, lon, matter in live_alerts(view)
        .order_by("-last_occurred_at", "-id")
        .values_list("public_id", "title", "lat", "lon", "matter__name")[:limit]
    ]
    if is_event_reader(view.actor):
        incidents = (
            view.narrow(Incident.objects.visible_to(view.actor), "event__lead_agency")
            .filter(status__in=(IncidentStatus.OPEN, IncidentStatus.HANDLING), event__status=EventStatus.ACTIVE)
            .order_by("-reported_at", "-id")
            .values_list("public_id", "description", "lat", "lon", "matter__name")[:limit]
        )
        points += [
            {
                "kind": "incident",
                "lat": lat,
                "lon": lon,
                "title": description[:60],
                "label": matter,
                "url": detail_url("events:incident_detail", public_id),
            }
            for public_id, description, lat, lon, matter in incidents
        ]
    return points
