"""The permission matrix of the smart-enforcement API (issue #5): every operation under /api/v1/geo/,
/api/v1/sensing/ and /api/v1/fleet/ × every persona. The devices, the alerts (routed by the real
county boundaries to a point in 朱家角, 青浦), the truck, the site and the route belong to 青浦;
上海市 sits above 青浦 (sees, does not manage); 嘉善 and 吴江 are other agencies (404), and so is, for
one object, a role that reads no trucks (403 only on the lists)."""

import json
import uuid

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from yrdcollab.platform.access.roles import Capability
from yrdcollab.smart.fleet.services import AreaInput, TruckInput, route_create, site_create, truck_register
from yrdcollab.smart.sensing.services import alert_raise, alert_transition
from yrdcollab.smart.sensing.services import devices as device_services
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.fixtures import load_persona_boundaries, load_reference_data
from yrdcollab.testing.matrix import ANON, OK, PERSONAS, Case, World, authenticated, case_id, fixed

QINGPU_USCC = "91310118MA1JL7Q21N"  # a valid USCC of a 青浦 company (GB 32100 check character)

# squad_leader registered the devices (except the bureau leader's own)
ROSTER = matrix.Roster(PERSONAS, username_prefix="s_")
has, agency_of, capability, user = ROSTER.has, ROSTER.agency_of, ROSTER.capability, ROSTER.user
HANDLE, MANAGE, REVIEW = Capability.COLLABORATION_HANDLE, Capability.DEVICE_MANAGE, Capability.DEVICE_REVIEW
TRUCKS = Capability.TRUCK_MANAGE
ZHUJIAJIAO = (121.05, 31.11)  # well inside 青浦区
PLATE = "沪D52317"
LINE = '{"type":"LineString","coordinates":[[121.10,31.15],[121.12,31.15]]}'
SQUARE = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[121.10, 31.14], [121.11, 31.14], [121.11, 31.15], [121.10, 31.15], [121.10, 31.14]]],
    }
)


def sees_qingpu(persona: str) -> bool:
    """青浦 itself, 上海市 above it, and the command centre."""
    return agency_of(persona) in {"qingpu", "sh"} or has(persona, Capability.COLLABORATION_SUPERVISE)


def fleet_reader(persona: str) -> bool:
    return has(persona, TRUCKS) or has(persona, HANDLE) or has(persona, Capability.COLLABORATION_SUPERVISE)


def position_reporter(persona: str) -> bool:
    return has(persona, TRUCKS) or has(persona, HANDLE)


# --- expectations --------------------------------------------------------------------------------


def public(persona):
    return OK


def device_credential_only(persona):
    """Ingestion authenticates a Device; a user token is not a device credential."""
    return {401}


def read_qingpu(persona):
    if persona == ANON:
        return {401}
    return OK if sees_qingpu(persona) else {404}


def manage_qingpu(cap, allowed=OK, *, registrant=None, reader=lambda persona: True):
    """Visibility first (404: another agency, or a role that reads none of these objects, as if the
    object did not exist — CONVENTIONS §5), then the capability and the owning agency itself (a
    superior sees but does not manage: 403); the registrant of a device may not review it."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if not sees_qingpu(persona) or not reader(persona):
            return {404}
        if not has(persona, cap) or agency_of(persona) != "qingpu" or persona == registrant:
            return {403}
        return allowed

    return expect


def alert_act(persona):
    """An open alert routed to 青浦: case handlers of the candidate agency; others who see it 403."""
    if persona == ANON:
        return {401}
    if not sees_qingpu(persona):
        return {404}
    return OK if agency_of(persona) == "qingpu" and has(persona, HANDLE) else {403}


def alert_closed(persona):
    """The transition table is checked before the actor (DESIGN §3.3): whoever sees it gets 409."""
    if persona == ANON:
        return {401}
    return {409} if sees_qingpu(persona) else {404}


def unknown_action(persona):
    """An action the alert workflow does not have is refused before the alert is looked up: 422 for
    every signed-in caller, whether it sees the alert or not."""
    return {401} if persona == ANON else {422}


def fleet_list(persona):
    if persona == ANON:
        return {401}
    return OK if fleet_reader(persona) else {403}


def fleet_read(persona):
    """One truck, site or route: 404 for whoever does not see it, a role that reads no fleet included."""
    if persona == ANON:
        return {401}
    return OK if fleet_reader(persona) and sees_qingpu(persona) else {404}


def positions_of_qingpu_truck(persona):
    """Reporters report positions of the trucks they see; anyone else's plate is an unknown truck."""
    if persona == ANON:
        return {401}
    if not position_reporter(persona):
        return {403}
    return OK if sees_qingpu(persona) else {422}


# --- the world -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module (each case's calls roll back, testing.fixtures.module_db)."""
    load_reference_data()
    load_persona_boundaries()
    users = {key: user(key) for key in PERSONAS}
    registrar, reviewer = users["squad_leader"], users["bureau_leader"]
    ids: dict = {}

    def register(actor, code):
        return device_services.device_register(
            actor=actor,
            data=device_services.DeviceInput(
                code=code,
                type="ai_camera",
                name="朱家角监控点",
                lon=ZHUJIAJIAO[0],
                lat=ZHUJIAJIAO[1],
                address="朱家角镇",
            ),
        )

    pending = register(registrar, "QP-PENDING").device
    approved = register(registrar, "QP-APPROVED")
    device_services.device_review(
        actor=reviewer, device_id=approved.device.public_id, approve=True, opinion="符合标准、设置合理、标志明显"
    )
    own = register(reviewer, "QP-LEADER").device
    ids.update(
        device=pending.public_id,
        approved=approved.device.public_id,
        leaders_device=own.public_id,
        device_code=approved.device.code,
        credential=approved.credential,
    )

    def raise_alert(title):
        return alert_raise(
            matter_code="0302",
            lon=ZHUJIAJIAO[0],
            lat=ZHUJIAJIAO[1],
            occurred_at=timezone.now(),
            source_kind="device",
            source_ref="QP-APPROVED",
            title=title,
            dedupe=False,
        )

    alert = raise_alert("疑似倾倒建筑垃圾")
    assert [link.agency for link in alert.agency_links.all()] == [users["owner"].agency], "not routed to 青浦"
    closed = raise_alert("疑似倾倒建筑垃圾（误报）")
    alert_transition(actor=users["owner"], alert_id=closed.public_id, action="dismiss", note="现场无倾倒")
    ids.update(alert=alert.public_id, closed_alert=closed.public_id)

    truck = truck_register(
        actor=registrar, data=TruckInput(plate=PLATE, owner_name="上海青浦鸿运渣土运输有限公司", owner_uscc=QINGPU_USCC)
    )
    site = site_create(actor=registrar, data=AreaInput(name="青浦消纳场", geometry=SQUARE))
    route = route_create(
        actor=registrar, data=AreaInput(name="青浦运输线路", geometry=LINE, buffer_m=30, trucks=[PLATE])
    )
    ids.update(truck=truck.public_id, site=site.public_id, route=route.public_id)
    return World(ids=ids)


def jiashan_id(w):
    return str(personas.agency("jiashan").public_id)


def positions(w):
    return {"positions": [{"plate": PLATE, "lon": 121.105, "lat": 31.145, "at": timezone.now().isoformat()}]}


def event(w):
    return {
        "device": w.ids["device_code"],
        "event_id": str(uuid.uuid4()),
        "type": "illegal_dumping",
        "time": timezone.now().isoformat(),
        "place": {"lon": ZHUJIAJIAO[0], "lat": ZHUJIAJIAO[1]},
        "confidence": 0.9,
        "media_sha256": "ab" * 32,
    }


DEVICE = {
    "code": "QP-NEW-01",
    "type": "noise_meter",
    "name": "噪声监测点",
    "lon": 121.06,
    "lat": 31.12,
    "address": "朱家角镇某路口",
}
REVIEW_BODY = {"decision": "approve", "opinion": "符合标准、设置合理、标志明显"}
TRUCK = {"plate": "沪D66789", "owner_name": "上海青浦鸿运渣土运输有限公司", "owner_uscc": QINGPU_USCC}
TRUCK_EDIT = {"plate": PLATE, "owner_name": "上海青浦鸿运渣土运输有限公司（更名）", "owner_uscc": QINGPU_USCC}
SITE = {"name": "消纳场", "geometry": SQUARE}
ROUTE = {"name": "运输线路", "geometry": LINE, "buffer_m": 30}


def action(name):
    return lambda w: f"/sensing/alerts/{w.ids['alert']}/actions/{name}"


CASES = [
    # geo: every signed-in user holds DIRECTORY_VIEW; the jurisdiction level is catalogue management
    Case("GET", "/geo/route", authenticated, fixed(f"/geo/route?lon={ZHUJIAJIAO[0]}&lat={ZHUJIAJIAO[1]}")),
    Case("GET", "/geo/boundaries", authenticated, fixed("/geo/boundaries?province=31")),
    Case("GET", "/geo/marker-sources", authenticated, fixed("/geo/marker-sources")),
    Case("GET", "/geo/markers", authenticated, fixed("/geo/markers?kinds=transfers,alerts,devices")),
    Case("GET", "/geo/matter-jurisdictions", authenticated, fixed("/geo/matter-jurisdictions")),
    Case(
        "PUT",
        "/geo/matter-jurisdictions/{code}",
        capability(Capability.MATTER_MANAGE),
        fixed("/geo/matter-jurisdictions/0302"),
        lambda w: {"level": "city", "note": "设区的市统一管辖"},
    ),
    # sensing: device registry (devices of 青浦)
    Case("GET", "/sensing/devices", authenticated, fixed("/sensing/devices")),
    Case("POST", "/sensing/devices", capability(MANAGE), fixed("/sensing/devices"), lambda w: DEVICE),
    Case("GET", "/sensing/devices/{device_id}", read_qingpu, lambda w: f"/sensing/devices/{w.ids['device']}"),
    Case(
        "POST",
        "/sensing/devices/{device_id}/review",
        manage_qingpu(REVIEW),
        lambda w: f"/sensing/devices/{w.ids['device']}/review",
        lambda w: REVIEW_BODY,
    ),
    Case(
        "POST",
        "/sensing/devices/{device_id}/review",
        manage_qingpu(REVIEW, registrant="bureau_leader"),
        lambda w: f"/sensing/devices/{w.ids['leaders_device']}/review",
        lambda w: REVIEW_BODY,
        note="registered by the bureau leader",
    ),
    Case(
        "POST",
        "/sensing/devices/{device_id}/publish",
        manage_qingpu(REVIEW),
        lambda w: f"/sensing/devices/{w.ids['approved']}/publish",
        lambda w: {"published": True},
    ),
    Case(
        "POST",
        "/sensing/devices/{device_id}/publish",
        manage_qingpu(REVIEW, {409}),
        lambda w: f"/sensing/devices/{w.ids['device']}/publish",
        lambda w: {"published": True},
        note="not yet approved",
    ),
    Case(
        "POST",
        "/sensing/devices/{device_id}/credential",
        manage_qingpu(MANAGE),
        lambda w: f"/sensing/devices/{w.ids['device']}/credential",
        lambda w: {},
    ),
    Case("GET", "/sensing/public/devices", public, fixed("/sensing/public/devices")),
    # sensing: alerts routed to 青浦
    Case("GET", "/sensing/alerts", authenticated, fixed("/sensing/alerts")),
    Case("GET", "/sensing/alerts/{alert_id}", read_qingpu, lambda w: f"/sensing/alerts/{w.ids['alert']}"),
    Case("POST", "/sensing/alerts/{alert_id}/actions/{action}", alert_act, action("claim"), lambda w: {}, note="claim"),
    Case(
        "POST",
        "/sensing/alerts/{alert_id}/actions/{action}",
        alert_act,
        action("check"),
        lambda w: {"check_result": "confirmed", "note": "现场发现倾倒的建筑垃圾"},
        note="check",
    ),
    Case(
        "POST",
        "/sensing/alerts/{alert_id}/actions/{action}",
        alert_act,
        action("dismiss"),
        lambda w: {"note": "系工地正常堆放"},
        note="dismiss",
    ),
    Case(
        "POST",
        "/sensing/alerts/{alert_id}/actions/{action}",
        alert_act,
        action("transfer"),
        lambda w: {"receiver": jiashan_id(w), "send": False, "note": "车辆来自嘉善"},
        note="transfer",
    ),
    Case(
        "POST",
        "/sensing/alerts/{alert_id}/actions/{action}",
        alert_closed,
        lambda w: f"/sensing/alerts/{w.ids['closed_alert']}/actions/claim",
        lambda w: {},
        note="dismissed",
    ),
    Case(
        "POST",
        "/sensing/alerts/{alert_id}/actions/{action}",
        unknown_action,
        action("explode"),
        lambda w: {},
        note="unknown action",
    ),
    Case("GET", "/sensing/dead-letters", capability(Capability.INGEST_MONITOR), fixed("/sensing/dead-letters")),
    # sensing: ingestion takes a device credential only (user tokens and no token: 401)
    Case("POST", "/sensing/ingest/events", device_credential_only, fixed("/sensing/ingest/events"), event),
    Case(
        "POST",
        "/sensing/ingest/telemetry",
        device_credential_only,
        fixed("/sensing/ingest/telemetry"),
        lambda w: {
            "device": w.ids["device_code"],
            "event_id": str(uuid.uuid4()),
            "metric": "noise_laeq",
            "value": 48.5,
            "unit": "dB(A)",
            "time": timezone.now().isoformat(),
        },
    ),
    Case(
        "POST",
        "/sensing/ingest/heartbeat",
        device_credential_only,
        fixed("/sensing/ingest/heartbeat"),
        lambda w: {"device": w.ids["device_code"], "time": timezone.now().isoformat()},
    ),
    # fleet: a 青浦 truck, disposal site and approved route
    Case("GET", "/fleet/trucks", fleet_list, fixed("/fleet/trucks")),
    Case("POST", "/fleet/trucks", capability(TRUCKS), fixed("/fleet/trucks"), lambda w: TRUCK),
    Case("GET", "/fleet/trucks/{truck_id}", fleet_read, lambda w: f"/fleet/trucks/{w.ids['truck']}"),
    Case(
        "PUT",
        "/fleet/trucks/{truck_id}",
        manage_qingpu(TRUCKS, reader=fleet_reader),
        lambda w: f"/fleet/trucks/{w.ids['truck']}",
        lambda w: TRUCK_EDIT,
    ),
    Case("GET", "/fleet/sites", fleet_list, fixed("/fleet/sites")),
    Case("POST", "/fleet/sites", capability(TRUCKS), fixed("/fleet/sites"), lambda w: SITE),
    Case("GET", "/fleet/sites/{site_id}", fleet_read, lambda w: f"/fleet/sites/{w.ids['site']}"),
    Case(
        "PUT",
        "/fleet/sites/{site_id}",
        manage_qingpu(TRUCKS, reader=fleet_reader),
        lambda w: f"/fleet/sites/{w.ids['site']}",
        lambda w: {**SITE, "name": "青浦消纳场（扩建）"},
    ),
    Case("GET", "/fleet/routes", fleet_list, fixed("/fleet/routes")),
    Case("POST", "/fleet/routes", capability(TRUCKS), fixed("/fleet/routes"), lambda w: ROUTE),
    Case("GET", "/fleet/routes/{route_id}", fleet_read, lambda w: f"/fleet/routes/{w.ids['route']}"),
    Case(
        "PUT",
        "/fleet/routes/{route_id}",
        manage_qingpu(TRUCKS, reader=fleet_reader),
        lambda w: f"/fleet/routes/{w.ids['route']}",
        lambda w: {**ROUTE, "trucks": [PLATE]},
    ),
    Case("POST", "/fleet/positions", positions_of_qingpu_truck, fixed("/fleet/positions"), positions),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_smart_enforcement_permission_matrix(db, world, case):
    """Rate-limit counters (bad bearer tokens, positions) are reset before every persona's call."""
    matrix.assert_row(case, world, ROSTER, before_each=cache.clear)


@pytest.mark.parametrize("case", [c for c in CASES if "/ingest/" in c.path], ids=lambda c: c.path)
def test_the_device_credential_is_what_ingestion_accepts(db, world, case):
    """The 401s above are not a broken endpoint: the device's own credential is accepted."""
    response = Client(HTTP_AUTHORIZATION=f"Bearer {world.ids['credential']}").post(
        "/api/v1" + case.url(world), json.dumps(case.body(world)), content_type="application/json"
    )
    assert response.status_code in {200, 201}, response.content[:300]
