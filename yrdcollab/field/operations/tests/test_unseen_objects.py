"""A campaign or an authorization is a 404 for a role that reads none of them, on the pages and the
API alike — as if it did not exist (CONVENTIONS §5); only the lists answer that role 403, and one
who sees the object but may not act gets 403 (issue #13 item 6e)."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from yrdcollab.field.operations import clock
from yrdcollab.field.operations.services import AuthorizationInput, authorization_grant
from yrdcollab.testing import personas


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def authorization(people):
    return authorization_grant(
        actor=people["wj_leader"],
        data=AuthorizationInput(
            grantee=str(personas.agency("qingpu").public_id),
            officers=[str(people["qp_officer"].public_id)],
            matters=["03"],
            divisions=["320509"],
            valid_from=clock.today(),
            valid_to=clock.today() + timedelta(days=6),
            basis="吴江—青浦毗邻区域执法协作协议",
        ),
    )


def test_campaign_pages_and_api_are_404_for_a_role_that_reads_no_campaigns(people, make_campaign, api):
    campaign = make_campaign()
    auditor = people["auditor"]  # reads no campaigns
    page = _page(auditor)
    for url in (
        reverse("operations:campaign_detail", args=[campaign.public_id]),
        reverse("operations:finding_create", args=[campaign.public_id]),
        reverse("operations:campaign_report", args=[campaign.public_id, "xlsx"]),
    ):
        assert page.get(url).status_code == 404, url
    assert page.post(reverse("operations:campaign_action", args=[campaign.public_id, "close"])).status_code == 404
    client = api(auditor)
    assert client.get(f"/api/v1/operations/campaigns/{campaign.public_id}").status_code == 404
    closed = client.post(
        f"/api/v1/operations/campaigns/{campaign.public_id}/actions/close",
        data=json.dumps({"remarks": "x"}),
        content_type="application/json",
    )
    assert closed.status_code == 404 and closed.json()["code"] == "not_found"
    assert client.get("/api/v1/operations/campaigns").status_code == 403  # the list may stay 403
    # The command centre sees the campaign but records no findings: 403, not 404.
    supervisor = _page(people["supervisor"])
    assert supervisor.get(reverse("operations:campaign_detail", args=[campaign.public_id])).status_code == 200
    assert supervisor.get(reverse("operations:finding_create", args=[campaign.public_id])).status_code == 403


def test_authorization_pages_and_api_are_404_for_a_role_that_reads_none(people, authorization, api):
    auditor = people["auditor"]
    page = _page(auditor)
    assert page.get(reverse("operations:authorization_detail", args=[authorization.public_id])).status_code == 404
    assert (
        page.get(reverse("operations:authorization_finding_create", args=[authorization.public_id])).status_code == 404
    )
    assert page.post(reverse("operations:authorization_revoke", args=[authorization.public_id])).status_code == 404
    client = api(auditor)
    assert client.get(f"/api/v1/operations/authorizations/{authorization.public_id}").status_code == 404
    revoked = client.post(
        f"/api/v1/operations/authorizations/{authorization.public_id}/revoke",
        data=json.dumps({"reason": "x"}),
        content_type="application/json",
    )
    assert revoked.status_code == 404
    assert client.get("/api/v1/operations/authorizations").status_code == 403
    # The grantee sees it and may not revoke it: 403, not 404.
    refused = api(people["qp_officer"]).post(
        f"/api/v1/operations/authorizations/{authorization.public_id}/revoke",
        data=json.dumps({"reason": "x"}),
        content_type="application/json",
    )
    assert refused.status_code == 403
