"""The confirmation of consequential moves (issue #15): a decline, a dismissal and a revocation are
refused without a written reason (422 note_required, nothing written), and the pages put what a move
will do and whom it concerns on its form — and nothing on a harmless one."""

import json
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yrdcollab.field.operations.models import CampaignParticipant, Finding, InspectionAuthorization
from yrdcollab.field.operations.services import AuthorizationInput, authorization_grant, finding_record
from yrdcollab.field.operations.states import (
    AUTHORIZATION_TRANSITIONS,
    CAMPAIGN_TRANSITIONS,
    FINDING_TRANSITIONS,
    PARTICIPANT_TRANSITIONS,
)
from yrdcollab.testing import personas
from yrdcollab.testing.forms import confirms, form_tag

from .conftest import COMPANY, finding_input

pytestmark = pytest.mark.django_db


def post(client, url, body):
    return client.post(f"/api/v1/operations{url}", json.dumps(body), content_type="application/json")


def note_required(response, field):
    body = response.json()
    return response.status_code == 422 and body["code"] == "note_required" and body["details"]["field"] == field


def _authorization(people) -> InspectionAuthorization:
    today = timezone.localdate()
    return authorization_grant(
        actor=people["wj_leader"],
        data=AuthorizationInput(
            grantee=str(personas.agency("qingpu").public_id),
            officers=[str(people["qp_officer"].public_id)],
            matters=["03"],
            divisions=["320509"],
            valid_from=today,
            valid_to=today + timedelta(days=6),
            basis="吴江—青浦毗邻区域执法协作协议",
        ),
    )


def test_declining_an_invitation_needs_a_reason(people, api, make_campaign):
    campaign = make_campaign(active=False, accept=False)
    refused = post(api(people["wj_leader"]), f"/campaigns/{campaign.public_id}/response", {"action": "decline"})
    assert note_required(refused, "reason")
    blank = post(
        api(people["wj_leader"]), f"/campaigns/{campaign.public_id}/response", {"action": "decline", "reason": "  "}
    )
    assert note_required(blank, "reason")
    assert CampaignParticipant.objects.get(campaign=campaign, agency=people["wj_leader"].agency).status == "invited"


def test_dismissing_a_finding_needs_a_note(people, api, make_campaign, boundaries):
    finding = finding_record(actor=people["qp_officer"], data=finding_input(make_campaign(), party=COMPANY))
    refused = post(api(people["qp_officer"]), f"/findings/{finding.public_id}/actions/dismiss", {})
    assert note_required(refused, "note")
    finding.refresh_from_db()
    assert finding.status == "open" and finding.disposal_note == ""


def test_revoking_an_authorization_needs_a_reason(people, api):
    authorization = _authorization(people)
    refused = post(api(people["wj_leader"]), f"/authorizations/{authorization.public_id}/revoke", {"reason": ""})
    assert note_required(refused, "reason")
    authorization.refresh_from_db()
    assert authorization.status == "active" and authorization.revoked_reason == ""


def test_the_campaign_page_confirms_cancel_and_decline_but_not_start_or_accept(client, people, make_campaign):
    campaign = make_campaign(active=False, accept=False)
    client.force_login(people["wj_leader"])
    invited = client.get(reverse("operations:campaign_detail", args=[campaign.public_id])).content.decode()
    decline = form_tag(invited, reverse("operations:campaign_respond", args=[campaign.public_id, "decline"]))
    assert confirms(decline, PARTICIPANT_TRANSITIONS.consequence("decline"), campaign.initiator.name)
    assert re.search(r'<input id="decline-reason" name="reason"[^>]* required>', invited)
    accept = form_tag(invited, reverse("operations:campaign_respond", args=[campaign.public_id, "accept"]))
    assert "data-confirm" not in accept
    client.post(reverse("operations:campaign_respond", args=[campaign.public_id, "accept"]))

    client.force_login(people["qp_leader"])
    page = client.get(reverse("operations:campaign_detail", args=[campaign.public_id])).content.decode()
    cancel = form_tag(page, reverse("operations:campaign_action", args=[campaign.public_id, "cancel"]))
    assert confirms(cancel, CAMPAIGN_TRANSITIONS.consequence("cancel"), people["wj_leader"].agency.name)
    start = form_tag(page, reverse("operations:campaign_action", args=[campaign.public_id, "start"]))
    assert "data-confirm" not in start


def test_the_finding_page_confirms_each_disposal(client, people, make_campaign, boundaries):
    finding = finding_record(actor=people["qp_officer"], data=finding_input(make_campaign(), party=COMPANY))
    client.force_login(people["qp_officer"])
    page = client.get(reverse("operations:finding_detail", args=[finding.public_id])).content.decode()
    dismiss = form_tag(page, reverse("operations:finding_action", args=[finding.public_id, "dismiss"]))
    assert confirms(dismiss, FINDING_TRANSITIONS.consequence("dismiss"), COMPANY["name"])
    assert '<input id="n-dismiss" name="note" maxlength="500" required>' in page
    assert '<input id="n-decide" name="note" maxlength="500">' in page  # a decision's note stays optional
    decide = form_tag(page, reverse("operations:finding_action", args=[finding.public_id, "decide"]))
    assert confirms(decide, FINDING_TRANSITIONS.consequence("decide"), COMPANY["name"])
    assert Finding.objects.get().status == "open"


def test_the_authorization_page_confirms_a_revocation(client, people):
    authorization = _authorization(people)
    client.force_login(people["wj_leader"])
    page = client.get(reverse("operations:authorization_detail", args=[authorization.public_id])).content.decode()
    revoke = form_tag(page, reverse("operations:authorization_revoke", args=[authorization.public_id]))
    assert confirms(revoke, AUTHORIZATION_TRANSITIONS.consequence("revoke"), personas.agency("qingpu").name)
    assert people["qp_officer"].full_name in revoke
    assert re.search(r'<input id="revoke-reason" name="reason"[^>]* required>', page)
