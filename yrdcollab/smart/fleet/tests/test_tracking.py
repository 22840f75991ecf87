"""The muck-truck scenario end to end against the real geo routing and sensing alerts: a Shanghai
(青浦-registered) truck stopping in 吴江."""

import json
from datetime import timedelta

import pytest
from django.test import override_settings

from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.platform.geo.crs import from_wgs84
from yrdcollab.smart.fleet.models import TruckPosition, TruckStop
from yrdcollab.smart.fleet.selectors import trucks_visible_to
from yrdcollab.smart.fleet.services import AreaInput, TruckInput, route_create, truck_register, truck_update
from yrdcollab.smart.fleet.states import STOP_TRANSITIONS, StopJudgement, StopKind
from yrdcollab.smart.fleet.tracking import truck_position_record
from yrdcollab.smart.sensing.models import Alert
from yrdcollab.smart.sensing.selectors import alerts_visible_to
from yrdcollab.smart.sensing.services import devices
from yrdcollab.testing import personas

from .conftest import QINGPU_DEPOT, WUJIANG_SITE_POINT, WUJIANG_STOP, drive, minutes_ago

pytestmark = pytest.mark.usefixtures("boundaries")


def test_fifteen_minute_stop_in_wujiang_alerts_wujiang_and_informs_qingpu(truck):
    drive(truck.plate, QINGPU_DEPOT, start_minutes_ago=90, minutes=3)
    results = drive(truck.plate, WUJIANG_STOP, start_minutes_ago=30, minutes=15)
    assert sum(r.alert_raised for r in results) == 1
    assert results[10].alert_raised is False and results[11].alert_raised is True  # > 10 minutes
    alert = Alert.objects.get(source_kind="truck", source_ref="沪D52317")
    assert alert.matter.code == "0302"
    assert alert.division_id == "320509" and alert.routing_status == "inside"
    links = {link.agency.division_id: link.is_candidate for link in alert.agency_links.select_related("agency")}
    assert links == {"320509": True, "310118": False}  # 吴江 handles, 青浦 (home) is informed
    stop = TruckStop.objects.get(truck=truck, kind=StopKind.SUSPECTED)
    assert stop.alert == alert and stop.is_open and stop.position_count == 16
    # The short pause at the depot was dropped when the truck moved on.
    assert TruckStop.objects.filter(truck=truck).count() == 1


def test_alert_is_visible_to_both_agencies_but_the_truck_only_to_its_home(truck):
    drive(truck.plate, WUJIANG_STOP, start_minutes_ago=30, minutes=12)
    wujiang, qingpu = personas.make_user("officer", "wujiang"), personas.make_user("officer", "qingpu")
    alert = Alert.objects.get(source_kind="truck")
    assert alerts_visible_to(wujiang).filter(pk=alert.pk).exists()
    assert alerts_visible_to(qingpu).filter(pk=alert.pk).exists()
    assert not trucks_visible_to(wujiang).filter(pk=truck.pk).exists()
    assert trucks_visible_to(qingpu).filter(pk=truck.pk).exists()


def test_more_positions_of_the_same_stop_and_replays_raise_nothing_new(truck):
    start = minutes_ago(40)
    first = drive(truck.plate, WUJIANG_STOP, start_at=start, minutes=15)
    more = drive(truck.plate, WUJIANG_STOP, start_at=start + timedelta(minutes=16), minutes=10)  # the stop goes on
    replay = drive(truck.plate, WUJIANG_STOP, start_at=start, minutes=15)  # the same positions again
    assert sum(r.alert_raised for r in first + more + replay) == 1
    assert all(r.duplicate for r in replay)
    assert Alert.objects.filter(source_kind="truck").count() == 1
    stop = TruckStop.objects.get(truck=truck)
    assert stop.minutes == 26 and stop.position_count == 27


def test_a_new_stop_elsewhere_raises_a_second_alert(truck):
    drive(truck.plate, WUJIANG_STOP, start_minutes_ago=60, minutes=12)
    drive(truck.plate, (WUJIANG_STOP[0] + 0.02, WUJIANG_STOP[1]), start_minutes_ago=30, minutes=12)
    assert Alert.objects.filter(source_kind="truck").count() == 2
    assert list(TruckStop.objects.filter(truck=truck).values_list("is_open", flat=True)) == [True, False]


def test_stop_inside_an_approved_site_raises_no_alert(truck, wujiang_site):
    results = drive(truck.plate, WUJIANG_SITE_POINT, start_minutes_ago=30, minutes=20)
    assert not any(r.alert_raised for r in results)
    stop = TruckStop.objects.get(truck=truck)
    assert stop.kind == StopKind.AT_SITE and stop.site == wujiang_site
    assert not Alert.objects.exists()


def test_short_stop_raises_no_alert_and_is_not_kept(truck):
    drive(truck.plate, WUJIANG_STOP, start_minutes_ago=30, minutes=9)
    truck_position_record(plate=truck.plate, lon=WUJIANG_STOP[0] + 0.01, lat=WUJIANG_STOP[1], at=minutes_ago(20))
    assert not Alert.objects.exists()
    assert TruckStop.objects.exclude(kind=StopKind.PENDING).count() == 0
    assert TruckPosition.objects.filter(truck=truck).count() == 11


@override_settings(YRD_TRUCK_STOP_MINUTES=3, YRD_TRUCK_STOP_RADIUS_M=200)
def test_thresholds_come_from_settings(truck):
    results = drive(truck.plate, WUJIANG_STOP, start_minutes_ago=30, minutes=4, jitter_m=80)
    assert results[-1].alert_raised


def test_stop_on_the_trucks_approved_route_raises_no_alert(truck, qingpu_manager):
    lon, lat = WUJIANG_STOP
    line = json.dumps({"type": "LineString", "coordinates": [[lon - 0.01, lat], [lon + 0.01, lat]]})
    route = route_create(
        actor=qingpu_manager, data=AreaInput(name="松陵过境线", geometry=line, buffer_m=50, trucks=[truck.plate])
    )
    drive(truck.plate, WUJIANG_STOP, start_minutes_ago=30, minutes=15)
    stop = TruckStop.objects.get(truck=truck)
    assert stop.kind == StopKind.ON_ROUTE and stop.route == route
    assert not Alert.objects.exists()


def test_gps_tracker_telemetry_by_device_code(qingpu_manager, matters):
    leader = personas.make_user("bureau_leader", "qingpu")
    registered = devices.device_register(
        actor=qingpu_manager,
        data=devices.DeviceInput(
            code="QP-GPS-0001",
            type="truck_gps",
            name="车载终端",
            lon=QINGPU_DEPOT[0],
            lat=QINGPU_DEPOT[1],
            address="青浦停车场",
        ),
    )
    devices.device_review(actor=leader, device_id=registered.device.public_id, approve=True, opinion="合格")
    truck = truck_register(
        actor=qingpu_manager,
        data=TruckInput(
            plate="沪AD12345", owner_name="某运输公司", owner_uscc="91310118MA1JL7Q21N", device_code="QP-GPS-0001"
        ),
    )
    result = truck_position_record(
        device_code="QP-GPS-0001", lon=WUJIANG_STOP[0], lat=WUJIANG_STOP[1], at=minutes_ago(1)
    )
    assert result.truck == truck and result.position is not None


def test_gcj02_positions_are_stored_as_wgs84(truck):
    gcj = from_wgs84(WUJIANG_STOP[0], WUJIANG_STOP[1], "gcj02")
    result = truck_position_record(plate=truck.plate, lon=gcj[0], lat=gcj[1], crs="gcj02", at=minutes_ago(1))
    assert result.position.lon == pytest.approx(WUJIANG_STOP[0], abs=1e-6)
    assert result.position.lat == pytest.approx(WUJIANG_STOP[1], abs=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"plate": "沪Z99999"}, "unknown_truck"),
        ({"device_code": "NO-SUCH"}, "unknown_truck"),
        ({}, "unknown_truck"),
        ({"plate": "沪D52317", "lon": 31.16, "lat": 120.64}, "invalid_coordinates"),
        ({"plate": "沪D52317", "lon": 2.35, "lat": 48.85}, "outside_china"),
        ({"plate": "沪D52317", "lon": float("nan")}, "invalid_coordinates"),
        ({"plate": "沪D52317", "crs": "utm"}, "unknown_crs"),
        ({"plate": "沪D52317", "at": minutes_ago(-60)}, "future_time"),
    ],
)
def test_bad_positions_are_rejected_with_a_reason(truck, kwargs, code):
    args = {"lon": WUJIANG_STOP[0], "lat": WUJIANG_STOP[1], "at": minutes_ago(1), **kwargs}
    with pytest.raises(InvalidInput) as caught:
        truck_position_record(**args)
    assert caught.value.code == code
    assert not TruckPosition.objects.exists()


def test_inactive_truck_is_rejected(truck, qingpu_manager):
    truck_update(
        actor=qingpu_manager,
        truck_id=truck.public_id,
        data=TruckInput(plate=truck.plate, owner_name=truck.owner_name, owner_uscc=truck.owner_uscc, is_active=False),
    )
    with pytest.raises(InvalidInput) as caught:
        truck_position_record(plate=truck.plate, lon=WUJIANG_STOP[0], lat=WUJIANG_STOP[1], at=minutes_ago(1))
    assert caught.value.code == "truck_inactive"


def test_late_position_is_stored_but_does_not_move_the_stop(truck):
    drive(truck.plate, WUJIANG_STOP, start_minutes_ago=10, minutes=5)
    late = truck_position_record(plate=truck.plate, lon=QINGPU_DEPOT[0], lat=QINGPU_DEPOT[1], at=minutes_ago(30))
    assert late.position is not None and late.stop is None
    stop = TruckStop.objects.get(truck=truck, is_open=True)
    assert stop.position_count == 6


def test_a_stop_is_judged_once_while_pending():
    assert STOP_TRANSITIONS.actions_from(StopKind.PENDING) == [
        StopJudgement.SITE_FOUND,
        StopJudgement.ROUTE_FOUND,
        StopJudgement.NOTHING_FOUND,
    ]
    assert STOP_TRANSITIONS.target(StopKind.PENDING, StopJudgement.NOTHING_FOUND) == StopKind.SUSPECTED
    for judged in (StopKind.AT_SITE, StopKind.ON_ROUTE, StopKind.SUSPECTED):
        assert STOP_TRANSITIONS.is_terminal(judged)
        with pytest.raises(InvalidTransition):  # a judged stop is never judged (nor alerted) again
            STOP_TRANSITIONS.move(judged, StopJudgement.NOTHING_FOUND)
    with pytest.raises(InvalidInput):
        STOP_TRANSITIONS.move(StopKind.PENDING, "dumped")
