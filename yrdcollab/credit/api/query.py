"""/api/v1/credit/query/: the cross-region credit query (JSON) and its report (PDF). POST, because
every query is a recorded act: a purpose, an audit entry and a count against the rate limit. The report
of a query already run is a GET by its 报告编号 (reports/{report_number}.pdf): no second query."""

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from django.http import HttpResponse
from ninja import Field, Path, Router, Schema

from yrdcollab.core.schemas import InputSchema

from ..report import render_credit_report
from ..selectors.query import CreditQueryResult, QueryPurpose, credit_query, credit_query_report_of
from ..services.query_reports import credit_query_report_printed

router = Router(tags=["credit"])


class CreditQueryIn(InputSchema):
    uscc: str = Field("", max_length=32, description="统一社会信用代码（三者填其一）")
    id_number: str = Field("", max_length=32, description="公民身份号码（三者填其一）")
    name: str = Field("", max_length=64, description="单位名称片段（仅查询单位，最多返回20个主体）")
    purpose: str = Field(
        "",
        max_length=16,
        description="查询用途：" + "、".join(f"{value}={label}" for value, label in QueryPurpose.choices),
    )
    purpose_note: str = Field("", max_length=200, description="用途说明（用途为 other 时必填）")
    reveal_id_number: bool = Field(False, description="显示完整公民身份号码（需个人信息完整查看权限，单独留痕）")


class CreditAgencyRef(Schema):
    id: UUID
    name: str
    province: str


class CreditQueryRecordOut(Schema):
    id: UUID
    decision_id: UUID
    decision_number: str
    decided_on: date
    agency: CreditAgencyRef
    matter_code: str
    matter_name: str
    penalty_types: list[str]
    penalty_type_labels: list[str]
    fine_amount: Decimal | None
    severity: str
    severity_label: str
    regime: str
    regime_label: str
    publicity_starts_on: date
    publicity_ends_on: date | None = Field(description="公示期结束后的第一日（半开区间）")
    publicity_last_day: date | None
    repairable_from: date


class ListEntryOut(Schema):
    id: UUID
    agency: CreditAgencyRef
    document_number: str
    reasons: str
    listed_on: date | None
    ends_on: date | None


class MeasureOut(Schema):
    id: UUID
    code: str
    name: str
    agency: CreditAgencyRef
    applied_on: date
    decision_number: str


class CreditSubjectOut(Schema):
    id: UUID
    kind: str
    name: str
    name_verified: bool = Field(description="名称来自登记机关名录或经审核确认；否则为执法人员录入、待核验")
    uscc: str
    id_number: str
    id_number_revealed: bool
    records: list[CreditQueryRecordOut]
    serious_list: list[ListEntryOut]
    measures_in_force: list[MeasureOut]


class CreditQueryOut(Schema):
    report_number: str
    queried_at: datetime
    queried_by: str
    agency: str
    by: str
    identifier: str
    purpose: str
    purpose_label: str
    purpose_note: str
    truncated: bool
    subjects: list[CreditSubjectOut]


def _agency(obj) -> dict:
    """The agency of a record, list entry or measure, with its province (set by the selector)."""
    return {"id": obj.agency.public_id, "name": obj.agency.name, "province": obj.province}


def _record(r) -> dict:
    d = r.decision
    return {
        "id": r.public_id,
        "decision_id": d.public_id,
        "decision_number": d.decision_number,
        "decided_on": d.decided_on,
        "agency": _agency(r),
        "matter_code": d.matter.code,
        "matter_name": d.matter.name,
        "penalty_types": d.penalty_types,
        "penalty_type_labels": d.penalty_type_labels,
        "fine_amount": d.fine_amount,
        "severity": r.severity,
        "severity_label": r.get_severity_display(),
        "regime": r.regime,
        "regime_label": r.get_regime_display(),
        "publicity_starts_on": r.publicity_starts_on,
        "publicity_ends_on": r.publicity_ends_on,
        "publicity_last_day": r.last_day,
        "repairable_from": r.repairable_from,
    }


def query_out(result: CreditQueryResult) -> dict:
    actor = result.actor
    return {
        "report_number": result.report_number,
        "queried_at": result.queried_at,
        "queried_by": actor.get_full_name(),
        "agency": actor.agency.name if actor.agency_id else "",
        "by": result.by,
        "identifier": result.identifier,
        "purpose": result.purpose,
        "purpose_label": result.purpose_label,
        "purpose_note": result.purpose_note,
        "truncated": result.truncated,
        "subjects": [
            {
                "id": s.party.public_id,
                "kind": s.party.kind,
                "name": s.party.name,
                "name_verified": s.party.name_verified,
                "uscc": s.party.uscc,
                "id_number": "" if s.party.uscc else s.identifier,
                "id_number_revealed": s.id_number_revealed,
                "records": [_record(r) for r in s.records],
                "serious_list": [
                    {
                        "id": e.public_id,
                        "agency": _agency(e),
                        "document_number": e.document_number,
                        "reasons": e.reasons,
                        "listed_on": e.listed_on,
                        "ends_on": e.ends_on,
                    }
                    for e in s.list_entries
                ],
                "measures_in_force": [
                    {
                        "id": m.public_id,
                        "code": m.measure.code,
                        "name": m.measure.name,
                        "agency": _agency(m),
                        "applied_on": m.applied_on,
                        "decision_number": m.record.decision.decision_number if m.record_id else "",
                    }
                    for m in s.measures
                ],
            }
            for s in result.subjects
        ],
    }


def _run(request, payload: CreditQueryIn, output: str) -> CreditQueryResult:
    return credit_query(
        actor=request.auth,
        uscc=payload.uscc,
        id_number=payload.id_number,
        name=payload.name,
        purpose=payload.purpose,
        purpose_note=payload.purpose_note,
        reveal_id_number=payload.reveal_id_number,
        output=output,
    )


@router.post("", response=CreditQueryOut, summary="跨地区信用查询（须说明用途；留痕、限频）")
def query(request, payload: CreditQueryIn):
    return query_out(_run(request, payload, "json"))


@router.post(
    "report.pdf",
    summary="信用查询报告（PDF；同一请求体，亦留痕、限频）",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "公共信用信息查询报告", "content": {"application/pdf": {}}}}},
)
def query_report(request, payload: CreditQueryIn):
    return _pdf(_run(request, payload, "pdf").snapshot)


@router.get(
    "reports/{report_number}.pdf",
    summary="已完成查询的信用查询报告（PDF；按报告编号取回查询时的结果，不再查询、不另计次）",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "公共信用信息查询报告", "content": {"application/pdf": {}}}}},
)
def query_report_of(request, report_number: str = Path(..., max_length=32)):
    snapshot = credit_query_report_of(actor=request.auth, report_number=report_number)
    credit_query_report_printed(actor=request.auth, snapshot=snapshot)
    return _pdf(snapshot)


def _pdf(snapshot: dict) -> HttpResponse:
    response = HttpResponse(render_credit_report(snapshot), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="credit-report-{snapshot["report_number"]}.pdf"'
    response["Cache-Control"] = "no-store"
    return response
