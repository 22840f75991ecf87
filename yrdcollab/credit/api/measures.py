"""/api/v1/credit/measures/: the catalogue of joint measures, the measures the actor's agency
applied, applying one because of a published record or list entry, and lifting one."""

from datetime import date
from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema, Status

from yrdcollab.core.api_helpers import page_window
from yrdcollab.core.schemas import InputSchema

from ..selectors import measures as selectors
from ..services import measures as services
from ..states import MeasureAction, MeasureStatus
from .records import AppliedMeasureOut, applied_out

router = Router(tags=["credit"])


class CatalogueOut(Schema):
    code: str
    name: str
    description: str
    legal_basis: str
    severities: list[str]
    serious_list_only: bool
    matter_codes: list[str]


class AppliedPageOut(Schema):
    count: int
    items: list[AppliedMeasureOut]


class AppliedQuery(Schema):
    status: Literal["", *MeasureStatus.values] = ""
    q: str = Field("", max_length=64)
    page: int = Field(1, ge=1, le=100000)


class ApplyIn(InputSchema):
    measure: str = Field(max_length=32, description="措施代码，见 /catalogue")
    record_id: UUID | None = None
    list_entry_id: UUID | None = None
    applied_on: date | None = None
    note: str = Field("", max_length=500)


class LiftIn(InputSchema):
    reason: str = Field(max_length=500)


@router.get("/catalogue", response=list[CatalogueOut], summary="联合惩戒措施目录（适用失信程度、事项及依据）")
def list_catalogue(request):
    return [
        {
            "code": m.code,
            "name": m.name,
            "description": m.description,
            "legal_basis": m.legal_basis,
            "severities": m.severities,
            "serious_list_only": m.serious_list_only,
            "matter_codes": m.matter_codes,
        }
        for m in selectors.catalogue(actor=request.auth)
    ]


@router.get("/", response=AppliedPageOut, summary="本机构实施的惩戒措施（status=lift_required 为应予解除的）")
def list_applied(request, filters: Query[AppliedQuery]):
    window = page_window(selectors.applied_list(actor=request.auth, status=filters.status, q=filters.q), filters.page)
    return {"count": window["count"], "items": [applied_out(m) for m in window["items"]]}


@router.post("/", response={201: AppliedMeasureOut}, summary="据公示中的信用记录或已公布的名单实施惩戒措施")
def apply_measure(request, payload: ApplyIn):
    applied = services.measure_apply(
        actor=request.auth,
        measure_code=payload.measure,
        record_id=payload.record_id,
        list_entry_id=payload.list_entry_id,
        note=payload.note,
        applied_on=payload.applied_on,
    )
    return Status(201, applied_out(selectors.applied_get(actor=request.auth, applied_id=applied.public_id)))


@router.get("/{applied_id}", response=AppliedMeasureOut, summary="本机构实施的一项惩戒措施")
def get_applied(request, applied_id: UUID):
    return applied_out(selectors.applied_get(actor=request.auth, applied_id=applied_id))


@router.post("/{applied_id}/lift", response=AppliedMeasureOut, summary="解除本机构实施的惩戒措施")
def lift_measure(request, applied_id: UUID, payload: LiftIn):
    applied = services.measure_transition(
        actor=request.auth, applied_id=applied_id, action=MeasureAction.LIFT, reason=payload.reason
    )
    return applied_out(selectors.applied_get(actor=request.auth, applied_id=applied.public_id))
