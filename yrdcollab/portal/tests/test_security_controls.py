"""Controls named in docs/THREAT_MODEL.md that no app test covers on its own."""

import pytest
from django.core.cache import cache
from django.test import Client

from yrdcollab.platform.accounts.models import ApiToken


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_security_headers_on_every_page(client, db):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_a_malformed_request_id_is_replaced(client, db):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    assert response["X-Request-ID"] != "<script>alert(1)</script>"
    assert len(response["X-Request-ID"]) == 32  # a fresh uuid4 hex


def test_an_unexpected_api_error_is_a_generic_500(api, officer, monkeypatch):
    def explode(user):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr("yrdcollab.portal.api.capabilities_of", explode)
    response = api(officer).get("/api/v1/me")
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "internal_error"
    assert "hunter2" not in response.content.decode()


def test_token_creation_is_throttled_per_user(officer, settings):
    client = Client()
    client.force_login(officer)
    statuses = [
        client.post(
            "/api/v1/accounts/tokens", {"name": f"t{i}", "days": 7}, content_type="application/json"
        ).status_code
        for i in range(12)
    ]
    assert statuses[:10] == [201] * 10
    assert statuses[10:] == [429, 429]
    assert ApiToken.objects.filter(user=officer).count() == 10


def test_an_officer_of_another_agency_gets_404_on_an_html_object_page(officer, foreign_officer):
    from yrdcollab.platform.notifications.services import notify

    notification = notify(recipients=[officer], kind="test.scope", title="仅本人可见", body="—", email=False)[0]
    client = Client()
    client.force_login(foreign_officer)
    response = client.post(f"/inbox/{notification.public_id}/read/")
    assert response.status_code == 404
    assert "仅本人可见" not in response.content.decode()


def test_pages_load_nothing_from_the_internet(client, officer):
    """Government intranets have no internet: no CDN for the shell or for the API docs."""
    import re

    client.force_login(officer)
    for url in ("/", "/api/v1/docs", "/accounts/login/"):
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
        assert external == [], f"{url} loads {external}"


def test_the_command_centre_menu_offers_supervision_and_result_recognition(make_user):
    client = Client()
    client.force_login(make_user("supervisor", "sh"))
    html = client.get("/").content.decode()
    assert 'href="/supervision/"' in html and 'href="/recognition/"' in html
    assert 'href="/transfers/"' not in html  # the command centre supervises; it does not handle clues
