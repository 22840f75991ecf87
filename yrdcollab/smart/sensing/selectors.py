"""Reads of devices, alerts and dead letters, scoped to the actor: anything the actor may not see is
NotFound (404). Devices belong to one agency (seen by it, the agencies above it and the command
centre); an alert is seen by every agency it was routed to (and theirs above, and the command centre)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id, unscoped
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability

from .conf import SETTINGS
from .models import ENFORCEMENT_TYPES, Alert, AlertAgency, DeadLetter, Device, IngestInstance
from .states import ACTIVE, AlertStatus, CheckResult, DeviceType, ReviewStatus

PUBLISHED_DEVICES_MAX = 2000  # the public map and list of device locations show at most this many
RECENT_DEVICE_ALERTS = 10  # on a device's page
RECENT_ALERT_EVENTS = 20  # on an alert's page


def devices_visible_to(actor) -> QuerySet[Device]:
    return Device.objects.visible_to(actor).select_related("agency")


def access_device(*, actor, public_id) -> Device:
    return get_by_public_id(devices_visible_to(actor).select_related("reviewed_by", "created_by"), public_id)


@unscoped("the device a bearer credential names authenticates itself, whatever its agency")
def device_by_code(code: str | None) -> Device | None:
    """Not scoped to an actor: the device a bearer credential names (it authenticates the device), and
    the demo's seeding."""
    return Device.objects.select_related("agency").filter(code=code).first() if code else None


@unscoped("the tracker is looked up inside the agency the caller names")
def tracker_of_agency(*, code: str, agency_id: int | None) -> Device | None:
    """The agency's muck-truck GPS tracker with this code (a truck of the agency is bound to it)."""
    return Device.objects.filter(code=code, type=DeviceType.TRUCK_GPS, agency_id=agency_id).first()


@dataclass(frozen=True)
class DeviceFilters:
    type: str = ""
    review_status: str = ""
    q: str = ""


def device_list(*, actor, filters: DeviceFilters = DeviceFilters()) -> QuerySet[Device]:
    queryset = devices_visible_to(actor)
    if filters.type:
        if filters.type not in DeviceType.values:
            raise InvalidInput(code="invalid_filter", details={"field": "type"})
        queryset = queryset.filter(type=filters.type)
    if filters.review_status:
        if filters.review_status not in ReviewStatus.values:
            raise InvalidInput(code="invalid_filter", details={"field": "review_status"})
        queryset = queryset.filter(review_status=filters.review_status)
    if filters.q:
        queryset = queryset.filter(
            Q(code__icontains=filters.q) | Q(name__icontains=filters.q) | Q(address__icontains=filters.q)
        )
    return queryset.order_by("agency_id", "code")


def device_is_online(device: Device, *, now=None) -> bool:
    if device.last_seen_at is None:
        return False
    now = now or timezone.now()
    return now - device.last_seen_at <= timedelta(minutes=SETTINGS.YRD_DEVICE_OFFLINE_MINUTES)


@dataclass(frozen=True)
class Precision:
    confirmed: int
    false_positives: int

    @property
    def value(self) -> float | None:
        total = self.confirmed + self.false_positives
        return None if total == 0 else self.confirmed / total


@unscoped("figures of one device the caller already read through the actor's scope")
def device_precision(device: Device) -> Precision:
    """Confirmed = alerts checked on site as real or turned into a clue transfer; false positives =
    alerts dismissed. Open alerts and on-site checks that found nothing count neither way."""
    counts = Alert.objects.filter(device=device).aggregate(
        confirmed=Count(
            "id",
            filter=Q(status=AlertStatus.TRANSFERRED)
            | Q(status=AlertStatus.CHECKED, check_result=CheckResult.CONFIRMED),
        ),
        false_positives=Count("id", filter=Q(status=AlertStatus.DISMISSED)),
    )
    return Precision(confirmed=counts["confirmed"], false_positives=counts["false_positives"])


def device_recent_alerts(device: Device) -> list[Alert]:
    return list(device.alerts.select_related("matter")[:RECENT_DEVICE_ALERTS])


@unscoped("行政处罚法第四十一条: published device locations are public, without login")
def published_devices() -> QuerySet[Device]:
    """Without login: approved, published enforcement devices (行政处罚法第四十一条: 设置地点应当向社会公布)."""
    return (
        Device.objects.filter(
            published=True,
            review_status=ReviewStatus.APPROVED,
            is_active=True,
            type__in=[t.value for t in ENFORCEMENT_TYPES],
        )
        .select_related("agency")
        .order_by("agency_id", "code")[:PUBLISHED_DEVICES_MAX]
    )


def alerts_visible_to(actor) -> QuerySet[Alert]:
    return Alert.objects.visible_to(actor)


def access_alert(*, actor, public_id) -> Alert:
    return get_by_public_id(
        alerts_visible_to(actor).select_related("matter", "device", "handling_agency", "division", "transfer"),
        public_id,
    )


def alert_links(alert: Alert) -> list:
    """The agencies the alert was routed to (candidates first, as routed) with their agency."""
    return list(alert.agency_links.select_related("agency"))


def alert_log(alert: Alert):
    return alert.log.select_related("actor", "agency")


def alert_recent_events(alert: Alert) -> list:
    return list(alert.events.select_related("device")[:RECENT_ALERT_EVENTS])


@dataclass(frozen=True)
class AlertFilters:
    status: str = ""
    matter: str = ""
    active: bool = False


def alert_list(*, actor, filters: AlertFilters = AlertFilters()) -> QuerySet[Alert]:
    """The alerts the actor sees, newest first. Live ones only (a live status, or `active`) are found
    through the live state of their routing rows (AlertQuerySet.live_visible_to): a few index entries
    however many alerts the agency ever had."""
    if filters.status and filters.status not in AlertStatus.values:
        raise InvalidInput(code="invalid_filter", details={"field": "status"})
    if filters.status in ACTIVE:
        queryset = Alert.objects.live_visible_to(actor, status=filters.status)
    else:
        queryset = Alert.objects.live_visible_to(actor) if filters.active else alerts_visible_to(actor)
        if filters.status:
            queryset = queryset.filter(status=filters.status)
    if filters.matter:
        queryset = queryset.filter(Q(matter__code=filters.matter) | Q(matter__parent__code=filters.matter))
    return (
        queryset.select_related("matter", "handling_agency", "device")
        .prefetch_related("agency_links__agency")
        .order_by("-last_occurred_at", "-id")
    )


def alert_live_tally(*, actor, status: str) -> QuerySet:
    """One row per alert of a live `status` the actor sees — as many as `alert_list(actor=actor,
    filters=AlertFilters(status=status))` lists — read from the routing rows alone (an index-only scan of
    alert_agency_live_idx): what the workbench and the menu badge count. Routing rows keep the status of
    their alert (services.alerts), and an alert routed to two agencies of the actor's subtree is one row."""
    if status not in ACTIVE:
        raise InvalidInput(code="invalid_filter", details={"field": "status"})
    scope = AgencyScope.for_actor(actor)
    if scope.everything:  # an alert routed to no agency (outside coverage) is the command centre's alone
        return Alert.objects.filter(status=status).values("pk")
    return (
        AlertAgency.objects.filter(scope.q_within("agency"), alert_active=True, live_status=status)
        .values("alert_id")
        .distinct()
    )


@unscoped("a consistency check of the whole table, for tests and operators; it returns ids only")
def alert_routing_out_of_step(*, limit: int = 100) -> list[int]:
    """Ids of alerts (at most `limit`) with a routing row whose live state (alert_active, live_status)
    is not the alert's — empty when the alert services kept every row in step."""
    wrong = Q(alert_active=False, alert__status__in=ACTIVE) | (
        Q(alert_active=True) & ~Q(live_status=F("alert__status"))
    )
    return list(
        AlertAgency.objects.filter(wrong).order_by("alert_id").values_list("alert_id", flat=True).distinct()[:limit]
    )


def dead_letter_list(*, actor, reason_code: str = "") -> QuerySet[DeadLetter]:
    require_capability(actor, Capability.INGEST_MONITOR)
    queryset = DeadLetter.objects.all()
    if reason_code:
        queryset = queryset.filter(reason_code=reason_code[:32])
    return queryset.order_by("-received_at", "-id")


def dead_letter_reason_counts(*, actor) -> list[dict]:
    require_capability(actor, Capability.INGEST_MONITOR)
    return list(DeadLetter.objects.values("reason_code").annotate(n=Count("id")).order_by("-n"))


@unscoped("ingest processes are the platform's infrastructure, not an agency's records; ingest.monitor only")
def ingest_instance_list(*, actor) -> list[IngestInstance]:
    """The running ingest processes as they last reported; `silent` marks one whose heartbeat is older
    than its lease (killed, hung, or cut off from the database)."""
    require_capability(actor, Capability.INGEST_MONITOR)
    silent_before = timezone.now() - timedelta(seconds=SETTINGS.YRD_INGEST_LEASE_SECONDS)
    instances = list(IngestInstance.objects.order_by("host", "pid"))
    for instance in instances:
        instance.silent = instance.heartbeat_at < silent_before
    return instances
