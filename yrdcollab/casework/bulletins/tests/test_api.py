import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile

from yrdcollab.casework.bulletins.files import MAX_BYTES
from yrdcollab.casework.bulletins.models import Bulletin, BulletinAttachment

from .conftest import PDF, PNG, docx_bytes

BASE = "/api/v1/bulletins/"
JSON = "application/json"


def _create(client, data, status=201):
    response = client.post(BASE, data, content_type="application/json")
    assert response.status_code == status, response.content
    return response.json()


def test_full_api_path(api, publisher, make_user, draft_data, tomorrow, agencies):
    issuer = api(publisher)
    recipient = make_user("officer", "wujiang")
    created = _create(
        issuer,
        draft_data(audience_type="region", provinces=["320000"], requires_ack=True, ack_due_on=tomorrow.isoformat()),
    )
    assert created["status"] == "draft" and created["doc_number"] == "" and created["actions"]["publish"]
    bid = created["id"]
    patched = issuer.patch(f"{BASE}{bid}", {"title": "关于渣土运输的预警提示"}, content_type="application/json")
    assert patched.status_code == 200 and patched.json()["title"] == "关于渣土运输的预警提示"

    published = issuer.post(f"{BASE}{bid}/publish")
    assert published.status_code == 200 and "通〔" in published.json()["doc_number"]
    again = issuer.post(f"{BASE}{bid}/publish")
    assert again.status_code == 409 and again.json()["code"] == "invalid_transition"

    reader = api(recipient)
    listed = reader.get(f"{BASE}?box=received").json()
    assert listed["count"] == 1 and listed["items"][0]["read"] is False
    detail = reader.get(f"{BASE}{bid}").json()
    assert detail["my_receipt"]["read_at"] and detail["actions"]["acknowledge"]
    ack = reader.post(f"{BASE}{bid}/acknowledge", {"note": "已转各中队"}, content_type="application/json")
    assert ack.status_code == 200 and ack.json()["ack_late"] is False
    assert reader.post(f"{BASE}{bid}/acknowledge", content_type=JSON).status_code == 409

    receipts = issuer.get(f"{BASE}{bid}/receipts").json()
    assert receipts["counts"]["acknowledged"] == 1 and receipts["not_read"] == []
    assert reader.get(f"{BASE}{bid}/receipts").status_code == 403
    assert issuer.get(f"{BASE}?box=issued").json()["count"] == 1
    assert issuer.get(f"{BASE}?box=received").json()["count"] == 0

    withdrawn = issuer.post(f"{BASE}{bid}/withdraw", {"reason": "已并入新通报"}, content_type="application/json")
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "withdrawn"
    assert reader.get(f"{BASE}{bid}").json()["status"] == "withdrawn"


def test_non_recipient_gets_404_recipient_gets_403(api, publisher, make_user, draft_data):
    bulletin = _create(api(publisher), draft_data(audience_type="region", provinces=["320000"]))
    bid = bulletin["id"]
    outsider = api(make_user("liaison", "jiashan"))
    assert outsider.get(f"{BASE}{bid}").status_code == 404  # draft: only the issuer
    api(publisher).post(f"{BASE}{bid}/publish")
    for method, path in [
        ("get", ""),
        ("get", "/receipts"),
        ("post", "/withdraw"),
        ("post", "/acknowledge"),
        ("post", "/publish"),
    ]:
        response = getattr(outsider, method)(f"{BASE}{bid}{path}", content_type=JSON)
        assert response.status_code == 404 and response.json()["code"] == "not_found", path
    recipient_leader = api(make_user("bureau_leader", "wujiang"))
    assert recipient_leader.post(f"{BASE}{bid}/withdraw", content_type=JSON).json()["code"] == "permission_denied"
    assert recipient_leader.post(f"{BASE}{bid}/publish").status_code == 403
    assert recipient_leader.patch(f"{BASE}{bid}", {"title": "x"}, content_type="application/json").status_code == 403


def test_bad_input(api, publisher, make_user, draft_data):
    issuer = api(publisher)
    bad = _create(issuer, draft_data(audience_type="region", provinces=["999999"]), status=422)
    assert bad["code"] == "invalid_input" and bad["details"]["field"] == "provinces"
    assert _create(issuer, draft_data(surprise=1), status=422)["code"] == "invalid_input"
    assert _create(issuer, draft_data(body="长" * 20001), status=422)["code"] == "invalid_input"
    denied = api(make_user("officer", "qingpu")).post(BASE, draft_data(), content_type="application/json")
    assert denied.status_code == 403
    assert issuer.get(f"{BASE}?box=nonsense").status_code == 422
    assert not Bulletin.objects.exists()


def test_attachments(api, publisher, make_user, draft_data, media_dir):
    issuer = api(publisher)
    bid = _create(issuer, draft_data(audience_type="region", provinces=["320000"]))["id"]
    uploaded = issuer.post(
        f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("通报 附件.PDF", PDF, content_type="text/html")}
    )
    assert uploaded.status_code == 201, uploaded.content
    body = uploaded.json()
    assert body["sha256"] == hashlib.sha256(PDF).hexdigest() and body["name"] == "通报 附件.pdf"
    assert body["content_type"] == "application/pdf"
    assert (media_dir / "bulletins" / body["sha256"]).read_bytes() == PDF
    docx = issuer.post(f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("方案.docx", docx_bytes())})
    assert docx.status_code == 201 and docx.json()["name"] == "方案.docx"
    dup = issuer.post(f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("again.pdf", PDF)})
    assert dup.status_code == 409

    api(publisher).post(f"{BASE}{bid}/publish")
    recipient = api(make_user("officer", "wujiang"))
    download = recipient.get(f"{BASE}{bid}/attachments/{body['sha256']}")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff" and download["Content-Type"] == "application/pdf"
    assert api(make_user("officer", "jiashan")).get(f"{BASE}{bid}/attachments/{body['sha256']}").status_code == 404
    assert recipient.get(f"{BASE}{bid}/attachments/{'0' * 64}").status_code == 404
    late = issuer.post(f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("late.png", PNG)})
    assert late.status_code == 409  # only drafts take attachments


def test_rejected_attachments_store_nothing(api, publisher, draft_data, media_dir):
    issuer = api(publisher)
    bid = _create(issuer, draft_data())["id"]
    big = PDF + b"0" * (MAX_BYTES + 1 - len(PDF))
    too_large = issuer.post(f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("big.pdf", big)})
    assert too_large.status_code == 422 and too_large.json()["code"] == "file_too_large"
    script = issuer.post(
        f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("looks-fine.pdf", b"<script>alert(1)</script>")}
    )
    assert script.status_code == 422 and script.json()["code"] == "file_type_not_allowed"
    exe = issuer.post(f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("a.pdf", b"MZ" + b"\x90" * 200)})
    assert exe.status_code == 422
    assert not BulletinAttachment.objects.exists()
    assert not (media_dir / "bulletins").exists() or not any((media_dir / "bulletins").iterdir())
