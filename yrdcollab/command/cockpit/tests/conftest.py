"""A small world whose cockpit figures are counted by hand in the tests: five agencies of the four
regions (上海市 above 青浦; 吴江, 嘉善, 合肥), open and closed collaboration items, sent and draft
transfers and assistance requests."""

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from yrdcollab.casework.assistance.models import AssistanceRequest
from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState
from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.testing import personas


@dataclass
class World:
    supervisor: object
    leader: object  # 青浦's bureau leader
    officer: object  # 青浦's officer (no COMMAND_VIEW)
    agencies: dict
    matter: Matter


def _item(agencies, *, kind, sender, receiver, waiting, due_in, level=0, state=TrackedState.OPEN):
    return TrackedItem.objects.create(
        kind=kind,
        public_id=uuid.uuid4(),
        title=f"{sender}→{receiver}",
        sender=agencies[sender],
        receiver=agencies[receiver],
        waiting_on=agencies[waiting] if waiting else None,
        step="accept",
        status_label="已签收",
        due_at=None if due_in is None else timezone.now() + due_in,
        state=state,
        escalation_level=level,
    )


def build_world() -> World:
    cache.clear()
    agencies = {key: personas.agency(key) for key in ("sh", "qingpu", "wujiang", "jiashan", "hefei")}
    supervisor = personas.make_user("supervisor", "sh", username="ck_supervisor")
    leader = personas.make_user("bureau_leader", "qingpu", username="ck_leader")
    officer = personas.make_user("officer", "qingpu", username="ck_officer")
    matter, _ = Matter.objects.get_or_create(code="CK01", defaults={"name": "跨界占道经营"})
    child, _ = Matter.objects.get_or_create(code="CK0101", defaults={"name": "流动摊贩", "parent": matter})
    # Open items: 1–3 concern 青浦, 4–5 do not; 6 is closed.
    _item(
        agencies,
        kind="transfer",
        sender="qingpu",
        receiver="wujiang",
        waiting="wujiang",
        due_in=timedelta(days=-2),
        level=1,
    )
    _item(agencies, kind="transfer", sender="qingpu", receiver="wujiang", waiting="wujiang", due_in=timedelta(days=5))
    _item(agencies, kind="assistance", sender="jiashan", receiver="qingpu", waiting="qingpu", due_in=timedelta(hours=2))
    _item(
        agencies,
        kind="transfer",
        sender="wujiang",
        receiver="hefei",
        waiting="hefei",
        due_in=timedelta(days=-1),
        level=2,
    )
    _item(agencies, kind="assistance", sender="hefei", receiver="jiashan", waiting="jiashan", due_in=None)
    _item(
        agencies,
        kind="transfer",
        sender="qingpu",
        receiver="jiashan",
        waiting=None,
        due_in=None,
        state=TrackedState.CLOSED,
    )
    now = timezone.now()

    def transfer(sender, receiver, *, days_ago, status=TransferStatus.SENT, on=matter):
        return ClueTransfer.objects.create(
            sender=agencies[sender],
            receiver=agencies[receiver],
            matter=on,
            title=f"移送 {sender}→{receiver}",
            facts="夜间占道经营。",
            place_address="边界路口",
            place_division=agencies[receiver].division,
            status=status,
            created_by=officer,
            sent_at=None if days_ago is None else now - timedelta(days=days_ago),
        )

    transfer("qingpu", "wujiang", days_ago=3, on=child)
    transfer("qingpu", "wujiang", days_ago=40)
    transfer("wujiang", "hefei", days_ago=1)
    transfer("qingpu", "jiashan", days_ago=None, status=TransferStatus.DRAFT)
    AssistanceRequest.objects.create(
        requester=agencies["jiashan"],
        responder=agencies["qingpu"],
        type="verify_identity",
        matter=matter,
        title="协查摊贩身份",
        questions="请核实身份。",
        status=AssistanceStatus.SENT,
        created_by=officer,
        sent_at=now - timedelta(days=2),
    )
    return World(supervisor, leader, officer, agencies, matter)


@pytest.fixture
def world(db) -> World:
    return build_world()


COUNT = {
    "cockpit": re.compile(r'data-testid="records-count">([\d,]+)<'),
    "supervision": re.compile(r"共 ([\d,]+) 件"),
}


def listed(client, url: str) -> int:
    """How many records the list behind a figure says it holds."""
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200, url
    text = page.content.decode()
    for pattern in COUNT.values():
        match = pattern.search(text)
        if match:
            return int(match.group(1).replace(",", ""))
    return 0  # the list's "nothing matches" text
