"""Current patrol positions on the enforcement map (执法地图): the latest check-in of each officer on a
shift in progress, on rosters the actor sees."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.geo.markers import register_marker_source

from .permissions import is_duty_reader
from .selectors import patrol_positions
from .states import CheckInFlag


def patrol_markers(actor, filters) -> list[dict]:
    if not is_duty_reader(actor):
        return []
    rows = patrol_positions(actor=actor)
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        rows = [r for r in rows if min_lon <= r["lon"] <= max_lon and min_lat <= r["lat"] <= max_lat]
    labels = dict(CheckInFlag.choices)
    return [
        {
            "id": r["check_in_id"],
            "lon": r["lon"],
            "lat": r["lat"],
            "title": f"{r['officer']}（{r['agency']}）{r['shift_post']} {timezone.localtime(r['at']):%H:%M}",
            "status": str(labels.get(r["flag"], r["flag"])),
            "url": reverse("duty:roster_detail", args=[r["roster_id"]]),
        }
        for r in rows[: filters.limit]
    ]


def register() -> None:
    # No single capability covers officers, duty managers and the command centre: the fetch scopes
    # to the rosters the actor sees and returns nothing to anyone else.
    register_marker_source("patrols", _("巡查位置"), patrol_markers, color="#1a7f37")
