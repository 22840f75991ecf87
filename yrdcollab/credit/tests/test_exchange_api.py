"""The exchange API and page: imports through multipart and JSON, batch reports scoped to the
agency, the change feed (repair, expiry, cursor paging, masking) and permissions."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yrdcollab.credit.models import CreditRecord, ImportBatch
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing.credit import ID_NUMBERS, credit_record_ended
from yrdcollab.testing.credit import import_csv as csv_bytes
from yrdcollab.testing.credit import import_row as row

pytestmark = pytest.mark.django_db
BASE = "/api/v1/credit/exchange"


def upload(client, data: bytes, name: str = "data.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"{BASE}/import", {"file": SimpleUploadedFile(name, data)})


def test_import_file_and_batch_report(api, credit_officer, make_user):
    client = api(credit_officer)
    response = upload(
        client, csv_bytes([row(), row(处罚决定书文号="沪青城管罚〔2026〕2号", 处罚决定日期="2026-13-01")])
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["created_rows"], body["failed_rows"]) == (1, 1)
    assert body["errors"] == [
        {"row": 3, "field": "decided_on", "code": "invalid_date", "message": body["errors"][0]["message"]}
    ]
    listed = client.get(f"{BASE}/imports").json()
    assert [b["id"] for b in listed] == [body["id"]]
    assert client.get(f"{BASE}/imports/{body['id']}").json()["errors"][0]["row"] == 3
    # Another agency's credit officer: 404, not 403.
    foreign = api(make_user("credit_officer", "wujiang"))
    assert foreign.get(f"{BASE}/imports/{body['id']}").status_code == 404
    assert foreign.get(f"{BASE}/imports").json() == []


def test_non_csv_file_is_400(api, credit_officer):
    response = upload(api(credit_officer), b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", name="records.csv")
    assert response.status_code == 400
    assert response.json()["code"] == "file_type_not_allowed"


def test_import_rows_json(api, credit_officer):
    client = api(credit_officer)
    payload = {
        "rows": [
            {
                "agency": "沪青城管",
                "decision_number": "沪青城管罚〔2026〕5号",
                "decided_on": "2026-05-06",
                "subject_kind": "individual",
                "subject_name": "张某某",
                "id_number": ID_NUMBERS[0],
                "matter": "0302",
                "penalty_types": "罚款",
                "fine_amount": 500,
                "special_sector": False,
            },
            {
                "agency": "沪青城管",
                "decision_number": "",
                "decided_on": "2026-05-06",
                "subject_kind": "organisation",
                "subject_name": "x",
                "uscc": "1",
                "matter": "0302",
                "penalty_types": "警告",
            },
        ],
        "source_name": "省平台批次 42",
    }
    response = client.post(f"{BASE}/import/rows", payload, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["file_format"], body["created_rows"], body["failed_rows"]) == ("api", 1, 1)
    assert {(e["row"], e["field"]) for e in body["errors"]} == {(2, "decision_number"), (2, "uscc")}
    bad_key = client.post(f"{BASE}/import/rows", {"rows": [{"agnecy": "x"}]}, content_type="application/json")
    assert bad_key.status_code == 422 and bad_key.json()["code"] == "unknown_field"
    too_many = client.post(f"{BASE}/import/rows", {"rows": [{}] * 5001}, content_type="application/json")
    assert too_many.status_code == 422
    # A NUL nested in a free-form row: 422 on both databases, nothing written (issue #13 item 2).
    nul = dict(payload["rows"][0], decision_number="沪青城管罚〔2026〕6号", subject_name="张\u0000某")
    before = ImportBatch.objects.count()
    refused = client.post(f"{BASE}/import/rows", {"rows": [nul]}, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["code"] == "invalid_input"
    assert ImportBatch.objects.count() == before


def test_changes_feed_sees_repair_and_expiry_with_cursor_paging(api, credit_officer, make_user):
    today = timezone.localdate()
    rows = [
        row(
            处罚决定书文号=f"沪青城管罚〔2026〕{n}号",
            处罚决定日期=(today - timedelta(days=30)).isoformat(),
            失信程度="一般",
        )
        for n in range(1, 4)
    ]
    rows.append(
        row(
            处罚决定书文号="沪青城管罚〔2026〕9号",
            主体类型="个人",
            主体名称="张某某",
            统一社会信用代码="",
            公民身份号码=ID_NUMBERS[0],
        )
    )
    since = timezone.now() - timedelta(seconds=1)
    client = api(credit_officer)
    assert upload(client, csv_bytes(rows)).json()["created_rows"] == 4

    first = client.get(f"{BASE}/changes", {"since": since.isoformat(), "limit": 3}).json()
    assert len(first["items"]) == 3 and first["has_more"] is True
    second = client.get(f"{BASE}/changes", {"cursor": first["next_cursor"], "limit": 3}).json()
    assert len(second["items"]) == 1 and second["has_more"] is False
    seen = {i["decision_number"] for i in first["items"] + second["items"]}
    assert len(seen) == 4
    person = next(i for i in first["items"] + second["items"] if i["subject"]["kind"] == "individual")
    assert person["subject"]["id_number"] == ID_NUMBERS[0]  # credit officer: PERSONAL_DATA_FULL
    empty = client.get(f"{BASE}/changes", {"cursor": second["next_cursor"]}).json()
    assert empty["items"] == [] and empty["next_cursor"] == second["next_cursor"]

    repaired = CreditRecord.objects.get(decision__decision_number="沪青城管罚〔2026〕1号")
    credit_record_ended(repaired, "repair", actor=credit_officer)
    expired = CreditRecord.objects.get(decision__decision_number="沪青城管罚〔2026〕2号")
    credit_record_ended(expired, "expire")
    later = client.get(f"{BASE}/changes", {"cursor": second["next_cursor"]}).json()
    assert [(i["decision_number"], i["status"]) for i in later["items"]] == [
        ("沪青城管罚〔2026〕1号", "repaired"),
        ("沪青城管罚〔2026〕2号", "expired"),
    ]
    assert later["items"][0]["repaired_at"] and later["items"][0]["agency"]["doc_prefix"] == "沪青城管"

    # Without PERSONAL_DATA_FULL the ID number is masked.
    integrator = api(make_user("integrator", "sh"))
    masked = integrator.get(f"{BASE}/changes", {"since": since.isoformat()}).json()
    person = next(i for i in masked["items"] if i["subject"]["kind"] == "individual")
    assert person["subject"]["id_number"] == "1101**********002X" and masked["full_identifiers"] is False
    assert AuditEntry.objects.filter(action="credit.changes_exported").count() == 5

    export = client.get(f"{BASE}/changes.csv", {"since": since.isoformat(), "limit": 2})
    text = export.content.decode("utf-8")
    assert export.status_code == 200 and text.startswith("\ufeff") and export["X-Has-More"] == "true"
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert lines[0][0] == "信用记录编号" and len(lines) == 3
    assert client.get(f"{BASE}/changes", {"cursor": "forged"}).json()["code"] == "invalid_cursor"
    assert client.get(f"{BASE}/changes").status_code == 422


@pytest.mark.parametrize(
    "method,path",
    [
        ("post", "/import"),
        ("post", "/import/rows"),
        ("get", "/imports"),
        ("get", "/imports/00000000-0000-0000-0000-000000000000"),
        ("get", "/changes?since=2026-01-01T00:00:00"),
        ("get", "/changes.csv?since=2026-01-01T00:00:00"),
    ],
)
def test_permissions(api, make_user, method, path):
    kwargs = {"content_type": "application/json", "data": {"rows": [{"agency": "x"}]}} if path == "/import/rows" else {}
    assert getattr(api(), method)(BASE + path, **kwargs).status_code == 401
    officer = api(make_user("officer", "qingpu"))  # no CREDIT_EXCHANGE
    if path == "/import":
        from django.core.files.uploadedfile import SimpleUploadedFile

        kwargs = {"data": {"file": SimpleUploadedFile("a.csv", csv_bytes([row()]))}}
    # One batch is a 404 for a role without CREDIT_EXCHANGE, as if it did not exist (CONVENTIONS §5).
    expected = 404 if path.startswith("/imports/") else 403
    assert getattr(officer, method)(BASE + path, **kwargs).status_code == expected


def test_exchange_page_upload_and_template(client, credit_officer, make_user):
    client.force_login(credit_officer)
    page = client.get(reverse("credit:exchange"))
    assert page.status_code == 200 and "exchange/template.csv" in page.content.decode()
    template = client.get(reverse("credit:exchange_template"))
    assert template.content.decode("utf-8").startswith("\ufeff认定机构,处罚决定书文号,处罚决定日期")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("credit:exchange"),
        {
            "file": SimpleUploadedFile(
                "a.csv",
                csv_bytes([row(), row(处罚决定书文号="沪青城管罚〔2026〕2号", 统一社会信用代码="91340000711771143K")]),
            )
        },
    )
    assert response.status_code == 302
    report = client.get(response["Location"])
    assert "校验码错误" in report.content.decode() and report.status_code == 200
    refused = client.post(reverse("credit:exchange"), {"file": SimpleUploadedFile("a.csv", b"\x89PNG\r\n\x1a\n\x00")})
    assert refused.status_code == 400 and "只能导入 CSV 或 XLSX" in refused.content.decode()
    export = client.get(reverse("credit:exchange_changes_csv"), {"since": date.today().isoformat()})
    assert export.status_code == 200 and len(export.content.decode().splitlines()) == 2  # header + 1 record
    assert ",单位,科大讯飞股份有限公司," in export.content.decode() and "警告、罚款" in export.content.decode()

    client.logout()
    client.force_login(make_user("officer", "qingpu"))
    assert client.get(reverse("credit:exchange")).status_code == 403
    assert client.get(reverse("credit:exchange_template")).status_code == 403
