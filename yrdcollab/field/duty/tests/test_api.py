import io
import json
from datetime import timedelta

from django.test import override_settings

from yrdcollab.field.duty.models import CheckIn, Roster, RosterMember, Shift, ShiftAssignment
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas
from yrdcollab.testing.duty import FAR_AWAY, ZHUJIAJIAO, at
from yrdcollab.testing.files import GIF_1PX, PNG_1PX


def _post(client, path, body):
    return client.post(path, data=json.dumps(body, default=str), content_type="application/json")


def _check_in(client, shift, point=ZHUJIAJIAO, photo=None, **extra):
    data = {"lon": point[0], "lat": point[1], **extra}
    if photo is not None:
        data["photo"] = photo
    return client.post(f"/api/v1/duty/shifts/{shift.public_id}/check-ins", data)


def test_create_border_roster_through_the_api(api, geo, qp_manager, wj_manager):
    today = factories.at(0, 0).date()
    body = {
        "name": "青吴嘉毗邻区联勤",
        "kind": "border",
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=6)),
        "agencies": [str(personas.agency("wujiang").public_id), str(personas.agency("jiashan").public_id)],
        "divisions": ["310118", "320509", "330421"],
    }
    response = _post(api(qp_manager), "/api/v1/duty/rosters", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["organiser"]["name"] == qp_manager.agency.name
    assert sorted(data["divisions"]) == ["310118", "320509", "330421"] and len(data["agencies"]) == 3
    # a border roster without any area is refused; the partner sees the roster it takes part in
    no_area = _post(api(qp_manager), "/api/v1/duty/rosters", {**body, "divisions": []})
    assert no_area.status_code == 422 and no_area.json()["code"] == "area_required"
    assert api(wj_manager).get(f"/api/v1/duty/rosters/{data['id']}").status_code == 200


def test_double_booking_is_409_naming_the_other_shift_and_roster(api, roster, qp_manager, wj_manager, wj_officer):
    factories.nominate(wj_manager, roster, wj_officer)
    first = factories.shift(qp_manager, roster, start=at(1, 8), end=at(1, 16))
    factories.assign(qp_manager, first, wj_officer)
    # 吴江 organises another roster (青浦 takes part) with a shift overlapping the first one
    other = factories.border_roster(wj_manager, agencies=("qingpu",), name="汾湖—黎里联勤", divisions=["320509"])
    factories.nominate(wj_manager, other, wj_officer)
    clash = factories.shift(wj_manager, other, post="汾湖卡口", start=at(1, 14), end=at(1, 22))
    response = _post(
        api(wj_manager), f"/api/v1/duty/shifts/{clash.public_id}/assignments", {"officer": str(wj_officer.public_id)}
    )
    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "double_booked"
    assert body["details"]["shift"] == str(first.public_id) and body["details"]["roster"] == roster.name
    assert roster.name in body["message"]
    assert not ShiftAssignment.objects.filter(shift=clash).exists()
    # back to back (16:00 → 16:00) is not an overlap
    later = factories.shift(wj_manager, other, post="汾湖卡口", start=at(1, 16), end=at(1, 23))
    ok = _post(
        api(wj_manager), f"/api/v1/duty/shifts/{later.public_id}/assignments", {"officer": str(wj_officer.public_id)}
    )
    assert ok.status_code == 201, ok.content


def test_expired_certificate_is_422_naming_it(api, roster, qp_manager, js_manager, js_expired):
    factories.nominate(js_manager, roster, js_expired)
    shift = factories.shift(qp_manager, roster)
    response = _post(
        api(qp_manager), f"/api/v1/duty/shifts/{shift.public_id}/assignments", {"officer": str(js_expired.public_id)}
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "certificate_invalid"
    assert body["details"]["certificate"] == "33042119000417" and body["details"]["reason"] == "expired"
    assert body["details"]["valid_to"] == "2025-06-30" and "33042119000417" in body["message"]
    assert not ShiftAssignment.objects.exists()


def test_revoked_and_missing_certificates_are_named(api, roster, qp_manager):
    revoked = personas.make_user("officer", "qingpu", username="d_revoked", full_name="王某")
    factories.certificate(revoked, revoked=True)
    bare = personas.make_user("officer", "qingpu", username="d_bare", full_name="李某")
    factories.nominate(qp_manager, roster, revoked, bare)
    shift = factories.shift(qp_manager, roster)
    client = api(qp_manager)
    for officer, reason in ((revoked, "revoked"), (bare, "none")):
        response = _post(
            client, f"/api/v1/duty/shifts/{shift.public_id}/assignments", {"officer": str(officer.public_id)}
        )
        assert response.status_code == 422 and response.json()["details"]["reason"] == reason


def test_shift_outside_the_campaign_period_is_422(api, geo, qp_manager):
    campaign = factories.campaign(qp_manager)
    client = api(qp_manager)
    body = {
        "name": "整治行动勤务",
        "kind": "campaign",
        "campaign": str(campaign.public_id),
        "starts_on": str(campaign.starts_on),
        "ends_on": str(campaign.ends_on),
    }
    created = _post(client, "/api/v1/duty/rosters", body)
    assert created.status_code == 201, created.content
    outside = {"post": "夜查", "starts_at": at(6, 20).isoformat(), "ends_at": at(7, 2).isoformat()}
    response = _post(client, f"/api/v1/duty/rosters/{created.json()['id']}/shifts", outside)
    assert response.status_code == 422 and response.json()["code"] == "outside_campaign_period"
    assert not Shift.objects.exists()
    # a roster reaching beyond the campaign is refused the same way
    longer = _post(client, "/api/v1/duty/rosters", {**body, "ends_on": str(campaign.ends_on + timedelta(days=1))})
    assert longer.status_code == 422 and longer.json()["code"] == "outside_campaign_period"


def test_campaign_roster_needs_an_accepted_participant(api, geo, qp_manager, wj_manager):
    campaign = factories.campaign(qp_manager, invited=("wujiang",))  # 吴江 has not answered yet
    body = {
        "name": "整治行动勤务",
        "kind": "campaign",
        "campaign": str(campaign.public_id),
        "starts_on": str(campaign.starts_on),
        "ends_on": str(campaign.ends_on),
    }
    response = _post(api(wj_manager), "/api/v1/duty/rosters", body)
    assert response.status_code == 422 and response.json()["code"] == "organiser_not_participant"
    with_outsider = _post(
        api(qp_manager), "/api/v1/duty/rosters", {**body, "agencies": [str(personas.agency("wujiang").public_id)]}
    )
    assert with_outsider.status_code == 422 and with_outsider.json()["code"] == "agency_not_participant"
    assert not Roster.objects.exists()


def _on_duty(roster, manager, officer, **shift_kwargs):
    factories.nominate(manager, roster, officer)
    shift = factories.shift(manager, roster, start=at(0, 0), end=at(0, 23, 59), **shift_kwargs)
    factories.assign(manager, shift, officer)
    return shift


def test_far_check_in_is_kept_and_flagged_with_its_distance(
    api, roster, qp_manager, qp_officer, django_capture_on_commit_callbacks
):
    shift = _on_duty(roster, qp_manager, qp_officer)
    with django_capture_on_commit_callbacks(execute=True):
        near = _check_in(api(qp_officer), shift, ZHUJIAJIAO, note="古镇入口")
        far = _check_in(api(qp_officer), shift, FAR_AWAY, note="协助处置")
    assert near.status_code == 201 and near.json()["flag"] == "" and near.json()["distance_m"] == 0
    assert far.status_code == 201, far.content
    assert far.json()["flag"] == "outside_area" and far.json()["distance_m"] > 5000
    assert Notification.objects.filter(recipient=qp_manager, kind="duty.check_in_flagged").count() == 1
    listed = api(qp_manager).get(f"/api/v1/duty/rosters/{roster.public_id}/check-ins?flagged=true").json()
    assert [c["id"] for c in listed] == [far.json()["id"]]


def test_shift_polygon_and_gcj02_input(api, roster, qp_manager, qp_officer):
    shift = _on_duty(roster, qp_manager, qp_officer, geometry=factories.BEAT)
    from yrdcollab.platform.geo.crs import from_wgs84

    lon, lat = from_wgs84(*ZHUJIAJIAO, "gcj02")
    response = _check_in(api(qp_officer), shift, (lon, lat), crs="gcj02")
    body = response.json()
    assert response.status_code == 201 and body["flag"] == "" and abs(body["lon"] - ZHUJIAJIAO[0]) < 1e-5
    # 2 km east of the beat, still inside 青浦: measured against the shift's own polygon
    east = _check_in(api(qp_officer), shift, (121.08, 31.11)).json()
    assert east["flag"] == "outside_area" and 1500 < east["distance_m"] < 2500


def test_check_in_outside_the_shift_window_is_flagged(api, roster, qp_manager, qp_officer):
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(2, 8), end=at(2, 16))
    factories.assign(qp_manager, shift, qp_officer)
    body = _check_in(api(qp_officer), shift).json()
    assert body["flag"] == "outside_shift"


def test_photo_type_and_size_are_422_and_nothing_is_written(api, roster, qp_manager, qp_officer, settings):
    shift = _on_duty(roster, qp_manager, qp_officer)
    client = api(qp_officer)
    gif = _check_in(client, shift, photo=io.BytesIO(GIF_1PX))
    assert gif.status_code == 422 and gif.json()["code"] == "photo_type_not_allowed"
    fake = io.BytesIO(b"plain text named as a photo")
    fake.name = "photo.jpg"
    assert _check_in(client, shift, photo=fake).json()["code"] == "photo_type_not_allowed"
    with override_settings(YRD_DUTY_PHOTO_MAX_BYTES=64):
        big = _check_in(client, shift, photo=io.BytesIO(PNG_1PX + b"\0" * 100))
    assert big.status_code == 422 and big.json()["code"] == "photo_too_large"
    assert not CheckIn.objects.exists()
    ok = _check_in(client, shift, photo=io.BytesIO(PNG_1PX))
    assert ok.status_code == 201 and ok.json()["has_photo"]


def test_photo_is_for_the_officer_managers_and_supervisor_and_audited(
    api, roster, qp_manager, wj_manager, qp_officer, wj_officer, supervisor
):
    shift = _on_duty(roster, qp_manager, qp_officer)
    factories.nominate(wj_manager, roster, wj_officer)
    check_in_id = _check_in(api(qp_officer), shift, photo=io.BytesIO(PNG_1PX)).json()["id"]
    url = f"/api/v1/duty/check-ins/{check_in_id}/photo"
    for user in (qp_officer, qp_manager, wj_manager, supervisor):
        response = api(user).get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert api(wj_officer).get(url).status_code == 403  # a team-mate sees the check-in, not the photo
    assert api(personas.make_user("bureau_leader", "hefei")).get(url).status_code == 404
    assert AuditEntry.objects.filter(action="duty.check_in_photo_viewed").count() == 4


def test_only_the_assigned_officer_checks_in(api, roster, qp_manager, qp_officer, wj_manager, wj_officer):
    shift = _on_duty(roster, qp_manager, qp_officer)
    factories.nominate(wj_manager, roster, wj_officer)
    assert _check_in(api(wj_officer), shift).status_code == 403
    assert _check_in(api(qp_manager), shift).status_code == 403


def test_another_agency_gets_404(api, roster, qp_manager, qp_officer):
    shift = factories.shift(qp_manager, roster)
    outsider = personas.make_user("bureau_leader", "hefei")
    client = api(outsider)
    assert client.get(f"/api/v1/duty/rosters/{roster.public_id}").status_code == 404
    assert client.get(f"/api/v1/duty/shifts/{shift.public_id}").status_code == 404
    assert (
        _post(
            client,
            f"/api/v1/duty/rosters/{roster.public_id}/shifts",
            {"post": "x", "starts_at": at(0, 8).isoformat(), "ends_at": at(0, 9).isoformat()},
        ).status_code
        == 404
    )
    assert client.get("/api/v1/duty/rosters").json() == []
    # an officer of the organiser who is not on the roster does not see it either
    assert api(qp_officer).get(f"/api/v1/duty/rosters/{roster.public_id}").status_code == 404


def test_partner_nominates_only_its_own_officers_and_organiser_manages(
    api, roster, wj_manager, js_manager, qp_officer, wj_officer
):
    client = api(wj_manager)
    own = _post(client, f"/api/v1/duty/rosters/{roster.public_id}/members", {"officers": [str(wj_officer.public_id)]})
    assert own.status_code == 201 and own.json()[0]["officer"]["name"] == "吴晓峰"
    foreign = _post(
        client, f"/api/v1/duty/rosters/{roster.public_id}/members", {"officers": [str(qp_officer.public_id)]}
    )
    assert foreign.status_code == 422 and foreign.json()["code"] == "officer_not_own"
    shift_body = {"post": "x", "starts_at": at(0, 8).isoformat(), "ends_at": at(0, 9).isoformat()}
    assert _post(client, f"/api/v1/duty/rosters/{roster.public_id}/shifts", shift_body).status_code == 403
    # 嘉善 may not remove 吴江's officer; 吴江 may, while he has no assignment
    assert (
        api(js_manager).delete(f"/api/v1/duty/rosters/{roster.public_id}/members/{wj_officer.public_id}").status_code
        == 403
    )
    assert client.delete(f"/api/v1/duty/rosters/{roster.public_id}/members/{wj_officer.public_id}").status_code == 204


def test_member_with_assignment_cannot_be_removed(api, roster, qp_manager, qp_officer):
    _on_duty(roster, qp_manager, qp_officer)
    response = api(qp_manager).delete(f"/api/v1/duty/rosters/{roster.public_id}/members/{qp_officer.public_id}")
    assert response.status_code == 409 and response.json()["code"] == "member_has_assignments"


def test_shift_with_check_ins_is_frozen(api, roster, qp_manager, qp_officer):
    shift = _on_duty(roster, qp_manager, qp_officer)
    body = {"post": "改岗", "starts_at": at(0, 9).isoformat(), "ends_at": at(0, 17).isoformat()}
    moved = api(qp_manager).put(
        f"/api/v1/duty/shifts/{shift.public_id}", data=json.dumps(body), content_type="application/json"
    )
    assert moved.status_code == 200 and moved.json()["assignments"][0]["starts_at"].startswith(str(at(0, 9).date()))
    assert ShiftAssignment.objects.get(shift=shift).starts_at == at(0, 9)
    _check_in(api(qp_officer), shift)
    frozen = api(qp_manager).put(
        f"/api/v1/duty/shifts/{shift.public_id}", data=json.dumps(body), content_type="application/json"
    )
    assert frozen.status_code == 409 and frozen.json()["code"] == "shift_has_check_ins"
    assert api(qp_manager).delete(f"/api/v1/duty/shifts/{shift.public_id}").status_code == 409


def test_supervisor_reads_everything_and_changes_nothing(api, roster, qp_manager, supervisor):
    shift = factories.shift(qp_manager, roster)
    client = api(supervisor)
    assert client.get(f"/api/v1/duty/rosters/{roster.public_id}").status_code == 200
    assert client.delete(f"/api/v1/duty/shifts/{shift.public_id}").status_code == 403


def test_conflicts_list_a_certificate_revoked_after_assignment(api, roster, qp_manager, qp_officer):
    shift = _on_duty(roster, qp_manager, qp_officer, required=3)
    cert = qp_officer.certificates.get()
    cert.status, cert.revoked_at = "revoked", cert.created_at
    cert.save()
    problems = api(qp_manager).get(f"/api/v1/duty/rosters/{roster.public_id}/conflicts").json()
    codes = {(p["code"], p["shift"]) for p in problems}
    assert ("certificate_invalid", str(shift.public_id)) in codes and ("understaffed", str(shift.public_id)) in codes


def test_reinforcements_join_the_requesters_event_roster(api, geo, qp_manager, wj_officer):
    from yrdcollab.field.duty import membership

    event = factories.major_event("qingpu", participants=())
    request = factories.reinforcement_request(
        event, requester=qp_manager.agency, provider=wj_officer.agency, requested_by=qp_manager
    )
    members = membership.reinforcements_join(request=request, officers=[wj_officer], actor=qp_manager)
    roster = members[0].roster
    assert roster.event == event and roster.organiser == qp_manager.agency
    assert members[0].source == "reinforcement" and members[0].reinforcement == request
    assert wj_officer.agency in roster.agencies.all()
    assert RosterMember.objects.filter(roster=roster).count() == 1
    # the requester's manager schedules the reinforcement; the officer then sees the roster
    shift = factories.shift(qp_manager, roster, post="核心区巡查", required=1)
    factories.assign(qp_manager, shift, wj_officer)
    assert api(wj_officer).get(f"/api/v1/duty/rosters/{roster.public_id}").status_code == 200
    from yrdcollab.field.duty.selectors import roster_list

    assert list(roster_list(actor=qp_manager).filter(event=event)) == [roster]


def test_patrol_positions_and_day_grid(api, roster, qp_manager, qp_officer, supervisor):
    from yrdcollab.field.duty.selectors import patrol_positions, shifts_on_day

    shift = _on_duty(roster, qp_manager, qp_officer)
    _check_in(api(qp_officer), shift, (121.051, 31.111))
    _check_in(api(qp_officer), shift, ZHUJIAJIAO)
    positions = patrol_positions(actor=supervisor)
    assert len(positions) == 1 and positions[0]["lon"] == ZHUJIAJIAO[0] and positions[0]["officer"] == "周振华"
    assert api(qp_manager).get("/api/v1/duty/patrols").json()[0]["shift_post"] == shift.post
    day = shifts_on_day(actor=qp_manager, day=at(0, 0).date(), roster=roster)
    assert day[0]["staffed"] == 1 and day[0]["required"] == 2 and day[0]["assigned"][0]["officer"] == "周振华"
    assert patrol_positions(actor=personas.make_user("bureau_leader", "hefei")) == []


def test_patrols_on_the_enforcement_map(api, roster, qp_manager, qp_officer):
    shift = _on_duty(roster, qp_manager, qp_officer)
    _check_in(api(qp_officer), shift)
    response = api(qp_manager).get("/api/v1/geo/markers?kinds=patrols")
    assert response.status_code == 200, response.content
    markers = response.json()["markers"]["patrols"]
    assert len(markers) == 1 and "周振华" in markers[0]["title"] and markers[0]["url"].startswith("/duty/rosters/")
    outsider = api(personas.make_user("credit_officer", "qingpu")).get("/api/v1/geo/markers?kinds=patrols").json()
    assert outsider["markers"]["patrols"] == []


def test_event_roster_needs_a_taking_part_agency_and_the_event_period(api, geo, qp_manager, wj_manager, js_manager):
    event = factories.major_event("qingpu", participants=("wujiang",))
    body = {
        "name": "进博会保障勤务",
        "kind": "event",
        "event": str(event.public_id),
        "starts_on": str(event.starts_on),
        "ends_on": str(event.ends_on),
    }
    # 上海市局 sees its district's event but does not take part in it
    refused = _post(api(personas.make_user("bureau_leader", "sh")), "/api/v1/duty/rosters", body)
    assert refused.status_code == 422 and refused.json()["code"] == "organiser_not_participant"
    unseen = _post(api(js_manager), "/api/v1/duty/rosters", body)  # 嘉善 does not even see it
    assert unseen.status_code == 422 and unseen.json()["code"] == "unknown_event"
    created = _post(api(wj_manager), "/api/v1/duty/rosters", body)
    assert created.status_code == 201, created.content
    late = {"post": "场馆外围", "starts_at": at(4, 8).isoformat(), "ends_at": at(4, 12).isoformat()}
    response = _post(api(wj_manager), f"/api/v1/duty/rosters/{created.json()['id']}/shifts", late)
    assert response.status_code == 422 and response.json()["code"] == "outside_event_period"
    from yrdcollab.field.duty.selectors import roster_list

    assert list(roster_list(actor=qp_manager).filter(event=event)) == []  # 青浦 is not on 吴江's roster
    assert roster_list(actor=wj_manager).filter(event=event).count() == 1


def test_bad_input_never_500s(api, roster, qp_manager):
    client = api(qp_manager)
    for body in (
        {"post": "", "starts_at": at(0, 8).isoformat(), "ends_at": at(0, 9).isoformat()},
        {"post": "x", "starts_at": at(0, 9).isoformat(), "ends_at": at(0, 8).isoformat()},
        {"post": "x", "starts_at": at(0, 8).isoformat(), "ends_at": at(1, 12).isoformat()},
        {"post": "x", "starts_at": at(0, 8).isoformat(), "ends_at": at(0, 9).isoformat(), "geometry": "{bad"},
    ):
        assert _post(client, f"/api/v1/duty/rosters/{roster.public_id}/shifts", body).status_code == 422
    assert (
        _post(client, f"/api/v1/duty/rosters/{roster.public_id}/members", {"officers": ["not-a-uuid"]}).status_code
        == 422
    )
    assert (
        _post(
            client,
            "/api/v1/duty/rosters",
            {
                "name": "x",
                "kind": "border",
                "starts_on": "2026-01-02",
                "ends_on": "2026-01-01",
                "divisions": ["310118"],
            },
        ).status_code
        == 422
    )
    assert (
        _post(
            client,
            "/api/v1/duty/rosters",
            {
                "name": "x",
                "kind": "border",
                "starts_on": "2026-01-01",
                "ends_on": "2026-01-02",
                "divisions": ["999999"],
            },
        ).json()["code"]
        == "unknown_division"
    )
    assert not Shift.objects.exists()
