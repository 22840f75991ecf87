"""Public reads of GeoReport v2: services from the matter catalogue and service requests, with the
spec's filters and limits. Nothing here returns the reporter's contact data."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from yrdcollab.core.dates import date_out_of_range
from yrdcollab.core.validation import is_uuid
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency, Division, DivisionLevel
from yrdcollab.smart.sensing.states import TERMINAL

from .conf import SETTINGS
from .formats import Open311Error
from .models import ApiKey, ServiceRequest

# A request is "closed" when its alert is closed: no move of the alert workflow leads out of its status.
CLOSED_ALERT_STATUSES = sorted(TERMINAL)
KEYS_SHOWN = 200  # on the key page, newest first


def division_for_jurisdiction(code: str) -> Division:
    """A county-level division code; anything else is the spec's 404 for an unknown jurisdiction."""
    code = str(code or "").strip()
    division = Division.objects.filter(code=code[:12], level=DivisionLevel.COUNTY).first() if code.isdigit() else None
    if division is None:
        raise Open311Error(404, _("jurisdiction_id %(c)s 不是本平台覆盖的县级行政区划代码。") % {"c": code[:12]})
    return division


def services_list() -> QuerySet[Matter]:
    """Concrete matters (second level, or a first level without children) that are active."""
    return (
        Matter.objects.filter(is_active=True)
        .filter(Q(parent__isnull=False) | Q(children__isnull=True))
        .select_related("parent")
        .distinct()
        .order_by("sort_order", "code")
    )


def service_for_code(code: str) -> Matter | None:
    return services_list().filter(code=str(code or "")[:16]).first()


def _moment(value: str, name: str) -> datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        moment = parse_datetime(text.replace(" ", "+") if "T" in text and " " in text else text)
    except ValueError:
        moment = None
    if moment is None or date_out_of_range(moment):
        raise Open311Error(400, _("%(f)s 须为 ISO 8601 日期时间，如 2026-11-05T08:15:30+08:00。") % {"f": name})
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _csv(value: str, max_items: int = 1000) -> list[str]:
    return [part.strip() for part in str(value or "").split(",") if part.strip()][:max_items]


def service_requests_query(
    *,
    service_request_id: str = "",
    service_code: str = "",
    start_date: str = "",
    end_date: str = "",
    status: str = "",
    jurisdiction_id: str = "",
) -> list[ServiceRequest]:
    requests = ServiceRequest.objects.select_related("matter", "alert", "alert__handling_agency")
    if jurisdiction_id.strip():
        requests = requests.filter(division=division_for_jurisdiction(jurisdiction_id))
    limit = SETTINGS.YRD_OPEN311_MAX_RESULTS
    ids = _csv(service_request_id)
    if ids:  # the spec: with ids, the other parameters are ignored
        return list(requests.filter(public_id__in=[i for i in ids if is_uuid(i)])[:limit])
    codes = _csv(service_code)
    if codes:
        requests = requests.filter(matter__code__in=codes)
    statuses = set(_csv(status))
    if statuses - {"open", "closed"}:
        raise Open311Error(400, _("status 只能是 open 或 closed。"))
    if statuses == {"open"}:
        requests = requests.exclude(alert__status__in=CLOSED_ALERT_STATUSES)
    elif statuses == {"closed"}:
        requests = requests.filter(alert__status__in=CLOSED_ALERT_STATUSES)
    start, end = _moment(start_date, "start_date"), _moment(end_date, "end_date")
    if start is None and end is None:
        start = timezone.now() - timedelta(days=SETTINGS.YRD_OPEN311_DEFAULT_DAYS)
    elif start is None:
        start = end - timedelta(days=SETTINGS.YRD_OPEN311_DEFAULT_DAYS)
    if end is not None and end < start:
        raise Open311Error(400, _("end_date 早于 start_date。"))
    requests = requests.filter(requested_at__gte=start)
    if end is not None:
        requests = requests.filter(requested_at__lte=end)
    return list(requests.order_by("-requested_at", "-id")[:limit])


def service_request_get(request_id: str) -> ServiceRequest:
    request = None
    if is_uuid(request_id):
        request = (
            ServiceRequest.objects.select_related("matter", "alert", "alert__handling_agency")
            .filter(public_id=request_id)
            .first()
        )
    if request is None:
        raise Open311Error(404, _("服务请求 %(id)s 不存在。") % {"id": str(request_id)[:64]})
    return request


def api_keys_recent(*, actor, limit: int = KEYS_SHOWN) -> QuerySet[ApiKey]:
    """The Open311 keys an integration manager sees on the key page (newest first): every agency's. A
    key is the platform's integration setting, administered across agencies (INTEGRATION_MANAGE), not a
    row of one agency's work, so no agency scope applies."""
    require_capability(actor, Capability.INTEGRATION_MANAGE)
    return ApiKey.objects.select_related("agency").order_by("-created_at")[:limit]


def key_agency_choices(*, actor) -> QuerySet[Agency]:
    """The agencies a key may be minted for (every active one)."""
    require_capability(actor, Capability.INTEGRATION_MANAGE)
    return Agency.objects.filter(is_active=True).order_by("division_id", "name")
