from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema
from yrdcollab.platform.parties.schemas import PartyOut, party_out


class PartyRefIn(InputSchema):
    kind: str = Field(max_length=16)
    name: str = Field(max_length=128)
    uscc: str = Field("", max_length=32)
    id_number: str = Field("", max_length=32)
    plate: str = Field("", max_length=16)
    uscc_override_reason: str = Field("", max_length=200)


class DecisionIn(InputSchema):
    decision_number: str = Field(max_length=64)
    decided_on: date
    party_id: UUID | None = None
    party: PartyRefIn | None = None
    matter: str = Field(max_length=16, description="事项编码，如 0302")
    penalty_types: list[str] = Field(max_length=14)
    fine_amount: Decimal | None = None
    summary: str = Field("", max_length=1000)
    source_kind: str = Field("", max_length=16)
    source_public_id: UUID | None = None


class RecognizeIn(InputSchema):
    remarks: str = Field("", max_length=500)


class AgencyRef(Schema):
    id: UUID
    name: str


class RecognitionOut(Schema):
    agency: AgencyRef
    recognized_at: datetime
    recognized_by: str
    remarks: str


class MatterRef(Schema):
    code: str
    name: str


class DecisionOut(Schema):
    id: UUID
    agency: AgencyRef
    province: str
    decision_number: str
    decided_on: date
    party: PartyOut
    matter: MatterRef
    penalty_types: list[str]
    penalty_type_labels: list[str]
    fine_amount: Decimal | None
    summary: str
    source_kind: str
    source_public_id: UUID | None
    recognitions: list[RecognitionOut]


class PartyHistoryOut(Schema):
    party: PartyOut
    total: int
    agencies: int
    total_fines: Decimal
    by_province: dict[str, int]
    decisions: list[DecisionOut]


def _agency(agency) -> dict:
    return {"id": agency.public_id, "name": agency.name}


def recognition_out(r) -> dict:
    return {
        "agency": _agency(r.agency),
        "recognized_at": r.recognized_at,
        "recognized_by": r.recognized_by.get_full_name() if r.recognized_by else "",
        "remarks": r.remarks,
    }


def decision_out(d) -> dict:
    from .selectors import PROVINCE_NAMES

    province = d.agency.division.province_code
    return {
        "id": d.public_id,
        "agency": _agency(d.agency),
        "province": PROVINCE_NAMES.get(province, province),
        "decision_number": d.decision_number,
        "decided_on": d.decided_on,
        "party": party_out(d.party),
        "matter": {"code": d.matter.code, "name": d.matter.name},
        "penalty_types": d.penalty_types,
        "penalty_type_labels": d.penalty_type_labels,
        "fine_amount": d.fine_amount,
        "summary": d.summary,
        "source_kind": d.source_kind,
        "source_public_id": d.source_public_id,
        "recognitions": [recognition_out(r) for r in d.recognitions.all()],
    }
