"""The map page: login, capability, offline by default, the optional intranet tile URL."""

import json

import pytest
from django.test import Client


def page(user=None):
    client = Client()
    if user:
        client.force_login(user)
    return client.get("/geo/map/")


@pytest.mark.django_db
def test_anonymous_is_sent_to_login():
    response = page()
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db
def test_map_page_offline_by_default(officer):
    response = page(officer)
    assert response.status_code == 200
    html = response.content.decode()
    assert "执法地图" in html and "vendor/leaflet/leaflet.js" in html and "geo/map.js" in html
    assert "http://" not in html.split('id="geo-config"')[1] and "https://" not in html
    config = json.loads(html.split('id="geo-config" type="application/json">')[1].split("</script>")[0])
    assert config["tileUrl"] == "" and config["routeUrl"] == "/api/v1/geo/route"
    assert "transfers" in [s["kind"] for s in config["sources"]]  # other apps add theirs (alerts, …)
    assert "未配置底图" in html


@pytest.mark.django_db
def test_intranet_tiles_from_settings(officer, settings):
    settings.YRD_MAP_TILE_URL = "https://tiles.intranet.example/{z}/{x}/{y}.png"
    response = page(officer)
    assert response.context["config"]["tileUrl"] == settings.YRD_MAP_TILE_URL
    assert "未配置底图" not in response.content.decode()


@pytest.mark.django_db
def test_user_without_directory_view_is_403(db):
    from yrdcollab.platform.accounts.models import User
    from yrdcollab.testing import personas

    user = User.objects.create_user(username="norole", password="x-Long-password-1", agency=personas.agency("qingpu"))
    assert page(user).status_code == 403
