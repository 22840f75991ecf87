import re

import pytest
from django.test import Client
from django.urls import reverse

from yrdcollab.platform.directory.models import AdjacentPair, Agency
from yrdcollab.testing.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_agency_list_search_qingpu(directory, officer):
    response = _login(officer).get(reverse("directory:agency_list"), {"q": "青浦"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="agency-search"' in html and 'name="q"' in html and 'data-testid="agency-results"' in html
    assert "上海市青浦区城市管理行政执法局" in html and "苏州市吴江区综合行政执法局" not in html
    assert "搜索机构名称或区划代码" in html


def test_agency_list_htmx_returns_results_only(directory, officer):
    response = _login(officer).get(reverse("directory:agency_list"), {"q": "合肥"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and "合肥市城市管理局" in html


def test_detail_pages_and_404(directory, officer):
    client = _login(officer)
    agency = Agency.objects.get(name="嘉善县综合行政执法局")
    assert (
        "嘉兴市城市管理局" in client.get(reverse("directory:agency_detail", args=[agency.public_id])).content.decode()
    )
    page = client.get(reverse("directory:division_detail", args=["330421"])).content.decode()
    assert "西塘镇" in page and "一体化示范区" in page
    assert client.get(reverse("directory:division_detail", args=["999999"])).status_code == 404
    tree = client.get(reverse("directory:division_list")).content.decode()
    assert 'data-testid="division-tree"' in tree and "宣城市" in tree
    found = client.get(reverse("directory:division_list"), {"q": "黎里"}).content.decode()
    assert "320509110" in found


def test_zone_and_pairing_pages(directory, officer):
    client = _login(officer)
    zones = client.get(reverse("directory:zone_list")).content.decode()
    assert "先行启动区" in zones and "平湖市" in zones and "新增毗邻区划对" not in zones
    pairings = client.get(reverse("directory:pairing_list")).content.decode()
    assert "2020年7月24日" in pairings and "协同联动、智慧城管、信息共享" in pairings


def test_pair_form_permissions(directory, officer, platform_admin):
    url = reverse("directory:adjacent_pair_add")
    assert _login(officer).post(url, {"division_a": "310117", "division_b": "330421"}).status_code == 403
    admin = _login(platform_admin)
    assert "新增毗邻区划对" in admin.get(reverse("directory:zone_list")).content.decode()
    response = admin.post(url, {"division_a": "310117", "division_b": "330421", "note": "松江—嘉善"})
    assert response.status_code == 302
    pair = AdjacentPair.objects.get(division_a_id="310117", division_b_id="330421")
    bad = admin.post(url, {"division_a": "310117", "division_b": "310118"})
    assert bad.status_code == 422 and "不同的省级行政区" in bad.content.decode()
    remove = reverse("directory:adjacent_pair_remove", args=[pair.public_id])
    assert _login(officer).post(remove).status_code == 403
    assert admin.post(remove).status_code == 302
    assert not AdjacentPair.objects.filter(pk=pair.pk).exists()
    assert PASSWORD


def test_removing_a_pair_is_confirmed_with_its_divisions(directory, platform_admin):
    admin = _login(platform_admin)
    admin.post(reverse("directory:adjacent_pair_add"), {"division_a": "310117", "division_b": "330421"})
    pair = AdjacentPair.objects.get(division_a_id="310117", division_b_id="330421")
    html = admin.get(reverse("directory:zone_list")).content.decode()
    remove = re.search(
        rf'<form[^>]*action="{reverse("directory:adjacent_pair_remove", args=[pair.public_id])}"[^>]*>', html
    ).group(0)
    assert "不再属于省际毗邻区" in remove and f'data-confirm-party="{pair}"' in remove
    assert "onsubmit" not in html
    add = re.search(rf'<form[^>]*action="{reverse("directory:adjacent_pair_add")}"[^>]*>', html).group(0)
    assert "data-confirm" not in add
