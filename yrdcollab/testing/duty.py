"""Builders for duty tests (and the duty permission matrix): certificates, a 青浦–吴江–嘉善 border roster
this week, campaigns and events made directly (their own apps' services are tested there)."""

import json
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.testing import personas

# 朱家角 (青浦), well inside 310118; 苏州工业园区 is some 40 km from every roster county.
ZHUJIAJIAO = (121.05, 31.11)
FAR_AWAY = (120.74, 31.32)
BEAT = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [[[121.04, 31.10], [121.06, 31.10], [121.06, 31.12], [121.04, 31.12], [121.04, 31.10]]],
    }
)

_serial = {"n": 0}


def certificate(user, valid_from: date | None = None, valid_to: date | None = None, *, revoked: bool = False):
    _serial["n"] += 1
    today = timezone.localdate()
    return OfficerCertificate.objects.create(
        number=f"T{user.pk:05d}{_serial['n']:05d}",
        holder=user,
        issuing_authority="测试发证机关",
        valid_from=valid_from or today - timedelta(days=365),
        valid_to=valid_to or today + timedelta(days=365),
        status="revoked" if revoked else "active",
        revoked_at=timezone.now() if revoked else None,
    )


def user_with_certificate(role: str, agency_key: str, username: str, full_name: str | None = None, **cert):
    user = personas.make_user(role, agency_key, username=username, full_name=full_name or username)
    if not user.certificates.exists():
        certificate(user, **cert)
    return user


def at(day_offset: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)), timezone.get_current_timezone())


def border_roster(
    organiser, *, agencies=("wujiang", "jiashan"), name="青吴嘉毗邻区联勤", divisions=None, geometry: str = ""
):
    from yrdcollab.field.duty import services

    today = timezone.localdate()
    return services.roster_create(
        actor=organiser,
        data=services.RosterInput(
            name=name,
            kind="border",
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=7),
            agencies=[personas.agency(k).public_id for k in agencies],
            divisions=list(divisions if divisions is not None else ["310118", "320509", "330421"]),
            geometry=geometry,
        ),
    )


def shift(manager, roster, *, post="朱家角古镇巡查岗", start=None, end=None, required=2, geometry=""):
    from yrdcollab.field.duty import services

    start = start or at(0, 8)
    end = end or start + timedelta(hours=8)
    return services.shift_create(
        actor=manager,
        roster_id=roster.public_id,
        data=services.ShiftInput(post=post, starts_at=start, ends_at=end, required_count=required, geometry=geometry),
    )


def nominate(manager, roster, *officers):
    from yrdcollab.field.duty import services

    return services.members_nominate(
        actor=manager, roster_id=roster.public_id, officers=[o.public_id for o in officers]
    )


def assign(manager, shift_obj, officer):
    from yrdcollab.field.duty import services

    return services.assignment_create(actor=manager, shift_id=shift_obj.public_id, officer_id=officer.public_id)


def campaign(initiator_user, *, accepted=(), invited=(), starts_on=None, ends_on=None, status="preparing"):
    from yrdcollab.field.operations.models import Campaign, CampaignParticipant

    today = timezone.localdate()
    item = Campaign.objects.create(
        number=f"测试整治〔2026〕{Campaign.objects.count() + 1}号",
        title="示范区跨界违法建设联合整治",
        theme="联合巡查",
        initiator=initiator_user.agency,
        starts_on=starts_on or today - timedelta(days=2),
        ends_on=ends_on or today + timedelta(days=5),
        created_by=initiator_user,
        status=status,
    )
    CampaignParticipant.objects.create(
        campaign=item, agency=initiator_user.agency, role="lead", status="accepted", invited_at=timezone.now()
    )
    for key in accepted:
        CampaignParticipant.objects.create(
            campaign=item, agency=personas.agency(key), status="accepted", invited_at=timezone.now()
        )
    for key in invited:
        CampaignParticipant.objects.create(
            campaign=item, agency=personas.agency(key), status="invited", invited_at=timezone.now()
        )
    return item


def major_event(lead_key="qingpu", participants=("wujiang",), status="planning"):
    from yrdcollab.field.events.models import MajorEvent

    today = timezone.localdate()
    lead = personas.agency(lead_key)
    event = MajorEvent.objects.create(
        code=f"test-event-{MajorEvent.objects.count() + 1}",
        name="测试博览会",
        host_city_id=lead.division_id,
        venue="国家会展中心",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=3),
        level="national",
        lead_agency=lead,
        status=status,
    )
    event.participants.set([personas.agency(k) for k in participants])
    return event


def reinforcement_request(event, *, requester, provider, requested_by, officers: int = 1):
    """A reinforcement request of the event made directly (the events app tests its own workflow)."""
    from yrdcollab.field.events.models import ReinforcementRequest

    return ReinforcementRequest.objects.create(
        event=event,
        number=f"沪青城管增〔2026〕{ReinforcementRequest.objects.count() + 1}号",
        requester=requester,
        provider=provider,
        officers_requested=officers,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        purpose="核心区巡查",
        requested_by=requested_by,
    )
