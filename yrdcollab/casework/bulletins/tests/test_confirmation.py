"""The confirmation of consequential moves (issue #15 item 2): the issuer's publish and withdraw forms
state what they do and whom they reach; a recipient's acknowledgement asks nothing."""

import pytest
from django.urls import reverse

from yrdcollab.casework.bulletins.states import TRANSITIONS
from yrdcollab.testing.forms import form_tag

pytestmark = pytest.mark.django_db
BASE = "/api/v1/bulletins/"
JSON = "application/json"


def test_publish_and_withdraw_state_the_consequence_and_the_audience(
    api, client, publisher, make_user, draft_data, tomorrow
):
    data = draft_data(audience_type="region", provinces=["320000"], requires_ack=True, ack_due_on=tomorrow.isoformat())
    bid = api(publisher).post(BASE, data, content_type=JSON).json()["id"]
    client.force_login(publisher)
    publish = form_tag(
        client.get(reverse("bulletins:detail", args=[bid])).content.decode(), reverse("bulletins:publish", args=[bid])
    )
    assert f'data-confirm="{TRANSITIONS.consequence("publish")}"' in publish
    assert 'data-confirm-party="江苏省"' in publish

    assert api(publisher).post(f"{BASE}{bid}/publish").status_code == 200
    html = client.get(reverse("bulletins:detail", args=[bid])).content.decode()
    withdraw = form_tag(html, reverse("bulletins:withdraw", args=[bid]))
    assert "通报将撤回，各接收机构收到撤回通知" in withdraw and 'data-confirm-party="江苏省"' in withdraw

    client.force_login(make_user("bureau_leader", "wujiang"))  # a recipient in Jiangsu
    html = client.get(reverse("bulletins:detail", args=[bid])).content.decode()
    assert "data-confirm" not in form_tag(html, reverse("bulletins:acknowledge", args=[bid]))
