import pytest


@pytest.mark.django_db
def test_me_requires_authentication(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


@pytest.mark.django_db
def test_me_with_bearer_token(api, officer):
    response = api(officer).get("/api/v1/me")
    assert response.status_code == 200
    body = response.json()
    assert body["agency"]["division_code"] == "310118"
    assert body["roles"] == ["officer"]
    assert "certificate.verify" in body["capabilities"]


@pytest.mark.django_db
def test_malformed_bearer_is_token_invalid(client):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer nonsense")
    assert response.status_code == 401
    assert response.json()["code"] == "token_invalid"


@pytest.mark.django_db
def test_healthz_and_readyz_are_public(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_html_pages_redirect_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_request_id_is_echoed(client):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-request-0001")
    assert response["X-Request-ID"] == "lb-request-0001"
