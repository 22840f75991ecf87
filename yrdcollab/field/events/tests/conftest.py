"""An active event led by 青浦 around the CIIE venue, with three ring zones, 嘉善 as participant; 吴江
officers holding certificates (reinforcement), a 合肥 officer outside the event."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from yrdcollab.field.events.rings import ring_geojson
from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.testing import personas

VENUE = (121.30, 31.19)
CORE_POINT = (121.3005, 31.1902)  # ~50 m from the venue
CONTROL_POINT = (121.3000, 31.1990)  # ~1,000 m north: between the 800 m core and the 1,500 m control ring
NEAR_BUFFER_POINT = (121.3000, 31.2240)  # ~3,760 m north: 760 m outside the 3,000 m buffer ring
FAR_POINT = (121.3000, 31.2500)  # ~6.6 km north: far from every zone


def certify(user, *, valid_from: date | None = None, valid_to: date | None = None, number: str = ""):
    today = timezone.localdate()
    return OfficerCertificate.objects.create(
        number=number or f"CERT-{user.username}",
        holder=user,
        issuing_authority="江苏省人民政府",
        valid_from=valid_from or today - timedelta(days=365),
        valid_to=valid_to or today + timedelta(days=365),
    )


@dataclass
class EventWorld:
    event: object
    zones: dict
    lead: object  # 青浦 bureau leader
    liaison: object
    officer: object  # 青浦 officer
    partner_officer: object  # 嘉善 officer (participant)
    partner_leader: object
    provider_leader: object  # 吴江 bureau leader
    provider_officers: list
    outsider: object  # 合肥 officer
    supervisor: object


@pytest.fixture
def event_world(db, matters) -> EventWorld:
    from yrdcollab.field.events import services

    lead = personas.make_user("bureau_leader", "qingpu", full_name="沈卫东")
    liaison = personas.make_user("liaison", "qingpu", full_name="青浦联络员")
    officer = personas.make_user("officer", "qingpu", full_name="周振华")
    partner_officer = personas.make_user("officer", "jiashan", full_name="钱丽娟")
    partner_leader = personas.make_user("bureau_leader", "jiashan", full_name="陆晓东")
    provider_leader = personas.make_user("bureau_leader", "wujiang", full_name="钱国平")
    provider_officers = [
        personas.make_user("officer", "wujiang", username=f"wj_officer_{i}", full_name=f"吴江队员{i}")
        for i in range(1, 4)
    ]
    for user in provider_officers:
        certify(user)
    personas.make_user("liaison", "wujiang", full_name="吴江联络员")
    outsider = personas.make_user("officer", "hefei", full_name="合肥队员")
    supervisor = personas.make_user("supervisor", "sh", full_name="指挥中心")
    today = timezone.localdate()
    event = services.event_create(
        actor=lead,
        data=services.EventInput(
            code="ciie-test",
            name="中国国际进口博览会",
            edition="测试",
            host_city="310118",
            venue="国家会展中心（上海）",
            venue_lon=VENUE[0],
            venue_lat=VENUE[1],
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=3),
            level="national",
        ),
    )
    zones = {
        "core": services.zone_create(
            actor=lead,
            event_id=event.public_id,
            data=services.ZoneInput(
                name="核心区", level="core", geometry=ring_geojson(*VENUE, 800), prohibited_matters=["0501", "0604"]
            ),
        ),
        "control": services.zone_create(
            actor=lead,
            event_id=event.public_id,
            data=services.ZoneInput(
                name="管控区", level="control", geometry=ring_geojson(*VENUE, 1500, 800), prohibited_matters=["0501"]
            ),
        ),
        "buffer": services.zone_create(
            actor=lead,
            event_id=event.public_id,
            data=services.ZoneInput(name="缓冲区", level="buffer", geometry=ring_geojson(*VENUE, 3000, 1500)),
        ),
    }
    services.event_participant_add(
        actor=lead, event_id=event.public_id, agency_id=str(partner_officer.agency.public_id)
    )
    services.event_transition(actor=lead, event_id=event.public_id, action="activate")
    event.refresh_from_db()
    return EventWorld(
        event=event,
        zones=zones,
        lead=lead,
        liaison=liaison,
        officer=officer,
        partner_officer=partner_officer,
        partner_leader=partner_leader,
        provider_leader=provider_leader,
        provider_officers=provider_officers,
        outsider=outsider,
        supervisor=supervisor,
    )
