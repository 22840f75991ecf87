"""Writes of the parties app: register (or find) a party, reveal an ID number in full (audited), and
the party search, which audits and throttles a search by a complete ID number. A registration never
changes a known party's name: a differing name becomes a claim for review (services_names.py)."""

from dataclasses import dataclass
from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput
from yrdcollab.core.personal_data import mask_id_number
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts import ratelimit
from yrdcollab.platform.audit.services import audit_record

from .digest import id_number_digest
from .identifiers import validate_id_number, validate_plate, validate_uscc
from .models import Party, PartyKind, PartyNameClaim
from .selectors import full_id_number, party_get, party_search, require_view
from .services_names import claim_differing_name, claim_new_party

NAME_MAX = 128
REASON_MAX = 200
ID_NUMBER_SEARCH_LIMIT = (20, 3600)  # 20 searches by a complete ID number per user per hour


@dataclass(frozen=True)
class PartyInput:
    """A party named in a clue or a request, before party_register finds or creates it."""

    kind: str
    name: str
    uscc: str = ""
    id_number: str = ""
    plate: str = ""
    uscc_override_reason: str = ""

    def register(self, *, actor) -> Party:
        return party_register(
            actor=actor,
            kind=self.kind,
            name=self.name,
            uscc=self.uscc,
            id_number=self.id_number,
            plate=self.plate,
            uscc_override_reason=self.uscc_override_reason,
        )


@dataclass(frozen=True)
class PartyRegistration:
    party: Party
    created: bool
    # The pending claim holding the name this registration gave (ADR 0021): the new party's own, or a
    # known party's differing name (name_differs: the registered name was kept, the officer told).
    name_claim: PartyNameClaim | None = None
    name_differs: bool = False


def _known(actor, party: Party, name: str) -> PartyRegistration:
    outcome = claim_differing_name(actor=actor, party=party, name=name)
    return PartyRegistration(party, False, outcome.claim, outcome.differs)


def _invalid(code: str, field: str, message: str, **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field, **details})


def _identity(*, kind: str, uscc: str, id_number: str, plate: str, uscc_override_reason: str) -> dict:
    """Validates the identifier that belongs to `kind`; returns the lookup and the fields to store."""
    foreign = {
        "organisation": ("id_number", "plate"),
        "individual": ("uscc", "plate"),
        "vehicle": ("uscc", "id_number"),
    }[kind]
    given = {"uscc": uscc, "id_number": id_number, "plate": plate}
    for name in foreign:
        if given[name].strip():
            raise _invalid("identifier_not_applicable", name, _("该类型当事人不应填写字段“%(f)s”。") % {"f": name})
    if kind == PartyKind.ORGANISATION:
        if not uscc.strip():
            return {}
        result = validate_uscc(uscc)
        fields = {"uscc": result.value}
        if not result.ok:
            if not (result.check_failed and uscc_override_reason):
                raise _invalid("invalid_uscc", "uscc", result.error, overridable=result.check_failed)
            fields["uscc_override_reason"] = uscc_override_reason
        return {"lookup": {"uscc": result.value}, "fields": fields, "override": not result.ok}
    if kind == PartyKind.INDIVIDUAL:
        if not id_number.strip():
            return {}
        result = validate_id_number(id_number)
        if not result.ok:
            raise _invalid("invalid_id_number", "id_number", result.error)
        digest = id_number_digest(result.value)
        return {
            "lookup": {"id_number_digest": digest},
            "fields": {"id_number": result.value, "id_number_digest": digest},
        }
    result = validate_plate(plate)
    if not result.ok:
        raise _invalid("invalid_plate", "plate", result.error)
    return {
        "lookup": {"plate": result.value},
        "fields": {"plate": result.value, "plate_kind": result.info["plate_kind"]},
    }


@transaction.atomic
def party_register_result(
    *, actor, kind: str, name: str, uscc: str = "", id_number: str = "", plate: str = "", uscc_override_reason: str = ""
) -> PartyRegistration:
    """Finds the party by its identifier or creates it. A party without an identifier (an unnamed
    street vendor) is always a new row: there is nothing to recognise it by. A new organisation's name
    is unverified and pending review; a known party keeps its registered name, and a differing `name`
    is kept as a pending claim (services_names.claim_differing_name)."""
    require_capability(actor, Capability.COLLABORATION_HANDLE)
    if kind not in PartyKind.values:
        raise _invalid("invalid_party_kind", "kind", _("当事人类型应为单位、个人或车辆。"))
    name = (name or "").strip()
    uscc_override_reason = (uscc_override_reason or "").strip()
    if not name:
        raise _invalid("invalid_input", "name", _("当事人名称/姓名不能为空。"))
    if len(name) > NAME_MAX:
        raise _invalid("invalid_input", "name", _("当事人名称/姓名不能超过%(n)d个字符。") % {"n": NAME_MAX})
    if len(uscc_override_reason) > REASON_MAX:
        raise _invalid(
            "invalid_input",
            "uscc_override_reason",
            _("校验未通过仍采用的理由不能超过%(n)d个字符。") % {"n": REASON_MAX},
        )
    identity = _identity(
        kind=kind,
        uscc=uscc or "",
        id_number=id_number or "",
        plate=plate or "",
        uscc_override_reason=uscc_override_reason,
    )
    lookup = identity.get("lookup")
    if lookup:
        existing = Party.objects.filter(**lookup).first()
        if existing is not None:
            return _known(actor, existing, name)
    party = Party(kind=kind, name=name, created_by_agency=getattr(actor, "agency", None), **identity.get("fields", {}))
    try:
        with transaction.atomic():
            party.save()
    except IntegrityError:
        # Registered by someone else a moment ago: the unique constraint makes it one row.
        return _known(actor, Party.objects.get(**lookup), name)
    claim = claim_new_party(actor=actor, party=party)
    audit_record(
        actor=actor,
        action="party.registered",
        obj=party,
        summary={
            "kind": kind,
            "name": name,
            "uscc": party.uscc,
            "plate": party.plate,
            "id_number": party.id_number_masked,
            "name_source": party.name_source,
        },
    )
    if identity.get("override"):
        audit_record(
            actor=actor,
            action="party.uscc_override",
            obj=party,
            summary={"uscc": party.uscc, "reason": uscc_override_reason},
        )
    return PartyRegistration(party, True, claim)


def party_register(
    *, actor, kind: str, name: str, uscc: str = "", id_number: str = "", plate: str = "", uscc_override_reason: str = ""
) -> Party:
    """The party named by the identifier, registered on first use (see party_register_result)."""
    return party_register_result(
        actor=actor,
        kind=kind,
        name=name,
        uscc=uscc,
        id_number=id_number,
        plate=plate,
        uscc_override_reason=uscc_override_reason,
    ).party


@transaction.atomic
def party_id_number_reveal(*, actor, party_id: UUID) -> str:
    """The unmasked ID number of an individual, for roles that need it; every reveal audited."""
    party = party_get(actor=actor, party_id=party_id)
    require_capability(actor, Capability.PERSONAL_DATA_FULL)
    if not party.id_number:
        raise _invalid("no_id_number", "id_number", _("该当事人没有登记公民身份号码。"))
    audit_record(
        actor=actor, action="personal_data.viewed", obj=party, summary={"field": "id_number", "subject": party.name}
    )
    return party.id_number


@transaction.atomic
def party_search_recorded(*, actor, q: str) -> list[Party]:
    """The party search of the API. A complete ID number answers "is this person registered?", so
    such a search is throttled per user (429 `rate_limited`) and audited with the number masked."""
    number = full_id_number(q)
    if not number:
        return party_search(actor=actor, q=q)
    require_view(actor)
    limit, window = ID_NUMBER_SEARCH_LIMIT
    ratelimit.enforce("party_id_search", str(actor.pk), limit=limit, window=window)
    parties = party_search(actor=actor, q=q)
    audit_record(
        actor=actor,
        action="party.searched_by_id_number",
        object_type="Party",
        summary={"id_number": mask_id_number(number), "found": [str(p.public_id) for p in parties]},
    )
    return parties
