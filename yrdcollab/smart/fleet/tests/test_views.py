import pytest
from django.test import Client

from yrdcollab.smart.fleet.models import ApprovedRoute, DisposalSite, Truck
from yrdcollab.testing import personas

from .conftest import QINGPU_USCC, SITE_SQUARE, WUJIANG_STOP, drive

pytestmark = pytest.mark.usefixtures("boundaries", "matters")


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_truck_pages(qingpu_manager, truck):
    drive(truck.plate, WUJIANG_STOP, start_minutes_ago=30, minutes=12)
    client = _login(qingpu_manager)
    listing = client.get("/fleet/")
    assert listing.status_code == 200 and "沪D52317" in listing.content.decode()
    detail = client.get(f"/fleet/trucks/{truck.public_id}/")
    html = detail.content.decode()
    assert detail.status_code == 200 and "fleet-map-data" in html and "疑似偷倒" in html
    assert "vendor/leaflet/leaflet.js" in html and "tile" not in html.lower()


def test_foreign_agency_gets_404_for_the_truck_page(truck):
    client = _login(personas.make_user("officer", "wujiang"))
    assert client.get(f"/fleet/trucks/{truck.public_id}/").status_code == 404
    assert "沪D52317" not in client.get("/fleet/").content.decode()


def test_register_truck_through_the_form(qingpu_manager, matters):
    client = _login(qingpu_manager)
    assert client.get("/fleet/trucks/new/").status_code == 200
    bad = client.post(
        "/fleet/trucks/new/", {"plate": "沪I1", "owner_name": "x", "owner_uscc": QINGPU_USCC, "is_active": "on"}
    )
    assert bad.status_code == 422 and not Truck.objects.exists()
    good = client.post(
        "/fleet/trucks/new/", {"plate": "沪D52317", "owner_name": "鸿运", "owner_uscc": QINGPU_USCC, "is_active": "on"}
    )
    assert good.status_code == 302
    truck = Truck.objects.get()
    edit = client.post(
        f"/fleet/trucks/{truck.public_id}/edit/",
        {"plate": "沪D52317", "owner_name": "鸿运运输", "owner_uscc": QINGPU_USCC},
    )
    assert edit.status_code == 302
    truck.refresh_from_db()
    assert truck.owner_name == "鸿运运输" and truck.is_active is False


def test_officer_cannot_open_the_register_form(officer):
    assert _login(officer).get("/fleet/trucks/new/").status_code == 403


def test_sites_and_routes_pages(wujiang_manager, matters):
    client = _login(wujiang_manager)
    bad = client.post("/fleet/sites/new/", {"name": "坏", "geometry": "{", "crs": "wgs84", "is_active": "on"})
    assert bad.status_code == 422
    assert (
        client.post(
            "/fleet/sites/new/", {"name": "松陵消纳场", "geometry": SITE_SQUARE, "crs": "wgs84", "is_active": "on"}
        ).status_code
        == 302
    )
    line = '{"type":"LineString","coordinates":[[120.60,31.10],[120.62,31.10]]}'
    assert (
        client.post(
            "/fleet/routes/new/",
            {"name": "松陵线", "geometry": line, "crs": "wgs84", "buffer_m": "40", "is_active": "on"},
        ).status_code
        == 302
    )
    page = client.get("/fleet/areas/")
    html = page.content.decode()
    assert page.status_code == 200 and "松陵消纳场" in html and "松陵线" in html and "fleet-map-data" in html
    site, route = DisposalSite.objects.get(), ApprovedRoute.objects.get()
    assert client.get(f"/fleet/sites/{site.public_id}/edit/").status_code == 200
    assert client.get(f"/fleet/routes/{route.public_id}/edit/").status_code == 200
    other = _login(personas.make_user("squad_leader", "qingpu"))
    assert other.get(f"/fleet/sites/{site.public_id}/edit/").status_code == 404


def test_demo_data_is_idempotent(db, matters):
    from yrdcollab.platform.accounts.demo import demo_users_ensure
    from yrdcollab.smart.fleet.demo import demo_fleet_ensure

    for key in ("sh", "qingpu", "wujiang", "jiashan", "hefei"):
        personas.agency(key)
    demo_users_ensure()
    made = demo_fleet_ensure()
    assert "沪D52317" in made
    assert demo_fleet_ensure() == []
    truck = Truck.objects.get(plate="沪D52317")
    assert truck.device.code == "QP-GPS-0001" and truck.home_agency.division_id == "310118"
    assert DisposalSite.objects.get().agency.division_id == "320509"
