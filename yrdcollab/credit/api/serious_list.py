"""/api/v1/credit/serious-list/: the 严重失信主体名单 — the actor's agency's entries (or every
published one), and the determining agency's steps: propose, decide, publish, remove, withdraw."""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema, Status

from yrdcollab.core.api_helpers import page_window
from yrdcollab.core.schemas import InputSchema
from yrdcollab.platform.parties.schemas import PartyOut, party_out

from ..selectors import serious_list as selectors
from ..services import serious_list as services
from ..states import ListAction, ListStatus
from .records import AppliedMeasureOut, Ref, agency_ref, applied_out

router = Router(tags=["credit"])


class BasisRecordOut(Schema):
    id: UUID
    decision_number: str
    decided_on: date
    severity: str
    status: str


class EntryOut(Schema):
    id: UUID
    status: str
    status_label: str
    subject: PartyOut
    agency: Ref
    reasons: str
    document_number: str
    listed_on: date | None
    repairable_from: date | None
    ends_on: date | None
    removal_reason: str
    decided_at: datetime | None
    published_at: datetime | None
    removed_at: datetime | None
    basis_records: list[BasisRecordOut]


class EntryDetailOut(EntryOut):
    period_rule: str
    measures: list[AppliedMeasureOut]


class EntryPageOut(Schema):
    count: int
    items: list[EntryOut]


class EntryQuery(Schema):
    status: Literal["", *ListStatus.values] = ""
    scope: Literal["mine", "all"] = "mine"
    q: str = Field("", max_length=64)
    page: int = Field(1, ge=1, le=100000)


class ProposeIn(InputSchema):
    record_ids: list[UUID] = Field(min_length=1, max_length=20)
    reasons: str = Field(max_length=2000)


class DecideIn(InputSchema):
    ends_on: date | None = None


class RemoveIn(InputSchema):
    reason: Literal["repair", "revoked"]
    note: str = Field("", max_length=500)


class SeriousListWithdrawIn(InputSchema):
    note: str = Field(max_length=500)


def entry_out(e) -> dict:
    return {
        "id": e.public_id,
        "status": e.status,
        "status_label": str(e.get_status_display()),
        "subject": party_out(e.subject),
        "agency": agency_ref(e.agency),
        "reasons": e.reasons,
        "document_number": e.document_number,
        "listed_on": e.listed_on,
        "repairable_from": e.repairable_from,
        "ends_on": e.ends_on,
        "removal_reason": e.removal_reason,
        "decided_at": e.decided_at,
        "published_at": e.published_at,
        "removed_at": e.removed_at,
        "basis_records": [
            {
                "id": r.public_id,
                "decision_number": r.decision.decision_number,
                "decided_on": r.decision.decided_on,
                "severity": r.severity,
                "status": r.status,
            }
            for r in e.basis_records.select_related("decision")
        ],
    }


def _detail(actor, entry_id) -> dict:
    entry = selectors.entry_get(actor=actor, entry_id=entry_id)
    context = selectors.entry_detail_context(actor=actor, entry=entry)
    period = context["period"]
    return {
        **entry_out(entry),
        "period_rule": period.source if period else "",
        "measures": [applied_out(m) for m in context["measures"]],
    }


@router.get("/", response=EntryPageOut, summary="严重失信主体名单（默认本机构的；scope=all 含各地已公布的）")
def list_entries(request, filters: Query[EntryQuery]):
    window = page_window(
        selectors.entry_list(actor=request.auth, status=filters.status, q=filters.q, scope=filters.scope), filters.page
    )
    return {"count": window["count"], "items": [entry_out(e) for e in window["items"]]}


@router.post("/", response={201: EntryDetailOut}, summary="拟列入严重失信主体名单（依据本机构公示中的信用记录）")
def propose_entry(request, payload: ProposeIn):
    entry = services.list_entry_propose(actor=request.auth, record_ids=payload.record_ids, reasons=payload.reasons)
    return Status(201, _detail(request.auth, entry.public_id))


@router.get("/{entry_id}", response=EntryDetailOut, summary="名单详情")
def get_entry(request, entry_id: UUID):
    return _detail(request.auth, entry_id)


@router.post("/{entry_id}/decide", response=EntryDetailOut, summary="决定列入（生成列入决定书文号，确定名单期限）")
def decide_entry(request, entry_id: UUID, payload: DecideIn):
    services.list_entry_transition(
        actor=request.auth, entry_id=entry_id, action=ListAction.DECIDE, ends_on=payload.ends_on
    )
    return _detail(request.auth, entry_id)


@router.post("/{entry_id}/publish", response=EntryDetailOut, summary="公布名单")
def publish_entry(request, entry_id: UUID):
    services.list_entry_transition(actor=request.auth, entry_id=entry_id, action=ListAction.PUBLISH)
    return _detail(request.auth, entry_id)


@router.post("/{entry_id}/remove", response=EntryDetailOut, summary="移出名单（信用修复或依法撤销；期满由系统移出）")
def remove_entry(request, entry_id: UUID, payload: RemoveIn):
    services.list_entry_transition(
        actor=request.auth, entry_id=entry_id, action=ListAction.REMOVE, reason=payload.reason, note=payload.note
    )
    return _detail(request.auth, entry_id)


@router.post("/{entry_id}/withdraw", response=EntryDetailOut, summary="撤销拟列入")
def withdraw_entry(request, entry_id: UUID, payload: SeriousListWithdrawIn):
    services.list_entry_transition(actor=request.auth, entry_id=entry_id, action=ListAction.WITHDRAW, note=payload.note)
    return _detail(request.auth, entry_id)
