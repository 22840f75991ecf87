"""Writes of findings: recording one in the field (during a campaign, or under an inspection
authorization), and the one transition service by which the handling agency disposes of it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from yrdcollab.core.validation import invalid, text
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.selectors import agency_with_jurisdiction
from yrdcollab.platform.geo.services import jurisdiction_route
from yrdcollab.platform.parties.services import PartyInput

from .. import clock, inputs
from .. import permissions as perms
from ..models import Finding
from ..selectors import (
    accepted_agency_ids,
    access_authorization,
    access_campaign,
    access_finding_for_update,
    acting_agency_ids,
)
from ..states import FINDING_TRANSITIONS, CampaignStatus, FindingAction
from . import disposal
from ._common import HANDLER_ROLES, notify_agencies, require

CLOCK_SKEW = timedelta(minutes=5)


@dataclass
class FindingInput:
    matter: str
    description: str
    address: str
    campaign: str = ""  # public id
    authorization: str = ""  # public id
    lon: float | None = None
    lat: float | None = None
    crs: str = "wgs84"
    division: str = ""  # division code, when no coordinates (or a town within the routed county)
    handling_agency: str = ""  # public id: the finder's pick among ambiguous candidates
    party: dict | None = None  # PartyInput keywords
    found_at: datetime | None = None


def _matter_in(matter, allowed_ids: set[int]) -> bool:
    return matter.pk in allowed_ids or (matter.parent_id is not None and matter.parent_id in allowed_ids)


def _ancestor_codes(division) -> set[str]:
    codes, current, depth = set(), division, 0
    while current is not None and depth < 6:
        codes.add(current.code)
        current, depth = current.parent, depth + 1
    return codes


@dataclass
class _Place:
    division: object | None
    agency: object | None
    lon: float | None
    lat: float | None


def _locate(data: FindingInput) -> _Place:
    """Where the finding is and who has jurisdiction there (422 when it cannot be told)."""
    lon, lat = inputs.coordinates(data.lon, data.lat)
    given = inputs.divisions([data.division], "division")[0] if str(data.division or "").strip() else None
    if lon is None:
        if given is None:
            return _Place(None, None, None, None)
        return _Place(given, agency_with_jurisdiction(division_code=given.code), None, None)
    routing = jurisdiction_route(lon=lon, lat=lat, crs=data.crs or "wgs84", matter=data.matter)
    if routing.status == "outside":
        raise invalid("lon", _("该位置不在沪苏浙皖的行政区域内。"), code="outside_region")
    candidates = routing.candidates
    if routing.status == "ambiguous":
        chosen = [
            c for c in candidates if c.agency is not None and str(c.agency.public_id) == str(data.handling_agency)
        ]
        if not chosen:
            raise InvalidInput(
                _("该位置靠近行政区域边界，管辖不明确，请从候选机构中选择处置单位。"),
                code="ambiguous_jurisdiction",
                details={
                    "field": "handling_agency",
                    "candidates": [
                        {
                            "division": c.division.code,
                            "division_name": c.division.name,
                            "agency": str(c.agency.public_id) if c.agency else None,
                            "agency_name": c.agency.name if c.agency else None,
                            "distance_m": c.distance_m,
                        }
                        for c in candidates
                    ],
                },
            )
        candidates = chosen
    place = candidates[0]
    if place.agency is None:
        raise invalid("lon", _("该位置没有登记的执法机构。"), code="no_jurisdiction_agency")
    division = place.division
    if given is not None:
        if division.code not in _ancestor_codes(given):
            raise invalid("division", _("所选区划与坐标位置不一致。"), code="division_mismatch")
        division = given
    return _Place(division, place.agency, routing.lon, routing.lat)


def _found_at(value) -> datetime:
    now = clock.now()
    if value is None:
        return now
    if not isinstance(value, datetime) or value.tzinfo is None:
        raise invalid("found_at", _("发现时间应含时区。"), code="invalid_datetime")
    if value > now + CLOCK_SKEW:
        raise invalid("found_at", _("发现时间不能晚于当前时间。"), code="found_in_future")
    return value


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()


def _under_campaign(actor, data: FindingInput, found_at: datetime, matter) -> dict:
    campaign = access_campaign(actor=actor, public_id=data.campaign)
    participant_ids = accepted_agency_ids(campaign)
    acting = acting_agency_ids(actor) & participant_ids
    if not perms.is_campaign_finder(actor, acting, participant_ids):
        raise PermissionDenied(_("只有已接受邀请的参与单位的执法人员可以登记发现问题。"))
    if campaign.status != CampaignStatus.ACTIVE:
        raise InvalidTransition(
            _("行动未在进行中，不能登记发现问题。"), code="campaign_not_active", details={"status": campaign.status}
        )
    day = _local_date(found_at)
    if not campaign.starts_on <= day <= campaign.ends_on:
        raise invalid(
            "found_at",
            _("发现时间不在行动期限（%(s)s 至 %(e)s）内。") % {"s": campaign.starts_on, "e": campaign.ends_on},
            code="outside_campaign_period",
        )
    allowed = set(campaign.matters.values_list("id", flat=True))
    if not _matter_in(matter, allowed):
        raise invalid("matter", _("该事项不在本次行动的整治事项范围内。"), code="matter_not_in_campaign")
    place = _locate(data)
    finder_agency_id = actor.agency_id if actor.agency_id in participant_ids else min(acting)
    return {
        "campaign": campaign,
        "place": place,
        "finder_agency_id": finder_agency_id,
        "handling_agency_id": place.agency.pk if place.agency else finder_agency_id,
    }


def _under_authorization(actor, data: FindingInput, found_at: datetime, matter) -> dict:
    authorization = access_authorization(actor=actor, public_id=data.authorization)
    if not authorization.officers.filter(pk=actor.pk).exists():
        raise PermissionDenied(_("您不是该授权书载明的执法人员。"), code="not_authorized_officer")
    in_force = perms.authorization_in_force(authorization, clock.today()) and perms.authorization_in_force(
        authorization, _local_date(found_at)
    )
    if not in_force:
        raise invalid(
            "authorization",
            _("授权未生效、已过期或已撤回（有效期 %(s)s 至 %(e)s）。")
            % {"s": authorization.valid_from, "e": authorization.valid_to},
            code="authorization_not_in_force",
        )
    if not _matter_in(matter, set(authorization.matters.values_list("id", flat=True))):
        raise invalid("matter", _("该事项不在授权检查的事项范围内。"), code="outside_authorized_scope")
    place = _locate(data)
    areas = set(authorization.area_divisions.values_list("code", flat=True))
    if place.division is None:
        raise invalid("division", _("请填写坐标或所在区划，以核对授权区域。"), code="location_required")
    if not _ancestor_codes(place.division) & areas:
        raise invalid("division", _("该位置不在授权检查的区域内。"), code="outside_authorized_area")
    campaign = authorization.campaign if authorization.campaign_id else None
    return {
        "campaign": campaign,
        "authorization": authorization,
        "place": place,
        "finder_agency_id": actor.agency_id,
        "handling_agency_id": authorization.grantor_id,
    }


def _party(actor, values: dict | None):
    if not values:
        return None
    try:
        return PartyInput(**values).register(actor=actor)
    except TypeError:
        raise invalid("party", _("当事人信息不完整。"), code="invalid_party") from None


def _agency_field(name: str, agency_id: int, in_hand) -> dict:
    """`name=<the agency in hand>` when it is that agency (the audit, the notice and the answer then
    read it from there), else `<name>_id=agency_id`."""
    if in_hand is not None and in_hand.pk == agency_id:
        return {name: in_hand}
    return {f"{name}_id": agency_id}


@transaction.atomic
def finding_record(*, actor, data: FindingInput) -> Finding:
    require(actor, Capability.COLLABORATION_HANDLE)
    if not data.campaign and not data.authorization:
        raise invalid("campaign", _("请指定整治行动或检查授权。"), code="context_required")
    matter = inputs.matter(data.matter)
    description = text(data.description, "description", label=_("问题描述"), max_length=5000)
    address = text(data.address, "address", label=_("地点"), max_length=200)
    found_at = _found_at(data.found_at)
    context = (_under_authorization if data.authorization else _under_campaign)(actor, data, found_at, matter)
    place = context["place"]
    finding = Finding.objects.create(
        **_agency_field("handling_agency", context["handling_agency_id"], place.agency),
        **_agency_field("finder_agency", context["finder_agency_id"], actor.agency),
        campaign=context["campaign"],
        authorization=context.get("authorization"),
        found_at=found_at,
        found_by=actor,
        matter=matter,
        description=description,
        address=address,
        lon=place.lon,
        lat=place.lat,
        division=place.division,
        party=_party(actor, data.party),
    )
    audit_record(
        actor=actor,
        action="finding.recorded",
        obj=finding,
        summary={
            "campaign": getattr(finding.campaign, "number", ""),
            "authorization": getattr(finding.authorization, "number", ""),
            "matter": matter.code,
            "handling_agency": finding.handling_agency.name,
            "division": finding.division_id,
        },
    )
    if finding.handling_agency_id != actor.agency_id:
        notify_agencies(
            [finding.handling_agency_id],
            roles=HANDLER_ROLES,
            kind="finding.routed",
            actor=actor,
            title=_("发现问题移交处置：%(m)s") % {"m": matter.name},
            body=_("%(a)s 执法人员在 %(p)s 发现“%(m)s”问题，管辖属贵机构，请处置。")
            % {"a": finding.finder_agency.name, "p": address, "m": matter.name},
            link=disposal.finding_link(finding),
        )
    return finding


@transaction.atomic
def finding_transition(*, actor, finding_id, action: str, **payload) -> Finding:
    """The handling agency disposes of a finding: transfer, request_assistance, open_case, dismiss,
    decide. 422 for an unknown action, 404 if not visible, 409 if the table forbids the move (a second
    decide included), 403 if not a case handler of the handling agency, 422 on a bad payload (422
    note_required for a dismissal without a note)."""
    FINDING_TRANSITIONS.require_action(action)
    finding = access_finding_for_update(actor=actor, public_id=finding_id)
    before = finding.status
    move = FINDING_TRANSITIONS.move(before, action)
    if action == FindingAction.DECIDE and finding.decision_id:
        raise Conflict(_("该问题已作出处罚决定。"), code="already_decided")
    if move.by not in perms.finding_sides(actor, finding):
        raise PermissionDenied(_("只有处置单位的执法人员可以处置该问题。"))
    FINDING_TRANSITIONS.require_note(action, payload.get("note"))  # a dismissal says why, before any draft
    note = disposal.STEPS[FindingAction(action)](finding, actor=actor, payload=payload)
    finding.status, finding.disposed_at, finding.disposed_by = move.target, clock.now(), actor
    finding.disposal_note = note[:500]
    finding.save()
    audit_record(
        actor=actor,
        action=f"finding.{action}",
        obj=finding,
        summary={
            "from": before,
            "to": move.target,
            "note": note[:200],
            "decision": getattr(finding.decision, "decision_number", ""),
        },
    )
    if action == FindingAction.DECIDE and finding.campaign_id:
        disposal.notify_recognition(finding, actor=actor)
    return finding
