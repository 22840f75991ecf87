"""The repair pages through the Django test client: list, filing form, detail with actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from yrdcollab.credit.models import RepairApplication
from yrdcollab.credit.states import RecordStatus, RepairStatus
from yrdcollab.testing.credit import REPAIR_COMPANY as COMPANY
from yrdcollab.testing.credit import logged_in
from yrdcollab.testing.credit import repair_file_at_jiashan as file_at_jiashan
from yrdcollab.testing.files import pdf_bytes

pytestmark = pytest.mark.django_db


def test_list_page(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    page = logged_in(repair_people["wujiang_credit"]).get(reverse("credit:repair_list"), {"box": "routed"})
    assert page.status_code == 200
    html = page.content.decode()
    assert application.number in html and COMPANY["name"] in html and 'data-deadline="on_time"' in html
    empty = logged_in(repair_people["qingpu_credit"]).get(reverse("credit:repair_list"))
    assert application.number not in empty.content.decode() and "暂无信用修复申请" in empty.content.decode()
    assert (
        logged_in(repair_people["wujiang_credit"]).get(reverse("credit:repair_list"), {"status": "bogus"}).status_code
        == 200
    )


def test_file_form_from_a_record(repair_people, repair_record):
    window = logged_in(repair_people["jiashan_window"])
    url = reverse("credit:repair_file")
    page = window.get(url, {"record": str(repair_record.public_id)})
    assert page.status_code == 200 and repair_record.decision.decision_number in page.content.decode()
    assert window.get(url).status_code == 404
    assert (
        logged_in(repair_people["wujiang_officer"]).get(url, {"record": str(repair_record.public_id)}).status_code
        == 403
    )

    missing = window.post(
        url,
        {
            "record": str(repair_record.public_id),
            "applicant_name": "王经办",
            "applicant_phone": "13812345678",
            "obligations_performed": "on",
        },
    )
    assert missing.status_code == 422 and "信用承诺书" in missing.content.decode()
    assert not RepairApplication.objects.exists()

    done = window.post(
        url,
        {
            "record": str(repair_record.public_id),
            "applicant_name": "王经办",
            "applicant_phone": "13812345678",
            "obligations_performed": "on",
            "statement": "已整改",
            "commitment": SimpleUploadedFile("承诺书.pdf", pdf_bytes()),
        },
    )
    application = RepairApplication.objects.get()
    assert done.status_code == 302 and done["Location"] == reverse("credit:repair_detail", args=[application.public_id])
    assert application.attachments.get().kind == "commitment"


def test_detail_page_and_actions(repair_people, repair_record):
    application = file_at_jiashan(repair_people, repair_record)
    url = reverse("credit:repair_detail", args=[application.public_id])
    window_page = logged_in(repair_people["jiashan_window"]).get(url).content.decode()
    assert (
        "窗口受理登记" in window_page and "转至认定机构" in window_page and 'data-testid="actions"' not in window_page
    )
    assert "138****5678" in window_page
    assert logged_in(repair_people["qingpu_credit"]).get(url).status_code == 404

    wujiang = logged_in(repair_people["wujiang_credit"])
    page = wujiang.get(url).content.decode()
    assert 'data-action="accept"' in page and 'data-action="reject"' in page
    forbidden = logged_in(repair_people["jiashan_credit"]).post(
        reverse("credit:repair_act", args=[application.public_id, "accept"])
    )
    assert forbidden.status_code == 403
    wujiang.post(reverse("credit:repair_act", args=[application.public_id, "accept"]))
    illegal = wujiang.post(reverse("credit:repair_act", args=[application.public_id, "accept"]), follow=True)
    assert "当前状态下不允许此操作" in illegal.content.decode()
    wujiang.post(reverse("credit:repair_act", args=[application.public_id, "approve"]), {"note": "准予"})
    application.refresh_from_db()
    assert (
        application.status == RepairStatus.APPROVED
        and repair_record.__class__.objects.get(pk=repair_record.pk).status == RecordStatus.REPAIRED
    )
    page = wujiang.get(url).content.decode()
    assert application.certificate_number in page and 'data-testid="certificate-link"' in page
    certificate = wujiang.get(reverse("credit:repair_certificate", args=[application.public_id]))
    assert certificate.status_code == 200 and certificate.content.startswith(b"%PDF")
    attachment = application.attachments.first()
    download = logged_in(repair_people["jiashan_window"]).get(
        reverse("credit:repair_attachment", args=[application.public_id, attachment.public_id])
    )
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
