"""Truck positions and stop detection.

A stop is a run of consecutive positions within YRD_TRUCK_STOP_RADIUS_M of its first position. When
it has lasted longer than YRD_TRUCK_STOP_MINUTES it is judged once: inside an approved disposal site
(any agency's) → fine; inside an approved route corridor of this truck → fine (queueing, traffic);
anywhere else → a suspected-dumping alert through sensing's alert_raise, routed to the agency where
the truck stands and informing the truck's home agency. Further positions of the same stop only
extend it: one alert per stop. Positions older than the truck's latest are stored but do not move
the stop state (late GPS batches would otherwise split stops)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import ApplicationError, InvalidInput, PermissionDenied
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.geo.crs import to_wgs84
from yrdcollab.platform.geo.distance import distance_m
from yrdcollab.platform.parties.identifiers import validate_plate
from yrdcollab.smart.sensing.services.alerts import alert_raise

from .conf import SETTINGS
from .models import Truck, TruckPosition, TruckStop
from .permissions import may_report_positions
from .selectors import sites_containing, truck_for_position, truck_routes_containing
from .states import STOP_TRANSITIONS, PositionSource, StopJudgement, StopKind

FUTURE_TOLERANCE = timedelta(minutes=5)


@dataclass(frozen=True)
class PositionResult:
    truck: Truck
    position: TruckPosition | None
    duplicate: bool = False
    stop: TruckStop | None = None
    alert_raised: bool = False


def _aware(at) -> datetime:
    if not isinstance(at, datetime):
        raise InvalidInput(_("定位时间无效。"), code="invalid_time", details={"field": "at"})
    if timezone.is_naive(at):
        raise InvalidInput(_("定位时间须带时区。"), code="invalid_time", details={"field": "at"})
    if at > timezone.now() + FUTURE_TOLERANCE:
        raise InvalidInput(_("定位时间晚于当前时间。"), code="future_time", details={"field": "at"})
    return at


def _resolve_truck(*, plate: str | None, device_code: str | None, actor) -> Truck:
    plate_value = validate_plate(plate).value if plate else ""
    truck = truck_for_position(plate=plate_value, device_code=str(device_code or "").strip(), actor=actor)
    if truck is None:
        raise InvalidInput(
            _("未登记的渣土车或定位终端。"),
            code="unknown_truck",
            details={"field": "plate" if plate else "device_code"},
        )
    if not truck.is_active:
        raise InvalidInput(
            _("车辆 %(plate)s 已停用。") % {"plate": truck.plate}, code="truck_inactive", details={"field": "plate"}
        )
    return truck


@transaction.atomic
def truck_position_record(
    *,
    plate: str | None = None,
    device_code: str | None = None,
    lon: float,
    lat: float,
    crs: str = "wgs84",
    at: datetime,
    source: str = PositionSource.DEVICE,
    actor=None,
) -> PositionResult:
    """Stores one position (idempotent on truck + time) and advances the truck's stop. Called by the
    sensing ingest for a GPS tracker's position telemetry (device_code) and by the HTTP endpoint
    (plate, `actor` limits to the trucks the caller sees). InvalidInput for an unknown truck, bad
    coordinates (geo.crs codes) or a bad time — the ingest dead-letters those."""
    if not plate and not device_code:
        raise InvalidInput(_("须提供号牌或定位终端编码。"), code="unknown_truck", details={"field": "plate"})
    at = _aware(at)
    lon, lat = to_wgs84(lon, lat, crs or "wgs84")
    truck = _resolve_truck(plate=plate, device_code=device_code, actor=actor)
    truck = Truck.objects.select_for_update(of=("self",)).select_related("home_agency").get(pk=truck.pk)
    if TruckPosition.objects.filter(truck=truck, at=at).exists():
        return PositionResult(truck=truck, position=None, duplicate=True)
    try:
        with transaction.atomic():
            position = TruckPosition.objects.create(truck=truck, at=at, lon=lon, lat=lat, source=source)
    except IntegrityError:  # the same position committed concurrently
        return PositionResult(truck=truck, position=None, duplicate=True)
    if truck.last_position_at is not None and at < truck.last_position_at:
        return PositionResult(truck=truck, position=position)
    truck.last_position_at, truck.last_lon, truck.last_lat = at, lon, lat
    truck.save(update_fields=["last_position_at", "last_lon", "last_lat", "updated_at"])
    stop, raised = _advance_stop(truck, position)
    return PositionResult(truck=truck, position=position, stop=stop, alert_raised=raised)


def _threshold() -> timedelta:
    return timedelta(minutes=SETTINGS.YRD_TRUCK_STOP_MINUTES)


def _advance_stop(truck: Truck, position: TruckPosition) -> tuple[TruckStop, bool]:
    stop = TruckStop.objects.select_for_update().filter(truck=truck, is_open=True).first()
    radius = SETTINGS.YRD_TRUCK_STOP_RADIUS_M
    if stop is not None and distance_m(stop.lon, stop.lat, position.lon, position.lat) <= radius:
        stop.ended_at = max(stop.ended_at, position.at)
        stop.position_count += 1
    else:
        if stop is not None:
            _close(stop)
        stop = TruckStop(truck=truck, lon=position.lon, lat=position.lat, started_at=position.at, ended_at=position.at)
    raised = False
    if not STOP_TRANSITIONS.is_terminal(stop.kind) and stop.ended_at - stop.started_at > _threshold():
        raised = _judge(truck, stop)
    stop.save()
    return stop, raised


def _close(stop: TruckStop) -> None:
    """The truck moved on: a pause that never outlasted the threshold is not worth keeping."""
    if stop.kind == StopKind.PENDING:
        stop.delete()
    else:
        stop.is_open = False
        stop.save(update_fields=["is_open", "updated_at"])


def _judge(truck: Truck, stop: TruckStop) -> bool:
    """The one judgement of a stop that outlasted the threshold (states.STOP_TRANSITIONS); True when it
    raised the suspected-dumping alert."""
    sites = sites_containing(stop.lon, stop.lat)
    if sites:
        stop.kind, stop.site = STOP_TRANSITIONS.target(stop.kind, StopJudgement.SITE_FOUND), sites[0]
        return False
    if truck.pk and (routes := truck_routes_containing(truck, stop.lon, stop.lat)):
        stop.kind, stop.route = STOP_TRANSITIONS.target(stop.kind, StopJudgement.ROUTE_FOUND), routes[0]
        return False
    stop.kind = STOP_TRANSITIONS.target(stop.kind, StopJudgement.NOTHING_FOUND)
    stop.alert = _raise_alert(truck, stop)
    return True


def _raise_alert(truck: Truck, stop: TruckStop):
    minutes = int((stop.ended_at - stop.started_at).total_seconds() // 60)
    title = _("渣土车 %(plate)s 在核准消纳场所外停留超过 %(n)s 分钟，疑似偷倒") % {
        "plate": truck.plate,
        "n": SETTINGS.YRD_TRUCK_STOP_MINUTES,
    }
    details = {
        "plate": truck.plate,
        "owner_name": truck.owner_name,
        "owner_uscc": truck.owner_uscc,
        "home_agency": truck.home_agency.name,
        "stop_started_at": stop.started_at.isoformat(),
        "minutes_at_detection": minutes,
        "device_code": getattr(truck.device, "code", "") or "",
    }
    return alert_raise(
        matter_code=str(SETTINGS.YRD_TRUCK_DUMPING_MATTER),
        lon=stop.lon,
        lat=stop.lat,
        occurred_at=stop.started_at,
        source_kind="truck",
        source_ref=truck.plate,
        title=title[:200],
        details=details,
        extra_agencies=[truck.home_agency],
        dedupe=False,
    )


@dataclass(frozen=True)
class PositionIn:
    plate: str
    lon: float
    lat: float
    at: datetime
    crs: str = "wgs84"


@dataclass(frozen=True)
class BatchResult:
    accepted: int
    duplicates: int
    alerts: int


@transaction.atomic
def truck_positions_record(*, actor, positions: list[PositionIn]) -> BatchResult:
    """The integrators' bulk call: all or nothing. Items are applied in time order per truck; the first
    bad item rejects the whole batch with its index."""
    if not may_report_positions(actor):
        raise PermissionDenied()
    limit = SETTINGS.YRD_TRUCK_POSITIONS_PER_CALL
    if len(positions) > limit:
        raise InvalidInput(
            _("一次最多上报 %(n)d 个定位点。") % {"n": limit},
            code="too_many_positions",
            details={"field": "positions", "max": limit},
        )
    accepted = duplicates = alerts = 0
    order = sorted(range(len(positions)), key=lambda i: (positions[i].plate, positions[i].at))
    for index in order:
        item = positions[index]
        try:
            result = truck_position_record(
                plate=item.plate,
                lon=item.lon,
                lat=item.lat,
                crs=item.crs,
                at=item.at,
                source=PositionSource.API,
                actor=actor,
            )
        except ApplicationError as exc:
            exc.details = {**exc.details, "index": index}
            raise
        duplicates += result.duplicate
        accepted += not result.duplicate
        alerts += result.alert_raised
    audit_record(
        actor=actor,
        action="truck.positions_recorded",
        object_type="TruckPosition",
        summary={"accepted": accepted, "duplicates": duplicates, "alerts": alerts},
    )
    return BatchResult(accepted=accepted, duplicates=duplicates, alerts=alerts)
