"""Bulk import of penalty credit information (services/exchange.py): mixed good and bad rows,
idempotence, updates, conflicts with closed records, CSV encodings and XLSX."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.utils import timezone

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.core.errors import ApplicationError, PermissionDenied
from yrdcollab.credit.models import CreditRecord, ImportBatch
from yrdcollab.credit.services.exchange import credit_import
from yrdcollab.credit.services.exchange_parse import column_for, template_headers
from yrdcollab.credit.services.exchange_rows import ImportContext, check_row
from yrdcollab.credit.states import RecordStatus
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.parties.models import Party
from yrdcollab.testing.credit import ID_NUMBERS, QINGPU, USCC_INVALID, WUJIANG, credit_record_ended, uscc_make
from yrdcollab.testing.credit import import_csv as csv_bytes
from yrdcollab.testing.credit import import_row as row

pytestmark = pytest.mark.django_db


def mixed_rows() -> list[dict]:
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    return [
        row(),  # 2: good organisation
        row(处罚决定书文号="沪青城管罚〔2026〕2号", 统一社会信用代码=USCC_INVALID, 主体名称="某公司"),  # 3
        row(
            处罚决定书文号="沪青城管罚〔2026〕3号",
            主体类型="个人",
            主体名称="李某",
            统一社会信用代码="",
            公民身份号码="110105194912310021",
        ),  # 4: bad ID check digit
        row(处罚决定书文号="沪青城管罚〔2026〕4号", 处罚决定日期=future),  # 5
        row(
            处罚决定书文号="沪青城管罚〔2026〕5号",
            事项编码="9999",
            统一社会信用代码=uscc_make(5),
            主体名称="不应创建的公司",
        ),  # 6: unknown matter, new party
        row(处罚决定书文号="沪青城管罚〔2026〕6号", 认定机构="不存在的执法局"),  # 7
        row(处罚决定书文号="吴综执罚〔2026〕7号", 认定机构=WUJIANG),  # 8: outside my subtree
        row(处罚决定书文号="沪青城管罚〔2026〕8号", 处罚种类="警告"),  # 9: fine without 罚款
        row(处罚决定书文号="沪青城管罚〔2026〕9号", 公示截止日="2030-01-15"),  # 10: beyond 3 years
        row(
            处罚决定书文号="沪青城管罚〔2026〕10号",
            主体类型="个人",
            主体名称="张某某",
            统一社会信用代码="",
            公民身份号码=ID_NUMBERS[0],
            处罚种类="罚款",
            失信程度="一般",
        ),  # 11: good individual
    ]


def test_mixed_rows_import_good_ones_and_report_bad_ones(credit_officer, agency):
    agency("wujiang")
    batch = credit_import(actor=credit_officer, rows_source=csv_bytes(mixed_rows()), filename="mixed.csv")
    assert (batch.total_rows, batch.created_rows, batch.failed_rows, batch.file_format) == (10, 2, 8, "csv")
    by_row = {e["row"]: (e["field"], e["code"]) for e in batch.errors}
    assert by_row == {
        3: ("uscc", "invalid_uscc"),
        4: ("id_number", "invalid_id_number"),
        5: ("decided_on", "date_in_future"),
        6: ("matter", "unknown_matter"),
        7: ("agency", "unknown_agency"),
        8: ("agency", "agency_out_of_scope"),
        9: ("fine_amount", "invalid_input"),
        10: ("publicity_ends_on", "publicity_window_out_of_range"),
    }
    assert all(e["message"] for e in batch.errors)
    assert "第18位应为" in next(e["message"] for e in batch.errors if e["row"] == 3)
    # Never half a row: the party of the failed row 6 was not created.
    assert not Party.objects.filter(name="不应创建的公司").exists()
    records = CreditRecord.objects.select_related("decision", "subject").order_by("decision__decision_number")
    assert [(r.decision.decision_number, r.source, r.status) for r in records] == [
        ("沪青城管罚〔2026〕10号", "import", RecordStatus.PUBLISHED),
        ("沪青城管罚〔2026〕1号", "import", RecordStatus.PUBLISHED),
    ]
    individual = records[0]
    assert individual.subject.id_number == ID_NUMBERS[0] and individual.severity == "general"
    assert individual.publicity_ends_on == date(2029, 1, 15)  # Order 58 (decided before 2026-04-01): 3 years
    assert AuditEntry.objects.filter(action="credit.import_batch").count() == 1
    assert not AuditEntry.objects.filter(action="credit.record_opened").exists()  # one entry per batch


def test_reimport_is_unchanged_and_changed_row_updates(credit_officer):
    data = csv_bytes([row(), row(处罚决定书文号="沪青城管罚〔2026〕2号", 处罚种类="警告", fine="")])
    first = credit_import(actor=credit_officer, rows_source=data)
    assert first.created_rows == 2
    again = credit_import(actor=credit_officer, rows_source=data)
    assert (again.created_rows, again.updated_rows, again.unchanged_rows, again.failed_rows) == (0, 0, 2, 0)
    record = CreditRecord.objects.get(decision__decision_number="沪青城管罚〔2026〕1号")
    before = record.updated_at
    changed = credit_import(
        actor=credit_officer,
        rows_source=csv_bytes(
            [
                row(fine="5000", 公示截止日="2026-09-15"),
                row(处罚决定书文号="沪青城管罚〔2026〕2号", 处罚种类="警告", fine=""),
            ]
        ),
    )
    assert (changed.created_rows, changed.updated_rows, changed.unchanged_rows) == (0, 1, 1)
    record.refresh_from_db()
    assert record.decision.fine_amount == 5000 and record.publicity_ends_on == date(2026, 9, 15)
    assert record.updated_at > before
    entry = AuditEntry.objects.filter(action="credit.import_batch").order_by("-id").first()
    assert entry.summary["updated_decisions"][0]["fields"] == ["fine_amount", "publicity_ends_on"]
    assert PenaltyDecision.objects.count() == 2 and Party.objects.count() == 1


def test_repaired_record_refuses_changes_but_not_identical_rows(credit_officer):
    credit_import(actor=credit_officer, rows_source=csv_bytes([row()]))
    record = CreditRecord.objects.get()
    credit_record_ended(record, "repair", actor=credit_officer)
    same = credit_import(actor=credit_officer, rows_source=csv_bytes([row()]))
    assert (same.unchanged_rows, same.failed_rows) == (1, 0)
    other = credit_import(actor=credit_officer, rows_source=csv_bytes([row(违法事实摘要="更正后的事实")]))
    assert other.failed_rows == 1 and other.errors[0]["code"] == "record_closed"
    assert CreditRecord.objects.get().decision.summary == "擅自占道经营"


def test_duplicate_key_in_one_file_and_all_errors_of_a_row(credit_officer):
    batch = credit_import(
        actor=credit_officer,
        rows_source=csv_bytes([row(), row(), row(处罚决定书文号="", 事项编码="x", 主体类型="车辆")]),
    )
    assert batch.created_rows == 1
    assert {(e["row"], e["code"]) for e in batch.errors} == {
        (3, "duplicate_in_file"),
        (4, "required"),
        (4, "unknown_matter"),
        (4, "invalid_party_kind"),
    }
    assert batch.failed_rows == 2


def test_gb18030_csv_and_english_headers(credit_officer):
    batch = credit_import(actor=credit_officer, rows_source=csv_bytes([row()], encoding="gb18030"))
    assert batch.created_rows == 1
    english = io.StringIO()
    writer = csv.writer(english)
    writer.writerow(
        [
            "agency",
            "decision_number",
            "decided_on",
            "subject_kind",
            "subject_name",
            "uscc",
            "matter",
            "penalty_types",
            "fine_amount",
        ]
    )
    writer.writerow(
        [
            "沪青城管",
            "沪青城管罚〔2026〕99号",
            "2026/02/03",
            "organisation",
            "某公司",
            uscc_make(9),
            "0302",
            "warning;fine",
            "100.50",
        ]
    )
    batch = credit_import(actor=credit_officer, rows_source=english.getvalue().encode())
    assert batch.created_rows == 1, batch.errors
    assert PenaltyDecision.objects.get(decision_number="沪青城管罚〔2026〕99号").penalty_types == ["warning", "fine"]


def test_xlsx_with_dates_numbers_and_a_formula(credit_officer):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(template_headers())
    good = row()
    values = [good[h] for h in template_headers()]
    values[2] = date(2026, 1, 15)
    values[9] = 2000
    sheet.append(values)
    bad = list(values)
    bad[1] = "沪青城管罚〔2026〕2号"
    bad[9] = "=1000*2"
    sheet.append(bad)
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = credit_import(actor=credit_officer, rows_source=buffer.getvalue(), filename="data.csv")
    assert (batch.file_format, batch.created_rows, batch.failed_rows) == ("xlsx", 1, 1)
    assert batch.errors[0] | {"message": ""} == {
        "row": 3,
        "field": "fine_amount",
        "code": "formula_not_allowed",
        "message": "",
    }


@pytest.mark.parametrize(
    "data,code",
    [
        (b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", "file_type_not_allowed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file_type_not_allowed"),
        ("认定机构,处罚决定书文号\n".encode(), "missing_columns"),
        (b"", "file_empty"),
    ],
)
def test_unreadable_files_are_refused_whole(credit_officer, data, code):
    with pytest.raises(ApplicationError) as caught:
        credit_import(actor=credit_officer, rows_source=data, filename="x.csv")
    assert caught.value.status == 400 and caught.value.code == code
    assert not ImportBatch.objects.exists()


def test_limits(credit_officer, settings):
    settings.YRD_CREDIT_IMPORT_MAX_ROWS = 2
    with pytest.raises(ApplicationError) as caught:
        credit_import(actor=credit_officer, rows_source=csv_bytes([row()] * 3))
    assert caught.value.code == "too_many_rows"
    settings.YRD_CREDIT_IMPORT_MAX_BYTES = 100
    with pytest.raises(ApplicationError) as caught:
        credit_import(actor=credit_officer, rows_source=csv_bytes([row()]))
    assert caught.value.code == "file_too_large"


def test_provincial_integrator_imports_for_its_subtree_only(make_user, matters, agency):
    agency("wujiang")
    agency("qingpu")
    integrator = make_user("integrator", "sh")
    batch = credit_import(
        actor=integrator, rows_source=csv_bytes([row(), row(处罚决定书文号="吴综执罚〔2026〕1号", 认定机构=WUJIANG)])
    )
    assert batch.created_rows == 1 and batch.errors[0]["code"] == "agency_out_of_scope"
    assert CreditRecord.objects.get().agency.name == QINGPU
    # A district agency may not import for its provincial superior.
    officer = make_user("credit_officer", "qingpu")
    batch = credit_import(actor=officer, rows_source=csv_bytes([row(认定机构="上海市城市管理行政执法局")]))
    assert batch.errors[0]["code"] == "agency_out_of_scope"


def test_requires_credit_exchange(make_user, matters):
    with pytest.raises(PermissionDenied):
        credit_import(actor=make_user("officer", "qingpu"), rows_source=csv_bytes([row()]))


def test_a_nul_in_any_cell_is_a_row_error_on_both_databases(credit_officer):
    """An XLSX cell can carry a NUL (_x0000_): SQLite would store it, PostgreSQL refuse the whole
    import with a 500. It is the row's error, named by its column, on both (issue #13 item 2)."""
    context = ImportContext(credit_officer)
    values = {column_for(header): value for header, value in row().items()}
    good, errors = check_row(context, 2, {**values, "summary": "现场\x00检查"})
    assert good is None
    assert [(e["row"], e["field"], e["code"]) for e in errors] == [(2, "summary", "nul_character")]
