"""Demo of a major event for `seed_demo` (after the demo users exist): an exercise around the CIIE
venue led by 青浦 with three ring zones, 嘉善 taking part, a reinforcement request 青浦→吴江 partly
granted, a few incidents (one urgent in the core zone) and today's 日报. Idempotent: when the demo
event exists nothing is changed. The named events themselves are loaded from data/major_events.json."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from yrdcollab.field.duty import services as duty
from yrdcollab.field.duty.membership import event_roster_for
from yrdcollab.platform.accounts.models import User

from . import services
from .management.commands.load_major_events import major_events_load
from .models import MajorEvent
from .rings import ring_geojson

CODE = "ciie-demo"
VENUE = (121.30, 31.19)  # 国家会展中心（上海）, WGS-84
ZONES = [  # name, level, outer m, inner m, prohibited matters
    ("国家会展中心核心区", "core", 800, 0, ["0501", "0502", "0604", "0101"]),
    ("会展中心周边管控区", "control", 1500, 800, ["0501", "0604"]),
    ("徐泾—华新缓冲区", "buffer", 3000, 1500, []),
]


def _user(username: str) -> User | None:
    return User.objects.filter(username=username, is_active=True).first()


@transaction.atomic
def demo_events_ensure() -> str:
    loaded, _updated = major_events_load()
    if MajorEvent.objects.filter(code=CODE).exists():
        return f"named events created: {loaded}; demo event present"
    lead, wujiang_leader = _user("qingpu_leader"), _user("wujiang_leader")
    officer, partner = _user("qingpu_officer"), _user("jiashan_officer")
    sent = [u for u in (_user("wujiang_officer"), _user("wujiang_squad")) if u is not None]
    if None in (lead, wujiang_leader, officer, partner):
        return f"named events created: {loaded}; demo users missing, no demo event"
    today = timezone.localdate()
    event = services.event_create(
        actor=lead,
        data=services.EventInput(
            code=CODE,
            name="中国国际进口博览会",
            edition="（保障演练）",
            host_city="310118",
            venue="国家会展中心（上海）",
            venue_lon=VENUE[0],
            venue_lat=VENUE[1],
            starts_on=today - timedelta(days=1),
            ends_on=today + timedelta(days=4),
            level="national",
            description="演示数据：按进博会保障模式组织的演练，日期随演示数据生成，不是真实届次。",
            source="演示数据",
        ),
    )
    for name, level, outer, inner, matters in ZONES:
        services.zone_create(
            actor=lead,
            event_id=event.public_id,
            data=services.ZoneInput(
                name=name, level=level, geometry=ring_geojson(*VENUE, outer, inner), prohibited_matters=matters
            ),
        )
    services.event_participant_add(actor=lead, event_id=event.public_id, agency_id=str(partner.agency.public_id))
    services.event_transition(actor=lead, event_id=event.public_id, action="activate")
    request = services.reinforcement_request(
        actor=lead,
        event_id=event.public_id,
        data=services.ReinforcementInput(
            provider=str(wujiang_leader.agency.public_id),
            officers_requested=3,
            vehicles_requested=2,
            starts_on=today,
            ends_on=event.ends_on,
            purpose="会展中心周边管控区流动摊贩和占道经营整治，崧泽大道、盈港东路沿线巡逻",
        ),
    )
    services.reinforcement_transition(
        actor=wujiang_leader,
        request_id=request.public_id,
        action="grant",
        officers=[str(u.public_id) for u in sent],
        vehicles=1,
        note="同期松陵片区另有保障任务，先派出两名队员、一辆巡逻车",
    )

    _demo_night_watch(event, lead=lead, officers=[officer, *sent])

    def report(actor, matter, description, lon, lat):
        return services.incident_report(
            actor=actor,
            event_id=event.public_id,
            data=services.IncidentInput(matter_code=matter, description=description, lon=lon, lat=lat),
        )

    report(officer, "0501", "北广场2号门外有流动摊贩兜售饮料", 121.3004, 31.1948)
    noise = report(partner, "0602", "崧泽大道沿街商铺外放音响，噪声较大", 121.3090, 31.1960)
    services.incident_transition(actor=partner, incident_id=noise.public_id, action="claim")
    flyer = report(officer, "0101", "徐泾镇公交站乱张贴小广告", 121.2720, 31.2120)
    services.incident_transition(
        actor=officer,
        incident_id=flyer.public_id,
        action="resolve",
        resolution="已清除小广告，告知站点管理单位加强巡查",
    )
    services.event_report_compile(event=event, day=today)
    return f"named events created: {loaded}; demo event {event.code} created"


def _demo_night_watch(event, *, lead, officers) -> None:
    """A 00:00–08:00 watch at the north square for every day of the event on 青浦's event roster (which
    the reinforcement grant created), 青浦's officer with the two sent by 吴江 from today, and their check-ins
    of the watches that have begun. The hours stay clear of the demo border roster's shifts."""
    roster = event_roster_for(event=event, organiser=lead.agency, actor=lead)
    duty.members_nominate(actor=lead, roster_id=roster.public_id, officers=[officers[0].public_id])
    tz = timezone.get_current_timezone()
    now = timezone.now()
    day = event.starts_on
    while day <= event.ends_on:
        begins = timezone.make_aware(datetime.combine(day, time.min), tz)
        shift = duty.shift_create(
            actor=lead,
            roster_id=roster.public_id,
            data=duty.ShiftInput(
                post="北广场夜间值守", starts_at=begins, ends_at=begins + timedelta(hours=8), required_count=3
            ),
        )
        for i, officer in enumerate(officers):
            if i > 0 and day < timezone.localdate():  # the reinforcement arrives today
                continue
            duty.assignment_create(actor=lead, shift_id=shift.public_id, officer_id=officer.public_id)
            at = min(now - timedelta(minutes=5), begins + timedelta(minutes=40 + 20 * i))
            if at > begins:
                duty.check_in_record(
                    actor=officer,
                    shift_id=shift.public_id,
                    lon=VENUE[0] + 0.002 * (i - 1),
                    lat=VENUE[1] + 0.004,
                    accuracy_m=8,
                    note="北广场周边巡查，秩序正常",
                    at=at,
                )
        day += timedelta(days=1)
