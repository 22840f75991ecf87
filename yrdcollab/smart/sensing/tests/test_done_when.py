"""Issue #5 "done when", with the real boundaries of yrdcollab.platform.geo (no stand-in routing): a camera event
in 吴江 reaches 吴江's alert list; one near the 青浦 border reaches both agencies."""

import time

import pytest

from yrdcollab.smart.sensing.services.ingest import Message, ingest_batch
from yrdcollab.testing import personas
from yrdcollab.testing.devices import encode, event_payload, register, topic

pytestmark = pytest.mark.django_db

SONGLING = (120.6452, 31.1604)  # 吴江区松陵镇
NEAR_QINGPU = (120.8950, 31.0300)  # 吴江区黎里镇, about 1 km from the 青浦区 boundary


def test_camera_event_in_wujiang_and_near_the_qingpu_border(geo_boundaries, rules, api):  # noqa: F811
    wujiang_officer, qingpu_officer = personas.make_user("officer", "wujiang"), personas.make_user("officer", "qingpu")
    jiashan_officer = personas.make_user("officer", "jiashan")
    device, credential = register("wujiang", point=SONGLING)
    started = time.monotonic()
    ingest_batch([Message(topic(device), encode(event_payload(device, credential)))])
    inbox = api(wujiang_officer).get("/api/v1/sensing/alerts").json()
    assert time.monotonic() - started < 5
    assert len(inbox) == 1 and inbox[0]["routing_status"] == "inside" and inbox[0]["division"] == "320509"
    assert api(qingpu_officer).get("/api/v1/sensing/alerts").json() == []

    border_camera, border_credential = register("wujiang", point=NEAR_QINGPU)
    ingest_batch([Message(topic(border_camera), encode(event_payload(border_camera, border_credential)))])
    border_alert = api(qingpu_officer).get("/api/v1/sensing/alerts").json()
    assert len(border_alert) == 1 and border_alert[0]["routing_status"] == "ambiguous"
    assert {a["name"] for a in border_alert[0]["agencies"]} >= {wujiang_officer.agency.name, qingpu_officer.agency.name}
    assert len(api(wujiang_officer).get("/api/v1/sensing/alerts").json()) == 2
    assert all(
        a["division"] != "320509" or a["routing_status"] == "ambiguous"
        for a in api(jiashan_officer).get("/api/v1/sensing/alerts").json()
    )
