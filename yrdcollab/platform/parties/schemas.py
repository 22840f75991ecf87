from datetime import datetime
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema

from .identifiers import PLATE_KIND_LABELS
from .models import PartyKind


class PartyIn(InputSchema):
    """A party to register or find again; also the shape of the parties named in a clue or request."""

    kind: PartyKind
    name: str = Field(max_length=128)
    uscc: str = Field("", max_length=32)
    id_number: str = Field("", max_length=32)
    plate: str = Field("", max_length=16)
    uscc_override_reason: str = Field("", max_length=200)


class PartyOut(Schema):
    id: UUID
    kind: str
    kind_label: str
    name: str
    uscc: str
    uscc_override_reason: str
    id_number_masked: str
    plate: str
    plate_kind: str
    plate_kind_label: str
    registered_by: str
    name_source: str = Field(
        description="名称来源：register 登记机关名录、reviewed 经审核确认、officer 执法人员录入（未核验）"
    )
    name_source_label: str
    name_verified: bool = Field(description="名称来自登记机关名录或经审核确认（公示页面只显示这样的名称）")


class PartyNameClaimRef(Schema):
    id: UUID
    status: str
    status_label: str
    proposed_name: str


class PartyRegisterOut(PartyOut):
    created: bool
    name_differs: bool = Field(
        description="填写的名称与平台登记名称不一致：登记名称未改变，所填名称已作为名称变更申请提交"
    )
    name_claim: PartyNameClaimRef | None = Field(
        description="保存所填名称的待审核名称申请（新登记单位的名称同样待审核）"
    )
    name_notice: str


class IdNumberOut(Schema):
    id_number: str


def party_out(party) -> dict:
    agency = party.created_by_agency
    return {
        "id": party.public_id,
        "kind": party.kind,
        "kind_label": str(party.get_kind_display()),
        "name": party.name,
        "uscc": party.uscc,
        "uscc_override_reason": party.uscc_override_reason,
        "id_number_masked": party.id_number_masked,
        "plate": party.plate,
        "plate_kind": party.plate_kind,
        "plate_kind_label": str(PLATE_KIND_LABELS.get(party.plate_kind, "")),
        "registered_by": agency.name if agency else "",
        "name_source": party.name_source,
        "name_source_label": str(party.get_name_source_display()),
        "name_verified": party.name_verified,
    }


def name_claim_ref(claim) -> dict | None:
    if claim is None:
        return None
    return {
        "id": claim.public_id,
        "status": claim.status,
        "status_label": str(claim.get_status_display()),
        "proposed_name": claim.proposed_name,
    }


# --- proposed names (ADR 0021) ---------------------------------------------------------------------


class PartyNameClaimDecisionIn(InputSchema):
    note: str = Field(max_length=200, description="审核依据（采纳）或理由（不予采纳），必填")


class PartyNameClaimOut(Schema):
    id: UUID
    status: str
    status_label: str
    party: PartyOut
    proposed_name: str
    previous_name: str = Field(description="提交时的平台登记名称；新登记单位的首次名称为空")
    origin: str
    origin_label: str
    agency: str
    claimed_by: str
    created_at: datetime
    decided_by: str
    decided_at: datetime | None
    note: str
    actions: list[str]


def name_claim_out(claim, *, actions: list[str]) -> dict:
    return {
        "id": claim.public_id,
        "status": claim.status,
        "status_label": str(claim.get_status_display()),
        "party": party_out(claim.party),
        "proposed_name": claim.proposed_name,
        "previous_name": claim.previous_name,
        "origin": claim.origin,
        "origin_label": str(claim.get_origin_display()),
        "agency": claim.agency.name if claim.agency_id else "",
        "claimed_by": claim.claimed_by.get_full_name() if claim.claimed_by_id else "",
        "created_at": claim.created_at,
        "decided_by": claim.decided_by.get_full_name() if claim.decided_by_id else "",
        "decided_at": claim.decided_at,
        "note": claim.note,
        "actions": actions,
    }
