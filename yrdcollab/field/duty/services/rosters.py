"""Creating rosters and nominating or removing their members. One transaction each, audited."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, NotFound
from yrdcollab.core.prefetch import prefetched
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id
from yrdcollab.core.validation import in_date_range, invalid, is_uuid, text
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Agency, Division
from yrdcollab.platform.directory.tree import agency_by_public_id
from yrdcollab.platform.geo import shapes

from .. import permissions
from ..contexts import roster_context
from ..models import Roster, RosterMember, ShiftAssignment
from ..selectors import access_roster
from ..states import MemberSource, RosterKind
from .locks import lock_officers

NAME_MAX = 128
MAX_AGENCIES = 50
MAX_DIVISIONS = 50
MAX_NOMINATIONS = 200


@dataclass
class RosterInput:
    name: str
    kind: str
    starts_on: date
    ends_on: date
    agencies: list = field(default_factory=list)  # public ids of the other participating agencies
    divisions: list[str] = field(default_factory=list)  # GB/T 2260 codes
    geometry: str = ""  # GeoJSON polygon, optional
    crs: str = "wgs84"
    campaign: object = None  # public id of operations.Campaign (kind campaign)
    event: object = None  # public id of events.MajorEvent (kind event)


def _clean_name(value) -> str:
    return text(" ".join(str(value or "").split()), "name", max_length=NAME_MAX, label=_("勤务表名称"))


def _agencies(ids: list) -> list[Agency]:
    """The directory is public: an unknown agency id is simply unknown."""
    if len(ids) > MAX_AGENCIES:
        raise invalid("agencies", _("参勤单位过多（不超过 %(n)d 个）。") % {"n": MAX_AGENCIES}, "too_many")
    found = []
    for public_id in dict.fromkeys(str(i) for i in ids):
        agency = agency_by_public_id(public_id)  # reference data, from the cache
        if agency is None:
            raise invalid("agencies", _("参勤单位不存在。"), "unknown_agencies")
        if not agency.is_active:
            raise invalid("agencies", _("参勤单位“%(a)s”已停用。") % {"a": agency.name}, "agency_inactive")
        found.append(agency)
    return found


def _divisions(codes: list[str]) -> list[Division]:
    codes = list(dict.fromkeys(str(c).strip() for c in codes if str(c).strip()))
    if len(codes) > MAX_DIVISIONS:
        raise invalid("divisions", _("勤务区域过多（不超过 %(n)d 个）。") % {"n": MAX_DIVISIONS}, "too_many")
    divisions = list(Division.objects.filter(code__in=codes, is_active=True))
    missing = sorted(set(codes) - {d.code for d in divisions})
    if missing:
        raise invalid(
            "divisions",
            _("区划代码不存在：%(codes)s") % {"codes": "、".join(c[:12] for c in missing[:5])},
            "unknown_division",
            codes=missing[:20],
        )
    return divisions


def _serving_context(actor, data: RosterInput, agencies: list[Agency], field: str):
    """The campaign or event the roster serves (duty.contexts): visible, running, organised by the
    actor's agency, every agency taking part in it, and the roster's days inside its period."""
    context = roster_context(field)
    served = context.lookup(actor, getattr(data, field))
    if not context.organises(actor, served):
        raise invalid(field, str(context.not_organiser), "organiser_not_participant")
    taking_part = context.agency_ids(served)
    outsiders = [a.name for a in agencies if a.id not in taking_part]
    if outsiders:
        raise invalid("agencies", str(context.outsiders) % {"names": "、".join(outsiders)}, "agency_not_participant")
    if not (served.starts_on <= data.starts_on and data.ends_on <= served.ends_on):
        raise invalid(
            "starts_on",
            str(context.outside_period) % {"s": served.starts_on, "e": served.ends_on},
            f"outside_{field}_period",
        )
    return served


@transaction.atomic
def roster_create(*, actor, data: RosterInput) -> Roster:
    """The actor's agency organises; the other agencies take part. A campaign roster needs the organiser
    (and every agency) to be an accepted participant and a period inside the campaign's; an event
    roster, the event's lead or participating agencies and the event's period; a border roster names
    its divisions or draws its area. A campaign or event the actor cannot see is 422 as if it did not
    exist; a closed or cancelled one is 409."""
    permissions.require(permissions.may_create_roster(actor))
    name = _clean_name(data.name)
    if data.kind not in RosterKind.values:
        raise invalid("kind", _("勤务表类型无效。"), "invalid_kind")
    if data.starts_on is None or data.ends_on is None:
        raise invalid("starts_on", _("请填写勤务期间。"), "required")
    in_date_range(data.starts_on, "starts_on")
    in_date_range(data.ends_on, "ends_on")
    if data.ends_on < data.starts_on:
        raise invalid("ends_on", _("结束日期不能早于开始日期。"), "period_order")
    if (data.ends_on - data.starts_on).days > 366:
        raise invalid("ends_on", _("一张勤务表的期间不超过一年。"), "period_too_long")
    agencies = [a for a in _agencies(data.agencies or []) if a.id != actor.agency_id]
    divisions = _divisions(data.divisions or [])
    area = (
        shapes.polygon_parse(data.geometry, crs=data.crs or "wgs84", field="geometry")
        if (data.geometry or "").strip()
        else None
    )
    campaign = event = None
    if data.kind == RosterKind.CAMPAIGN:
        campaign = _serving_context(actor, data, agencies, "campaign")
    elif data.kind == RosterKind.EVENT:
        event = _serving_context(actor, data, agencies, "event")
    elif not divisions and area is None:
        raise invalid("divisions", _("毗邻区联勤须指明勤务区域（区划或在地图上绘制范围）。"), "area_required")
    roster = Roster(
        name=name,
        kind=data.kind,
        organiser=actor.agency,
        campaign=campaign,
        event=event,
        starts_on=data.starts_on,
        ends_on=data.ends_on,
        created_by=actor,
    )
    roster.set_area(area)
    roster.save()
    # A new roster has no rows yet: one INSERT per relation (no `.set()` diff against nothing), and the
    # rows handed to the answer (core.prefetch).
    taking_part = [actor.agency, *agencies]
    Roster.agencies.through.objects.bulk_create(
        [Roster.agencies.through(roster_id=roster.pk, agency_id=a.pk) for a in taking_part]
    )
    if divisions:
        Roster.area_divisions.through.objects.bulk_create(
            [Roster.area_divisions.through(roster_id=roster.pk, division_id=d.pk) for d in divisions]
        )
    prefetched(roster, "agencies", taking_part)
    prefetched(roster, "area_divisions", divisions)
    prefetched(roster, "members", [])
    prefetched(roster, "shifts", [])
    audit_record(
        actor=actor,
        action="duty.roster_created",
        obj=roster,
        summary={
            "name": name,
            "kind": data.kind,
            "period": [str(data.starts_on), str(data.ends_on)],
            "agencies": [a.name for a in agencies],
            "divisions": [d.code for d in divisions],
            "campaign": getattr(campaign, "number", None),
            "event": getattr(event, "code", None),
            "drawn_area": area is not None,
        },
    )
    return roster


def _own_officer(public_id, own: set[int]) -> User:
    """An officer of the actor's agency (or one below it). Anyone else, or an unknown id, is the same
    refusal, so the answer never reveals another agency's officer."""
    try:
        return get_by_public_id(User.objects.filter(agency_id__in=own), public_id)
    except NotFound:
        raise invalid("officers", _("只能选派本单位的执法人员。"), "officer_not_own") from None


@transaction.atomic
def members_nominate(*, actor, roster_id, officers: list) -> list[RosterMember]:
    """A participating agency's duty manager puts its own officers (of its agency or one below it) on
    the roster. Officers already on it are left as they are."""
    roster = access_roster(actor=actor, public_id=roster_id)
    permissions.require(permissions.takes_part(actor, roster))
    if not officers:
        raise invalid("officers", _("请选择要选派的执法人员。"), "required")
    if len(officers) > MAX_NOMINATIONS:
        raise invalid("officers", _("一次最多选派 %(n)d 人。") % {"n": MAX_NOMINATIONS}, "too_many")
    own = AgencyScope.for_actor(actor).ids
    added, members = [], []
    for public_id in dict.fromkeys(str(o) for o in officers):
        officer = _own_officer(public_id, own)
        if not officer.is_active or not has_capability(officer, Capability.COLLABORATION_HANDLE):
            raise invalid(
                "officers", _("%(name)s 不是在岗的执法人员。") % {"name": officer.full_name}, "not_field_officer"
            )
        member, created = RosterMember.objects.get_or_create(
            roster=roster, officer=officer, defaults={"source": MemberSource.NOMINATED}
        )
        members.append(member)
        if created:
            added.append(officer.full_name)
    if added:
        audit_record(actor=actor, action="duty.members_nominated", obj=roster, summary={"officers": added})
    return members


@transaction.atomic
def member_remove(*, actor, roster_id, officer_id) -> None:
    """Only a member without assignments leaves the roster (unassign first). The officer's row is locked
    before the check, as assignment_create locks it before booking, so the two cannot interleave."""
    roster = access_roster(actor=actor, public_id=roster_id)
    permissions.require(permissions.takes_part(actor, roster))
    member = (
        RosterMember.objects.select_related("officer").filter(roster=roster, officer__public_id=officer_id).first()
        if is_uuid(officer_id)
        else None
    )
    if member is None:
        raise invalid("officer", _("该人员不在本勤务表上。"), "not_a_member")
    permissions.require(permissions.may_manage_officer_on(actor, roster, member.officer))
    lock_officers([member.officer_id])
    if not RosterMember.objects.filter(pk=member.pk).exists():  # removed meanwhile
        raise invalid("officer", _("该人员不在本勤务表上。"), "not_a_member")
    if ShiftAssignment.objects.filter(shift__roster=roster, officer_id=member.officer_id).exists():
        raise Conflict(
            _("%(name)s 已有排班，请先取消排班再移出。") % {"name": member.officer.full_name},
            code="member_has_assignments",
            details={"officer": str(member.officer.public_id)},
        )
    member.delete()
    audit_record(actor=actor, action="duty.member_removed", obj=roster, summary={"officer": member.officer.full_name})
