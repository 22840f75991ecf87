"""GeoReport v2 element names, in the spec's order."""

from django.utils.translation import gettext as _

from yrdcollab.platform.catalogue.models import Matter

from .models import ServiceRequest
from .selectors import CLOSED_ALERT_STATUSES


def service_out(matter: Matter) -> dict:
    group = matter.parent.name if matter.parent_id else matter.name
    keywords = ", ".join(dict.fromkeys([matter.name, group, matter.code]))
    return {
        "service_code": matter.code,
        "service_name": matter.name,
        "description": matter.description,
        "metadata": False,
        "type": "realtime",
        "keywords": keywords,
        "group": group,
    }


def service_definition_out(matter: Matter) -> dict:
    return {"service_code": matter.code, "attributes": []}


def _status(request: ServiceRequest) -> tuple[str, str]:
    alert = request.alert
    closed = alert.status in CLOSED_ALERT_STATUSES
    return ("closed" if closed else "open"), str(alert.get_status_display())


def request_out(request: ServiceRequest) -> dict:
    status, notes = _status(request)
    alert = request.alert
    agency = alert.handling_agency.name if alert.handling_agency_id else ""
    return {
        "service_request_id": str(request.public_id),
        "status": status,
        "status_notes": notes,
        "service_name": request.matter.name,
        "service_code": request.matter.code,
        "description": request.description,
        "agency_responsible": agency,
        "service_notice": "",
        "requested_datetime": request.requested_at,
        "updated_datetime": max(request.updated_at, alert.updated_at),
        "expected_datetime": None,
        "address": request.address_string,
        "address_id": request.address_id,
        "zipcode": None,
        "lat": round(request.lat, 7),
        "long": round(request.lon, 7),
        "media_url": request.media_url,
    }


def created_out(request: ServiceRequest) -> dict:
    return {
        "service_request_id": str(request.public_id),
        "service_notice": _("已受理，将按发生地管辖推送至相关执法机构。"),
        "account_id": None,
    }
