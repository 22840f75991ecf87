"""Through the real middleware: API endpoints, letters, pages."""

from io import BytesIO

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.django_db
BASE = "/api/v1/assistance"


def _create_body(responder, matter, **overrides):
    body = {
        "responder_id": str(responder.agency.public_id),
        "type": "locate",
        "matter_code": matter.code,
        "title": "查找渣土车驾驶员",
        "questions": "请协助查找驾驶员王某的下落。",
        "parties": [{"kind": "individual", "name": "王某"}],
        "address": "吴江区汾湖高新区",
    }
    return body | overrides


def _post(client, path, body=None):
    return client.post(path, body or {}, content_type="application/json")


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_api_whole_path_with_letters(api, requester, responder, matter, make_user):
    mine, theirs = api(requester), api(responder)
    created = _post(mine, f"{BASE}/", _create_body(responder, matter))
    assert created.status_code == 201, created.content
    item = created.json()
    pid = item["id"]
    assert item["status"] == "draft" and item["allowed_actions"] == ["send", "withdraw"]
    assert mine.get(f"{BASE}/{pid}/letter").status_code == 404  # no letter before it is sent
    assert theirs.get(f"{BASE}/{pid}").status_code == 404  # nor is the draft theirs to see

    sent = _post(mine, f"{BASE}/{pid}/actions/send").json()
    assert sent["doc_number"].startswith("沪青城管协〔") and sent["deadline_state"] == "on_time"
    incoming = theirs.get(f"{BASE}/incoming").json()
    assert incoming["count"] == 1 and incoming["items"][0]["id"] == pid
    assert theirs.get(f"{BASE}/incoming?deadline=overdue").json()["count"] == 0
    assert mine.get(f"{BASE}/outgoing?status=sent&type=locate").json()["count"] == 1
    assert mine.get(f"{BASE}/incoming").json()["count"] == 0

    letter = _text(mine.get(f"{BASE}/{pid}/letter"))
    assert "协查函" in letter and sent["doc_number"] in letter and "苏州市吴江区综合行政执法局" in letter
    assert theirs.get(f"{BASE}/{pid}/reply-letter").status_code == 404

    assert _post(theirs, f"{BASE}/{pid}/actions/acknowledge").status_code == 200
    answered = _post(theirs, f"{BASE}/{pid}/actions/respond", {"findings": "王某现居吴江区黎里镇。"})
    assert answered.status_code == 200 and answered.json()["status"] == "responded"
    reply = _text(mine.get(f"{BASE}/{pid}/reply-letter"))
    assert "协查回复函" in reply and "王某现居吴江区黎里镇" in reply and answered.json()["reply_doc_number"] in reply
    done = _post(mine, f"{BASE}/{pid}/actions/confirm").json()
    assert done["status"] == "confirmed" and [e["action"] for e in done["events"]][-1] == "confirm"
    # The superior bureau and the command centre can read it; a third agency cannot.
    assert api(make_user("liaison", "sh")).get(f"{BASE}/{pid}").status_code == 200
    assert api(make_user("supervisor", "sh")).get(f"{BASE}/{pid}").status_code == 200
    assert api(make_user("officer", "jiashan")).get(f"{BASE}/{pid}/letter").status_code == 404


def test_api_errors(api, requester, responder, matter, make_user):
    mine, theirs = api(requester), api(responder)
    bad = _post(mine, f"{BASE}/", _create_body(responder, matter, title=""))
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_input"
    unknown = _post(mine, f"{BASE}/", _create_body(responder, matter, colour="red"))
    assert unknown.status_code == 422
    too_long = _post(mine, f"{BASE}/", _create_body(responder, matter, questions="问" * 5001))
    assert too_long.status_code == 422
    assert mine.get(f"{BASE}/outgoing").json()["count"] == 0
    assert mine.get(f"{BASE}/incoming?status=bogus").status_code == 422

    pid = _post(mine, f"{BASE}/", _create_body(responder, matter)).json()["id"]
    _post(mine, f"{BASE}/{pid}/actions/send")
    again = _post(mine, f"{BASE}/{pid}/actions/send")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"
    assert _post(theirs, f"{BASE}/{pid}/actions/withdraw").status_code == 403
    assert _post(api(make_user("officer", "jiashan")), f"{BASE}/{pid}/actions/acknowledge").status_code == 404
    assert _post(theirs, f"{BASE}/{pid}/actions/respond", {"findings": "x"}).status_code == 409
    unknown_action = _post(theirs, f"{BASE}/{pid}/actions/fly")
    assert unknown_action.status_code == 422 and unknown_action.json()["code"] == "unknown_action"
    ext = _post(theirs, f"{BASE}/{pid}/actions/request_extension", {"reason": "理由", "proposed_due_on": "2020-01-01"})
    assert ext.status_code == 422 and ext.json()["details"]["field"] == "proposed_due_on"
    assert (
        _post(theirs, f"{BASE}/{pid}/actions/request_extension", {"reason": "理由", "proposed_due_on": "x"}).status_code
        == 422
    )
    assert api().get(f"{BASE}/incoming").status_code == 401


def test_pages(client, requester, responder, matter):
    client.force_login(requester)
    page = client.get("/assistance/new/")
    assert page.status_code == 200 and "发起协查" in page.content.decode()
    form = {
        "responder_id": str(responder.agency.public_id),
        "type": "serve_documents",
        "matter_code": matter.code,
        "title": "送达责令改正通知书",
        "questions": "请向当事人送达沪青城管责改〔2026〕8号通知书。",
        "party_kind_1": "organisation",
        "party_name_1": "苏州某建材有限公司",
    }
    created = client.post("/assistance/new/", form)
    assert created.status_code == 302
    detail_url = created["Location"]
    assert client.post("/assistance/new/", {**form, "title": ""}).status_code == 422
    body = client.get(detail_url).content.decode()
    assert "送达责令改正通知书" in body and 'data-action="send"' in body
    assert client.post(detail_url + "actions/send/").status_code == 302
    listing = client.get("/assistance/?tab=outgoing").content.decode()
    assert "沪青城管协〔" in listing and 'data-deadline="on_time"' in listing
    assert client.get(detail_url + "letter.pdf")["Content-Type"] == "application/pdf"
    assert client.get(detail_url + "reply-letter.pdf").status_code == 404
    assert client.post(detail_url + "actions/send/").status_code == 409

    client.logout()
    client.force_login(responder)
    assert 'data-deadline="on_time"' in client.get("/assistance/").content.decode()
    assert client.post(detail_url + "actions/acknowledge/").status_code == 302
    bad = client.post(detail_url + "actions/request_extension/", {"reason": "理由", "proposed_due_on": "2020-01-01"})
    assert bad.status_code == 422 and "申请延至的日期" in bad.content.decode()
    assert client.post(detail_url + "actions/withdraw/").status_code == 403


def test_the_letter_qr_code_opens_the_requesters_evidence_manifest(
    api, requester, responder, matter, settings, tmp_path
):
    import io

    from pypdf import PdfReader

    from yrdcollab.testing.files import pdf_bytes

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    mine = api(requester)
    pid = _post(mine, f"{BASE}/", _create_body(responder, matter)).json()["id"]
    _post(mine, f"{BASE}/{pid}/actions/send")

    def letter_text() -> str:
        return PdfReader(io.BytesIO(mine.get(f"{BASE}/{pid}/letter").content)).pages[0].extract_text()

    assert f"/assistance/{pid}/" in letter_text()  # no manifest yet: the request's own page
    item = mine.post(
        "/api/v1/evidence/items",
        {
            "subject_kind": "assistance",
            "subject_id": pid,
            "kind": "documentary",
            "title": "车辆登记信息",
            "collected_by": "张明",
            "collected_at": "2026-11-20T10:00:00+08:00",
            "collected_place": "青浦区",
            "collection_method": "调取",
            "files": io.BytesIO(pdf_bytes()),
        },
    )
    assert item.status_code == 201, item.content
    manifest = _post(mine, "/api/v1/evidence/manifests", {"subject_kind": "assistance", "subject_id": pid}).json()
    assert f"/evidence/verify/{manifest['id']}/" in letter_text().replace("\n", "")
