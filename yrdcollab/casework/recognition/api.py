"""/api/v1/recognition/: penalty decisions of every region, recording one, recognizing another
agency's, and a party's cross-region history."""

from typing import Literal
from uuid import UUID

from ninja import Field, Query, Router, Schema, Status

from yrdcollab.core.api_helpers import API_PAGE_SIZE
from yrdcollab.platform.parties.schemas import party_out

from . import selectors, services
from .schemas import (
    DecisionIn,
    DecisionOut,
    PartyHistoryOut,
    RecognitionOut,
    RecognizeIn,
    decision_out,
    recognition_out,
)

router = Router(tags=["recognition"])


class DecisionQuery(Schema):
    q: str = ""
    scope: Literal["mine", "all"] = "mine"
    page: int = Field(1, ge=1, le=100000)


class DecisionPageOut(Schema):
    items: list[DecisionOut]
    count: int


@router.get(
    "/decisions",
    response=DecisionPageOut,
    summary="处罚决定列表（默认本机构登记或互认的；scope=all 全部；q 跨地区检索当事人或文号）",
)
def list_decisions(request, filters: Query[DecisionQuery]):
    page = selectors.decision_page(
        actor=request.auth, q=filters.q, scope=filters.scope, page=filters.page, page_size=API_PAGE_SIZE
    )
    return {"count": page["count"], "items": [decision_out(d) for d in page["items"]]}


@router.post("/decisions", response={201: DecisionOut}, summary="登记本机构作出的行政处罚决定")
def record_decision(request, payload: DecisionIn):
    data = payload.model_dump()
    party_id, party_in = data.pop("party_id"), data.pop("party")
    decision = services.penalty_decision_record(
        actor=request.auth, agency=request.auth.agency, party=party_id or party_in, **data
    )
    return Status(201, decision_out(decision))


@router.get("/decisions/{decision_id}", response=DecisionOut, summary="处罚决定详情（含各机构互认情况）")
def get_decision(request, decision_id: UUID):
    return decision_out(selectors.decision_get(actor=request.auth, decision_id=decision_id))


@router.post("/decisions/{decision_id}/recognize", response={201: RecognitionOut}, summary="互认其他机构的处罚决定")
def recognize_decision(request, decision_id: UUID, payload: RecognizeIn):
    return Status(
        201,
        recognition_out(
            services.result_recognize(actor=request.auth, decision_id=decision_id, remarks=payload.remarks)
        ),
    )


@router.get("/parties/{party_id}/history", response=PartyHistoryOut, summary="当事人跨地区处罚记录（重复违法查询）")
def party_history(request, party_id: UUID):
    history = selectors.party_decision_history(request.auth, party_id)
    return {
        "party": party_out(history.party),
        "total": len(history.decisions),
        "agencies": history.agencies,
        "total_fines": history.total_fines,
        "by_province": dict(history.by_province),
        "decisions": [decision_out(d) for d in history.decisions],
    }
