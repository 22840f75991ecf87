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


class PartyRegisterOut(PartyOut):
    created: bool


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
    }
