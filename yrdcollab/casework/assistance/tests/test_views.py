import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_create_form_suggests_the_responder_from_the_division(officer, agency):
    jiashan = agency("jiashan")
    response = browser(officer).get("/assistance/suggest-responder/", {"division_code": "330421"})
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<option value="{jiashan.public_id}"[^>]* selected>', html)
    assert "按区划建议" in html


def test_no_suggestion_for_the_own_agency_or_an_unknown_code(officer, agency):
    agency("jiashan")
    for code in ("310118", "999999", ""):
        html = browser(officer).get("/assistance/suggest-responder/", {"division_code": code}).content.decode()
        assert " selected" not in html and "按区划建议" not in html


def test_the_create_form_asks_for_suggestions(officer):
    html = browser(officer).get("/assistance/new/").content.decode()
    assert 'hx-get="/assistance/suggest-responder/"' in html
