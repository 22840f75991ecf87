"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

from datetime import date

import pytest

from yrdcollab.testing.credit import credit_record_make, credit_user, post_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("measure_catalogue")]
BASE = "/api/v1/credit/records"
MAX = 12


@pytest.fixture
def record(matters):
    credit_user("credit_officer", "hefei")
    credit_user("bureau_leader", "hefei")
    return credit_record_make(agency_key_or_agency="hefei", decided_on=date(2026, 5, 6), penalty_types=["罚款"])


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("reclassify", {"severity": "serious", "reason": "按行业分级标准认定为严重"}),
        ("reclassify", {"publicity_ends_on": "2026-12-31", "reason": "缩短公示期"}),
        ("withdraw", {"ground": "revoked", "reason": "复议机关撤销原处罚决定"}),
    ],
)
def test_record_action(api, record, request_queries, action, body):
    client = api(credit_user("credit_officer", "hefei"))
    client.get(f"{BASE}/")  # warm
    with request_queries(max=MAX):
        response = post_json(client, f"{BASE}/{record.public_id}/{action}", body)
    assert response.status_code == 200, response.content
