"""The permission matrix of the joint-duty API (issue #6, /api/v1/duty/): every operation × every
persona. 青浦 organises a border roster with 嘉善 taking part; the 青浦 officer ("owner") and the
嘉善 officer ("partner_officer") are on it, the owner is on a shift in progress and has checked in with
a photo. Who sees the roster: its members, the duty managers of 青浦 (organiser), the command centre.
Everyone else gets 404 on its objects (吴江's bureau leader manages duty, but not this roster's)."""

import io
import json
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from yrdcollab.field.duty.services import check_in_record
from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import duty as factories
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.files import PNG_1PX
from yrdcollab.testing.fixtures import load_persona_boundaries
from yrdcollab.testing.matrix import ANON, OK, PERSONAS, Case, World, at, case_id, fixed

ROSTER = matrix.Roster(PERSONAS, username_prefix="duty_")
has, agency_of, capability, user = ROSTER.has, ROSTER.agency_of, ROSTER.capability, ROSTER.user
MANAGE = Capability.DUTY_MANAGE
READERS = (Capability.COLLABORATION_HANDLE, Capability.DUTY_MANAGE, Capability.COLLABORATION_SUPERVISE)
SEES = {"owner", "squad_leader", "bureau_leader", "partner_officer", "supervisor"}
ORGANISER_MANAGERS = {"squad_leader", "bureau_leader"}
PHOTO_VIEWERS = {"owner", "squad_leader", "bureau_leader", "supervisor"}


def object_rule(allowed: set[str], ok: set[int] = OK):
    """Those who see the roster: `ok` when allowed, else 403; everyone else 404."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if persona not in SEES:
            return {404}
        return ok if persona in allowed else {403}

    return expect


def reads(persona):
    return object_rule(SEES)(persona)


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module; each case's calls roll back (testing.fixtures.module_db)."""
    load_persona_boundaries()

    users = {key: user(key) for key in PERSONAS}
    for key in ("owner", "partner_officer"):
        factories.certificate(users[key])
    organiser = users["squad_leader"]
    js_manager = personas.make_user("squad_leader", "jiashan", username="duty_js_manager")
    spare, assigned, nominee = (
        factories.user_with_certificate("officer", "qingpu", f"duty_{name}")
        for name in ("spare", "assigned", "nominee")
    )
    roster = factories.border_roster(organiser, agencies=("jiashan",), divisions=["310118", "330421"])
    factories.nominate(organiser, roster, users["owner"], spare, assigned)
    factories.nominate(js_manager, roster, users["partner_officer"])
    now = timezone.now()
    live = factories.shift(
        organiser, roster, post="朱家角古镇巡查岗", start=now - timedelta(hours=1), end=now + timedelta(hours=3)
    )
    factories.assign(organiser, live, users["owner"])
    later = factories.shift(organiser, roster, post="金泽卡口", start=factories.at(3, 8), end=factories.at(3, 16))
    factories.assign(organiser, later, assigned)

    check_in = check_in_record(
        actor=users["owner"],
        shift_id=live.public_id,
        lon=factories.ZHUJIAJIAO[0],
        lat=factories.ZHUJIAJIAO[1],
        photo=io.BytesIO(PNG_1PX),
    )
    return World(
        ids={
            "roster": roster.public_id,
            "live": live.public_id,
            "later": later.public_id,
            "spare": spare.public_id,
            "assigned": assigned.public_id,
            "nominee": nominee.public_id,
            "check_in": check_in.public_id,
        }
    )


def roster_body(w):
    today = timezone.localdate()
    return {
        "name": "测试联勤",
        "kind": "border",
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=3)),
        "divisions": ["310118"],
    }


def shift_body(w):
    return {
        "post": "夜间巡查",
        "starts_at": factories.at(4, 18).isoformat(),
        "ends_at": factories.at(4, 23).isoformat(),
        "required_count": 2,
    }


CASES = [
    Case("GET", "/duty/rosters", capability(*READERS), fixed("/duty/rosters")),
    Case("POST", "/duty/rosters", capability(MANAGE), fixed("/duty/rosters"), roster_body),
    Case("GET", "/duty/rosters/{roster_id}", reads, at("/duty/rosters/{roster}")),
    Case(
        "POST",
        "/duty/rosters/{roster_id}/members",
        object_rule(ORGANISER_MANAGERS),
        at("/duty/rosters/{roster}/members"),
        lambda w: {"officers": [str(w.ids["nominee"])]},
    ),
    Case(
        "DELETE",
        "/duty/rosters/{roster_id}/members/{officer_id}",
        object_rule(ORGANISER_MANAGERS),
        at("/duty/rosters/{roster}/members/{spare}"),
    ),
    Case("GET", "/duty/rosters/{roster_id}/conflicts", reads, at("/duty/rosters/{roster}/conflicts")),
    Case("GET", "/duty/rosters/{roster_id}/shifts", reads, at("/duty/rosters/{roster}/shifts")),
    Case(
        "POST",
        "/duty/rosters/{roster_id}/shifts",
        object_rule(ORGANISER_MANAGERS),
        at("/duty/rosters/{roster}/shifts"),
        shift_body,
    ),
    Case("GET", "/duty/shifts/{shift_id}", reads, at("/duty/shifts/{later}")),
    Case("PUT", "/duty/shifts/{shift_id}", object_rule(ORGANISER_MANAGERS), at("/duty/shifts/{later}"), shift_body),
    Case(
        "PUT",
        "/duty/shifts/{shift_id}",
        object_rule(ORGANISER_MANAGERS, {409}),
        at("/duty/shifts/{live}"),
        shift_body,
        note="checked in",
    ),
    Case("DELETE", "/duty/shifts/{shift_id}", object_rule(ORGANISER_MANAGERS), at("/duty/shifts/{later}")),
    Case(
        "POST",
        "/duty/shifts/{shift_id}/assignments",
        object_rule(ORGANISER_MANAGERS),
        at("/duty/shifts/{later}/assignments"),
        lambda w: {"officer": str(w.ids["spare"])},
    ),
    Case(
        "DELETE",
        "/duty/shifts/{shift_id}/assignments/{officer_id}",
        object_rule(ORGANISER_MANAGERS),
        at("/duty/shifts/{later}/assignments/{assigned}"),
    ),
    Case(
        "POST",
        "/duty/shifts/{shift_id}/check-ins",
        object_rule({"owner"}),
        at("/duty/shifts/{live}/check-ins"),
        lambda w: {"lon": "121.05", "lat": "31.11", "note": "巡查"},
        multipart=True,
    ),
    Case("GET", "/duty/rosters/{roster_id}/check-ins", reads, at("/duty/rosters/{roster}/check-ins")),
    Case(
        "GET", "/duty/check-ins/{check_in_id}/photo", object_rule(PHOTO_VIEWERS), at("/duty/check-ins/{check_in}/photo")
    ),
    Case("GET", "/duty/patrols", capability(*READERS), fixed("/duty/patrols")),
    Case("GET", "/duty/my-assignments", capability(*READERS), fixed("/duty/my-assignments")),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_duty_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER, before_each=cache.clear)


def test_the_list_shows_a_foreign_leader_nothing_of_the_roster(db, world):
    client = ROSTER.client("foreign_leader")
    assert client.get("/api/v1/duty/rosters").json() == []
    assert client.get("/api/v1/duty/patrols").json() == []
    body = json.loads(ROSTER.client("supervisor").get("/api/v1/duty/patrols").content)
    assert [p["shift_post"] for p in body] == ["朱家角古镇巡查岗"]
