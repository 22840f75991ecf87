"""The confirmation of consequential moves (issue #15 item 2): a refused extension must say why, and
the item page's forms state what a move does and to whom before it is sent."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.casework.assistance.models import AssistanceEvent, ExtensionRequest
from yrdcollab.casework.assistance.states import TRANSITIONS
from yrdcollab.testing.forms import form_tag

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assistance"


@pytest.fixture
def extension_asked(draft, act, requester, responder):
    """A sent request whose responder asked for more time."""
    request = act(requester, draft(), "send")
    later = timezone.localtime(request.due_at).date() + timedelta(days=5)
    return act(responder, request, "request_extension", reason="当事人外出，需延后核实。", proposed_due_on=later)


def test_refusing_an_extension_without_a_reason_is_422_note_required_and_writes_nothing(
    api, requester, extension_asked
):
    url = f"{BASE}/{extension_asked.public_id}/actions/refuse_extension"
    events = AssistanceEvent.objects.count()
    refused = api(requester).post(url, {"reason": "   "}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["code"] == "note_required" and refused.json()["details"]["field"] == "reason"
    assert ExtensionRequest.objects.get().status == "pending" and AssistanceEvent.objects.count() == events
    done = api(requester).post(url, {"reason": "案件办理期限紧迫，请按期答复。"}, content_type="application/json")
    assert done.status_code == 200 and ExtensionRequest.objects.get().status == "refused"


def test_the_requesters_forms_state_the_consequence_and_the_responder(client, requester, responder, extension_asked):
    client.force_login(requester)
    html = client.get(f"/assistance/{extension_asked.public_id}/").content.decode()
    refuse = form_tag(html, 'data-action="refuse_extension"')
    assert f'data-confirm="{TRANSITIONS.consequence("refuse_extension")}"' in refuse
    assert f'data-confirm-party="{responder.agency.name}"' in refuse
    assert re.search(r'<input id="refuse_reason" name="reason" maxlength="500" required>', html)
    assert f'data-confirm="{TRANSITIONS.consequence("withdraw")}"' in form_tag(html, 'data-action="withdraw"')


def test_acknowledging_is_not_confirmed_and_the_response_names_the_requester(client, draft, act, requester, responder):
    request = act(requester, draft(), "send")
    client.force_login(responder)
    html = client.get(f"/assistance/{request.public_id}/").content.decode()
    assert "data-confirm" not in form_tag(html, 'data-action="acknowledge"')
    act(responder, request, "acknowledge")
    respond = form_tag(client.get(f"/assistance/{request.public_id}/").content.decode(), 'data-action="respond"')
    assert "协查结果将答复请求机构" in respond and f'data-confirm-party="{requester.agency.name}"' in respond
