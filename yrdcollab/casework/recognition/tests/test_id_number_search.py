import pytest
from django.test import Client

from yrdcollab.platform.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_a_decision_search_by_full_id_number_is_audited_with_the_number_masked(make_user):
    officer = make_user("officer", "qingpu")
    client = Client()
    client.force_login(officer)
    response = client.get("/api/v1/recognition/decisions", {"q": "11010519491231002X"})
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="party.searched_by_id_number")
    assert "11010519491231002X" not in str(entry.summary)
    assert entry.actor == officer
