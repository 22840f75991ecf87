"""Rules evaluated on ingest: an event type maps to a matter; a telemetry value above a threshold for
N minutes (inside a time-of-day window) raises an alert. Alerts merge by services.alerts de-duplication."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from functools import cached_property

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.platform.catalogue.models import Matter

from ..default_rules import rules_load
from ..models import Device, DeviceEvent, EventTypeRule, TelemetryReading, TelemetryRule
from ..states import ReviewStatus
from .alerts import alert_occurrence, alert_raise


def default_rules_load() -> int:
    """The seeded event-type and telemetry rules that are missing (default_rules.py; idempotent)."""
    return rules_load(EventTypeRule, TelemetryRule, Matter)


@dataclass(frozen=True, slots=True)
class EventRule:
    event_type: str
    matter_code: str
    min_confidence: float


class RuleBook:
    """The active rules, read once per ingest batch — each kind only when the batch has a message of it.
    Event rules are read as plain rows (one short query per batch on the hot path; model instances with
    their matters cost more than the rest of the batch's rule work); a matter is loaded when a rule fires."""

    def __init__(self):
        self._matters: dict[str, Matter | None] = {}
        self._devices: dict[int, Device] = {}

    @cached_property
    def events(self) -> dict[str, EventRule]:
        table = EventTypeRule._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT event_type, matter_id, min_confidence FROM {table} WHERE is_active = %s", [True])
            return {row[0]: EventRule(*row) for row in cursor.fetchall()}

    @cached_property
    def telemetry(self) -> dict[str, list[TelemetryRule]]:
        by_metric: dict[str, list[TelemetryRule]] = {}
        for rule in TelemetryRule.objects.filter(is_active=True):
            by_metric.setdefault(rule.metric, []).append(rule)
        return by_metric

    def matter(self, code: str) -> Matter | None:
        """The active matter of a rule (None when it was deactivated), loaded once per batch."""
        if code not in self._matters:
            self._matters[code] = Matter.objects.filter(code=code, is_active=True).first()
        return self._matters[code]

    def device(self, device) -> Device:
        """The device as a model instance with its agency (the ingest reads plain rows), once per batch."""
        if isinstance(device, Device):
            return device
        if device.pk not in self._devices:
            self._devices[device.pk] = Device.objects.select_related("agency").get(pk=device.pk)
        return self._devices[device.pk]


def may_raise(device: Device) -> bool:
    """Only a device that passed 法制和技术审核 (行政处罚法第四十一条) produces alerts; others are recorded."""
    return device.review_status == ReviewStatus.APPROVED and device.is_active


def on_event(event: DeviceEvent, device, rules: RuleBook) -> int | None:
    """The alert the event raises or adds to (its id), if the event type has a rule and the device may
    raise alerts. `device` is the ingest's plain row (services.ingest.DeviceRow) or a Device; the model
    is loaded only when a new alert needs its name, address and agency."""
    rule = rules.events.get(event.type)
    if rule is None or not may_raise(device):
        return None
    if event.confidence is not None and event.confidence < rule.min_confidence:
        return None
    matter = rules.matter(rule.matter_code)

    def raise_alert():
        model = rules.device(device)
        return alert_raise(
            matter_code=rule.matter_code,
            matter=matter,
            lon=event.lon,
            lat=event.lat,
            occurred_at=event.occurred_at,
            source_kind="device",
            source_ref=model.code,
            device=model,
            extra_agencies=(model.agency,),
            title=_("%(device)s 发现：%(matter)s")
            % {"device": model.name, "matter": matter.name if matter else rule.matter_code},
            details={
                "event_id": str(event.event_id),
                "event_type": event.type,
                "confidence": event.confidence,
                "media_sha256": event.media_sha256,
                "address": model.address,
            },
        )

    if matter is None:
        return raise_alert().pk  # alert_raise refuses the deactivated matter (unknown_matter)
    return alert_occurrence(
        matter=matter, lon=event.lon, lat=event.lat, occurred_at=event.occurred_at, raise_alert=raise_alert
    )


def in_window(moment: datetime, start: time | None, end: time | None) -> bool:
    if start is None or end is None:
        return True
    local = timezone.localtime(moment).time()
    return start <= local < end if start <= end else (local >= start or local < end)


def sustained_since(reading: TelemetryReading, threshold: float) -> datetime | None:
    """When the current run of readings above `threshold` began (None if this one is not above)."""
    if reading.value <= threshold:
        return None
    series = TelemetryReading.objects.filter(
        device_id=reading.device_id, metric=reading.metric, measured_at__lte=reading.measured_at
    )
    last_ok = series.filter(value__lte=threshold).order_by("-measured_at").values_list("measured_at", flat=True).first()
    run = series.filter(value__gt=threshold)
    if last_ok is not None:
        run = run.filter(measured_at__gt=last_ok)
    return run.order_by("measured_at").values_list("measured_at", flat=True).first()


def on_reading(reading: TelemetryReading, device: Device, rules: RuleBook) -> list:
    raised = []
    if not may_raise(device):
        return raised
    for rule in rules.telemetry.get(reading.metric, []):
        if not in_window(reading.measured_at, rule.window_start, rule.window_end):
            continue
        since = sustained_since(reading, rule.threshold)
        if since is None or reading.measured_at - since < timedelta(minutes=rule.duration_minutes):
            continue
        raised.append(
            alert_raise(
                matter_code=rule.matter_id,
                lon=device.lon,
                lat=device.lat,
                occurred_at=reading.measured_at,
                source_kind="rule",
                source_ref=device.code,
                device=device,
                extra_agencies=(device.agency,),
                title=_("%(rule)s：%(device)s") % {"rule": rule.name, "device": device.name},
                details={
                    "rule": rule.name,
                    "metric": rule.metric,
                    "value": reading.value,
                    "unit": reading.unit,
                    "threshold": rule.threshold,
                    "since": since.isoformat(),
                    "address": device.address,
                },
            )
        )
    return raised
