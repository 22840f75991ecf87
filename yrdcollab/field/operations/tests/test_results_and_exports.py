"""Who sees a campaign's results (findings, decisions, figures, tasks, report): accepted participants and
the command centre; an invited or declined agency sees the basic data and its own invitation only. The
report: downloaded through core.downloads (hardened headers), texts in the XLSX never run as formulas.
The list endpoints read a fixed number of queries whatever the number of rows. The disposal form's
errors are shown, not dropped."""

import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from yrdcollab.field.operations.models import Finding
from yrdcollab.field.operations.services import (
    campaign_invite,
    finding_record,
    finding_transition,
    participant_transition,
)
from yrdcollab.testing import personas

from .conftest import COMPANY, finding_input

pytestmark = pytest.mark.django_db
FORMULA = '=HYPERLINK("http://x","y")'


@pytest.fixture
def campaign(people, make_campaign, boundaries):
    """青浦 leads, 吴江 accepted, 嘉善 declined, 合肥 invited (no answer yet); one finding in 青浦."""
    campaign = make_campaign(accept=False, active=False)
    participant_transition(actor=people["wj_leader"], campaign_id=campaign.public_id, action="accept")
    participant_transition(
        actor=people["js_leader"], campaign_id=campaign.public_id, action="decline", reason="另有安排"
    )
    campaign_invite(
        actor=people["qp_leader"], campaign_id=campaign.public_id, agencies=[str(personas.agency("hefei").public_id)]
    )
    from yrdcollab.field.operations.services import campaign_transition

    campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="start")
    finding_record(actor=people["qp_officer"], data=finding_input(campaign))
    return campaign


def _get(api, user, path):
    return api(user).get(f"/api/v1/operations{path}")


@pytest.mark.parametrize("key", ["js_leader", "hf_leader"])
def test_declined_and_invited_agencies_see_basic_data_and_their_own_invitation_only(api, people, campaign, key):
    user, cid = people[key], campaign.public_id
    detail = _get(api, user, f"/campaigns/{cid}")
    assert detail.status_code == 200 and detail.json()["title"] == campaign.title
    assert [p["agency"]["name"] for p in detail.json()["participants"]] == [user.agency.name]
    assert _get(api, user, f"/campaigns/{cid}/findings").json() == []
    assert _get(api, user, f"/campaigns/{cid}/decisions").json() == []
    for path in ("dashboard", "tasks", "report?format=xlsx", "report?format=pdf"):
        refused = _get(api, user, f"/campaigns/{cid}/{path}")
        assert refused.status_code == 403 and refused.json()["code"] == "campaign_not_accepted", path
    # the page: basic data and the invitation, no figures, findings, decisions or report buttons
    client = api()
    client.force_login(user)
    page = client.get(reverse("operations:campaign_detail", args=[cid]))
    html = page.content.decode()
    assert page.status_code == 200 and campaign.title in html and 'data-testid="results-hidden"' in html
    for hidden in (
        'data-testid="campaign-figures"',
        'data-testid="report-xlsx"',
        'data-testid="figures-by-region"',
        'data-testid="findings"',
        'data-testid="decisions"',
        "朱家角镇沪青平公路旁",
        personas.agency("wujiang").name,
    ):
        assert hidden not in html, hidden
    assert ('data-testid="invitation"' in html) == (key == "hf_leader")
    assert client.get(reverse("operations:campaign_report", args=[cid, "xlsx"])).status_code == 403


def test_accepted_participant_and_command_centre_see_the_results(api, people, campaign):
    cid = campaign.public_id
    for key in ("wj_leader", "wj_officer", "supervisor", "qp_leader"):
        assert len(_get(api, people[key], f"/campaigns/{cid}/findings").json()) == 1, key
        assert len(_get(api, people[key], f"/campaigns/{cid}").json()["participants"]) == 4, key
        assert _get(api, people[key], f"/campaigns/{cid}/dashboard").status_code == 200, key
    assert _get(api, people["hf_officer"], f"/campaigns/{cid}/findings").json() == []  # 合肥 invited: none


def test_accepting_opens_the_results(api, people, campaign):
    cid = campaign.public_id
    participant_transition(actor=people["hf_leader"], campaign_id=cid, action="accept")
    assert len(_get(api, people["hf_leader"], f"/campaigns/{cid}/findings").json()) == 1
    assert _get(api, people["hf_leader"], f"/campaigns/{cid}/report?format=pdf").status_code == 200


def test_report_download_is_hardened_and_xlsx_texts_are_not_formulas(api, people, campaign, client):
    from yrdcollab.field.operations.services import task_assign

    finding_record(
        actor=people["qp_officer"], data=finding_input(campaign, description=FORMULA, address="=1+1", party={**COMPANY})
    )
    task_assign(
        actor=people["qp_leader"],
        campaign_id=campaign.public_id,
        title="=SUM(1,2)",
        assignee=str(people["qp_leader"].agency.public_id),
        due_on=campaign.ends_on,
    )
    response = _get(api, people["qp_leader"], f"/campaigns/{campaign.public_id}/report?format=xlsx")
    assert response.status_code == 200
    client.force_login(people["qp_leader"])
    page = client.get(reverse("operations:campaign_report", args=[campaign.public_id, "xlsx"]))
    for r in (response, page):
        assert r["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in r["Content-Security-Policy"] and "no-store" in r["Cache-Control"]
        assert r["Content-Disposition"].startswith("attachment")
    workbook = load_workbook(io.BytesIO(response.getvalue()))
    cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    by_value = {c.value: c for c in cells}
    for text in (FORMULA, "=1+1", "=SUM(1,2)"):
        assert by_value[text].data_type == "s", text
    assert not [c for c in cells if c.data_type == "f"]


def _count(api, user, path) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert _get(api, user, path).status_code == 200
    return len(queries)


def _decided_finding(people, campaign, i: int) -> None:
    finding = finding_record(actor=people["qp_officer"], data=finding_input(campaign, party={**COMPANY}))
    finding_transition(
        actor=people["qp_officer"],
        finding_id=finding.public_id,
        action="decide",
        decision_number=f"沪青罚〔2026〕{40 + i}号",
        decided_on=timezone.localdate(),
        penalty_types=["warning"],
    )


def _authorization(people) -> None:
    from datetime import timedelta

    from yrdcollab.field.operations.services import AuthorizationInput, authorization_grant

    today = timezone.localdate()
    authorization_grant(
        actor=people["wj_leader"],
        data=AuthorizationInput(
            grantee=str(people["qp_leader"].agency.public_id),
            officers=[str(people["qp_officer"].public_id)],
            matters=["03"],
            divisions=["320509"],
            valid_from=today,
            valid_to=today + timedelta(days=6),
            basis="协作协议",
        ),
    )


def test_list_endpoints_read_a_fixed_number_of_queries(api, people, campaign):
    cid, lead = campaign.public_id, people["qp_leader"]
    paths = (f"/campaigns/{cid}/findings", f"/campaigns/{cid}/decisions", "/authorizations", "/campaigns")
    _decided_finding(people, campaign, 0)
    _authorization(people)
    before = {p: _count(api, lead, p) for p in paths}
    for i in range(1, 5):
        _decided_finding(people, campaign, i)
        _authorization(people)
    assert Finding.objects.filter(campaign=campaign).count() == 6
    assert {p: _count(api, lead, p) for p in paths} == before


def test_disposal_form_errors_are_shown_and_nothing_is_written(client, people, campaign):
    finding = Finding.objects.get(campaign=campaign)
    client.force_login(people["qp_officer"])
    response = client.post(
        reverse("operations:finding_action", args=[finding.public_id, "decide"]),
        {
            "decision_number": "沪青罚〔2026〕9号",
            "decided_on": "not-a-date",
            "penalty_types": ["fine"],
            "fine_amount": "800",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.status_code == 200 and "处置未保存" in html and "决定日期" in html
    finding.refresh_from_db()
    assert finding.status == "open" and finding.decision_id is None
    # another agency's finding stays 404 even with a broken form
    client.force_login(people["hf_officer"])
    assert (
        client.post(
            reverse("operations:finding_action", args=[finding.public_id, "decide"]), {"decided_on": "x"}
        ).status_code
        == 404
    )


def test_a_declined_agency_cannot_record_a_finding(api, people, campaign):
    response = api(people["js_officer"]).post(
        "/api/v1/operations/findings",
        json.dumps(
            {
                "campaign": str(campaign.public_id),
                "matter": "0302",
                "description": "x",
                "address": "y",
                "division": "310118",
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 403  # sees the campaign, is not an accepted participant
    assert Finding.objects.filter(campaign=campaign).count() == 1
