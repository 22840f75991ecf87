"""A truck, site or route is a 404 for a role that reads no fleet, on the pages and the API alike —
as if it did not exist (CONVENTIONS §5); the lists answer that role 403, and one who sees the truck
but may not edit it gets 403 (issue #13 item 6e)."""

import json

import pytest
from django.test import Client

from yrdcollab.smart.fleet.permissions import is_fleet_reader
from yrdcollab.smart.fleet.services import AreaInput, site_create
from yrdcollab.testing import personas

from .conftest import QINGPU_USCC, SITE_SQUARE

pytestmark = pytest.mark.django_db
EDIT = {"plate": "沪D12345", "owner_name": "某公司", "owner_uscc": QINGPU_USCC}


@pytest.fixture
def outsider(db):
    """青浦's own credit officer: in the truck's agency, but the role reads no trucks."""
    user = personas.make_user("credit_officer", "qingpu")
    assert not is_fleet_reader(user)
    return user


def test_truck_and_site_are_404_for_a_role_that_reads_no_fleet(api, truck, qingpu_manager, outsider):
    site = site_create(actor=qingpu_manager, data=AreaInput(name="消纳场", geometry=SITE_SQUARE))
    client = api(outsider)
    assert client.get(f"/api/v1/fleet/trucks/{truck.public_id}").status_code == 404
    put = client.put(f"/api/v1/fleet/trucks/{truck.public_id}", data=json.dumps(EDIT), content_type="application/json")
    assert put.status_code == 404 and put.json()["code"] == "not_found"
    assert client.get(f"/api/v1/fleet/sites/{site.public_id}").status_code == 404
    assert client.get("/api/v1/fleet/trucks").status_code == 403  # the list may stay 403
    page = Client()
    page.force_login(outsider)
    for url in (f"/fleet/trucks/{truck.public_id}/", f"/fleet/trucks/{truck.public_id}/edit/"):
        assert page.get(url).status_code == 404, url
    assert page.get(f"/fleet/sites/{site.public_id}/edit/").status_code == 404


def test_one_who_sees_the_truck_but_may_not_edit_it_gets_403(api, truck):
    officer = personas.make_user("officer", "qingpu")  # a case handler: reads trucks, manages none
    assert api(officer).get(f"/api/v1/fleet/trucks/{truck.public_id}").status_code == 200
    put = api(officer).put(
        f"/api/v1/fleet/trucks/{truck.public_id}", data=json.dumps(EDIT), content_type="application/json"
    )
    assert put.status_code == 403
    page = Client()
    page.force_login(officer)
    assert page.get(f"/fleet/trucks/{truck.public_id}/edit/").status_code == 403
