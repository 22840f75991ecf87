"""Model → API dictionaries (shared by the API and the map marker source)."""

from .models import Alert, Device
from .selectors import device_is_online, device_precision
from .states import AlertStatus, DeviceType


def device_out(device: Device, *, credential: str | None = None) -> dict:
    precision = device_precision(device)
    data = {
        "id": device.public_id,
        "code": device.code,
        "type": device.type,
        "type_label": str(DeviceType(device.type).label),
        "name": device.name,
        "agency": device.agency,
        "lon": device.lon,
        "lat": device.lat,
        "address": device.address,
        "purpose": device.purpose,
        "review_status": device.review_status,
        "review_opinion": device.review_opinion,
        "reviewed_at": device.reviewed_at,
        "published": device.published,
        "online": device_is_online(device),
        "last_seen_at": device.last_seen_at,
        "precision": {
            "confirmed": precision.confirmed,
            "false_positives": precision.false_positives,
            "value": precision.value,
        },
    }
    if credential is not None:
        data["credential"] = credential
    return data


def public_device_out(device: Device) -> dict:
    return {
        "name": device.name,
        "type": device.type,
        "type_label": str(DeviceType(device.type).label),
        "agency": device.agency.name,
        "address": device.address,
        "lon": round(device.lon, 6),
        "lat": round(device.lat, 6),
    }


def alert_out(alert: Alert) -> dict:
    return {
        "id": alert.public_id,
        "title": alert.title,
        "matter": alert.matter.code,
        "matter_name": alert.matter.name,
        "status": alert.status,
        "status_label": str(AlertStatus(alert.status).label),
        "routing_status": alert.routing_status,
        "count": alert.count,
        "lon": alert.lon,
        "lat": alert.lat,
        "division": alert.division_id,
        "first_occurred_at": alert.first_occurred_at,
        "last_occurred_at": alert.last_occurred_at,
        "source_kind": alert.source_kind,
        "source_ref": alert.source_ref,
        "handling_agency": alert.handling_agency,
        "check_result": alert.check_result,
        "resolution_note": alert.resolution_note,
        "transfer": alert.transfer.public_id if alert.transfer_id else None,
        "agencies": [
            {
                "id": link.agency.public_id,
                "name": link.agency.name,
                "candidate": link.is_candidate,
                "distance_m": link.distance_m,
            }
            for link in alert.agency_links.select_related("agency")
        ],
    }
