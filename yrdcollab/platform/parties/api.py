"""/api/v1/parties/: register or find a party, look one up, search; reveal an ID number (audited);
the proposed names of parties and their review (/parties/name-claims/, ADR 0021)."""

from uuid import UUID

from ninja import Field, Query, Router, Schema, Status

from yrdcollab.core.api_helpers import limit_param, offset_param

from . import presenters, selectors, services, services_names
from .schemas import (
    IdNumberOut,
    PartyIn,
    PartyNameClaimDecisionIn,
    PartyNameClaimOut,
    PartyOut,
    PartyRegisterOut,
    name_claim_out,
    name_claim_ref,
    party_out,
)
from .states import ClaimAction

router = Router(tags=["parties"])


class PartyQuery(Schema):
    q: str = ""


@router.post(
    "/",
    response={200: PartyRegisterOut, 201: PartyRegisterOut},
    summary="登记或查找当事人（按统一社会信用代码/身份证号/号牌去重）",
)
def register_party(request, payload: PartyIn):
    """A known party keeps its registered name: a differing `name` comes back as `name_differs` with
    the pending `name_claim` that keeps it for review (and an inbox message)."""
    result = services.party_register_result(actor=request.auth, **payload.model_dump())
    party = result.party
    notice = (
        services_names.name_differs_message(registered=party.name, proposed=payload.name.strip(), uscc=party.uscc)
        if result.name_differs
        else ""
    )
    return Status(
        201 if result.created else 200,
        {
            **party_out(party),
            "created": result.created,
            "name_differs": result.name_differs,
            "name_claim": name_claim_ref(result.name_claim),
            "name_notice": notice,
        },
    )


@router.get("/", response=list[PartyOut], summary="检索当事人（名称、统一社会信用代码、号牌，或完整身份证号）")
def search_parties(request, filters: Query[PartyQuery]):
    return [party_out(p) for p in services.party_search_recorded(actor=request.auth, q=filters.q)]


@router.get("/{party_id}", response=PartyOut, summary="当事人详情（身份证号脱敏）")
def get_party(request, party_id: UUID):
    return party_out(selectors.party_get(actor=request.auth, party_id=party_id))


@router.post("/{party_id}/id-number/reveal", response=IdNumberOut, summary="查看完整公民身份号码（留痕）")
def reveal_id_number(request, party_id: UUID):
    return {"id_number": services.party_id_number_reveal(actor=request.auth, party_id=party_id)}


# --- proposed names (ADR 0021) ---------------------------------------------------------------------


class NameClaimQuery(Schema):
    status: str = Field("", max_length=16, description="pending / approved / rejected / superseded")
    q: str = Field("", max_length=64, description="名称片段或统一社会信用代码前缀")
    routed_to_me: bool = Field(False, description="审核人：只看由本省（市）审核的申请（按企业登记地分派）")


def _claim(request, claim_id: UUID) -> dict:
    claim = selectors.name_claim_get(actor=request.auth, claim_id=claim_id)
    return name_claim_out(claim, actions=presenters.name_claim_actions(actor=request.auth, claim=claim))


@router.get(
    "/name-claims/",
    response=list[PartyNameClaimOut],
    summary="当事人名称变更申请（审核人可见全部，执法机构可见本机构）",
)
def list_name_claims(request, filters: Query[NameClaimQuery], limit: int = limit_param(), offset: int = offset_param()):
    claims = selectors.name_claim_list(
        actor=request.auth, status=filters.status, q=filters.q, routed_to_me=filters.routed_to_me
    )
    return [
        name_claim_out(c, actions=presenters.name_claim_actions(actor=request.auth, claim=c))
        for c in claims[offset : offset + limit]
    ]


@router.get("/name-claims/{uuid:claim_id}", response=PartyNameClaimOut, summary="当事人名称变更申请详情")
def get_name_claim(request, claim_id: UUID):
    return _claim(request, claim_id)


@router.post(
    "/name-claims/{uuid:claim_id}/approve",
    response=PartyNameClaimOut,
    summary="采纳名称（名称审核人；当事人名称随之更新，来源为经审核确认）",
)
def approve_name_claim(request, claim_id: UUID, payload: PartyNameClaimDecisionIn):
    services_names.party_name_claim_transition(
        actor=request.auth, claim_id=claim_id, action=ClaimAction.APPROVE, note=payload.note
    )
    return _claim(request, claim_id)


@router.post(
    "/name-claims/{uuid:claim_id}/reject", response=PartyNameClaimOut, summary="不予采纳（名称审核人，须填理由）"
)
def reject_name_claim(request, claim_id: UUID, payload: PartyNameClaimDecisionIn):
    services_names.party_name_claim_transition(
        actor=request.auth, claim_id=claim_id, action=ClaimAction.REJECT, note=payload.note
    )
    return _claim(request, claim_id)
