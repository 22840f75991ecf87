"""/api/v1/parties/: register or find a party, look one up, search; reveal an ID number (audited)."""

from uuid import UUID

from ninja import Query, Router, Schema, Status

from . import selectors, services
from .schemas import IdNumberOut, PartyIn, PartyOut, PartyRegisterOut, party_out

router = Router(tags=["parties"])


class PartyQuery(Schema):
    q: str = ""


@router.post(
    "/",
    response={200: PartyRegisterOut, 201: PartyRegisterOut},
    summary="登记或查找当事人（按统一社会信用代码/身份证号/号牌去重）",
)
def register_party(request, payload: PartyIn):
    result = services.party_register_result(actor=request.auth, **payload.model_dump())
    return Status(201 if result.created else 200, {**party_out(result.party), "created": result.created})


@router.get("/", response=list[PartyOut], summary="检索当事人（名称、统一社会信用代码、号牌，或完整身份证号）")
def search_parties(request, filters: Query[PartyQuery]):
    return [party_out(p) for p in services.party_search_recorded(actor=request.auth, q=filters.q)]


@router.get("/{party_id}", response=PartyOut, summary="当事人详情（身份证号脱敏）")
def get_party(request, party_id: UUID):
    return party_out(selectors.party_get(actor=request.auth, party_id=party_id))


@router.post("/{party_id}/id-number/reveal", response=IdNumberOut, summary="查看完整公民身份号码（留痕）")
def reveal_id_number(request, party_id: UUID):
    return {"id_number": services.party_id_number_reveal(actor=request.auth, party_id=party_id)}
