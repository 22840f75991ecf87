"""The permission matrix of the major-event API (issue #6): every operation under /api/v1/events/ ×
every persona. The event is led by 青浦, 嘉善 takes part, 合肥 has been asked for reinforcement (it
sees the event and its own request, not the incidents or reports), 上海市 sits above 青浦 (sees, does
not act), 吴江 has nothing to do with it (404)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from yrdcollab.field.events import services
from yrdcollab.field.events.rings import ring_geojson
from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, PERSONAS, Case, World, at, case_id, fixed

ROLES = {**PERSONAS, "partner_leader": ("bureau_leader", "jiashan"), "provider_leader": ("bureau_leader", "hefei")}
ROSTER = matrix.Roster(ROLES, username_prefix="ev_")
has, agency_of = ROSTER.has, ROSTER.agency_of
MANAGE, HANDLE, SUPERVISE = Capability.EVENT_MANAGE, Capability.COLLABORATION_HANDLE, Capability.COLLABORATION_SUPERVISE
VENUE = (121.30, 31.19)
CORE = (121.3005, 31.1902)


def reader(p):
    return has(p, MANAGE, HANDLE, SUPERVISE)


def sees_event(p):
    return has(p, SUPERVISE) or agency_of(p) in {"qingpu", "sh", "jiashan", "hefei"}


def sees_party(p):
    return has(p, SUPERVISE) or agency_of(p) in {"qingpu", "sh", "jiashan"}


def expect(visible, allowed, ok=OK):
    """401 anonymous; 404 when not visible — a role without a reading capability included, as if the
    object did not exist (CONVENTIONS §5); then `allowed` or 403."""

    def check(p):
        if p == ANON:
            return {401}
        if not reader(p) or not visible(p):
            return {404}
        return ok if allowed(p) else {403}

    return check


def anyone(p):
    return True


def lead_manager(p):
    return has(p, MANAGE) and agency_of(p) == "qingpu"


def party_manager(p):
    return has(p, MANAGE) and agency_of(p) in {"qingpu", "jiashan"}


def party_handler(p):
    return has(p, MANAGE, HANDLE) and agency_of(p) in {"qingpu", "jiashan"}


def provider_manager(p):
    return has(p, MANAGE) and agency_of(p) == "hefei"


def conflict(visible):
    def check(p):
        if p == ANON:
            return {401}
        return {409} if reader(p) and visible(p) else {404}

    return check


def list_events(p):
    if p == ANON:
        return {401}
    return OK if reader(p) else {403}


def create_event(p):
    if p == ANON:
        return {401}
    return OK if has(p, MANAGE) else {403}


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module; each case's calls roll back (testing.fixtures.module_db)."""
    load_reference_data()

    users = {key: ROSTER.user(key) for key in ROLES}
    lead, today = users["bureau_leader"], timezone.localdate()
    event = services.event_create(
        actor=lead,
        data=services.EventInput(
            code="ciie-matrix",
            name="中国国际进口博览会",
            host_city="310118",
            venue="国家会展中心（上海）",
            venue_lon=VENUE[0],
            venue_lat=VENUE[1],
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=2),
            level="national",
        ),
    )
    core = services.zone_create(
        actor=lead,
        event_id=event.public_id,
        data=services.ZoneInput(
            name="核心区", level="core", geometry=ring_geojson(*VENUE, 800), prohibited_matters=["0501"]
        ),
    )
    services.event_participant_add(
        actor=lead, event_id=event.public_id, agency_id=str(personas.agency("jiashan").public_id)
    )
    services.event_transition(actor=lead, event_id=event.public_id, action="activate")
    request = services.reinforcement_request(
        actor=lead,
        event_id=event.public_id,
        data=services.ReinforcementInput(
            provider=str(personas.agency("hefei").public_id),
            officers_requested=2,
            vehicles_requested=2,
            starts_on=today,
            ends_on=today + timedelta(days=1),
            purpose="核心区外围巡逻",
        ),
    )

    def report(description):
        return services.incident_report(
            actor=users["owner"],
            event_id=event.public_id,
            data=services.IncidentInput(matter_code="0501", description=description, lon=CORE[0], lat=CORE[1]),
        )

    incident, done = report("流动摊贩"), report("占道经营")
    services.incident_transition(
        actor=users["owner"], incident_id=done.public_id, action="resolve", resolution="已劝离"
    )
    daily = services.report_compile_by(actor=lead, event_id=event.public_id, day=today)
    return World(
        ids={
            "event": event.public_id,
            "zone": core.public_id,
            "request": request.public_id,
            "incident": incident.public_id,
            "done": done.public_id,
            "report": daily.public_id,
            "wujiang": str(personas.agency("wujiang").public_id),
            "today": str(today),
        }
    )


ZONE = {
    "name": "管控区",
    "level": "control",
    "geometry": '{"type":"Polygon","coordinates":[[[121.29,31.18],'
    "[121.31,31.18],[121.31,31.20],[121.29,31.20],[121.29,31.18]]]}",
}
EVENT = {
    "code": "wic-matrix",
    "name": "世界互联网大会乌镇峰会",
    "host_city": "320509",
    "venue": "吴江",
    "starts_on": "2026-11-06",
    "ends_on": "2026-11-09",
    "level": "national",
}
E = "/events/{event_id}"

CASES = [
    Case("GET", "/events/", list_events, fixed("/events/")),
    Case("POST", "/events/", create_event, fixed("/events/"), lambda w: EVENT),
    Case("GET", E, expect(sees_event, anyone), at("/events/{event}")),
    Case(
        "PUT",
        E,
        expect(sees_event, lead_manager),
        at("/events/{event}"),
        lambda w: {
            **EVENT,
            "code": "ciie-matrix",
            "host_city": "310118",
            "starts_on": w.ids["today"],
            "ends_on": w.ids["today"],
        },
    ),
    Case(
        "POST",
        E + "/actions/{action}",
        expect(sees_event, lead_manager),
        at("/events/{event}/actions/close"),
        lambda w: {},
        note="close",
    ),
    Case(
        "POST",
        E + "/actions/{action}",
        conflict(sees_event),
        at("/events/{event}/actions/activate"),
        lambda w: {},
        note="already active",
    ),
    Case(
        "POST",
        E + "/participants",
        expect(sees_event, lead_manager),
        at("/events/{event}/participants"),
        lambda w: {"agency": w.ids["wujiang"]},
    ),
    Case("GET", E + "/zones", expect(sees_event, anyone), at("/events/{event}/zones")),
    Case("POST", E + "/zones", expect(sees_event, lead_manager), at("/events/{event}/zones"), lambda w: ZONE),
    Case(
        "PUT",
        "/events/zones/{zone_id}",
        expect(sees_event, lead_manager),
        at("/events/zones/{zone}"),
        lambda w: {**ZONE, "name": "核心区", "level": "core"},
    ),
    Case("DELETE", "/events/zones/{zone_id}", expect(sees_event, lead_manager), at("/events/zones/{zone}")),
    Case("GET", E + "/live", expect(sees_event, anyone), at("/events/{event}/live")),
    Case("GET", E + "/reinforcements", expect(sees_event, anyone), at("/events/{event}/reinforcements")),
    Case(
        "POST",
        E + "/reinforcements",
        expect(sees_event, party_manager),
        at("/events/{event}/reinforcements"),
        lambda w: {
            "provider": w.ids["wujiang"],
            "officers_requested": 1,
            "starts_on": w.ids["today"],
            "ends_on": w.ids["today"],
            "purpose": "外围巡逻",
        },
    ),
    Case(
        "GET", "/events/reinforcements/{request_id}", expect(sees_event, anyone), at("/events/reinforcements/{request}")
    ),
    Case(
        "POST",
        "/events/reinforcements/{request_id}/grant",
        expect(sees_event, provider_manager),
        at("/events/reinforcements/{request}/grant"),
        lambda w: {"vehicles": 1},
    ),
    Case(
        "POST",
        "/events/reinforcements/{request_id}/decline",
        expect(sees_event, provider_manager),
        at("/events/reinforcements/{request}/decline"),
        lambda w: {"reason": "同期另有任务"},
    ),
    Case(
        "POST",
        "/events/reinforcements/{request_id}/withdraw",
        expect(sees_event, lead_manager),
        at("/events/reinforcements/{request}/withdraw"),
        lambda w: {"reason": "警力已调整"},
    ),
    Case("GET", E + "/incidents", expect(sees_event, anyone), at("/events/{event}/incidents")),
    Case(
        "POST",
        E + "/incidents",
        expect(sees_event, party_handler),
        at("/events/{event}/incidents"),
        lambda w: {"matter_code": "0501", "description": "流动摊贩", "lon": CORE[0], "lat": CORE[1]},
    ),
    Case("GET", "/events/incidents/{incident_id}", expect(sees_party, anyone), at("/events/incidents/{incident}")),
    Case(
        "POST",
        "/events/incidents/{incident_id}/actions/{action}",
        expect(sees_party, party_handler),
        at("/events/incidents/{incident}/actions/claim"),
        lambda w: {},
        note="claim",
    ),
    Case(
        "POST",
        "/events/incidents/{incident_id}/actions/{action}",
        conflict(sees_party),
        at("/events/incidents/{done}/actions/resolve"),
        lambda w: {"resolution": "已办结"},
        note="resolved",
    ),
    Case("GET", E + "/reports", expect(sees_event, anyone), at("/events/{event}/reports")),
    Case(
        "POST",
        E + "/reports",
        expect(sees_event, lead_manager),
        at("/events/{event}/reports"),
        lambda w: {"kind": "daily", "day": w.ids["today"]},
    ),
    Case("GET", "/events/reports/{report_id}", expect(sees_party, anyone), at("/events/reports/{report}")),
    Case("GET", "/events/reports/{report_id}/pdf", expect(sees_party, anyone), at("/events/reports/{report}/pdf")),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_events_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER, before_each=cache.clear)


def test_an_agency_only_asked_for_reinforcement_sees_no_report_and_only_its_own_figures(db, world):
    """合肥 was asked for reinforcement: the reports list is empty for it, the live figures cover its own
    request, never the parties' staffing or incidents."""
    hefei = ROSTER.client("provider_leader")
    reports = hefei.get(f"/api/v1/events/{world.ids['event']}/reports")
    assert reports.status_code == 200 and reports.json() == []
    figures = hefei.get(f"/api/v1/events/{world.ids['event']}/live").json()["figures"]
    assert figures["reinforcement_pending"] == 1 and "by_agency" not in figures and "incidents" not in figures
    lead = ROSTER.client("bureau_leader")
    assert len(lead.get(f"/api/v1/events/{world.ids['event']}/reports").json()) == 1
    assert "by_agency" in lead.get(f"/api/v1/events/{world.ids['event']}/live").json()["figures"]
