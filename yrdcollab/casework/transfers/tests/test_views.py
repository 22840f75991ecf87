"""The pages: lists with tabs and deadline colours, the form with its suggestion, the item page with
only the allowed actions, the letter."""

import pytest
from django.test import Client

from yrdcollab.casework.transfers import services
from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.testing.forms import whole_form


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def form_data(clue_payload):
    data = {k: v for k, v in clue_payload.items() if k != "parties"}
    data.update(
        {
            "party_kind": ["vehicle", "individual"],
            "party_name": ["重型自卸货车", "王某"],
            "party_identifier": ["沪A12345", "11010519491231002X"],
            "party_role": ["vehicle", "suspect"],
            "party_override": ["", ""],
        }
    )
    return data


@pytest.mark.django_db
def test_create_send_sign_accept_through_the_pages(officer, wujiang_officer, jiashan_officer, clue_payload):
    sender = login(officer)
    assert sender.get("/transfers/new/").status_code == 200
    response = sender.post("/transfers/new/", form_data(clue_payload))
    assert response.status_code == 302
    transfer = ClueTransfer.objects.get()
    page = sender.get(response["Location"]).content.decode()
    assert "1101**********002X" in page and "11010519491231002X" not in page
    assert 'data-testid="action-send"' in page and 'data-testid="action-sign"' not in page
    sender.post(f"/transfers/{transfer.public_id}/actions/send/")
    receiver = login(wujiang_officer)
    listing = receiver.get("/transfers/").content.decode()
    assert transfer.title in listing and "tag-ok" in listing
    page = receiver.get(f"/transfers/{transfer.public_id}/").content.decode()
    assert 'data-testid="action-sign"' in page and 'data-testid="action-send"' not in page
    receiver.post(f"/transfers/{transfer.public_id}/actions/sign/")
    receiver.post(f"/transfers/{transfer.public_id}/actions/accept/")
    transfer.refresh_from_db()
    assert transfer.status == "accepted"
    # A repeated click is a message, not an error page.
    again = receiver.post(f"/transfers/{transfer.public_id}/actions/accept/", follow=True)
    assert again.status_code == 200 and "当前状态下不允许此操作" in again.content.decode()
    letter = receiver.get(f"/transfers/{transfer.public_id}/letter.pdf")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    assert login(jiashan_officer).get(f"/transfers/{transfer.public_id}/").status_code == 404
    assert sender.post(f"/transfers/{transfer.public_id}/actions/start_investigation/").status_code == 403


@pytest.mark.django_db
def test_bad_form_input_is_shown_and_writes_nothing(officer, clue_payload):
    response = login(officer).post("/transfers/new/", {**form_data(clue_payload), "place_division": "999999"})
    assert response.status_code == 422 and "行政区划代码不存在" in response.content.decode()
    assert not ClueTransfer.objects.exists()


@pytest.mark.django_db
def test_receiver_suggestion_partial(officer, directory):
    html = login(officer).get("/transfers/suggest-receiver/", {"place_division": "320509001"}).content.decode()
    assert "按区划建议：苏州市吴江区综合行政执法局" in html


@pytest.mark.django_db
def test_provisional_deadline_is_marked(officer, wujiang_officer, clue_payload, work_calendar, monkeypatch):
    from datetime import datetime

    from django.utils import timezone

    client = login(officer)
    client.post("/transfers/new/", form_data(clue_payload))
    transfer = ClueTransfer.objects.get()
    real_now = timezone.now
    monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(datetime(2026, 12, 31, 16)))
    services.transfer_transition(actor=officer, transfer_id=transfer.public_id, action="send")
    monkeypatch.setattr(timezone, "now", real_now)
    listing = client.get("/transfers/?tab=outgoing").content.decode()
    assert "临时" in listing and "data-deadline=" in listing


@pytest.mark.django_db
def test_consequential_actions_carry_their_confirmation_and_a_return_needs_a_note(
    officer, wujiang_officer, clue_payload
):
    """Issue #15: sending names the receiving agency in its confirmation; signing for asks nothing;
    returning states what happens, names the sender, and its note is required."""
    sender = login(officer)
    sender.post("/transfers/new/", form_data(clue_payload))
    transfer = ClueTransfer.objects.get()
    send = whole_form(sender.get(f"/transfers/{transfer.public_id}/").content.decode(), 'data-action="send"')
    assert 'data-confirm="线索将移送至接收机构' in send
    assert f'data-confirm-party="{transfer.receiver.name}"' in send
    sender.post(f"/transfers/{transfer.public_id}/actions/send/")
    receiver = login(wujiang_officer)
    sign = whole_form(receiver.get(f"/transfers/{transfer.public_id}/").content.decode(), 'data-action="sign"')
    assert "data-confirm" not in sign
    receiver.post(f"/transfers/{transfer.public_id}/actions/sign/")
    page = receiver.get(f"/transfers/{transfer.public_id}/").content.decode()
    returning = whole_form(page, 'data-action="return"')
    assert (
        'data-confirm="线索将退回移送机构' in returning and f'data-confirm-party="{transfer.sender.name}"' in returning
    )
    assert 'name="note" maxlength="2000" required' in returning
    assert "data-confirm" not in whole_form(page, 'data-action="accept"')
    # Without a note the page says why and nothing moves.
    refused = receiver.post(
        f"/transfers/{transfer.public_id}/actions/return/", {"reason": "not_our_jurisdiction"}, follow=True
    )
    assert "退回须填写说明" in refused.content.decode()
    transfer.refresh_from_db()
    assert transfer.status == "signed"
