"""The permission matrix of the credit API (issue #4): every operation under /api/v1/credit/ × every
persona. The records, list entries, measures and batches belong to 青浦 (the personas' own agency);
repair applications are filed at the 嘉善 window and routed to 青浦 (谁认定、谁修复); 上海市 is
above 青浦; 吴江 is a third agency. One object a persona does not see is 404 — for a role that reads
none of its kind too, as if it did not exist (CONVENTIONS §5); 403 is for one who sees it but may not
do what it asks, and for the lists and the creations."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from yrdcollab.credit.selectors.query import credit_query
from yrdcollab.credit.services import repair
from yrdcollab.credit.services.exchange import credit_import
from yrdcollab.credit.services.exchange_parse import template_headers
from yrdcollab.credit.services.measures import measure_apply, measures_catalogue_load
from yrdcollab.credit.services.repair_uploads import repair_uploads_read
from yrdcollab.credit.services.serious_list import list_entry_propose
from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix
from yrdcollab.testing.credit import credit_record_make, list_entry_published, organisation
from yrdcollab.testing.files import pdf_bytes
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, Case, World, at, case_id, fixed

PERSONAS = {
    **matrix.PERSONAS,
    "partner_credit": ("credit_officer", "jiashan"),  # the 嘉善 window that files the applications
    "sh_credit": ("credit_officer", "sh"),  # above 青浦, but not the determining agency
}
ROSTER = matrix.Roster(PERSONAS, username_prefix="cr_")
has, agency_of, capability, user_of = ROSTER.has, ROSTER.agency_of, ROSTER.capability, ROSTER.user
QUERY, MANAGE, MEASURE = Capability.CREDIT_QUERY, Capability.CREDIT_MANAGE, Capability.CREDIT_MEASURE
REPAIR_FILE, EXCHANGE = Capability.CREDIT_REPAIR_FILE, Capability.CREDIT_EXCHANGE
MEASURE_READ = (QUERY, MANAGE, MEASURE)
REPAIR_READ = (QUERY, MANAGE, REPAIR_FILE)
DECIDED_ON = date(2026, 1, 15)  # regime ndrc58: a serious record is repairable after 3 months
SERIOUS = ["罚款", "吊销许可证件"]


# --- expectations --------------------------------------------------------------------------------


def own_agency(*caps, ok=OK):
    """For a creation: the capability first (403), then what it names is 青浦's alone: another agency
    gets 404."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if not has(persona, *caps):
            return {403}
        return ok if agency_of(persona) == "qingpu" else {404}

    return expect


def own_object(read=MEASURE_READ, act=None, ok=OK):
    """One object of 青浦's seen only by 青浦 (a measure, a batch): 404 for whoever does not read it,
    then 403 without the capability `act` asks for."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if not has(persona, *read) or agency_of(persona) != "qingpu":
            return {404}
        return ok if act is None or has(persona, act) else {403}

    return expect


def own_report(persona):
    """A stored query report: the capability first (403), then only the officer who ran the query."""
    if persona == ANON:
        return {401}
    if not has(persona, QUERY):
        return {403}
    return OK if persona == "credit_officer" else {404}


def shared_read(persona):
    """A published record (or list entry): shared with every CREDIT_QUERY holder; 404 for the rest."""
    if persona == ANON:
        return {401}
    return OK if has(persona, QUERY) else {404}


def sees_unpublished(persona) -> bool:
    """A proposed entry of 青浦: its own query holders and the command centre."""
    return has(persona, QUERY) and (agency_of(persona) == "qingpu" or has(persona, Capability.COLLABORATION_SUPERVISE))


def unpublished_entry_read(persona):
    if persona == ANON:
        return {401}
    return OK if sees_unpublished(persona) else {404}


def manage_own(ok=OK, *, sees=lambda persona: has(persona, QUERY)):
    """CREDIT_MANAGE of the determining agency (青浦): other holders get 404; without it, 403 for one
    who reads the object (`sees`), 404 for the rest."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if has(persona, MANAGE):
            return ok if agency_of(persona) == "qingpu" else {404}
        return {403} if sees(persona) else {404}

    return expect


def sees_repair(persona: str) -> bool:
    """Window 嘉善, determining 青浦, 上海市 above 青浦, and the command centre."""
    return agency_of(persona) in {"qingpu", "jiashan", "sh"} or has(persona, Capability.COLLABORATION_SUPERVISE)


def repair_read(persona):
    if persona == ANON:
        return {401}
    return OK if has(persona, *REPAIR_READ) and sees_repair(persona) else {404}


def repair_decide(ok=OK):
    """Only CREDIT_MANAGE of 青浦 decides; others who see the application 403, the rest 404."""

    def expect(persona):
        status = repair_read(persona)
        if status != OK:
            return status
        return ok if agency_of(persona) == "qingpu" and has(persona, MANAGE) else {403}

    return expect


# --- the world -----------------------------------------------------------------------------------


def repair_filed(record, window, *, then=()):
    uploads = repair_uploads_read({"commitment": [SimpleUploadedFile("信用承诺书.pdf", pdf_bytes())]})
    application = repair.repair_file(
        actor=window,
        uploads=uploads,
        filing=repair.RepairFiling(
            record_id=record.public_id,
            applicant_name="王经办",
            applicant_phone="13812345678",
            obligations_performed=True,
            statement="罚款已缴清，违法行为已整改。",
        ),
    )
    for action in then:
        repair.repair_transition(
            actor=user_of("credit_officer"), application_id=application.public_id, action=action, note="矩阵"
        )
    return application


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module; each case's calls roll back (testing.fixtures.module_db)."""
    load_reference_data()

    measures_catalogue_load()
    for key in PERSONAS:
        user_of(key)
    officer, window = user_of("credit_officer"), user_of("partner_credit")

    def record(company, types=SERIOUS):
        return credit_record_make(
            agency_key_or_agency="qingpu", party=organisation(company), decided_on=DECIDED_ON, penalty_types=types
        )

    # 科大讯飞: a serious record with a measure, a proposed list entry and an application filed at 嘉善.
    main = record("xunfei")
    measure = measure_apply(actor=officer, measure_code="key_supervision", record_id=main.public_id)
    proposed = list_entry_propose(actor=officer, record_ids=[main.public_id], reasons="吊销许可证件，情节严重")
    submitted = repair_filed(main, window)
    # 浦发: an approved application (certificate); 腾讯: an accepted one (approve / deny).
    approved = repair_filed(record("spdb", ["罚款"]), window, then=("accept", "approve"))
    accepted = repair_filed(record("tencent"), window, then=("accept",))
    # 阿里巴巴: a clean serious record to propose and to file for; 华为: a published list entry.
    clean = record("alibaba")
    listed = list_entry_published(actor=officer, records=[record("huawei")], reasons="情节严重")
    batch = credit_import(
        actor=officer,
        file_format="api",
        filename="省平台批次 1",
        rows_source=[
            {
                "agency": "沪青城管",
                "decision_number": "沪青城管罚〔2026〕901号",
                "decided_on": "2026-05-06",
                "subject_kind": "organisation",
                "subject_name": "阿里巴巴（中国）有限公司",
                "uscc": "91330100799655058B",
                "matter": "0302",
                "penalty_types": "罚款",
                "fine_amount": 2000,
            }
        ],
    )
    assert batch.created_rows == 1, batch.errors
    report = credit_query(actor=officer, uscc="91340000711771143J", purpose="inspection")  # its stored result
    return World(
        ids={
            "report": report.report_number,
            "record": main.public_id,
            "clean_record": clean.public_id,
            "measure": measure.public_id,
            "proposed": proposed.public_id,
            "published_entry": listed.public_id,
            "submitted": submitted.public_id,
            "accepted": accepted.public_id,
            "approved": approved.public_id,
            "batch": batch.public_id,
            "attachment": submitted.attachments.get().public_id,
        }
    )


def repair_form(w):
    return {
        "record": str(w.ids["clean_record"]),
        "applicant_name": "李经办",
        "applicant_phone": "13912345678",
        "obligations_performed": "true",
        "statement": "已履行处罚决定。",
        "commitment": SimpleUploadedFile("承诺书.pdf", pdf_bytes(), content_type="application/pdf"),
    }


def import_file(w):
    values = [
        "上海市青浦区城市管理行政执法局",
        "沪青城管罚〔2026〕902号",
        "2026-05-06",
        "单位",
        "华为技术有限公司",
        "914403001922038216",
        "",
        "0302",
        "罚款",
        "3000",
        "",
        "",
        "",
        "擅自占道经营",
    ]
    header = template_headers()
    assert len(header) == len(values), header
    data = ("\ufeff" + ",".join(header) + "\r\n" + ",".join(values) + "\r\n").encode()
    return {"file": SimpleUploadedFile("data.csv", data, content_type="text/csv")}


QUERY_BODY = {"uscc": "91340000711771143J", "purpose": "inspection"}
SINCE = "since=2026-01-01T00:00:00Z"
CASES = [
    # Records: published ones are shared with every query holder; managing is the determining agency's.
    Case("GET", "/credit/records/", capability(QUERY), fixed("/credit/records/")),
    Case("GET", "/credit/records/{record_id}", shared_read, at("/credit/records/{record}")),
    Case(
        "POST",
        "/credit/records/{record_id}/reclassify",
        manage_own(),
        at("/credit/records/{record}/reclassify"),
        lambda w: {"special_sector": True, "reason": "属安全生产领域"},
    ),
    Case(
        "POST",
        "/credit/records/{record_id}/withdraw",
        manage_own(),
        at("/credit/records/{record}/withdraw"),
        lambda w: {"ground": "revoked", "reason": "复议决定撤销"},
    ),
    # 严重失信主体名单: a proposed entry of 青浦 (and a published one to remove)
    Case("GET", "/credit/serious-list/", capability(QUERY), fixed("/credit/serious-list/?scope=all")),
    Case(
        "POST",
        "/credit/serious-list/",
        own_agency(MANAGE),
        fixed("/credit/serious-list/"),
        lambda w: {"record_ids": [str(w.ids["clean_record"])], "reasons": "吊销许可证件，情节严重"},
    ),
    Case("GET", "/credit/serious-list/{entry_id}", unpublished_entry_read, at("/credit/serious-list/{proposed}")),
    Case(
        "POST",
        "/credit/serious-list/{entry_id}/decide",
        manage_own(sees=sees_unpublished),
        at("/credit/serious-list/{proposed}/decide"),
        lambda w: {},
    ),
    # Publishing a proposal that was not decided is an illegal move.
    Case(
        "POST",
        "/credit/serious-list/{entry_id}/publish",
        manage_own(ok={409}, sees=sees_unpublished),
        at("/credit/serious-list/{proposed}/publish"),
        lambda w: {},
    ),
    Case(
        "POST",
        "/credit/serious-list/{entry_id}/remove",
        manage_own(),
        at("/credit/serious-list/{published_entry}/remove"),
        lambda w: {"reason": "revoked", "note": "依法撤销"},
    ),
    Case(
        "POST",
        "/credit/serious-list/{entry_id}/withdraw",
        manage_own(sees=sees_unpublished),
        at("/credit/serious-list/{proposed}/withdraw"),
        lambda w: {"note": "证据不足"},
    ),
    # Joint measures: any agency applies; only the applying agency (青浦 here) reads and lifts its own.
    Case("GET", "/credit/measures/catalogue", capability(*MEASURE_READ), fixed("/credit/measures/catalogue")),
    Case("GET", "/credit/measures/", capability(*MEASURE_READ), fixed("/credit/measures/")),
    Case(
        "POST",
        "/credit/measures/",
        capability(MEASURE),
        fixed("/credit/measures/"),
        lambda w: {"measure": "restrict_honours", "record_id": str(w.ids["record"])},
    ),
    Case("GET", "/credit/measures/{applied_id}", own_object(), at("/credit/measures/{measure}")),
    Case(
        "POST",
        "/credit/measures/{applied_id}/lift",
        own_object(act=MEASURE),
        at("/credit/measures/{measure}/lift"),
        lambda w: {"reason": "信用修复"},
    ),
    # The cross-region query
    Case("POST", "/credit/query/", capability(QUERY), fixed("/credit/query/"), lambda w: QUERY_BODY),
    Case(
        "POST", "/credit/query/report.pdf", capability(QUERY), fixed("/credit/query/report.pdf"), lambda w: QUERY_BODY
    ),
    Case("GET", "/credit/query/reports/{report_number}.pdf", own_report, at("/credit/query/reports/{report}.pdf")),
    # 异地信用修复: filed at 嘉善, decided by 青浦
    Case("GET", "/credit/repair/", capability(*REPAIR_READ), fixed("/credit/repair/")),
    Case("POST", "/credit/repair/", capability(REPAIR_FILE), fixed("/credit/repair/"), repair_form, multipart=True),
    Case("GET", "/credit/repair/{application_id}", repair_read, at("/credit/repair/{submitted}")),
    Case(
        "POST",
        "/credit/repair/{application_id}/accept",
        repair_decide(),
        at("/credit/repair/{submitted}/accept"),
        lambda w: {"note": "材料齐全"},
    ),
    Case(
        "POST",
        "/credit/repair/{application_id}/reject",
        repair_decide(),
        at("/credit/repair/{submitted}/reject"),
        lambda w: {"reason": "未履行法定义务"},
    ),
    Case(
        "POST",
        "/credit/repair/{application_id}/approve",
        repair_decide(),
        at("/credit/repair/{accepted}/approve"),
        lambda w: {"note": "准予修复"},
    ),
    Case(
        "POST",
        "/credit/repair/{application_id}/deny",
        repair_decide(),
        at("/credit/repair/{accepted}/deny"),
        lambda w: {"reason": "承诺不实"},
    ),
    Case(
        "GET",
        "/credit/repair/{application_id}/certificate.pdf",
        repair_read,
        at("/credit/repair/{approved}/certificate.pdf"),
    ),
    Case(
        "GET",
        "/credit/repair/{application_id}/attachments/{attachment_id}",
        repair_read,
        at("/credit/repair/{submitted}/attachments/{attachment}"),
    ),
    # Exchange with provincial credit systems: 青浦's batches
    Case(
        "POST",
        "/credit/exchange/import",
        capability(EXCHANGE),
        fixed("/credit/exchange/import"),
        import_file,
        multipart=True,
    ),
    Case(
        "POST",
        "/credit/exchange/import/rows",
        capability(EXCHANGE),
        fixed("/credit/exchange/import/rows"),
        lambda w: {
            "rows": [
                {
                    "agency": "沪青城管",
                    "decision_number": "沪青城管罚〔2026〕903号",
                    "decided_on": "2026-05-06",
                    "subject_kind": "organisation",
                    "subject_name": "腾讯科技（深圳）有限公司",
                    "uscc": "9144030071526726XG",
                    "matter": "0302",
                    "penalty_types": "警告",
                }
            ]
        },
    ),
    Case("GET", "/credit/exchange/imports", capability(EXCHANGE), fixed("/credit/exchange/imports")),
    Case(
        "GET",
        "/credit/exchange/imports/{batch_id}",
        own_object(read=(EXCHANGE,)),
        at("/credit/exchange/imports/{batch}"),
    ),
    Case("GET", "/credit/exchange/changes", capability(EXCHANGE), fixed(f"/credit/exchange/changes?{SINCE}")),
    Case("GET", "/credit/exchange/changes.csv", capability(EXCHANGE), fixed(f"/credit/exchange/changes.csv?{SINCE}")),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_credit_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER)
