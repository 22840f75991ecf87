"""The cross-region credit query: selector and API (POST /api/v1/credit/query/)."""

import json
from datetime import date

import pytest

from yrdcollab.core.errors import InvalidInput, PermissionDenied, RateLimited
from yrdcollab.credit.models import AppliedMeasure, JointMeasure, SeriousListEntry
from yrdcollab.credit.selectors import query as query_module
from yrdcollab.credit.selectors.query import credit_query, mask_uscc
from yrdcollab.credit.states import ListStatus
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.parties.identifiers import uscc_complete, validate_uscc
from yrdcollab.testing.credit import (
    ID_NUMBERS,
    USCC,
    USCC_INVALID,
    credit_record_ended,
    credit_record_make,
    credit_user,
    individual,
    organisation,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
URL = "/api/v1/credit/query/"
XUNFEI = USCC["xunfei"][1]


def _post(client, body, path=URL):
    return client.post(path, data=json.dumps(body), content_type="application/json")


@pytest.fixture
def sh_credit(db):
    return credit_user("credit_officer", "sh", username="sh_credit")


@pytest.fixture
def hefei_record(matters):
    return credit_record_make(
        agency_key_or_agency="hefei",
        decided_on=date(2026, 5, 6),
        fine_amount="30000",
        decision_number="合城管罚〔2026〕88号",
    )


def business_individual_uscc() -> str:
    """个体工商户: registration authority 9 (market regulation), kind 2."""
    return uscc_complete("92310118MA123456")


def test_business_individual_is_an_organisation_subject(matters, sh_credit):
    code = business_individual_uscc()
    assert validate_uscc(code).ok
    credit_record_make(
        agency_key_or_agency="qingpu", party={"kind": "organisation", "name": "青浦区赵记小吃店", "uscc": code}
    )
    [subject] = credit_query(actor=sh_credit, uscc=code, purpose="inspection").subjects
    assert subject.party.name == "青浦区赵记小吃店" and len(subject.records) == 1


def test_shanghai_officer_sees_anhui_record(hefei_record, sh_credit):
    result = credit_query(actor=sh_credit, uscc=XUNFEI.lower(), purpose="inspection")
    [subject] = result.subjects
    assert subject.party.name == "科大讯飞股份有限公司" and subject.identifier == XUNFEI
    [record] = subject.records
    assert record.agency.name == "合肥市城市管理局" and record.province == "安徽省"
    assert record.decision.decision_number == "合城管罚〔2026〕88号"
    assert result.report_number.startswith("XYCX")


def test_api_result_says_who_decided_what(hefei_record, sh_credit, api, matters):
    measure = JointMeasure.objects.create(code="focus", name="列为重点监管对象", severities=["general"])
    qingpu_credit = credit_user("credit_officer", "qingpu")
    AppliedMeasure.objects.create(
        measure=measure,
        subject=hefei_record.subject,
        record=hefei_record,
        agency=qingpu_credit.agency,
        applied_on=date(2026, 6, 1),
        applied_by=qingpu_credit,
    )
    entry = SeriousListEntry.objects.create(
        subject=hefei_record.subject,
        agency=hefei_record.agency,
        reasons="拒不履行",
        document_number="合城管列〔2026〕1号",
        status=ListStatus.PUBLISHED,
        listed_on=date(2026, 7, 1),
    )
    entry.basis_records.add(hefei_record)
    response = _post(api(sh_credit), {"uscc": XUNFEI, "purpose": "procurement"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["purpose_label"] == "政府采购/招投标审查" and body["identifier"] == mask_uscc(XUNFEI)
    [subject] = body["subjects"]
    assert subject["id"] == str(hefei_record.subject.public_id) and subject["uscc"] == XUNFEI
    [record] = subject["records"]
    assert record["id"] == str(hefei_record.public_id)
    assert record["agency"] == {
        "id": str(hefei_record.agency.public_id),
        "name": "合肥市城市管理局",
        "province": "安徽省",
    }
    assert record["decision_number"] == "合城管罚〔2026〕88号" and record["fine_amount"] == "30000.00"
    assert record["penalty_type_labels"] == ["罚款"] and record["severity"] == "general"
    assert record["regime"] == "ndrc36" and record["publicity_ends_on"] == "2027-05-06"
    assert record["publicity_last_day"] == "2027-05-05" and record["matter_code"] == "0302"
    assert [e["document_number"] for e in subject["serious_list"]] == ["合城管列〔2026〕1号"]
    [m] = subject["measures_in_force"]
    assert m["name"] == "列为重点监管对象" and m["agency"]["province"] == "上海市"
    assert m["decision_number"] == "合城管罚〔2026〕88号"


def test_query_by_id_number_masks_unless_revealed(matters, sh_credit, make_user):
    credit_record_make(
        agency_key_or_agency="jiashan", party=individual("王某", ID_NUMBERS[1]), decided_on=date(2026, 6, 1)
    )
    officer = make_user("officer", "qingpu")
    result = credit_query(actor=officer, id_number=ID_NUMBERS[1], purpose="case")
    [subject] = result.subjects
    assert subject.identifier == "4405**********0014" and not subject.id_number_revealed
    assert len(subject.records) == 1 and result.identifier == "4405**********0014"
    with pytest.raises(PermissionDenied):
        credit_query(actor=officer, id_number=ID_NUMBERS[1], purpose="case", reveal_id_number=True)
    revealed = credit_query(actor=sh_credit, id_number=ID_NUMBERS[1], purpose="case", reveal_id_number=True)
    assert revealed.subjects[0].identifier == ID_NUMBERS[1]
    views = AuditEntry.objects.filter(action="personal_data.viewed")
    assert views.count() == 1 and views.get().summary["report_number"] == revealed.report_number
    # The audit trail never holds the number in clear.
    assert not AuditEntry.objects.filter(summary__icontains=ID_NUMBERS[1]).exists()


def test_api_masks_id_number_and_reveal_needs_capability(matters, sh_credit, api, make_user):
    credit_record_make(
        agency_key_or_agency="jiashan", party=individual("王某", ID_NUMBERS[1]), decided_on=date(2026, 6, 1)
    )
    officer = make_user("officer", "qingpu")
    body = _post(api(officer), {"id_number": ID_NUMBERS[1], "purpose": "case"}).json()
    assert body["subjects"][0]["id_number"] == "4405**********0014" and body["subjects"][0]["uscc"] == ""
    denied = _post(api(officer), {"id_number": ID_NUMBERS[1], "purpose": "case", "reveal_id_number": True})
    assert denied.status_code == 403
    full = _post(api(sh_credit), {"id_number": ID_NUMBERS[1], "purpose": "case", "reveal_id_number": True}).json()
    assert full["subjects"][0]["id_number"] == ID_NUMBERS[1] and full["subjects"][0]["id_number_revealed"]


def test_query_by_name_finds_organisations_only(matters, sh_credit):
    credit_record_make(agency_key_or_agency="hefei")
    credit_record_make(agency_key_or_agency="qingpu", party=organisation("alibaba"))
    credit_record_make(
        agency_key_or_agency="jiashan", party=individual("科大某某", ID_NUMBERS[0]), decided_on=date(2026, 6, 1)
    )
    result = credit_query(actor=sh_credit, name="科大", purpose="commendation")
    assert [s.party.name for s in result.subjects] == ["科大讯飞股份有限公司"]
    assert result.identifier == "科大" and not result.truncated
    assert credit_query(actor=sh_credit, name="不存在的公司", purpose="commendation").subjects == []


def test_name_search_is_capped(matters, sh_credit, monkeypatch):
    monkeypatch.setattr(query_module, "NAME_RESULT_LIMIT", 1)
    credit_record_make(agency_key_or_agency="qingpu", party=organisation("alibaba"))
    credit_record_make(agency_key_or_agency="qingpu", party=organisation("huawei"))
    result = credit_query(actor=sh_credit, name="公司", purpose="funding")
    assert len(result.subjects) == 1 and result.truncated


def test_repaired_expired_withdrawn_and_unpublished_records_are_not_returned(matters, sh_credit):
    kept = credit_record_make(agency_key_or_agency="hefei", decision_number="合城管罚〔2026〕1号")
    for number, action in (("2号", "repair"), ("3号", "expire"), ("4号", "withdraw")):
        record = credit_record_make(agency_key_or_agency="hefei", decision_number=f"合城管罚〔2026〕{number}")
        credit_record_ended(record, action, actor=sh_credit)
    credit_record_make(agency_key_or_agency="hefei", penalty_types=["警告"], decision_number="合城管罚〔2026〕5号")
    # Published status, but the window ended yesterday and the sweep has not run yet.
    stale = credit_record_make(agency_key_or_agency="hefei", decision_number="合城管罚〔2026〕6号")
    type(stale).objects.filter(pk=stale.pk).update(publicity_ends_on=date(2026, 11, 27))
    [subject] = credit_query(actor=sh_credit, uscc=XUNFEI, purpose="inspection").subjects
    assert [r.pk for r in subject.records] == [kept.pk]


@pytest.mark.parametrize(
    "body,code,field",
    [
        ({"uscc": XUNFEI}, "purpose_required", "purpose"),
        ({"uscc": XUNFEI, "purpose": "curiosity"}, "invalid_purpose", "purpose"),
        ({"uscc": XUNFEI, "purpose": "other"}, "purpose_note_required", "purpose_note"),
        ({"uscc": USCC_INVALID, "purpose": "inspection"}, "invalid_uscc", "uscc"),
        ({"uscc": "9134000071177114", "purpose": "inspection"}, "invalid_uscc", "uscc"),
        ({"id_number": "110105194912310021", "purpose": "inspection"}, "invalid_id_number", "id_number"),
        ({"purpose": "inspection"}, "one_identifier_required", "uscc"),
        ({"uscc": XUNFEI, "name": "科大讯飞", "purpose": "inspection"}, "one_identifier_required", "uscc"),
        ({"name": "科", "purpose": "inspection"}, "invalid_name", "name"),
    ],
)
def test_bad_input_is_refused_with_the_rule(sh_credit, api, body, code, field):
    response = _post(api(sh_credit), body)
    assert response.status_code == 422
    assert response.json()["code"] == code and response.json()["details"]["field"] == field
    assert not AuditEntry.objects.filter(action="credit.queried").exists()


def test_invalid_uscc_names_the_check_character(sh_credit):
    with pytest.raises(InvalidInput) as exc:
        credit_query(actor=sh_credit, uscc=USCC_INVALID, purpose="inspection")
    assert "第18位应为 6" in str(exc.value.message) and exc.value.details["rule"] == "GB 32100-2015"


def test_unknown_field_and_unauthenticated(api, sh_credit):
    assert _post(api(sh_credit), {"uscc": XUNFEI, "purpose": "inspection", "extra": 1}).status_code == 422
    assert _post(api(), {"uscc": XUNFEI, "purpose": "inspection"}).status_code == 401
    assert _post(api(), {"uscc": XUNFEI, "purpose": "inspection"}, URL + "report.pdf").status_code == 401


@pytest.mark.parametrize(
    "role,status",
    [
        ("credit_officer", 200),
        ("officer", 200),
        ("bureau_leader", 200),
        ("supervisor", 200),
        ("squad_leader", 200),
        ("liaison", 200),
        ("integrator", 403),
        ("platform_admin", 403),
        ("auditor", 403),
    ],
)
def test_who_may_query(api, make_user, role, status):
    user = make_user(role, "wujiang")
    assert _post(api(user), {"uscc": XUNFEI, "purpose": "inspection"}).status_code == status


def test_every_query_is_audited_with_the_identifier_masked(hefei_record, sh_credit, api):
    _post(api(sh_credit), {"uscc": XUNFEI, "purpose": "other", "purpose_note": "专项整治摸底"})
    credit_query(actor=sh_credit, name="讯飞", purpose="licensing")
    entries = list(AuditEntry.objects.filter(action="credit.queried").order_by("id"))
    assert len(entries) == 2
    first, second = (e.summary for e in entries)
    assert first["identifier"] == "9134**********143J" and first["by"] == "uscc"
    assert first["purpose"] == "other" and first["purpose_note"] == "专项整治摸底"
    assert first["records"] == 1 and first["subjects"] == 1 and first["found"] == [str(hefei_record.subject.public_id)]
    assert second["by"] == "name" and second["identifier"] == "讯飞"
    assert entries[0].actor_id == sh_credit.pk and entries[0].agency_id == sh_credit.agency_id
    assert not AuditEntry.objects.filter(action="credit.queried", summary__icontains=XUNFEI).exists()


def test_rate_limited_per_user(sh_credit, api, settings, make_user):
    settings.YRD_CREDIT_QUERY_RATE = (3, 3600)
    client = api(sh_credit)
    for _ in range(3):
        assert _post(client, {"uscc": XUNFEI, "purpose": "inspection"}).status_code == 200
    limited = _post(client, {"uscc": XUNFEI, "purpose": "inspection"})
    assert limited.status_code == 429 and limited.json()["code"] == "rate_limited"
    assert limited.json()["details"]["retry_after_seconds"] > 0
    assert AuditEntry.objects.filter(action="credit.queried").count() == 3
    # Another user has a budget of their own.
    assert _post(api(make_user("officer", "qingpu")), {"uscc": XUNFEI, "purpose": "inspection"}).status_code == 200
    with pytest.raises(RateLimited):
        credit_query(actor=sh_credit, uscc=XUNFEI, purpose="inspection")


def test_report_pdf(hefei_record, sh_credit, api):
    from io import BytesIO

    from pypdf import PdfReader

    response = _post(api(sh_credit), {"uscc": XUNFEI, "purpose": "inspection"}, URL + "report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    compact = "".join(text.split())
    for expected in (
        "公共信用信息查询报告",
        "科大讯飞股份有限公司",
        XUNFEI,
        "合城管罚〔2026〕88号",
        "合肥市城市管理局",
        "安徽省",
        "行政检查",
        "上海市城市管理行政执法局",
        "信用修复管理办法",
        "未列入严重失信主体名单",
    ):
        assert expected in compact, expected
    entry = AuditEntry.objects.get(action="credit.queried")
    assert entry.summary["output"] == "pdf" and entry.object_id in compact
