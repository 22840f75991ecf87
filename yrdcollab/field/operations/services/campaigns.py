"""Writes of the joint-campaign workflow: create, invite, the goals, and one transition service for
each of its two tables: `campaign_transition` (start/close/cancel, states.CAMPAIGN_TRANSITIONS) and
`participant_transition` (accept/decline an invitation, states.PARTICIPANT_TRANSITIONS)."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.errors import Conflict, InvalidTransition, PermissionDenied
from yrdcollab.core.prefetch import prefetched
from yrdcollab.core.validation import invalid, text
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.geo.shapes import polygon_parse

from .. import clock, inputs
from .. import permissions as perms
from ..models import Campaign, CampaignGoal, CampaignParticipant
from ..selectors import access_campaign
from ..states import (
    CAMPAIGN_TRANSITIONS,
    PARTICIPANT_TRANSITIONS,
    CampaignAction,
    ParticipantAction,
    ParticipantRole,
    ParticipantStatus,
)
from ._common import LEADER_ROLES, PROVINCES, campaign_label, campaign_link, notify_agencies, require


@dataclass
class CampaignInput:
    title: str
    theme: str
    matters: list[str]
    starts_on: date
    ends_on: date
    divisions: list[str] = field(default_factory=list)
    zones: list[str] = field(default_factory=list)
    area_geometry: str = ""
    area_crs: str = "wgs84"
    goals: list[dict] = field(default_factory=list)
    invitees: list[str] = field(default_factory=list)  # agency public ids


def _require_initiator(actor, campaign: Campaign) -> None:
    require(actor, Capability.CAMPAIGN_MANAGE)
    if not perms.is_campaign_initiator(actor, campaign):
        raise PermissionDenied(_("只有发起机构可以执行此操作。"))


def _require_open(campaign: Campaign) -> None:
    if not perms.campaign_is_open(campaign):
        raise InvalidTransition(_("行动已结束或已撤销。"), code="campaign_closed", details={"status": campaign.status})


def _goals_replace(campaign: Campaign, goals: dict) -> None:
    campaign.goals.all().delete()
    CampaignGoal.objects.bulk_create([CampaignGoal(campaign=campaign, metric=m, target=t) for m, t in goals.items()])


@transaction.atomic
def campaign_create(*, actor, data: CampaignInput) -> Campaign:
    """A campaign of the actor's agency (the lead participant), in preparation, with its invitations sent."""
    require(actor, Capability.CAMPAIGN_MANAGE)
    title = text(data.title, "title", label=_("行动名称"), max_length=128)
    theme = text(data.theme, "theme", label=_("整治主题与内容"), max_length=5000)
    matters = inputs.matters(data.matters)
    starts_on, ends_on = inputs.period(data.starts_on, data.ends_on)
    if ends_on < clock.today():
        raise invalid("ends_on", _("行动期限已过。"), code="period_in_past")
    divisions, zones = inputs.divisions(data.divisions), inputs.zones(data.zones)
    shape = (
        polygon_parse(data.area_geometry, crs=data.area_crs or "wgs84", field="area_geometry")
        if str(data.area_geometry or "").strip()
        else None
    )
    if not divisions and not zones and shape is None:
        raise invalid("divisions", _("请指定整治区域：行政区划、协作区域或在地图上绘制范围。"), code="area_required")
    goals = inputs.goals(data.goals)
    campaign = Campaign(
        number=document_number_next(agency=actor.agency, kind="campaign", on=clock.now()),
        title=title,
        theme=theme,
        initiator=actor.agency,
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=actor,
    )
    campaign.set_area(shape)
    campaign.save()
    # A new campaign has no rows yet: each relation is one INSERT (no `.set()` diff against nothing),
    # and the rows are handed to the answer (core.prefetch).
    _insert_through(campaign, "matters", "matter_id", [m.pk for m in matters])
    _insert_through(campaign, "area_divisions", "division_id", [d.pk for d in divisions])
    _insert_through(campaign, "area_zones", "zone_id", [z.pk for z in zones])
    prefetched(campaign, "matters", matters)
    prefetched(campaign, "area_divisions", divisions)
    prefetched(campaign, "area_zones", zones)
    prefetched(
        campaign,
        "goals",
        CampaignGoal.objects.bulk_create(
            [CampaignGoal(campaign=campaign, metric=m, target=t) for m, t in goals.items()]
        ),
    )
    now = clock.now()
    lead = CampaignParticipant(
        campaign=campaign,
        agency=actor.agency,
        role=ParticipantRole.LEAD,
        status=ParticipantStatus.ACCEPTED,
        invited_at=now,
        responded_at=now,
        responded_by=actor,
    )
    invitees = inputs.agencies(data.invitees, "invitees") if data.invitees else []
    invited = _invitations(campaign, invitees, existing={})
    # The lead and the invitations in one INSERT, before the first audit append (which holds the chain
    # lock until commit on PostgreSQL: nothing but the audit and the notice follow it).
    CampaignParticipant.objects.bulk_create([lead, *invited])
    prefetched(campaign, "participants", [lead, *invited])
    audit_record(
        actor=actor,
        action="campaign.created",
        obj=campaign,
        summary={
            "number": campaign.number,
            "title": title,
            "matters": [m.code for m in matters],
            "period": [starts_on, ends_on],
        },
    )
    if invitees:
        _invited(actor, campaign, invitees)
    return campaign


def _insert_through(campaign: Campaign, relation: str, column: str, ids: list) -> None:
    if ids:
        through = getattr(Campaign, relation).through
        through.objects.bulk_create([through(campaign_id=campaign.pk, **{column: pk}) for pk in ids])


def _invitations(campaign: Campaign, agencies, *, existing: dict | None = None) -> list[CampaignParticipant]:
    """The participants inviting `agencies` makes (a declined one asked again), not written yet.
    `existing`: the campaign's participants by agency when the caller knows them (a new one has none)."""
    if existing is None:
        existing = {p.agency_id: p for p in campaign.participants.all()}
    invited, now = [], clock.now()
    for agency in agencies:
        if agency.division.province_code not in PROVINCES:
            raise invalid("agencies", _("只能邀请沪苏浙皖的执法机构。"), code="agency_outside_region")
        participant = existing.get(agency.pk)
        if participant is None:  # a first invitation
            participant, status = CampaignParticipant(campaign=campaign, agency=agency), ParticipantStatus.INVITED
        elif PARTICIPANT_TRANSITIONS.allows(participant.status, ParticipantAction.INVITE):  # declined: ask again
            status = PARTICIPANT_TRANSITIONS.target(participant.status, ParticipantAction.INVITE)
        else:
            raise Conflict(
                _("%(a)s 已在本行动中。") % {"a": agency.name}, code="already_invited", details={"field": "agencies"}
            )
        participant.status, participant.invited_at = status, now
        participant.responded_at, participant.responded_by, participant.decline_reason = None, None, ""
        invited.append(participant)
    return invited


def _invited(actor, campaign: Campaign, agencies) -> None:
    """The audit entry and the notice of an invitation."""
    audit_record(actor=actor, action="campaign.invited", obj=campaign, summary={"agencies": [a.name for a in agencies]})
    notify_agencies(
        [a.pk for a in agencies],
        roles=LEADER_ROLES,
        kind="campaign.invited",
        actor=actor,
        title=_("联合执法整治邀请：%(t)s") % {"t": campaign.title},
        body=_("%(i)s 邀请贵机构参加联合执法整治行动 %(c)s（%(s)s 至 %(e)s），请答复。")
        % {"i": campaign.initiator.name, "c": campaign_label(campaign), "s": campaign.starts_on, "e": campaign.ends_on},
        link=campaign_link(campaign),
    )


def _invite(actor, campaign: Campaign, agencies) -> list[CampaignParticipant]:
    invited = _invitations(campaign, agencies)
    for participant in invited:
        if participant.pk is not None:
            participant.save()
    CampaignParticipant.objects.bulk_create([p for p in invited if p.pk is None])
    _invited(actor, campaign, agencies)
    return invited


@transaction.atomic
def campaign_invite(*, actor, campaign_id, agencies: list[str]) -> list[CampaignParticipant]:
    visible = access_campaign(actor=actor, public_id=campaign_id)
    campaign = Campaign.objects.select_for_update(of=("self",)).select_related("initiator").get(pk=visible.pk)
    _require_open(campaign)
    _require_initiator(actor, campaign)
    chosen = inputs.agencies(agencies, "agencies")
    if not chosen:
        raise invalid("agencies", _("请选择要邀请的机构。"), code="required")
    if any(a.pk == campaign.initiator_id for a in chosen):
        raise invalid("agencies", _("发起机构无需邀请。"), code="invite_self")
    return _invite(actor, campaign, chosen)


@transaction.atomic
def participant_transition(*, actor, campaign_id, action: str, reason: str = "") -> CampaignParticipant:
    """The actor's own invited agency answers: accept, or decline with a reason. 422 for an unknown
    action, 404 if the campaign is not visible, 409 campaign_closed once it has ended, 403 for anyone
    but a campaign manager of an invited agency, 409 when the table forbids the move (answered
    already), 422 note_required without a reason to decline (nothing written)."""
    PARTICIPANT_TRANSITIONS.require_action(action)
    campaign = access_campaign(actor=actor, public_id=campaign_id)
    _require_open(campaign)
    require(actor, Capability.CAMPAIGN_MANAGE)
    participant = (
        CampaignParticipant.objects.select_for_update().filter(campaign=campaign, agency_id=actor.agency_id).first()
    )
    if participant is None:
        raise PermissionDenied(_("贵机构未受邀参加本行动。"))
    move = PARTICIPANT_TRANSITIONS.move(participant.status, action)
    if move.by not in perms.participant_sides(actor, campaign, participant):
        raise PermissionDenied(_("只有发起机构可以再次邀请。"))
    PARTICIPANT_TRANSITIONS.require_note(action, reason, field="reason")  # a decline says why: 422 note_required
    reason = text(reason, "reason", label=_("谢绝理由"), max_length=500, required=action == ParticipantAction.DECLINE)
    participant.status, participant.responded_at, participant.responded_by = move.target, clock.now(), actor
    participant.decline_reason = reason if action == ParticipantAction.DECLINE else ""
    participant.save()
    audit_record(
        actor=actor,
        action={"accept": "campaign.invitation_accepted", "decline": "campaign.invitation_declined"}[action],
        obj=campaign,
        summary={"agency": actor.agency.name, "reason": reason},
    )
    label = ParticipantAction(action).label
    notify_agencies(
        [campaign.initiator_id],
        roles=LEADER_ROLES,
        kind=f"campaign.{action}",
        actor=actor,
        title=_("%(a)s%(act)s：%(t)s") % {"a": actor.agency.name, "act": label, "t": campaign.title},
        body=_("%(a)s 对联合执法整治行动 %(c)s 的邀请：%(act)s。%(r)s")
        % {"a": actor.agency.name, "c": campaign_label(campaign), "act": label, "r": reason},
        link=campaign_link(campaign),
    )
    return participant


@transaction.atomic
def campaign_transition(*, actor, campaign_id, action: str, remarks: str = "") -> Campaign:
    """start (needs an accepted participant besides the lead), close (with closing remarks), cancel
    (before it starts). 422 for an unknown action, 404 if not visible, 409 if the table forbids it,
    403 if not the initiator's manager, 422 on bad input."""
    CAMPAIGN_TRANSITIONS.require_action(action)
    visible = access_campaign(actor=actor, public_id=campaign_id)
    campaign = Campaign.objects.select_for_update(of=("self",)).select_related("initiator").get(pk=visible.pk)
    before = campaign.status
    move = CAMPAIGN_TRANSITIONS.move(before, action)
    if move.by not in perms.campaign_sides(actor, campaign):  # every campaign move is the initiator's
        _require_initiator(actor, campaign)  # raises 403, naming the missing capability or the initiator rule
    remarks = text(remarks, "remarks", label=_("总结意见"), max_length=5000, required=action == CampaignAction.CLOSE)
    now = clock.now()
    if action == CampaignAction.START:
        if not campaign.participants.filter(role=ParticipantRole.MEMBER, status=ParticipantStatus.ACCEPTED).exists():
            raise Conflict(_("至少需要一家参与单位接受邀请后才能启动。"), code="no_accepted_participant")
        if campaign.ends_on < clock.today():
            raise Conflict(_("行动期限已过，不能启动。"), code="period_over")
        campaign.started_at = now
    elif action == CampaignAction.CLOSE:
        campaign.closed_at, campaign.closing_remarks = now, remarks
    campaign.status = move.target
    campaign.save()
    audit_record(
        actor=actor,
        action=f"campaign.{action}",
        obj=campaign,
        summary={"from": before, "to": move.target, "remarks": remarks[:200]},
    )
    label = CampaignAction(action).label
    others = campaign.participants.filter(status=ParticipantStatus.ACCEPTED).exclude(agency_id=actor.agency_id)
    notify_agencies(
        others.values_list("agency_id", flat=True),
        roles=LEADER_ROLES,
        kind=f"campaign.{action}",
        actor=actor,
        title=_("联合执法整治%(act)s：%(t)s") % {"act": label, "t": campaign.title},
        body=_("%(i)s 已%(act)s联合执法整治行动 %(c)s。")
        % {"i": campaign.initiator.name, "act": label, "c": campaign_label(campaign)},
        link=campaign_link(campaign),
    )
    return campaign


@transaction.atomic
def campaign_goals_set(*, actor, campaign_id, goals: list[dict]) -> Campaign:
    visible = access_campaign(actor=actor, public_id=campaign_id)
    campaign = Campaign.objects.select_for_update().get(pk=visible.pk)
    _require_open(campaign)
    _require_initiator(actor, campaign)
    cleaned = inputs.goals(goals)
    _goals_replace(campaign, cleaned)
    audit_record(
        actor=actor, action="campaign.goals_set", obj=campaign, summary={m: str(t) for m, t in cleaned.items()}
    )
    return campaign
