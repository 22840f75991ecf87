"""What each disposal of a finding does (called by findings.finding_transition inside its transaction):
a clue transfer or an assistance request is created as a draft of the handling agency (its handler
checks and sends it in that workflow), a local case is numbered, a penalty decision is recorded once
in the result-recognition register and every other participant of the campaign is asked to recognize it."""

from datetime import date

from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from yrdcollab.casework.assistance.services import assistance_create
from yrdcollab.casework.recognition.services import penalty_decision_record
from yrdcollab.casework.transfers import validation as transfer_validation
from yrdcollab.casework.transfers.services import transfer_create
from yrdcollab.core.validation import invalid, text
from yrdcollab.platform.parties.services import PartyInput

from ..models import Finding
from ..states import FindingAction, ParticipantStatus
from ._common import HANDLER_ROLES, campaign_link, notify_agencies


def finding_link(finding: Finding) -> str:
    return reverse("operations:finding_detail", args=[finding.public_id])


def _fields(payload: dict, allowed: set[str]) -> dict:
    unknown = set(payload) - allowed
    if unknown:
        raise invalid(sorted(unknown)[0], _("该操作不接受此字段。"), code="unexpected_field")
    return payload


def _party_input(finding: Finding, cls=PartyInput, **extra):
    party = finding.party
    if party is None:
        return []
    return [
        cls(
            kind=party.kind,
            name=party.name,
            uscc=party.uscc,
            id_number=party.id_number or "",
            plate=party.plate,
            uscc_override_reason=party.uscc_override_reason,
            **extra,
        )
    ]


def _place_division(finding: Finding) -> str:
    return finding.division_id or finding.handling_agency.division_id


def _transfer(finding: Finding, *, actor, payload: dict) -> str:
    payload = _fields(payload, {"receiver", "title", "note"})
    title = text(
        payload.get("title") or _("联合执法发现：%(m)s") % {"m": finding.matter.name},
        "title",
        label=_("线索标题"),
        max_length=200,
    )
    finding.transfer = transfer_create(
        actor=actor,
        data=transfer_validation.TransferInput(
            receiver=str(payload.get("receiver") or ""),
            matter=finding.matter.code,
            title=title,
            facts=finding.description,
            place_address=finding.address,
            place_division=_place_division(finding),
            latitude=finding.lat,
            longitude=finding.lon,
            parties=_party_input(finding, transfer_validation.PartyInput),
        ),
    )
    return text(payload.get("note"), "note", label=_("说明"), max_length=500, required=False) or _(
        "已生成线索移送草稿，移送至%(r)s。"
    ) % {"r": finding.transfer.receiver.name}


def _assistance(finding: Finding, *, actor, payload: dict) -> str:
    payload = _fields(payload, {"responder", "type", "questions", "title", "note"})
    title = payload.get("title") or _("联合执法发现：%(m)s") % {"m": finding.matter.name}
    finding.assistance = assistance_create(
        actor=actor,
        responder_id=str(payload.get("responder") or ""),
        type=str(payload.get("type") or ""),
        matter_code=finding.matter.code,
        title=str(title)[:200],
        questions=str(payload.get("questions") or ""),
        parties=_party_input(finding),
        address=finding.address,
        division_code=finding.division_id or "",
    )
    return text(payload.get("note"), "note", label=_("说明"), max_length=500, required=False) or _(
        "已生成协查请求草稿，请求%(r)s协查。"
    ) % {"r": finding.assistance.responder.name}


def _open_case(finding: Finding, *, actor, payload: dict) -> str:
    payload = _fields(payload, {"local_case_number", "note"})
    finding.local_case_number = text(
        payload.get("local_case_number"), "local_case_number", label=_("立案编号"), max_length=64
    )
    return text(payload.get("note"), "note", label=_("说明"), max_length=500, required=False) or _(
        "本地立案，案号 %(n)s。"
    ) % {"n": finding.local_case_number}


def _dismiss(finding: Finding, *, actor, payload: dict) -> str:
    payload = _fields(payload, {"note"})
    return text(payload.get("note"), "note", label=_("说明"), max_length=500)


def _decided_on(value) -> date:
    if isinstance(value, date):
        return value
    parsed = parse_date(str(value or "")) if value else None
    if parsed is None:
        raise invalid("decided_on", _("请填写决定日期。"), code="required")
    return parsed


def _decide(finding: Finding, *, actor, payload: dict) -> str:
    payload = _fields(
        payload, {"decision_number", "decided_on", "penalty_types", "fine_amount", "party", "summary", "note"}
    )
    party = payload.get("party") or finding.party
    if party is None:
        raise invalid("party", _("请填写被处罚的当事人。"), code="party_required")
    decision = penalty_decision_record(
        actor=actor,
        agency=actor.agency,
        decision_number=payload.get("decision_number") or "",
        decided_on=_decided_on(payload.get("decided_on")),
        party=party,
        matter=finding.matter,
        penalty_types=payload.get("penalty_types") or [],
        fine_amount=payload.get("fine_amount"),
        summary=payload.get("summary") or finding.description[:1000],
        source_kind="finding",
        source_public_id=finding.public_id,
    )
    finding.decision = decision
    if finding.party_id is None:
        finding.party = decision.party
    return text(payload.get("note"), "note", label=_("说明"), max_length=500, required=False) or _(
        "作出处罚决定 %(n)s。"
    ) % {"n": decision.decision_number}


STEPS = {
    FindingAction.TRANSFER: _transfer,
    FindingAction.REQUEST_ASSISTANCE: _assistance,
    FindingAction.OPEN_CASE: _open_case,
    FindingAction.DISMISS: _dismiss,
    FindingAction.DECIDE: _decide,
}


def notify_recognition(finding: Finding, *, actor) -> None:
    """Every other accepted participant of the campaign is asked to recognize the decision (互认)."""
    campaign = finding.campaign
    others = (
        campaign.participants.filter(status=ParticipantStatus.ACCEPTED)
        .exclude(agency_id=finding.handling_agency_id)
        .values_list("agency_id", flat=True)
    )
    decision = finding.decision
    notify_agencies(
        others,
        roles=HANDLER_ROLES,
        kind="campaign.decision_recorded",
        actor=actor,
        title=_("请互认处罚决定 %(n)s") % {"n": decision.decision_number},
        body=_("%(a)s 在联合执法整治行动“%(c)s”中对 %(p)s 作出处罚决定（%(n)s），请在行动页面确认互认。")
        % {
            "a": finding.handling_agency.name,
            "c": campaign.title,
            "p": decision.party.name,
            "n": decision.decision_number,
        },
        link=campaign_link(campaign),
    )
