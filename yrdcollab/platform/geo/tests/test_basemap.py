"""The shared base map's server side: the public county boundaries (no login, no personal data) and
the configuration every map page gives basemap.js."""

import json

import pytest
from django.template import Context, Template


@pytest.mark.django_db
def test_public_boundaries_need_no_login_and_hold_no_personal_data(client, boundaries):
    response = client.get("/geo/boundaries.geojson")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    assert "public" in response["Cache-Control"]
    data = response.json()
    assert len(data["features"]) == 3
    assert set(data["features"][0]["properties"]) == {"code", "name", "province", "city", "label"}
    assert client.post("/geo/boundaries.geojson").status_code == 405


@pytest.mark.django_db
def test_basemap_config_is_chinese_and_offline(boundaries):
    html = Template("{% load basemap %}{% basemap_config %}").render(Context({}))
    config = json.loads(html.split(">", 1)[1].rsplit("</script>", 1)[0])
    assert config["boundariesUrl"] == "/geo/boundaries.geojson" and config["routeUrl"] == "/api/v1/geo/route"
    assert "tileUrl" not in config  # no tiles configured: nothing tile-related on the page
    assert config["text"]["locate"] == "定位我" and "未获准" in config["text"]["locateDenied"]
    public = Template("{% load basemap %}{% basemap_config True %}").render(Context({}))
    assert '"routeUrl": ""' in public
