"""Demo cross-regional items for the embedded default, made through the real services as the demo
users: a clue 青浦 → 吴江 waiting to be signed for, a clue 嘉善 → 青浦 under investigation, an
assistance request 吴江 → 青浦, and a bulletin of the Shanghai municipal bureau to all agencies; the
青浦 squad leader has assigned the clue under investigation to the 青浦 officer (承办).
Idempotent: an item whose title exists is not made again."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.services import PartyInput as AssistanceParty
from yrdcollab.casework.assistance.services import assistance_create, assistance_transition
from yrdcollab.casework.bulletins.audience import BulletinDraft
from yrdcollab.casework.bulletins.models import Bulletin
from yrdcollab.casework.bulletins.services import bulletin_create, bulletin_publish
from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.services import transfer_create, transfer_transition
from yrdcollab.casework.transfers.validation import PartyInput, TransferInput
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.assignments.models import Assignment
from yrdcollab.platform.assignments.services import assignment_set


def _user(username: str) -> User:
    return User.objects.select_related("agency").get(username=username)


@transaction.atomic
def demo_items_ensure() -> list[str]:
    qingpu, wujiang, jiashan = _user("qingpu_officer"), _user("wujiang_officer"), _user("jiashan_officer")
    made: list[str] = []

    title = "汾湖大道夜间偷倒建筑垃圾"
    if not ClueTransfer.objects.filter(title=title).exists():
        clue = transfer_create(
            actor=qingpu,
            data=TransferInput(
                receiver=str(wujiang.agency.public_id),
                matter="0302",
                title=title,
                facts="2026年11月20日23时许，巡查发现一辆沪牌重型自卸货车在汾湖大道与临沪大道交叉口东北侧空地倾倒建筑垃圾约30吨，"
                "车辆随后驶离。倾倒地点位于吴江区辖区。",
                place_address="吴江区黎里镇汾湖大道与临沪大道交叉口东北侧",
                place_division="320509",
                latitude=30.9861,
                longitude=120.8712,
                parties=[PartyInput(kind="vehicle", name="重型自卸货车", plate="沪D52317", role="vehicle")],
            ),
        )
        transfer_transition(actor=qingpu, transfer_id=clue.public_id, action="send")
        made.append(title)

    title = "西塘古镇景区周边违规设置户外广告"
    if not ClueTransfer.objects.filter(title=title).exists():
        clue = transfer_create(
            actor=jiashan,
            data=TransferInput(
                receiver=str(qingpu.agency.public_id),
                matter="04",
                title=title,
                facts="群众反映，某文化传播公司在朱家角镇沿线擅自设置大型户外广告牌3处，设置单位登记在青浦区。",
                place_address="青浦区朱家角镇沪青平公路沿线",
                place_division="310118",
            ),
        )
        transfer_transition(actor=jiashan, transfer_id=clue.public_id, action="send")
        transfer_transition(actor=qingpu, transfer_id=clue.public_id, action="sign")
        transfer_transition(actor=qingpu, transfer_id=clue.public_id, action="accept")
        transfer_transition(actor=qingpu, transfer_id=clue.public_id, action="start_investigation")
        made.append(title)

    title = "协助核实渣土运输单位登记信息"
    if not AssistanceRequest.objects.filter(title=title).exists():
        request = assistance_create(
            actor=wujiang,
            responder_id=qingpu.agency.public_id,
            type="verify_identity",
            matter_code="0301",
            title=title,
            questions="请协助核实该单位的工商登记信息、实际经营地址及其名下渣土运输车辆的备案情况。",
            parties=[AssistanceParty(kind="organisation", name="上海某渣土运输有限公司", uscc="91350100M000100Y43")],
            address="青浦区",
            division_code="310118",
        )
        assistance_transition(actor=wujiang, public_id=request.public_id, action="send")
        made.append(title)

    title = "关于开展长三角毗邻区域建筑垃圾联合执法检查的通知"
    if not Bulletin.objects.filter(title=title).exists():
        bulletin = bulletin_create(
            actor=_user("sh_liaison"),
            draft=BulletinDraft(
                kind="work_notice",
                title=title,
                body="为加强长三角毗邻区域建筑垃圾跨省运输、倾倒的联防联治，请各成员单位于12月底前完成辖区建筑垃圾运输车辆"
                "的排查，并通过平台报送发现的跨区域线索。",
                audience_type="all",
                requires_ack=True,
                ack_due_on=timezone.localdate() + timedelta(days=14),
            ),
        )
        bulletin_publish(actor=_user("sh_liaison"), public_id=bulletin.public_id)
        made.append(title)
    _demo_assignment(_user("qingpu_squad"), "transfer", ClueTransfer, "西塘古镇景区周边违规设置户外广告", qingpu)
    return made


def _demo_assignment(leader: User, kind: str, model, title: str, officer: User) -> None:
    """The squad leader has given the item to an officer (承办), so 我的待办 shows it."""
    item = model.objects.filter(title=title).first()
    if item is not None and not Assignment.objects.filter(kind=kind, subject_id=item.public_id).exists():
        assignment_set(
            actor=leader, kind=kind, public_id=item.public_id, assignee_id=officer.public_id, note="请牵头办理"
        )
