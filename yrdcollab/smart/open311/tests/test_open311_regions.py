"""A GeoReport v2 service request must lie in 上海、江苏、浙江 or 安徽 (their land, their waters, or the
border band), by the geo app's county boundaries: elsewhere 400 in the spec's error body, nothing
written (issue #13 item 6c)."""

import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from yrdcollab.smart.open311.models import ServiceRequest
from yrdcollab.smart.sensing.models import Alert

pytestmark = pytest.mark.usefixtures("geo_boundaries_module", "matters")
BASE = "/open311/v2"


def _post(fmt: str, api_key: str, lat: float, long: float):
    data = {"api_key": api_key, "service_code": "0302", "lat": str(lat), "long": str(long), "description": "倾倒"}
    return Client().post(f"{BASE}/requests.{fmt}", data=data)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "lat, long",
    [
        (36.07, 120.38),  # 青岛, 山东
        (26.07, 119.30),  # 福州, 福建
        (30.59, 114.30),  # 武汉, 湖北
        (34.74, 118.5),  # 山东's land 3 km from 江苏
        (30.5, 123.5),  # the open East China Sea
    ],
)
def test_points_outside_the_four_regions_are_refused(fmt, lat, long, api_key):
    response = _post(fmt, api_key, lat, long)
    assert response.status_code == 400, response.content
    if fmt == "json":
        errors = response.json()
    else:
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        errors = [{"code": int(e.findtext("code")), "description": e.findtext("description")} for e in root]
    assert errors[0]["code"] == 400
    assert "不在上海市、江苏省、浙江省、安徽省范围内" in errors[0]["description"]
    assert not ServiceRequest.objects.exists() and not Alert.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "lat, long, division",
    [
        (31.82, 117.23, "340104"),  # 合肥 蜀山区
        (31.16, 120.64, "320509"),  # 吴江区
        (30.4241, 121.1491, "330282"),  # Hangzhou Bay: the nearest county, 慈溪市
    ],
)
def test_points_in_the_four_regions_are_accepted(lat, long, division, api_key):
    response = _post("json", api_key, lat, long)
    assert response.status_code == 200, response.content  # GeoReport v2 answers a created request with 200
    assert ServiceRequest.objects.get().division_id == division
