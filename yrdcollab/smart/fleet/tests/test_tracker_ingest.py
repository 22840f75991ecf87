"""A muck truck's GPS tracker reports positions through the sensing ingestion (HTTP here; MQTT takes
the same path): a 青浦 truck stopping in 吴江 outside any site raises the suspected-dumping alert."""

import pytest
from django.test import Client

from yrdcollab.smart.fleet.models import Truck
from yrdcollab.smart.fleet.services import TruckInput, truck_register
from yrdcollab.smart.sensing.models import Alert, DeviceEvent
from yrdcollab.testing.devices import encode, event_payload, register

from .conftest import QINGPU_USCC, WUJIANG_STOP, minutes_ago

pytestmark = pytest.mark.django_db


def test_tracker_positions_over_http_ingest_raise_the_dumping_alert(boundaries, matters, qingpu_manager):
    device, credential = register("qingpu", code="QP-GPS-9001", type="truck_gps", point=WUJIANG_STOP)
    truck_register(
        actor=qingpu_manager,
        data=TruckInput(
            plate="沪D52318", owner_name="上海青浦鸿运渣土运输有限公司", owner_uscc=QINGPU_USCC, device_code=device.code
        ),
    )
    client = Client()
    for minute in range(16, -1, -1):
        body = event_payload(device, None, event_type="position", point=WUJIANG_STOP, when=minutes_ago(minute))
        response = client.post(
            "/api/v1/sensing/ingest/events",
            encode(body),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {credential}",
        )
        assert response.status_code == 201, response.content
    truck = Truck.objects.get(plate="沪D52318")
    assert truck.last_position_at is not None and DeviceEvent.objects.filter(type="position").count() == 17
    alert = Alert.objects.get(source_kind="truck", source_ref="沪D52318")
    links = {link.agency.division_id: link.is_candidate for link in alert.agency_links.select_related("agency")}
    assert links["320509"] is True  # 吴江, where it stopped, handles it
    assert links["310118"] is False  # 青浦, the truck's home, is informed
