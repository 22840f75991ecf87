"""Demo joint operations (idempotent): the 长三角毗邻区域建筑垃圾专项联合执法检查整治行动 led by 青浦 with
吴江 and 嘉善, its goals, tasks and findings (one decided by 青浦 and recognized by 吴江), and a one-week
authorization by 吴江 for 青浦's officer to inspect in 吴江. Runs the real services, so every number,
notification and audit entry is what the platform itself would produce. Call after demo_users_ensure()."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from yrdcollab.casework.recognition.services import result_recognize
from yrdcollab.platform.accounts.models import User

from . import services
from .models import Campaign, InspectionAuthorization

DEMO_TITLE = "长三角毗邻区域建筑垃圾专项联合执法检查整治行动"
DEMO_MATTERS = ["03"]  # 建筑垃圾/渣土 and its sub-matters 0301–0306
DEMO_PARTY = {"kind": "organisation", "name": "上海青浦鸿运渣土运输有限公司", "uscc": "91310118MA1JL7Q21N"}


def _user(username: str) -> User:
    return User.objects.select_related("agency").get(username=username)


def _campaign(users: dict) -> Campaign:
    today = timezone.localdate()
    campaign = services.campaign_create(
        actor=users["qingpu_leader"],
        data=services.CampaignInput(
            title=DEMO_TITLE,
            matters=DEMO_MATTERS,
            starts_on=today - timedelta(days=7),
            ends_on=today + timedelta(days=23),
            theme="依据《长三角一体化城市管理执法领域建筑垃圾联防联治工作机制》，在青浦、吴江、嘉善毗邻区域联合开展"
            "建筑垃圾跨省违法转移倾倒、运输撒漏和无证处置的检查整治，互通线索、互认结果。",
            divisions=["310118", "320509", "330421"],
            goals=[
                {"metric": "inspections", "target": 300},
                {"metric": "findings", "target": 30},
                {"metric": "penalties", "target": 10},
                {"metric": "fine_amount", "target": 200000},
            ],
            invitees=[str(users["wujiang_leader"].agency.public_id), str(users["jiashan_leader"].agency.public_id)],
        ),
    )
    Campaign.objects.filter(pk=campaign.pk).update(is_demo=True)
    for key in ("wujiang_leader", "jiashan_leader"):
        services.participant_transition(actor=users[key], campaign_id=campaign.public_id, action="accept")
    services.campaign_transition(actor=users["qingpu_leader"], campaign_id=campaign.public_id, action="start")
    return campaign


def _tasks(campaign: Campaign, users: dict) -> None:
    lead, today = users["qingpu_leader"], timezone.localdate()
    for agency_user, title, days in (
        ("wujiang_leader", "汾湖—金泽省界卡口联合设卡检查渣土运输车辆", 5),
        ("jiashan_leader", "西塘—朱家角沿线消纳场所排查", 10),
        ("qingpu_leader", "汇总三地渣土运输企业名录并互通", 3),
    ):
        services.task_assign(
            actor=lead,
            campaign_id=campaign.public_id,
            title=title,
            assignee=str(users[agency_user].agency.public_id),
            due_on=today + timedelta(days=days),
        )


def _record(campaign: Campaign, users: dict) -> None:
    def record(username, matter, description, address, division, party=None):
        return services.finding_record(
            actor=users[username],
            data=services.FindingInput(
                campaign=str(campaign.public_id),
                matter=matter,
                description=description,
                address=address,
                division=division,
                party=party,
            ),
        )

    decided = record(
        "qingpu_officer",
        "0306",
        "外省籍运输车辆将建筑垃圾运至省界附近农田倾倒约30立方米",
        "青浦区金泽镇商榻省界附近农田",
        "310118",
        DEMO_PARTY,
    )
    services.finding_transition(
        actor=users["qingpu_officer"],
        finding_id=decided.public_id,
        action="decide",
        decision_number="沪青城管罚字〔2026〕第0318号",
        decided_on=timezone.localdate(),
        penalty_types=["fine", "order_cease"],
        fine_amount="50000",
    )
    decided.refresh_from_db()
    result_recognize(
        actor=users["wujiang_officer"],
        decision_id=decided.decision.public_id,
        remarks="联合整治行动中现场查处，予以互认",
    )
    record("wujiang_officer", "0303", "渣土运输车辆未密闭，沿途撒漏约200米", "吴江区黎里镇汾湖大道", "320509")
    record("jiashan_officer", "0301", "工地未经核准擅自处置建筑垃圾", "嘉善县西塘镇某在建工地", "330421")


@transaction.atomic
def demo_operations_ensure() -> Campaign:
    existing = Campaign.objects.filter(title=DEMO_TITLE, is_demo=True).first()
    if existing is not None:
        return existing
    names = (
        "qingpu_leader",
        "qingpu_officer",
        "wujiang_leader",
        "wujiang_officer",
        "jiashan_leader",
        "jiashan_officer",
    )
    users = {name: _user(name) for name in names}
    campaign = _campaign(users)
    _tasks(campaign, users)
    _record(campaign, users)
    if not InspectionAuthorization.objects.filter(campaign=campaign).exists():
        today = timezone.localdate()
        services.authorization_grant(
            actor=users["wujiang_leader"],
            data=services.AuthorizationInput(
                grantee=str(users["qingpu_officer"].agency.public_id),
                officers=[str(users["qingpu_officer"].public_id)],
                matters=DEMO_MATTERS,
                divisions=["320509"],
                valid_from=today,
                valid_to=today + timedelta(days=6),
                campaign=str(campaign.public_id),
            ),
        )
    return Campaign.objects.get(pk=campaign.pk)
