from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yrdcollab.casework.bulletins.models import Bulletin, BulletinRecipient

from .conftest import PDF


def _login(client, user):
    client.force_login(user)
    return client


def test_draft_publish_read_acknowledge_through_pages(client, publisher, make_user, agencies, tomorrow):
    _login(client, publisher)
    assert client.get(reverse("bulletins:create")).status_code == 200
    options = client.get(reverse("bulletins:agency_options"), {"q": "320509"})
    assert "苏州市吴江区综合行政执法局" in options.content.decode()
    response = client.post(
        reverse("bulletins:create"),
        {
            "kind": "typical_case",
            "title": "跨省渣土偷倒典型案例",
            "body": "2026年某日……",
            "audience_type": "agencies",
            "agencies": [str(agencies["wujiang"].public_id)],
            "requires_ack": "on",
            "ack_due_on": tomorrow.isoformat(),
        },
    )
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "bulletins:detail", args=[bulletin.public_id]
    )
    edit = client.get(reverse("bulletins:edit", args=[bulletin.public_id]))
    assert "苏州市吴江区综合行政执法局" in edit.content.decode()

    client.post(
        reverse("bulletins:attachment_upload", args=[bulletin.public_id]),
        {"file": SimpleUploadedFile("案例材料.pdf", PDF)},
    )
    assert bulletin.attachments.count() == 1
    client.post(reverse("bulletins:publish", args=[bulletin.public_id]))
    page = client.get(reverse("bulletins:detail", args=[bulletin.public_id])).content.decode()
    assert 'data-testid="receipts"' in page and 'data-testid="not-read"' in page

    client.logout()
    officer = make_user("officer", "wujiang")
    _login(client, officer)
    listing = client.get(reverse("bulletins:list")).content.decode()
    assert 'data-testid="bulletin-unread"' in listing and "跨省渣土偷倒典型案例" in listing
    detail = client.get(reverse("bulletins:detail", args=[bulletin.public_id])).content.decode()
    assert 'data-testid="acknowledge"' in detail and "案例材料.pdf" in detail and 'data-testid="receipts"' not in detail
    client.post(reverse("bulletins:acknowledge", args=[bulletin.public_id]), {"note": "收到"})
    receipt = BulletinRecipient.objects.get()
    assert receipt.read_by == officer and receipt.acknowledged_by == officer
    assert client.post(reverse("bulletins:publish", args=[bulletin.public_id])).status_code == 403


def test_form_errors_and_404(client, publisher, make_user, agencies):
    _login(client, publisher)
    response = client.post(
        reverse("bulletins:create"), {"kind": "warning", "title": "预警", "body": "正文", "audience_type": "region"}
    )
    assert response.status_code == 422 and "请至少选择一个省（市）。" in response.content.decode()
    assert not Bulletin.objects.exists()
    client.logout()
    _login(client, make_user("officer", "jiashan"))
    assert client.get(reverse("bulletins:create")).status_code == 403
    assert client.get(reverse("bulletins:detail", args=["00000000-0000-0000-0000-000000000000"])).status_code == 404


def test_a_form_date_beyond_2100_is_a_field_error_and_nothing_is_stored(client, publisher, agencies):
    """Issue #13: a form's date reaches the database only inside 1900–2100 (core.validation)."""
    _login(client, publisher)
    response = client.post(
        reverse("bulletins:create"),
        {
            "kind": "typical_case",
            "title": "日期越界",
            "body": "正文",
            "audience_type": "agencies",
            "agencies": [str(agencies["wujiang"].public_id)],
            "requires_ack": "on",
            "ack_due_on": "9999-12-31",
        },
    )
    assert response.status_code == 422
    assert "日期须在 1900-01-01 至 2100-12-31 之间" in response.content.decode()
    assert not Bulletin.objects.exists()
