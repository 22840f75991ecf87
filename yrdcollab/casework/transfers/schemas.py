from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from ninja import Field, Schema

from yrdcollab.core.schemas import InputSchema
from yrdcollab.platform.parties.schemas import PartyIn as RegisteredPartyIn


class TransferPartyIn(RegisteredPartyIn):
    kind: str = Field(max_length=16)  # checked by the service, which answers with code party_kind
    role: str = Field("party", max_length=16)


class TransferIn(InputSchema):
    receiver: UUID
    matter: str = Field(max_length=16, description="matter code")
    title: str = Field(max_length=200)
    facts: str = Field(max_length=5000)
    place_address: str = Field(max_length=200)
    place_division: str = Field(max_length=12, description="GB/T 2260 code, county or town level")
    latitude: float | None = None
    longitude: float | None = None
    parties: list[TransferPartyIn] = Field(default_factory=list, max_length=20)
    place_mismatch_confirmed: bool = Field(
        False, description="the coordinates lie outside place_division and the division is right anyway"
    )
    place_mismatch_reason: str = Field("", max_length=200, description="required with place_mismatch_confirmed")


class TransferPatch(InputSchema):
    receiver: UUID | None = None
    matter: str | None = Field(None, max_length=16)
    title: str | None = Field(None, max_length=200)
    facts: str | None = Field(None, max_length=5000)
    place_address: str | None = Field(None, max_length=200)
    place_division: str | None = Field(None, max_length=12)
    latitude: float | None = None
    longitude: float | None = None
    parties: list[TransferPartyIn] | None = Field(None, max_length=20)


class TransferActionIn(InputSchema):
    """Fields by action — return: reason (not_our_jurisdiction | insufficient_facts), note; reroute:
    receiver; conclude: outcome (case_filed → local_case_number; no_violation → note; penalty_decided
    → decision_number, fine_amount, decided_on, penalty_types, party). Every action takes a note."""

    note: str = Field("", max_length=2000)
    reason: str | None = Field(None, max_length=32)
    receiver: UUID | None = None
    outcome: str | None = Field(None, max_length=16)
    local_case_number: str | None = Field(None, max_length=64)
    decision_number: str | None = Field(None, max_length=64)
    fine_amount: Decimal | None = Field(None, max_digits=12, decimal_places=2)
    decided_on: date | None = None
    penalty_types: list[str] | None = Field(None, max_length=8)
    party: UUID | None = None


class TransferAgencyOut(Schema):
    id: UUID
    name: str


class TransferRowOut(Schema):
    id: UUID
    doc_number: str
    title: str
    status: str
    status_label: str
    matter: str
    sender: TransferAgencyOut
    receiver: TransferAgencyOut
    due_at: datetime | None
    due_provisional: bool
    deadline_state: str
    created_at: datetime


class TransferPartyOut(Schema):
    id: str
    kind: str
    name: str
    identifier: str
    role: str


class TransferEventOut(Schema):
    action: str
    from_status: str
    to_status: str
    actor: str
    agency: str
    note: str
    at: datetime


class RoutingOut(Schema):
    sequence: int
    sender: str
    receiver: str
    doc_number: str
    routed_at: datetime
    returned_at: datetime | None
    return_reason: str
    return_note: str


class TransferOut(TransferRowOut):
    facts: str
    place_address: str
    place_division: str
    latitude: float | None
    longitude: float | None
    step: str
    legal_basis: str
    outcome: str
    local_case_number: str
    decision_number: str
    fine_amount: Decimal | None
    conclusion_note: str
    return_reason: str
    return_note: str
    allowed_actions: list[str]
    parties: list[TransferPartyOut]
    timeline: list[TransferEventOut]
    routings: list[RoutingOut]


class SuggestionOut(Schema):
    division: str
    agency: TransferAgencyOut | None
