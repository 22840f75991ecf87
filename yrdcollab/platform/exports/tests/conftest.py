"""A small world of clue transfers (built through the app registry, not imported: the exports app
sits below casework, and its tests keep to the layers too) for the export tests: three sent from 吴江 to 青浦 (青浦's incoming
list), a 青浦 draft, and two between 嘉善 and 吴江 that 青浦 must never see; and a test-only export
source of generated rows (the worker's progress and limits without thousands of database rows)."""

from datetime import timedelta

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.exports import registry
from yrdcollab.platform.exports.models import ExportJob
from yrdcollab.platform.exports.registry import Column, ExportSource
from yrdcollab.testing import personas

FORMULA_TITLE = '=HYPERLINK("http://example.invalid","点此")'


@pytest.fixture
def clues(db, agency, make_user):
    parent, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    matter, _ = Matter.objects.get_or_create(code="T0301", defaults={"name": "跨区域偷倒建筑垃圾", "parent": parent})
    qingpu, wujiang, jiashan = agency("qingpu"), agency("wujiang"), agency("jiashan")
    author = make_user("officer", "wujiang")
    ClueTransfer = apps.get_model("transfers", "ClueTransfer")  # noqa: N806
    now = timezone.now()

    def clue(n, sender, receiver, status, title, due_in=None):
        return ClueTransfer.objects.create(
            doc_number=f"吴综执移〔2026〕{n}号" if status != "draft" else "",
            sender=sender,
            receiver=receiver,
            matter=matter,
            title=title,
            facts="夜间倾倒建筑垃圾约30吨。",
            place_address="汾湖大道与临沪大道交叉口",
            place_division_id=receiver.division_id,
            status=status,
            due_at=now + due_in if due_in is not None else None,
            created_by=author,
        )

    return {
        "incoming": [
            clue(1, wujiang, qingpu, "sent", FORMULA_TITLE, timedelta(days=2)),
            clue(2, wujiang, qingpu, "signed", "跨省偷倒建筑垃圾", timedelta(days=-1)),
            clue(3, wujiang, qingpu, "sent", "渣土车沿途抛洒", None),
        ],
        "draft": clue(4, qingpu, wujiang, "draft", "青浦草稿"),
        "foreign": [
            clue(5, jiashan, wujiang, "sent", "嘉善移送吴江"),
            clue(6, wujiang, jiashan, "sent", "吴江移送嘉善"),
        ],
    }


@pytest.fixture
def officer_client(officer):
    client = Client()
    client.force_login(officer)
    return client


@pytest.fixture
def logged_in():
    def build(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return build


NUMBERS_KEY = "test.numbers"


@pytest.fixture
def numbers_source():
    """A source of `n` generated rows (params {"n": "2500"}); `seen` records the job's progress as the
    rows are read, so a test sees what the worker wrote while it ran."""
    seen: list[int] = []

    def rows(*, actor, params):
        start = timezone.localdate()
        for i in range(int(params.get("n", "0"))):
            if i and i % 500 == 0:
                seen.append(ExportJob.objects.latest("id").rows_done)
            yield (i, f"第{i}行", start)

    source = ExportSource(
        key=NUMBERS_KEY,
        label="测试数字",
        columns=(Column("序号", 8), Column("文字", 20), Column("日期", 11)),
        rows=rows,
        count=lambda *, actor, params: int(params.get("n", "0")),
        capability=Capability.COLLABORATION_HANDLE,
        params=("n",),
    )
    registry.register(source)
    yield seen
    registry._SOURCES.pop(NUMBERS_KEY, None)


@pytest.fixture
def bearer():
    def build(user) -> Client:
        return Client(HTTP_AUTHORIZATION=personas.bearer_for(user))

    return build
