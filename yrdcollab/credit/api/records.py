"""/api/v1/credit/records/: the credit records of the actor's agency, one record (shared while
published), and the determining agency's reclassification and withdrawal."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema

from yrdcollab.core.api_helpers import page_window
from yrdcollab.core.schemas import InputSchema
from yrdcollab.platform.parties.schemas import PartyOut, party_out

from ..models import Severity
from ..selectors import records as selectors
from ..services.records import WITHDRAWAL_GROUNDS, credit_record_transition
from ..states import RecordAction, RecordStatus

router = Router(tags=["credit"])


class Ref(Schema):
    id: UUID
    name: str


class MatterRef(Schema):
    code: str
    name: str


class DecisionRef(Schema):
    id: UUID
    decision_number: str
    decided_on: date
    matter: MatterRef
    penalty_types: list[str]
    penalty_type_labels: list[str]
    fine_amount: Decimal | None


class CreditRecordOut(Schema):
    id: UUID
    status: str
    status_label: str
    published_now: bool
    regime: str
    regime_label: str
    regime_source: str
    severity: str
    severity_label: str
    special_sector: bool
    publicity_starts_on: date
    repairable_from: date
    publicity_ends_on: date | None
    status_changed_at: datetime
    source: str
    agency: Ref
    subject: PartyOut
    decision: DecisionRef


class AppliedMeasureOut(Schema):
    id: UUID
    measure_code: str
    measure_name: str
    subject: Ref
    agency: Ref
    status: str
    status_label: str
    basis_kind: str
    record_id: UUID | None
    list_entry_id: UUID | None
    applied_on: date
    note: str
    lift_reason: str
    lift_required_at: datetime | None
    lifted_at: datetime | None


class EntryRef(Schema):
    id: UUID
    status: str
    status_label: str
    document_number: str
    agency: Ref


class RepairRef(Schema):
    id: UUID
    number: str
    status: str
    status_label: str


class RecordDetailOut(CreditRecordOut):
    measures: list[AppliedMeasureOut]
    list_entries: list[EntryRef]
    repair_applications: list[RepairRef]


class RecordPageOut(Schema):
    count: int
    items: list[CreditRecordOut]


class RecordQuery(Schema):
    status: Literal["", *RecordStatus.values] = ""
    severity: Literal["", *Severity.values] = ""
    q: str = Field("", max_length=64)
    page: int = Field(1, ge=1, le=100000)


class ReclassifyIn(InputSchema):
    severity: Literal[*Severity.values] | None = None
    special_sector: bool | None = None
    publicity_ends_on: date | None = None
    reason: str = Field(max_length=500)


class CreditRecordWithdrawIn(InputSchema):
    ground: Literal[*WITHDRAWAL_GROUNDS]
    reason: str = Field(max_length=500)


def agency_ref(agency) -> dict:
    return {"id": agency.public_id, "name": agency.name}


def applied_out(m) -> dict:
    return {
        "id": m.public_id,
        "measure_code": m.measure.code,
        "measure_name": m.measure.name,
        "subject": {"id": m.subject.public_id, "name": m.subject.name},
        "agency": agency_ref(m.agency),
        "status": m.status,
        "status_label": str(m.get_status_display()),
        "basis_kind": "record" if m.record_id else "list_entry",
        "record_id": m.record.public_id if m.record_id else None,
        "list_entry_id": m.list_entry.public_id if m.list_entry_id else None,
        "applied_on": m.applied_on,
        "note": m.note,
        "lift_reason": m.lift_reason,
        "lift_required_at": m.lift_required_at,
        "lifted_at": m.lifted_at,
    }


def record_out(r) -> dict:
    d = r.decision
    return {
        "id": r.public_id,
        "status": r.status,
        "status_label": str(r.get_status_display()),
        "published_now": selectors.record_is_published(r),
        "regime": r.regime,
        "regime_label": str(r.get_regime_display()),
        "regime_source": selectors.regime_source(r.regime),
        "severity": r.severity,
        "severity_label": str(r.get_severity_display()),
        "special_sector": r.special_sector,
        "publicity_starts_on": r.publicity_starts_on,
        "repairable_from": r.repairable_from,
        "publicity_ends_on": r.publicity_ends_on,
        "status_changed_at": r.status_changed_at,
        "source": r.source,
        "agency": agency_ref(r.agency),
        "subject": party_out(r.subject),
        "decision": {
            "id": d.public_id,
            "decision_number": d.decision_number,
            "decided_on": d.decided_on,
            "matter": {"code": d.matter.code, "name": d.matter.name},
            "penalty_types": d.penalty_types,
            "penalty_type_labels": d.penalty_type_labels,
            "fine_amount": d.fine_amount,
        },
    }


def record_detail_out(actor, record) -> dict:
    context = selectors.record_detail_context(actor=actor, record=record)
    return {
        **record_out(record),
        "measures": [applied_out(m) for m in context["measures"]],
        "list_entries": [
            {
                "id": e.public_id,
                "status": e.status,
                "status_label": str(e.get_status_display()),
                "document_number": e.document_number,
                "agency": agency_ref(e.agency),
            }
            for e in context["list_entries"]
        ],
        "repair_applications": [
            {"id": a.public_id, "number": a.number, "status": a.status, "status_label": str(a.get_status_display())}
            for a in context["repairs"]
        ],
    }


@router.get("/", response=RecordPageOut, summary="本机构认定的信用记录（可按状态、失信程度、当事人或文号筛选）")
def list_records(request, filters: Query[RecordQuery]):
    window = page_window(
        selectors.record_list(actor=request.auth, status=filters.status, severity=filters.severity, q=filters.q),
        filters.page,
    )
    return {"count": window["count"], "items": [record_out(r) for r in window["items"]]}


@router.get(
    "/{record_id}",
    response=RecordDetailOut,
    summary="信用记录详情（公示中的记录跨地区共享；其余仅认定机构和指挥中心可见）",
)
def get_record(request, record_id: UUID):
    return record_detail_out(request.auth, selectors.record_get(actor=request.auth, record_id=record_id))


@router.post(
    "/{record_id}/reclassify",
    response=RecordDetailOut,
    summary="调整失信程度、特定领域标记或公示截止日（按公示规则重新计算，仅认定机构）",
)
def reclassify_record(request, record_id: UUID, payload: ReclassifyIn):
    record = credit_record_transition(
        actor=request.auth,
        record_id=record_id,
        action=RecordAction.RECLASSIFY,
        reason=payload.reason,
        severity=payload.severity,
        special_sector=payload.special_sector,
        publicity_ends_on=payload.publicity_ends_on,
    )
    return record_detail_out(request.auth, selectors.record_get(actor=request.auth, record_id=record.public_id))


@router.post(
    "/{record_id}/withdraw",
    response=RecordDetailOut,
    summary="处罚决定被变更、撤销、确认违法或无效时撤回信用信息（行政处罚法第四十八条，仅认定机构）",
)
def withdraw_record(request, record_id: UUID, payload: CreditRecordWithdrawIn):
    record = credit_record_transition(
        actor=request.auth,
        record_id=record_id,
        action=RecordAction.WITHDRAW,
        ground=payload.ground,
        reason=payload.reason,
    )
    return record_detail_out(request.auth, selectors.record_get(actor=request.auth, record_id=record.public_id))
