"""Map marker sources of sensing (registered with yrdcollab.platform.geo.markers from SensingConfig.ready())."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.geo.markers import register_marker_source

from .selectors import alerts_visible_to, devices_visible_to
from .states import AlertStatus, DeviceType


def _in_bbox(queryset, filters):
    if filters.bbox:
        min_lon, min_lat, max_lon, max_lat = filters.bbox
        queryset = queryset.filter(lon__gte=min_lon, lon__lte=max_lon, lat__gte=min_lat, lat__lte=max_lat)
    return queryset


def alert_markers(actor, filters) -> list[dict]:
    labels = dict(AlertStatus.choices)
    rows = (
        _in_bbox(alerts_visible_to(actor), filters)
        .order_by("-last_occurred_at")
        .values("public_id", "title", "status", "lon", "lat", "division_id")[: filters.limit]
    )
    return [
        {
            "id": str(r["public_id"]),
            "lon": r["lon"],
            "lat": r["lat"],
            "title": r["title"],
            "status": str(labels.get(r["status"], r["status"])),
            "division": r["division_id"] or "",
            "url": reverse("sensing:alert_detail", args=[r["public_id"]]),
        }
        for r in rows
    ]


def device_markers(actor, filters) -> list[dict]:
    labels = dict(DeviceType.choices)
    rows = (
        _in_bbox(devices_visible_to(actor), filters)
        .order_by("code")
        .values("public_id", "name", "type", "lon", "lat")[: filters.limit]
    )
    return [
        {
            "id": str(r["public_id"]),
            "lon": r["lon"],
            "lat": r["lat"],
            "title": r["name"],
            "status": str(labels.get(r["type"], r["type"])),
            "url": reverse("sensing:device_detail", args=[r["public_id"]]),
        }
        for r in rows
    ]


def register() -> None:
    register_marker_source(
        "alerts", _("感知预警"), alert_markers, capability=Capability.COLLABORATION_HANDLE, color="#c92a2a"
    )
    register_marker_source("devices", _("监控设备"), device_markers, color="#2b8a3e")
