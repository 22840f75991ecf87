"""Smart enforcement (智慧执法) and the live map: alerts not yet closed by type (matter group) and
by region, how long the alerts of the period waited before an agency responded (claimed, checked,
transferred or dismissed them), and the points the map shows (live alerts and the open incidents of
major events in progress)."""

from collections import defaultdict

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F
from django.utils.translation import gettext as _

from yrdcollab.field.events.models import Incident
from yrdcollab.field.events.permissions import is_event_reader
from yrdcollab.field.events.states import EventStatus, IncidentStatus
from yrdcollab.smart.sensing.models import Alert, AlertLog
from yrdcollab.smart.sensing.states import ACTIVE, AlertStatus

from ..conf import SETTINGS
from ..links import alert_list_url, detail_url, records_url
from ._common import PROVINCES, View, matter_groups, province_name

NO_DIVISION = "none"  # the drill-down's province value for alerts the platform could not place


def live_alerts(view: View):
    return Alert.objects.visible_to(view.actor).filter(status__in=ACTIVE)


def province_of_division(division_id: str | None) -> str:
    """A division's province code from its own code (the primary key): no join on the alert table."""
    if not division_id:
        return NO_DIVISION
    return division_id[:2] + "0000"


def _minutes(value) -> float | None:
    if value is None:
        return None
    seconds = value.total_seconds() if hasattr(value, "total_seconds") else value / 1_000_000
    return round(seconds / 60, 1)


def alerts(view: View) -> dict:
    live = live_alerts(view)
    groups = matter_groups()
    heads = {group.id: group for group in groups.values()}
    per_group: dict[int, int] = defaultdict(int)
    for matter_id, n in live.values_list("matter_id").annotate(n=Count("id")).order_by():
        per_group[groups[matter_id].id] += n
    by_matter = [
        {"key": heads[g].code, "label": heads[g].name, "value": n, "url": alert_list_url(matter=heads[g].code)}
        for g, n in sorted(per_group.items(), key=lambda item: (-item[1], heads[item[0]].code))
    ]
    per_region: dict[str, int] = defaultdict(int)
    for division_id, n in live.values_list("division_id").annotate(n=Count("id")).order_by():
        per_region[province_of_division(division_id)] += n
    by_region = [
        {
            "key": code,
            "label": province_name(code) if code != NO_DIVISION else _("未定位"),
            "value": per_region[code],
            "url": records_url("alerts", province=code),
        }
        for code in [*PROVINCES, NO_DIVISION]
        if per_region.get(code)
    ]
    took = ExpressionWrapper(F("at") - F("alert__created_at"), output_field=DurationField())
    responses = AlertLog.objects.filter(
        alert__in=Alert.objects.visible_to(view.actor).values("id"),
        from_status=AlertStatus.OPEN,
        at__gte=view.window.start,
        at__lt=view.window.end,
    ).exclude(action="raise")
    per_response: dict[str, list] = defaultdict(lambda: [0, 0.0])
    for division_id, n, average in (
        responses.values_list("alert__division_id").annotate(n=Count("id"), average=Avg(took)).order_by()
    ):
        minutes = _minutes(average) or 0.0
        total = per_response[province_of_division(division_id)]
        total[1] = (total[1] * total[0] + minutes * n) / (total[0] + n)
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
        "list_url": alert_list_url(),
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
            Incident.objects.visible_to(view.actor)
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
