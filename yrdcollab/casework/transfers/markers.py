"""Clue transfers on the enforcement map: those the actor may see that carry a WGS-84 point."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.geo.markers import register_marker_source

from .selectors import transfers_visible_to
from .states import Status


def transfer_markers(actor, filters) -> list[dict]:
    qs = transfers_visible_to(actor).filter(latitude__isnull=False, longitude__isnull=False)
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        qs = qs.filter(longitude__gte=min_lon, longitude__lte=max_lon, latitude__gte=min_lat, latitude__lte=max_lat)
    rows = qs.order_by("-created_at").values(
        "public_id", "title", "status", "longitude", "latitude", "place_division_id"
    )[: filters.limit]
    labels = dict(Status.choices)
    return [
        {
            "id": str(r["public_id"]),
            "lon": r["longitude"],
            "lat": r["latitude"],
            "title": r["title"],
            "status": str(labels.get(r["status"], r["status"])),
            "division": r["place_division_id"],
            "url": reverse("transfers:detail", args=[r["public_id"]]),
        }
        for r in rows
    ]


def register() -> None:
    register_marker_source("transfers", _("线索移送"), transfer_markers, color="#d9480f")
