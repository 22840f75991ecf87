"""Demo joint duty for the embedded default: a 青浦–吴江–嘉善 border roster in the 长三角生态绿色一体化
发展示范区 (divisions 310118, 320509, 330421) from three days ago to three days ahead, three posts a
day staffed by officers of the three agencies, and check-ins on yesterday's shifts (one flagged far
outside the area). 钱丽娟 (嘉善) is nominated but, her certificate having expired on 2025-06-30, is on
no shift. Everything goes through the services; idempotent (an existing roster is left as it is)."""

import io
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from yrdcollab.core.errors import ApplicationError
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.directory.models import Agency

from . import services
from .models import Roster

DEMO_ROSTER = "长三角示范区青吴嘉毗邻区联勤联动（金泽—黎里—西塘）"
DEMO_DIVISIONS = ["310118", "320509", "330421"]
# Posts: (name, start hour, end hour, usernames). No officer is on two overlapping posts.
POSTS = [
    ("金泽—汾湖省界卡口巡查", 8, 16, ("qingpu_officer", "wujiang_officer")),
    ("西塘—姚庄跨界河道巡查", 9, 17, ("jiashan_squad", "wujiang_squad")),
    ("示范区夜间联合巡查", 16, 24, ("qingpu_squad", "jiashan_leader")),
]
# WGS-84 points along the posts (金泽镇, 汾湖, 西塘镇) and one far off (苏州城区).
POINTS = {
    "金泽": (120.923, 31.040),
    "汾湖": (120.820, 31.020),
    "西塘": (120.890, 30.945),
    "苏州城区": (120.620, 31.300),
}
DEMO_CAMPAIGN_POST = "联合整治巡查"


def _users(*usernames) -> dict[str, User]:
    users = {u.username: u for u in User.objects.filter(username__in=usernames).select_related("agency")}
    missing = sorted(set(usernames) - set(users))
    if missing:
        raise LookupError(f"demo users missing: {missing}: run demo_users_ensure first")
    return users


def _at(day, hour: int) -> datetime:
    tz = timezone.get_current_timezone()
    return timezone.make_aware(datetime.combine(day, time.min), tz) + timedelta(hours=hour)


def _photo() -> bytes:
    """A small generated JPEG standing in for a patrol photo (no bundled image files)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 200), (214, 228, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 130, 320, 200), fill=(120, 150, 110))
    draw.rectangle((40, 70, 140, 130), fill=(180, 60, 50))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


@transaction.atomic
def demo_duty_ensure() -> str:
    people = _users(
        "qingpu_squad",
        "qingpu_officer",
        "wujiang_squad",
        "wujiang_officer",
        "jiashan_squad",
        "jiashan_leader",
        "jiashan_officer",
    )
    organiser = people["qingpu_squad"]
    existing = Roster.objects.filter(name=DEMO_ROSTER, organiser=organiser.agency).first()
    if existing is not None:
        return f"roster exists: {existing.name}"
    today = timezone.localdate()
    partners = Agency.objects.filter(pk__in=[people["wujiang_squad"].agency_id, people["jiashan_squad"].agency_id])
    roster = services.roster_create(
        actor=organiser,
        data=services.RosterInput(
            name=DEMO_ROSTER,
            kind="border",
            starts_on=today - timedelta(days=3),
            ends_on=today + timedelta(days=3),
            agencies=[a.public_id for a in partners],
            divisions=DEMO_DIVISIONS,
        ),
    )
    by_agency: dict[int, list[User]] = {}
    for username in (
        "qingpu_officer",
        "qingpu_squad",
        "wujiang_officer",
        "wujiang_squad",
        "jiashan_squad",
        "jiashan_leader",
        "jiashan_officer",
    ):
        by_agency.setdefault(people[username].agency_id, []).append(people[username])
    for manager in ("qingpu_squad", "wujiang_squad", "jiashan_squad"):
        services.members_nominate(
            actor=people[manager],
            roster_id=roster.public_id,
            officers=[u.public_id for u in by_agency[people[manager].agency_id]],
        )
    shifts: dict[tuple[int, str], object] = {}
    for offset in range(-3, 4):
        day = today + timedelta(days=offset)
        for post, start, end, usernames in POSTS:
            shift = services.shift_create(
                actor=organiser,
                roster_id=roster.public_id,
                data=services.ShiftInput(post=post, starts_at=_at(day, start), ends_at=_at(day, end), required_count=2),
            )
            shifts[(offset, post)] = shift
            for username in usernames:
                services.assignment_create(
                    actor=organiser, shift_id=shift.public_id, officer_id=people[username].public_id
                )
    yesterday = today - timedelta(days=1)
    check_ins = [
        ("qingpu_officer", POSTS[0][0], "金泽", 9, "金泽镇省界卡口，道路通行正常", True),
        ("wujiang_officer", POSTS[0][0], "汾湖", 11, "汾湖跨界桥梁周边无占道经营", False),
        ("jiashan_squad", POSTS[1][0], "西塘", 10, "西塘—姚庄交界河道岸线巡查", True),
        ("wujiang_officer", POSTS[0][0], "苏州城区", 14, "协助押送当事人至区局，离开责任区域", False),
    ]
    flagged = 0
    for username, post, place, hour, note, with_photo in check_ins:
        lon, lat = POINTS[place]
        done = services.check_in_record(
            actor=people[username],
            shift_id=shifts[(-1, post)].public_id,
            lon=lon,
            lat=lat,
            accuracy_m=12,
            note=note,
            photo=io.BytesIO(_photo()) if with_photo else None,
            at=_at(yesterday, hour) + timedelta(minutes=7),
        )
        flagged += bool(done.flag)
    now = timezone.now()
    live = 0
    for post, _start, _end, usernames in POSTS:  # current positions for the map when a shift is on now
        shift = shifts[(0, post)]
        if shift.starts_at <= now <= shift.ends_at:
            place = {"金泽—汾湖省界卡口巡查": "金泽", "西塘—姚庄跨界河道巡查": "西塘"}.get(post, "汾湖")
            for i, username in enumerate(usernames):
                lon, lat = POINTS[place]
                services.check_in_record(
                    actor=people[username],
                    shift_id=shift.public_id,
                    lon=lon + 0.002 * i,
                    lat=lat + 0.001 * i,
                    accuracy_m=15,
                    note="在岗巡查",
                )
                live += 1
    return f"roster {roster.name}: {len(shifts)} shifts, {len(check_ins)} check-ins ({flagged} flagged), {live} live"


@transaction.atomic
def demo_campaign_roster_ensure(campaign) -> str:
    """A campaign roster of the campaign's initiator (the lead may call it after the operations demo):
    the initiator's demo squad leader, its officer, one shift a day of the campaign this week."""
    manager = (
        User.objects.filter(agency=campaign.initiator, is_active=True, role_assignments__role="squad_leader")
        .order_by("id")
        .first()
        or User.objects.filter(agency=campaign.initiator, is_active=True, role_assignments__role="bureau_leader")
        .order_by("id")
        .first()
    )
    if manager is None:
        return "no duty manager in the initiating agency"
    name = f"{campaign.title}联合勤务表"[:128]
    existing = Roster.objects.filter(campaign=campaign, organiser=campaign.initiator).first()
    if existing is not None:
        return f"roster exists: {existing.name}"
    roster = services.roster_create(
        actor=manager,
        data=services.RosterInput(
            name=name,
            kind="campaign",
            campaign=campaign.public_id,
            starts_on=campaign.starts_on,
            ends_on=campaign.ends_on,
        ),
    )
    officers = list(
        User.objects.filter(agency=campaign.initiator, is_active=True, role_assignments__role="officer").order_by("id")[
            :2
        ]
    )
    if officers:
        services.members_nominate(actor=manager, roster_id=roster.public_id, officers=[o.public_id for o in officers])
    today = timezone.localdate()
    count = inspections = 0
    for offset in range(-6, 7):  # the past week (with its patrol check-ins) and the coming one
        day = today + timedelta(days=offset)
        if not campaign.starts_on <= day <= campaign.ends_on:
            continue
        shift = services.shift_create(
            actor=manager,
            roster_id=roster.public_id,
            data=services.ShiftInput(
                post=DEMO_CAMPAIGN_POST, starts_at=_at(day, 9), ends_at=_at(day, 12), required_count=2
            ),
        )
        count += 1
        for i, officer in enumerate(officers):
            try:
                services.assignment_create(actor=manager, shift_id=shift.public_id, officer_id=officer.public_id)
            except ApplicationError:  # an expired certificate or another booking: the conflicts page shows the gap
                continue
            if offset < 0:
                lon, lat = POINTS["金泽"]
                services.check_in_record(
                    actor=officer,
                    shift_id=shift.public_id,
                    lon=lon + 0.003 * i,
                    lat=lat - 0.002 * offset,
                    accuracy_m=10,
                    note="省界卡口渣土车辆检查",
                    at=_at(day, 10) + timedelta(minutes=13 * (i + 1)),
                )
                inspections += 1
    return f"campaign roster {roster.name}: {count} shifts, {inspections} check-ins"
