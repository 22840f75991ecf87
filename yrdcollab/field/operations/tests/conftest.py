"""Fixtures of the operations tests: leaders and officers of 青浦 (Shanghai), 吴江 (Jiangsu) and 嘉善
(Zhejiang), an officer of 合肥 (never invited), the command centre; the real county boundaries of the
three counties; a campaign factory; duty rows (rosters, shifts, check-ins) written with the ORM."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from yrdcollab.core.dates import day_bounds
from yrdcollab.testing import personas

# WGS-84 points well inside each county (farther than the 2 km border band from any other county).
ZHUJIAJIAO = (121.05, 31.11)  # 青浦
SONGLING = (120.64, 31.16)  # 吴江
WEITANG = (120.92, 30.84)  # 嘉善
MATTERS = ["03"]
_numbers = count(1)


@pytest.fixture
def people(db, matters):
    make = personas.make_user
    return {
        "qp_leader": make("bureau_leader", "qingpu", username="qp_leader", full_name="青浦局长"),
        "qp_liaison": make("liaison", "qingpu", username="qp_liaison", full_name="青浦联络员"),
        "qp_officer": make("officer", "qingpu", username="qp_officer", full_name="青浦队员"),
        "qp_squad": make("squad_leader", "qingpu", username="qp_squad", full_name="青浦中队长"),
        "wj_leader": make("bureau_leader", "wujiang", username="wj_leader", full_name="吴江局长"),
        "wj_officer": make("officer", "wujiang", username="wj_officer", full_name="吴江队员"),
        "js_leader": make("bureau_leader", "jiashan", username="js_leader", full_name="嘉善局长"),
        "js_officer": make("officer", "jiashan", username="js_officer", full_name="嘉善队员"),
        "hf_leader": make("bureau_leader", "hefei", username="hf_leader", full_name="合肥局长"),
        "hf_officer": make("officer", "hefei", username="hf_officer", full_name="合肥队员"),
        "supervisor": make("supervisor", "sh", username="ops_supervisor", full_name="指挥中心"),
        "auditor": make("auditor", "sh", username="ops_auditor", full_name="审计员"),
    }


def campaign_input(**overrides):
    from yrdcollab.field.operations.services import CampaignInput

    today = timezone.localdate()
    values = dict(
        title="长三角毗邻区域建筑垃圾专项联合执法检查整治行动",
        theme="打击建筑垃圾跨省违法转移倾倒",
        matters=MATTERS,
        starts_on=today - timedelta(days=2),
        ends_on=today + timedelta(days=20),
        divisions=["310118", "320509", "330421"],
        goals=[
            {"metric": "findings", "target": 4},
            {"metric": "fine_amount", "target": 100000},
            {"metric": "inspections", "target": 10},
        ],
    )
    values.update(overrides)
    return CampaignInput(**values)


@pytest.fixture
def make_campaign(people):
    """make_campaign(active=True): 青浦 leads, 吴江 and 嘉善 invited and (unless accept=False) accepted."""
    from yrdcollab.field.operations.services import campaign_create, campaign_transition, participant_transition

    def build(*, active: bool = True, accept: bool = True, **overrides):
        invitees = [str(personas.agency(k).public_id) for k in ("wujiang", "jiashan")]
        campaign = campaign_create(actor=people["qp_leader"], data=campaign_input(invitees=invitees, **overrides))
        if accept:
            for key in ("wj_leader", "js_leader"):
                participant_transition(actor=people[key], campaign_id=campaign.public_id, action="accept")
        if active:
            campaign = campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="start")
        return campaign

    return build


def certificate_for(user):
    from yrdcollab.platform.accounts.models import OfficerCertificate

    today = timezone.localdate()
    return OfficerCertificate.objects.get_or_create(
        holder=user,
        defaults={
            "number": f"T{user.pk:06d}{next(_numbers):04d}",
            "issuing_authority": "测试",
            "valid_from": today - timedelta(days=365),
            "valid_to": today + timedelta(days=365),
        },
    )[0]


def duty_rows(campaign, officers_and_points, *, check_ins_each: int = 1, organiser=None):
    """A roster of the campaign, one shift today, each officer assigned and checking in `check_ins_each`
    times at his point."""
    from yrdcollab.field.duty.models import CheckIn, Roster, Shift, ShiftAssignment

    first = officers_and_points[0][0]
    roster = Roster.objects.create(
        name=f"{campaign.title}勤务表",
        kind="campaign",
        organiser=organiser or first.agency,
        campaign=campaign,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        created_by=first,
    )
    start, _ = day_bounds(timezone.localdate())
    shift = Shift.objects.create(roster=roster, post="省界卡口", starts_at=start, ends_at=start + timedelta(hours=23))
    check_ins = []
    for officer, (lon, lat) in officers_and_points:
        assignment = ShiftAssignment.objects.create(
            shift=shift,
            officer=officer,
            certificate=certificate_for(officer),
            starts_at=shift.starts_at,
            ends_at=shift.ends_at,
            assigned_by=first,
        )
        check_ins += [
            CheckIn(
                assignment=assignment,
                shift=shift,
                roster=roster,
                officer=officer,
                agency=officer.agency,
                at=start + timedelta(minutes=i + 1),
                lon=lon,
                lat=lat,
            )
            for i in range(check_ins_each)
        ]
    CheckIn.objects.bulk_create(check_ins)
    return roster


def finding_input(campaign=None, *, point=ZHUJIAJIAO, matter="0302", **overrides):
    from yrdcollab.field.operations.services import FindingInput

    values = dict(
        campaign=str(campaign.public_id) if campaign else "",
        matter=matter,
        description="工地外路边堆放建筑垃圾约20立方米",
        address="朱家角镇沪青平公路旁",
        lon=point[0],
        lat=point[1],
    )
    values.update(overrides)
    return FindingInput(**values)


COMPANY = {"kind": "organisation", "name": "上海青浦鸿运渣土运输有限公司", "uscc": "91310118MA1JL7Q21N"}
