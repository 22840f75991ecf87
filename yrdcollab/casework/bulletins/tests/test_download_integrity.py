"""A download re-hashes the stored attachment: altered bytes are refused (409 file_altered) and
never sent; a missing file is 404 file_missing."""

import hashlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .conftest import PDF

BASE = "/api/v1/bulletins/"


def _published_with_pdf(api, publisher, draft_data) -> tuple[str, str]:
    issuer = api(publisher)
    bid = issuer.post(
        BASE, draft_data(audience_type="region", provinces=["320000"]), content_type="application/json"
    ).json()["id"]
    sha = issuer.post(f"{BASE}{bid}/attachments", {"file": SimpleUploadedFile("通报.pdf", PDF)}).json()["sha256"]
    assert issuer.post(f"{BASE}{bid}/publish").status_code == 200
    return bid, sha


def test_altered_attachment_is_refused(api, publisher, make_user, draft_data, media_dir, client):
    bid, sha = _published_with_pdf(api, publisher, draft_data)
    recipient = make_user("officer", "wujiang")
    reader = api(recipient)
    intact = reader.get(f"{BASE}{bid}/attachments/{sha}")
    assert intact.status_code == 200 and b"".join(intact.streaming_content) == PDF

    forged = PDF.replace(b"1 0 obj", b"9 0 obj")
    assert hashlib.sha256(forged).hexdigest() != sha
    (media_dir / "bulletins" / sha).write_bytes(forged)
    refused = reader.get(f"{BASE}{bid}/attachments/{sha}")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "file_altered" and body["details"] == {"sha256": sha} and body["message"]
    assert b"9 0 obj" not in refused.content and refused["Content-Type"].startswith("application/json")

    client.force_login(recipient)
    page = client.get(reverse("bulletins:attachment", args=[bid, sha]))
    assert page.status_code == 409 and b"9 0 obj" not in page.content
    assert not page.has_header("Content-Disposition")


def test_missing_attachment_is_404(api, publisher, make_user, draft_data, media_dir):
    bid, sha = _published_with_pdf(api, publisher, draft_data)
    (media_dir / "bulletins" / sha).unlink()
    response = api(make_user("officer", "wujiang")).get(f"{BASE}{bid}/attachments/{sha}")
    assert response.status_code == 404 and response.json()["code"] == "file_missing"
