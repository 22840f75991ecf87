"""A matter that a penalty decision points at cannot be deleted from the catalogue (only deactivated)."""

from datetime import date

import pytest

from yrdcollab.casework.recognition.services import penalty_decision_record
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.parties.services import party_register

BASE = "/api/v1/matters"


@pytest.mark.django_db
def test_used_matter_cannot_be_deleted(matters, officer, make_user, api):
    party = party_register(actor=officer, kind="vehicle", name="渣土车", plate="沪A12345")
    penalty_decision_record(
        actor=officer,
        agency=officer.agency,
        decision_number="沪青城管罚〔2026〕1号",
        decided_on=date(2026, 3, 2),
        party=party,
        matter="0303",
        penalty_types=["罚款"],
        fine_amount=5000,
    )
    admin = api(make_user("platform_admin", "sh"))
    response = admin.delete(f"{BASE}/0303")
    assert response.status_code == 409 and response.json()["code"] == "matter_in_use"
    assert Matter.objects.filter(code="0303").exists()
