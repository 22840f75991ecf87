"""NUL characters, which PostgreSQL text cannot hold, are refused with a 4xx before they reach the
database — in query parameters, JSON bodies and search boxes."""

import pytest

pytestmark = pytest.mark.django_db


def test_nul_in_a_query_parameter_is_400(api, officer, client):
    response = api(officer).get("/api/v1/directory/agencies", {"q": "青浦\x00"})
    assert response.status_code == 400 and response.json()["code"] == "malformed_request"
    assert client.get("/public/credit/", {"q": "合肥\x00恒达"}).status_code == 400


def test_nul_in_a_json_body_is_422(api, officer):
    response = api(officer).post(
        "/api/v1/credit/query/", {"name": "合肥\x00恒达", "purpose": "inspection"}, content_type="application/json"
    )
    assert response.status_code == 422 and response.json()["code"] == "invalid_input"
