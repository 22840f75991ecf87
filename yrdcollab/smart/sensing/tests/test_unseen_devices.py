"""A device another agency's user does not see is a 404 for every device action — the credential
rotation included — whatever the user's role (CONVENTIONS §5); one who sees it but may not act gets
403 (issue #13 item 6e)."""

import pytest
from django.test import Client

from yrdcollab.testing import personas
from yrdcollab.testing.devices import register

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "path, body",
    [
        ("credential", {}),
        ("review", {"decision": "approve", "opinion": "符合标准、设置合理、标志明显"}),
        ("publish", {"published": True}),
    ],
)
def test_device_actions_are_404_for_one_who_does_not_see_the_device(api, path, body):
    device, _credential = register("qingpu")
    foreign = personas.make_user("officer", "wujiang")  # no device capability, another agency
    response = api(foreign).post(
        f"/api/v1/sensing/devices/{device.public_id}/{path}", data=body, content_type="application/json"
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    page = Client()
    page.force_login(foreign)
    assert page.post(f"/sensing/devices/{device.public_id}/{path}/").status_code == 404


def test_credential_rotation_is_403_for_one_who_sees_the_device_but_does_not_manage_devices(api):
    device, _credential = register("qingpu")
    officer = personas.make_user("officer", "qingpu")  # sees its agency's devices, manages none
    assert api(officer).get(f"/api/v1/sensing/devices/{device.public_id}").status_code == 200
    assert api(officer).post(f"/api/v1/sensing/devices/{device.public_id}/credential").status_code == 403
