import io

from django.test import Client

from yrdcollab.field.duty.models import CheckIn, Roster, ShiftAssignment
from yrdcollab.testing import duty as factories
from yrdcollab.testing import personas
from yrdcollab.testing.duty import at
from yrdcollab.testing.files import PNG_1PX


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_roster_pages_render_for_the_organiser(roster, qp_manager, qp_officer):
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(0, 0), end=at(0, 23))
    factories.assign(qp_manager, shift, qp_officer)
    client = _login(qp_manager)
    listing = client.get("/duty/")
    assert listing.status_code == 200 and roster.name in listing.content.decode()
    html = client.get(f"/duty/rosters/{roster.public_id}/").content.decode()
    assert "duty-map-data" in html and shift.post in html and "周振华" in html and "1/2" in html
    assert "vendor/leaflet/leaflet.js" in html and "tile" not in html.lower()
    assert client.get(f"/duty/rosters/{roster.public_id}/conflicts/").status_code == 200
    assert client.get(f"/duty/rosters/{roster.public_id}/check-ins/").status_code == 200


def test_create_roster_and_shift_through_the_forms(geo, qp_manager, wj_manager):
    client = _login(qp_manager)
    assert client.get("/duty/rosters/new/").status_code == 200
    day = at(0, 0).date()
    bad = client.post(
        "/duty/rosters/new/", {"name": "无区域", "kind": "border", "starts_on": day, "ends_on": day, "crs": "wgs84"}
    )
    assert bad.status_code == 422 and not Roster.objects.exists()
    ok = client.post(
        "/duty/rosters/new/",
        {
            "name": "青吴联勤",
            "kind": "border",
            "starts_on": day,
            "ends_on": day,
            "crs": "wgs84",
            "divisions": "310118，320509",
            "agencies": [str(wj_manager.agency.public_id)],
        },
    )
    roster = Roster.objects.get()
    assert ok.status_code == 302 and set(roster.area_divisions.values_list("code", flat=True)) == {"310118", "320509"}
    outside = client.post(
        f"/duty/rosters/{roster.public_id}/shifts/",
        {
            "post": "卡口",
            "starts_at": at(2, 8).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": at(2, 12).strftime("%Y-%m-%dT%H:%M"),
            "required_count": 2,
            "crs": "wgs84",
        },
    )
    assert outside.status_code == 422 and "勤务表期间" in outside.content.decode()
    created = client.post(
        f"/duty/rosters/{roster.public_id}/shifts/",
        {
            "post": "卡口",
            "starts_at": at(0, 8).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": at(0, 12).strftime("%Y-%m-%dT%H:%M"),
            "required_count": 2,
            "crs": "wgs84",
        },
    )
    assert created.status_code == 302 and roster.shifts.count() == 1


def test_assign_refusal_comes_back_as_a_message(roster, qp_manager, js_manager, js_expired):
    factories.nominate(js_manager, roster, js_expired)
    shift = factories.shift(qp_manager, roster)
    client = _login(qp_manager)
    response = client.post(f"/duty/shifts/{shift.public_id}/", {"assign": str(js_expired.public_id)}, follow=True)
    assert response.status_code == 200 and "33042119000417" in response.content.decode()
    assert not ShiftAssignment.objects.exists()


def test_officer_checks_in_from_the_phone_form(roster, qp_manager, qp_officer):
    factories.nominate(qp_manager, roster, qp_officer)
    shift = factories.shift(qp_manager, roster, start=at(0, 0), end=at(0, 23, 59))
    factories.assign(qp_manager, shift, qp_officer)
    client = _login(qp_officer)
    page = client.get(f"/duty/shifts/{shift.public_id}/check-in/")
    html = page.content.decode()
    assert page.status_code == 200 and "js/field.js" in html and 'capture="environment"' in html
    photo = io.BytesIO(PNG_1PX)
    photo.name = "../../etc/passwd.png"
    done = client.post(
        f"/duty/shifts/{shift.public_id}/check-in/",
        {"lon": "120.74", "lat": "31.32", "crs": "wgs84", "note": "协助处置", "photo": photo},
    )
    assert done.status_code == 302
    check_in = CheckIn.objects.get()
    assert check_in.flag == "outside_area" and check_in.photo_content_type == "image/png"
    assert client.get(f"/duty/check-ins/{check_in.public_id}/photo/")["Content-Type"] == "image/png"
    listing = _login(qp_manager).get(f"/duty/rosters/{roster.public_id}/check-ins/?flagged=1").content.decode()
    assert "超出责任区域" in listing


def test_another_agency_gets_404_pages(roster):
    client = _login(personas.make_user("bureau_leader", "hefei"))
    assert client.get(f"/duty/rosters/{roster.public_id}/").status_code == 404
    assert client.get(f"/duty/rosters/{roster.public_id}/check-ins/").status_code == 404
    assert roster.name not in client.get("/duty/").content.decode()


def test_check_in_page_is_only_for_the_assigned_officer(roster, qp_manager):
    shift = factories.shift(qp_manager, roster)
    assert _login(qp_manager).get(f"/duty/shifts/{shift.public_id}/check-in/").status_code == 403
