from datetime import timedelta

from django.utils import timezone

from yrdcollab.casework.evidence.models import EvidenceFile, EvidenceItem
from yrdcollab.casework.evidence.store import sha256_hex
from yrdcollab.testing.files import docx_bytes, pdf_bytes, png_bytes, upload

from .conftest import KIND
from .factories import add_item, issue

BASE = "/api/v1/evidence"


def item_form(subject, **extra):
    return {
        "subject_kind": KIND,
        "subject_id": str(subject.public_id),
        "kind": "electronic",
        "title": "监控录像截图",
        "collected_by": "张三",
        "collected_at": (timezone.now() - timedelta(hours=3)).isoformat(),
        "collected_place": "朱枫公路与318国道交叉口",
        "collection_method": "调取监控",
        **extra,
    }


def test_upload_list_issue_verify_recognize(api, sender, receiver, subject, settings):
    client = api(sender)
    response = client.post(
        f"{BASE}/items",
        {**item_form(subject), "files": [upload("截图.png", png_bytes(3)), upload("说明.docx", docx_bytes())]},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["evidence_type_label"] == "电子数据"
    assert [f["content_type"] for f in body["files"]] == [
        "image/png",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    listed = api(receiver).get(f"{BASE}/items", {"subject_kind": KIND, "subject_id": str(subject.public_id)})
    assert [i["title"] for i in listed.json()] == ["监控录像截图"]

    issued = client.post(
        f"{BASE}/manifests",
        {"subject_kind": KIND, "subject_id": str(subject.public_id)},
        content_type="application/json",
    )
    assert issued.status_code == 201
    manifest_id = issued.json()["id"]
    assert issued.json()["verify_url"].endswith(f"/evidence/verify/{manifest_id}/")
    verified = api(receiver).get(f"{BASE}/manifests/{manifest_id}/verify").json()
    assert verified["status"] == "ok" and verified["files"][0]["sha256"] == sha256_hex(png_bytes(3))

    key = api(receiver).get(f"{BASE}/keys/{issued.json()['key_id']}").json()
    assert key["algorithm"] == "Ed25519" and key["agency"]["name"] == sender.agency.name

    decided = api(receiver).post(
        f"{BASE}/manifests/{manifest_id}/recognitions",
        {"decision": "not_recognized", "remarks": "收集程序不合法：未告知当事人"},
        content_type="application/json",
    )
    assert decided.status_code == 201 and decided.json()["decision_label"] == "不予认可"
    again = api(receiver).post(
        f"{BASE}/manifests/{manifest_id}/recognitions", {"decision": "recognized"}, content_type="application/json"
    )
    assert again.status_code == 409 and again.json()["code"] == "already_decided"
    detail = client.get(f"{BASE}/manifests/{manifest_id}").json()
    assert len(detail["recognitions"]) == 1


def test_forbidden_type_and_oversize_store_nothing(api, sender, subject, settings):
    client = api(sender)
    bad = client.post(f"{BASE}/items", {**item_form(subject), "files": [upload("photo.jpg", b"MZ\x90\x00" * 40)]})
    assert bad.status_code == 422 and bad.json()["code"] == "file_type_not_allowed"
    assert "不允许" in bad.json()["message"]
    settings.YRD_EVIDENCE_MAX_BYTES = 1000
    big = client.post(f"{BASE}/items", {**item_form(subject), "files": [upload("big.pdf", pdf_bytes("x" * 2000))]})
    assert big.status_code == 422 and big.json()["code"] == "file_too_large"
    none = client.post(f"{BASE}/items", item_form(subject))
    assert none.status_code == 422 and none.json()["code"] == "file_required"
    extra = client.post(f"{BASE}/items", {**item_form(subject), "owner": "x", "files": [upload("a.png", png_bytes())]})
    assert extra.status_code == 422 and extra.json()["details"]["errors"][0]["loc"] == ["form", "owner"]
    stray_file = client.post(
        f"{BASE}/items",
        {**item_form(subject), "files": [upload("a.png", png_bytes())], "attachment": upload("b.png", png_bytes(2))},
    )
    assert stray_file.status_code == 422 and stray_file.json()["details"]["errors"][0]["loc"] == ["form", "attachment"]
    assert not EvidenceItem.objects.exists()
    media = settings.STORAGES["default"]["OPTIONS"]["location"]
    assert not (media / "evidence").exists() or not any((media / "evidence").rglob("*"))


def test_other_agency_gets_404_and_non_handler_403(api, make_user, sender, outsider, subject):
    item = add_item(sender, subject)
    manifest = issue(sender, subject)
    digest = EvidenceFile.objects.filter(item=item).first().sha256
    foreign = api(outsider)
    for url in (
        f"{BASE}/manifests/{manifest.public_id}",
        f"{BASE}/manifests/{manifest.public_id}/verify",
        f"{BASE}/items/{item.public_id}",
        f"{BASE}/files/{digest}",
        f"{BASE}/items?subject_kind={KIND}&subject_id={subject.public_id}",
    ):
        assert foreign.get(url).status_code == 404, url
    assert (
        foreign.post(f"{BASE}/items", {**item_form(subject), "files": [upload("a.png", png_bytes())]}).status_code
        == 404
    )
    assert (
        foreign.post(
            f"{BASE}/manifests/{manifest.public_id}/recognitions",
            {"decision": "recognized"},
            content_type="application/json",
        ).status_code
        == 404
    )
    supervisor = api(make_user("supervisor", "sh"))
    assert supervisor.get(f"{BASE}/manifests/{manifest.public_id}/verify").status_code == 200
    denied = supervisor.post(
        f"{BASE}/manifests",
        {"subject_kind": KIND, "subject_id": str(subject.public_id)},
        content_type="application/json",
    )
    assert denied.status_code == 403
    own = api(sender).post(
        f"{BASE}/manifests/{manifest.public_id}/recognitions",
        {"decision": "recognized"},
        content_type="application/json",
    )
    assert own.status_code == 403 and own.json()["code"] == "own_evidence"
    assert api(sender).get(f"{BASE}/keys/0000000000000000").status_code == 404
    assert api().get(f"{BASE}/keys/{manifest.key_id}").status_code == 401


def test_file_download_headers(api, sender, receiver, subject, settings):
    item = add_item(sender, subject)
    row = EvidenceFile.objects.get(item=item, display_name="笔录.pdf")
    response = api(receiver).get(f"{BASE}/files/{row.sha256}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "%E7%AC%94%E5%BD%95.pdf" in response["Content-Disposition"]
    )
    assert api(receiver).get(f"{BASE}/files/not-a-hash").status_code == 404
    (settings.STORAGES["default"]["OPTIONS"]["location"] / "evidence" / row.sha256[:2] / row.sha256).write_bytes(b"x")
    assert api(receiver).get(f"{BASE}/files/{row.sha256}").json()["code"] == "file_altered"


def test_custody_api(api, sender, subject):
    seized = add_item(sender, subject, kind="seized_item", title="涉案三轮车", files=[upload("车.png", png_bytes(5))])
    url = f"{BASE}/items/{seized.public_id}/custody-events"
    form = {
        "from_party": "青浦暂扣仓库",
        "to_party": "吴江区综合执法局",
        "occurred_at": timezone.now().isoformat(),
        "place": "交接点",
        "condition": "完好",
    }
    created = api(sender).post(url, {**form, "photos": [upload("交接.png", png_bytes(6))]})
    assert created.status_code == 201 and created.json()["photos"][0]["display_name"] == "交接.png"
    missing = api(sender).post(url, {**form, "condition": ""})
    assert missing.status_code == 422
    detail = api(sender).get(f"{BASE}/items/{seized.public_id}").json()
    assert [e["to_party"] for e in detail["custody_events"]] == ["吴江区综合执法局"]
    assert detail["files"][0]["display_name"] == "车.png"
