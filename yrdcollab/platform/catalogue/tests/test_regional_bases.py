"""Issue #15 item 7: the catalogue lists, per step, what each of the four regions cites for a default
deadline; a matter's own deadline cites only what its administrator wrote."""

import json

import pytest
from django.test import Client
from django.urls import reverse

BASE = "/api/v1/matters"
SHANGHAI_ACT = "《上海市城市管理行政执法条例》"
pytestmark = pytest.mark.django_db


def test_api_lists_the_four_regions_for_a_default(matters, api, officer):
    steps = {(d["workflow"], d["step"]): d for d in api(officer).get(f"{BASE}/03").json()["deadlines"]}
    assert steps and all(d["source"] == "default" for d in steps.values())
    for deadline in steps.values():
        assert [r["province"] for r in deadline["regional"]] == ["31", "32", "33", "34"]
    accept = {r["province"]: r for r in steps[("transfer", "accept")]["regional"]}
    assert accept["31"]["province_label"] == "上海市" and SHANGHAI_ACT in accept["31"]["text"]
    assert accept["31"]["statutory"] is True and accept["32"]["statutory"] is False
    assert all(SHANGHAI_ACT not in accept[p]["text"] for p in ("32", "33", "34"))
    assert "《浙江省综合行政执法条例》第二十九条第二款" in accept["33"]["text"]
    # The region-neutral line no longer names one region's regulation.
    assert SHANGHAI_ACT not in steps[("transfer", "accept")]["legal_basis"]


def test_an_override_cites_its_own_text_only(matters, api, make_user):
    admin = api(make_user("platform_admin", "sh"))
    body = {"amount": 2, "unit": "working_day", "legal_basis": "《测试移送标准》第三条"}
    response = admin.put(f"{BASE}/03/deadlines/transfer/accept", json.dumps(body), content_type="application/json")
    assert response.status_code == 200 and response.json()["regional"] == []
    own = {(d["workflow"], d["step"]): d for d in admin.get(f"{BASE}/0301").json()["deadlines"]}
    assert own[("transfer", "accept")]["source"] == "parent"
    assert own[("transfer", "accept")]["legal_basis"] == "《测试移送标准》第三条"
    assert own[("transfer", "accept")]["regional"] == []
    # An empty basis is still refused (nothing written).
    bad = admin.put(
        f"{BASE}/03/deadlines/transfer/sign", json.dumps({**body, "legal_basis": ""}), content_type="application/json"
    )
    assert bad.status_code == 422
    sign = {(d["workflow"], d["step"]): d for d in admin.get(f"{BASE}/03").json()["deadlines"]}[("transfer", "sign")]
    assert sign["source"] == "default" and len(sign["regional"]) == 4


def test_the_page_shows_each_regions_basis(matters, officer):
    client = Client()
    client.force_login(officer)
    html = client.get(reverse("catalogue:detail", args=["0303"])).content.decode()
    assert html.count('data-testid="regional-bases"') >= 8  # every step of every workflow
    for label in ("上海市", "江苏省", "浙江省", "安徽省"):
        assert f"<strong>{label}</strong>" in html
    assert "法定期限" in html and "约定默认期限" in html and "《浙江省综合行政执法条例》" in html


PAGE_WIDTH_JS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width,height", [(390, 844), (1920, 1080)])
def test_the_regional_list_fits_phone_and_desktop(live_server, browser, matters, make_user, width, height):
    from yrdcollab.testing.browser import log_in, new_page

    officer = make_user("officer", "qingpu")
    page = new_page(browser, width=width, height=height)
    log_in(page, live_server.url, officer.username)
    page.goto(live_server.url + reverse("catalogue:detail", args=["0303"]))
    assert page.locator("[data-testid=regional-bases] li").count() >= 32  # 8 steps × 4 regions
    scroll_width, client_width = page.evaluate(PAGE_WIDTH_JS)
    assert scroll_width <= client_width
