"""The API twin of the workflow: whole path, return + re-route, 409/404/403 and bad input."""

import json
from io import BytesIO

import pytest
from pypdf import PdfReader

from yrdcollab.casework.collaboration.models import TrackedItem
from yrdcollab.casework.transfers.models import ClueTransfer, TransferEvent, TransferRouting
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification

BASE = "/api/v1/transfers/"


def post(client, url, body=None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def create(client, payload):
    response = post(client, BASE, payload)
    assert response.status_code == 201, response.content
    return response.json()


def act(client, transfer_id, action, body=None):
    return post(client, f"{BASE}{transfer_id}/actions/{action}", body)


@pytest.mark.django_db
def test_whole_path_draft_to_closed(
    api, officer, wujiang_officer, clue_payload, make_user, django_capture_on_commit_callbacks
):
    make_user("squad_leader", "wujiang")
    sender, receiver = api(officer), api(wujiang_officer)
    draft = create(sender, clue_payload)
    tid = draft["id"]
    assert draft["status"] == "draft" and draft["doc_number"] == ""
    assert draft["allowed_actions"] == ["send", "cancel"]
    # Parties are masked in every response.
    identifiers = {p["name"]: p["identifier"] for p in draft["parties"]}
    assert identifiers == {"重型自卸货车": "沪A12345", "王某": "1101**********002X"}
    # The receiver does not see a draft.
    assert receiver.get(f"{BASE}{tid}").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        sent = act(sender, tid, "send").json()
    assert sent["status"] == "sent" and sent["doc_number"].startswith("沪青城管移〔")
    assert sent["step"] == "sign" and sent["due_at"] and sent["legal_basis"]
    assert Notification.objects.filter(recipient=wujiang_officer, kind="transfer.send").exists()
    item = TrackedItem.objects.get(public_id=tid)
    assert item.waiting_on.name == "苏州市吴江区综合行政执法局" and item.step == "sign" and item.state == "open"

    incoming = receiver.get(BASE + "incoming").json()
    assert [row["id"] for row in incoming] == [tid]
    assert receiver.get(BASE + "outgoing").json() == []

    assert act(receiver, tid, "sign").json()["status"] == "signed"
    assert act(receiver, tid, "accept").json()["step"] == "conclude"
    due_accept = ClueTransfer.objects.get(public_id=tid).due_at
    assert act(receiver, tid, "start_investigation").json()["status"] == "investigating"
    assert ClueTransfer.objects.get(public_id=tid).due_at == due_accept  # the 90 days keep running
    concluded = act(receiver, tid, "conclude", {"outcome": "case_filed", "local_case_number": "吴综执立〔2026〕88号"})
    assert concluded.status_code == 200, concluded.content
    assert concluded.json()["step"] == "confirm"
    assert TrackedItem.objects.get(public_id=tid).waiting_on.name == "上海市青浦区城市管理行政执法局"
    closed = act(sender, tid, "confirm_close", {"note": "已收悉"}).json()
    assert closed["status"] == "closed" and closed["due_at"] is None and closed["allowed_actions"] == []
    assert TrackedItem.objects.get(public_id=tid).state == "closed"
    assert [e["action"] for e in closed["timeline"]] == [
        "create",
        "send",
        "sign",
        "accept",
        "start_investigation",
        "conclude",
        "confirm_close",
    ]
    assert set(AuditEntry.objects.filter(object_id=tid).values_list("action", flat=True)) >= {
        "transfer.created",
        "transfer.send",
        "transfer.sign",
        "transfer.accept",
        "transfer.conclude",
        "transfer.confirm_close",
    }


@pytest.mark.django_db
def test_return_and_reroute_keep_the_history(api, officer, wujiang_officer, jiashan_officer, agency, clue_payload):
    sender, receiver, third = api(officer), api(wujiang_officer), api(jiashan_officer)
    tid = create(sender, clue_payload)["id"]
    first_number = act(sender, tid, "send").json()["doc_number"]
    act(receiver, tid, "sign")
    assert act(receiver, tid, "return", {}).status_code == 422  # a reason is required
    # … and a note: the sender must learn why (issue #15); nothing is written without it.
    for note in ({}, {"note": "   "}):
        refused = act(receiver, tid, "return", {"reason": "not_our_jurisdiction", **note})
        assert refused.status_code == 422 and refused.json()["code"] == "note_required"
        assert refused.json()["details"]["field"] == "note"
    assert TransferEvent.objects.filter(transfer__public_id=tid, action="return").count() == 0
    returned = act(receiver, tid, "return", {"reason": "not_our_jurisdiction", "note": "发生地属嘉善县"}).json()
    assert returned["status"] == "returned" and returned["return_reason"] == "not_our_jurisdiction"
    assert TrackedItem.objects.get(public_id=tid).waiting_on.name == "上海市青浦区城市管理行政执法局"
    # Re-routing needs another agency than the one that returned it.
    same = act(sender, tid, "reroute", {"receiver": clue_payload["receiver"]})
    assert same.status_code == 422 and same.json()["code"] == "receiver_unchanged"
    rerouted = act(sender, tid, "reroute", {"receiver": str(agency("jiashan").public_id)}).json()
    assert rerouted["status"] == "sent" and rerouted["receiver"]["name"] == "嘉善县综合行政执法局"
    assert rerouted["doc_number"] != first_number
    assert [r["receiver"] for r in rerouted["routings"]] == ["苏州市吴江区综合行政执法局", "嘉善县综合行政执法局"]
    assert rerouted["routings"][0]["return_reason"] == "not_our_jurisdiction"
    assert [e["action"] for e in rerouted["timeline"]][-4:] == ["send", "sign", "return", "reroute"]
    assert TransferRouting.objects.filter(transfer__public_id=tid).count() == 2
    assert act(third, tid, "sign").json()["status"] == "signed"
    assert TrackedItem.objects.get(public_id=tid).receiver.name == "嘉善县综合行政执法局"


@pytest.mark.django_db
def test_illegal_transitions_are_409(api, officer, wujiang_officer, clue_payload):
    sender, receiver = api(officer), api(wujiang_officer)
    tid = create(sender, clue_payload)["id"]
    act(sender, tid, "send")
    response = act(receiver, tid, "accept")  # must sign first
    assert response.status_code == 409 and response.json()["code"] == "invalid_transition"
    assert act(sender, tid, "send").status_code == 409
    assert act(receiver, tid, "sign").status_code == 200
    assert act(receiver, tid, "sign").status_code == 409  # sequential double submission
    assert TransferEvent.objects.filter(transfer__public_id=tid, action="sign").count() == 1
    assert act(sender, tid, "bogus").json()["code"] == "unknown_action"
    # A field that does not belong to the action is refused.
    assert act(receiver, tid, "accept", {"reason": "insufficient_facts"}).status_code == 422


@pytest.mark.django_db
def test_third_agency_gets_404_and_wrong_side_403(
    api, officer, wujiang_officer, jiashan_officer, make_user, clue_payload
):
    sender, receiver, third = api(officer), api(wujiang_officer), api(jiashan_officer)
    tid = create(sender, clue_payload)["id"]
    act(sender, tid, "send")
    assert receiver.get(f"{BASE}{tid}").status_code == 200
    for call in (
        lambda: third.get(f"{BASE}{tid}"),
        lambda: act(third, tid, "sign"),
        lambda: third.get(f"{BASE}{tid}/letter"),
    ):
        response = call()
        assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert third.get(BASE + "incoming").json() == []
    # The sender sees it but may not sign for the receiver.
    response = act(sender, tid, "sign")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    # The Shanghai municipal bureau (above 青浦) and the command centre see it but do not act.
    for user in (make_user("liaison", "sh"), make_user("supervisor", "sh")):
        assert api(user).get(f"{BASE}{tid}").status_code == 200
        assert act(api(user), tid, "sign").status_code == 403
    # An auditor of the receiving agency sees nothing in the lists and cannot act.
    auditor = make_user("auditor", "wujiang")
    assert act(api(auditor), tid, "sign").status_code == 403
    # Editing a sent clue: 409; the receiver cannot edit a draft it cannot see.
    patch = sender.patch(f"{BASE}{tid}", data=json.dumps({"title": "新标题"}), content_type="application/json")
    assert patch.status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change, code",
    [
        ({"matter": "NOPE"}, "unknown_matter"),
        ({"place_division": "999999"}, "division_not_found"),
        ({"place_division": "320000"}, "division_level"),
        ({"latitude": 91.0}, "latitude_out_of_range"),
        ({"longitude": -181.0}, "longitude_out_of_range"),
        ({"latitude": None}, "coordinates_incomplete"),
        ({"facts": "违" * 5001}, "invalid_input"),
        ({"title": "   "}, "required"),
        ({"parties": [{"kind": "spaceship", "name": "X"}]}, "party_kind"),
        ({"unknown_field": 1}, "invalid_input"),
    ],
)
def test_bad_input_is_422_and_writes_nothing(api, officer, clue_payload, change, code):
    payload = {**clue_payload, **change}
    before = AuditEntry.objects.count()
    from yrdcollab.platform.parties.models import Party

    parties_before = Party.objects.count()
    response = post(api(officer), BASE, payload)
    assert response.status_code == 422, response.content
    assert response.json()["code"] == code
    assert ClueTransfer.objects.count() == 0 and Party.objects.count() == parties_before
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_receiver_must_be_another_agency_and_only_handlers_create(api, officer, agency, make_user, clue_payload):
    own = {**clue_payload, "receiver": str(agency("qingpu").public_id)}
    assert post(api(officer), BASE, own).json()["code"] == "receiver_is_sender"
    assert post(api(make_user("auditor", "qingpu")), BASE, clue_payload).status_code == 403


@pytest.mark.django_db
def test_patch_draft(api, officer, clue_payload):
    client = api(officer)
    tid = create(client, clue_payload)["id"]
    response = client.patch(
        f"{BASE}{tid}", data=json.dumps({"title": "修改后的标题", "parties": []}), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["title"] == "修改后的标题"
    assert response.json()["parties"] == []
    bad = client.patch(f"{BASE}{tid}", data=json.dumps({"latitude": 100}), content_type="application/json")
    assert bad.status_code == 422


@pytest.mark.django_db
def test_letter_pdf_after_sending(api, officer, wujiang_officer, clue_payload):
    sender = api(officer)
    tid = create(sender, clue_payload)["id"]
    assert sender.get(f"{BASE}{tid}/letter").status_code == 409  # not sent yet
    number = act(sender, tid, "send").json()["doc_number"]
    response = api(wujiang_officer).get(f"{BASE}{tid}/letter")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert number in text and "线索移送函" in text and "苏州市吴江区综合行政执法局" in text
    assert "1101**********002X" in text and "11010519491231002X" not in text


@pytest.mark.django_db
def test_suggest_receiver(api, officer, directory):
    client = api(officer)
    town = client.get(BASE + "suggest-receiver", {"division": "310118001"}).json()
    assert town["agency"]["name"] == "上海市青浦区城市管理行政执法局"
    county = client.get(BASE + "suggest-receiver", {"division": "320509"}).json()
    assert county["agency"]["name"] == "苏州市吴江区综合行政执法局"
    assert client.get(BASE + "suggest-receiver", {"division": "999999"}).status_code == 404


@pytest.mark.django_db
def test_list_filters(api, officer, wujiang_officer, clue_payload):
    sender = api(officer)
    first = create(sender, clue_payload)["id"]
    create(sender, {**clue_payload, "title": "另一条线索"})
    act(sender, first, "send")
    assert len(sender.get(BASE + "outgoing").json()) == 2
    assert [r["id"] for r in sender.get(BASE + "outgoing", {"status": "sent"}).json()] == [first]
    assert len(sender.get(BASE + "outgoing", {"q": "另一条"}).json()) == 1
    assert len(sender.get(BASE + "outgoing", {"matter": "T03"}).json()) == 2
    assert len(api(wujiang_officer).get(BASE + "incoming", {"deadline": "overdue"}).json()) == 0
    assert sender.get(BASE + "outgoing", {"status": "nope"}).status_code == 422
