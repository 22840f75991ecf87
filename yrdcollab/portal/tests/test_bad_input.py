"""Bad input through the real middleware: a 4xx with a stable code and a Chinese message, and
nothing written — neither the object nor an audit row."""

import pytest
from django.test import Client

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.directory.models import AdjacentPair
from yrdcollab.testing import personas

URL = "/api/v1/directory/adjacent-pairs"


@pytest.fixture
def admin_client(db):
    admin = personas.make_user("platform_admin", "sh")
    personas.agency("qingpu")
    personas.agency("jiashan")
    return Client(HTTP_AUTHORIZATION=personas.bearer_for(admin))


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        ("{bad json", "application/json", 400, "malformed_request"),
        ("division_a=310118", "text/plain", 400, "malformed_request"),
        ("[]", "application/json", 422, "invalid_input"),
        ('{"division_a": 310118, "division_b": "330421"}', "application/json", 422, "invalid_input"),
        (
            '{"division_a": "310118", "division_b": "330421", "approved": true}',
            "application/json",
            422,
            "invalid_input",
        ),
        ('{"division_a": "' + "3" * 13 + '", "division_b": "330421"}', "application/json", 422, "invalid_input"),
        ('{"division_a": "999999", "division_b": "330421"}', "application/json", 422, "unknown_division"),
        ("", "application/json", 422, "invalid_input"),
    ],
    ids=["malformed", "not-json", "array", "wrong-type", "unknown-field", "overlong", "unknown-division", "empty"],
)
def test_bad_input_is_refused_and_nothing_is_written(admin_client, body, content_type, status, code):
    audit_before, pairs_before = AuditEntry.objects.count(), AdjacentPair.objects.count()
    response = admin_client.post(URL, body, content_type=content_type)
    assert response.status_code == status
    payload = response.json()
    assert payload["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in payload["message"]), "message must be Chinese by default"
    assert AdjacentPair.objects.count() == pairs_before
    assert AuditEntry.objects.count() == audit_before


def test_errors_are_in_english_when_asked(admin_client):
    response = admin_client.post(URL, "{bad json", content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"].startswith("Malformed request")


def test_the_same_request_succeeds_when_well_formed(admin_client):
    pairs_before = AdjacentPair.objects.count()
    response = admin_client.post(URL, {"division_a": "310118", "division_b": "330421"}, content_type="application/json")
    assert response.status_code == 201
    assert AdjacentPair.objects.count() == pairs_before + 1
