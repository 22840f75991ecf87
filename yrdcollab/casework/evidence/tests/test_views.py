from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import timezone

from yrdcollab.casework.evidence.models import EvidenceItem, EvidenceManifest, EvidenceRecognition
from yrdcollab.testing.files import pdf_bytes, png_bytes, upload

from .conftest import KIND
from .factories import add_item, issue


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def render_panel(user, subject):
    request = RequestFactory().get("/fake/")
    request.user = user
    template = Template('{% include "evidence/_panel.html" with subject_kind="fake_subject" subject=obj %}')
    return template.render(Context({"request": request, "obj": subject}))


def test_panel_shows_items_manifests_and_allowed_forms(sender, receiver, make_user, subject):
    add_item(sender, subject)
    issue(sender, subject)
    mine = render_panel(sender, subject)
    assert "现场检查笔录（第1页）" in mine and "校验通过" in mine
    assert "签发证据清单" in mine and "登记证据" in mine
    theirs = render_panel(receiver, subject)
    assert "校验并审核" in theirs and 'data-testid="issue-manifest"' not in theirs
    superior = render_panel(make_user("officer", "sh"), subject)
    assert "登记证据" not in superior and "校验并审核" not in superior
    assert "第五十七条第二款" in mine


def test_verify_page_shows_hashes_and_recognition_form(sender, receiver, subject, outsider):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    page = client_for(receiver).get(f"/evidence/verify/{manifest.public_id}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-status="ok"' in html and manifest.key_id in html and 'data-testid="recognize-form"' in html
    assert EvidenceManifest.objects.get().items.first().files.first().sha256 in html
    assert client_for(outsider).get(f"/evidence/verify/{manifest.public_id}/").status_code == 404
    issuer_page = client_for(sender).get(f"/evidence/verify/{manifest.public_id}/").content.decode()
    assert 'data-testid="recognize-form"' not in issuer_page


def test_verify_page_reports_tampering(settings, sender, receiver, subject):
    item = add_item(sender, subject)
    manifest = issue(sender, subject)
    digest = item.files.first().sha256
    (settings.STORAGES["default"]["OPTIONS"]["location"] / "evidence" / digest[:2] / digest).write_bytes(b"forged")
    html = client_for(receiver).get(f"/evidence/verify/{manifest.public_id}/").content.decode()
    assert 'data-status="file_altered"' in html and "现场照片.png" in html
    assert 'data-testid="recognize-form"' not in html


def test_recognize_form(sender, receiver, subject):
    add_item(sender, subject)
    manifest = issue(sender, subject)
    client = client_for(receiver)
    url = f"/evidence/manifests/{manifest.public_id}/recognize/"
    missing = client.post(url, {"decision": "not_recognized", "remarks": ""})
    assert missing.status_code == 422 and "必须填写意见或理由" in missing.content.decode()
    done = client.post(url, {"decision": "recognized"})
    assert done.status_code == 302 and EvidenceRecognition.objects.get().decision == "recognized"
    assert client.post(url, {"decision": "recognized"}).status_code == 409


def test_lookup_redirects_from_id_or_url(sender, subject):
    client = client_for(sender)
    assert client.get("/evidence/verify/").status_code == 200
    manifest_id = "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    response = client.get("/evidence/verify/", {"manifest": f"https://yrd.example/evidence/verify/{manifest_id}/"})
    assert response.status_code == 302 and response["Location"] == f"/evidence/verify/{manifest_id}/"
    assert client.get("/evidence/verify/", {"manifest": "hello"}).status_code == 422
    assert client.get(f"/evidence/verify/{manifest_id}/").status_code == 404
    assert Client().get("/evidence/verify/").status_code == 302  # login required


def test_item_add_form(sender, outsider, subject):
    client = client_for(sender)
    query = {"subject_kind": KIND, "subject_id": str(subject.public_id)}
    assert client.get("/evidence/items/new/", query).status_code == 200
    assert client_for(outsider).get("/evidence/items/new/", query).status_code == 404
    form = {
        **query,
        "kind": "test_report",
        "title": "噪声检测报告",
        "collected_by": "检测站",
        "collected_at": (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
        "collected_place": "青浦区",
        "collection_method": "委托检测",
    }
    bad = client.post("/evidence/items/new/", {**form, "files": [upload("报告.pdf", b"MZ\x90\x00" * 10)]})
    assert bad.status_code == 422 and "类型不允许上传" in bad.content.decode(), bad.context["form"].errors
    assert not EvidenceItem.objects.exists()
    ok = client.post("/evidence/items/new/", {**form, "files": [upload("报告.pdf", pdf_bytes())]})
    assert ok.status_code == 302 and ok["Location"] == f"/fake/{subject.public_id}/"
    assert EvidenceItem.objects.get().evidence_type == "expert_opinion"


def test_issue_button_and_item_page_with_custody(sender, receiver, subject):
    seized = add_item(sender, subject, kind="seized_item", title="涉案三轮车", files=[upload("车.png", png_bytes(9))])
    client = client_for(sender)
    issued = client.post("/evidence/manifests/issue/", {"subject_kind": KIND, "subject_id": str(subject.public_id)})
    assert issued.status_code == 302 and EvidenceManifest.objects.count() == 1
    page = client.get(f"/evidence/items/{seized.public_id}/").content.decode()
    assert 'data-testid="custody-log"' in page and "登记交接" in page
    url = f"/evidence/items/{seized.public_id}/custody/"
    form = {
        "from_party": "青浦仓库",
        "to_party": "吴江区综合执法局",
        "place": "交接点",
        "condition": "完好",
        "occurred_at": timezone.now().strftime("%Y-%m-%dT%H:%M"),
    }
    bad = client_for(receiver).post(url, {**form, "photos": [upload("p.pdf", pdf_bytes())]})
    assert bad.status_code == 422
    assert client_for(receiver).post(url, {**form, "photos": [upload("p.png", png_bytes(10))]}).status_code == 302
    assert "吴江区综合执法局" in client.get(f"/evidence/items/{seized.public_id}/").content.decode()
    download = client.get(f"/evidence/files/{seized.files.first().sha256}/")
    assert download.status_code == 200 and download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path", ["/evidence/items/1b4e28ba-2fa1-11d2-883f-0016d3cca427/", "/evidence/files/" + "a" * 64 + "/"]
)
def test_unknown_objects_are_404(sender, path):
    assert client_for(sender).get(path).status_code == 404
