import pytest

from yrdcollab.platform.catalogue.models import Matter


@pytest.fixture
def matter(db):
    parent, _ = Matter.objects.get_or_create(code="T03", defaults={"name": "建筑垃圾/渣土"})
    child, _ = Matter.objects.get_or_create(code="T0301", defaults={"name": "跨区域偷倒建筑垃圾", "parent": parent})
    return child


@pytest.fixture
def wujiang_officer(make_user):
    return make_user("officer", "wujiang")


@pytest.fixture
def jiashan_officer(make_user):
    return make_user("officer", "jiashan")


@pytest.fixture
def clue_payload(agency, matter, deadline_rules):
    wujiang = agency("wujiang")
    return {
        "receiver": str(wujiang.public_id),
        "matter": matter.code,
        "title": "跨省偷倒建筑垃圾",
        "facts": "2026年11月20日夜间，一辆重型自卸货车在汾湖高新区某空地倾倒建筑垃圾约30吨。",
        "place_address": "汾湖大道与临沪大道交叉口东北侧空地",
        "place_division": "320509",
        "latitude": 31.03,
        "longitude": 120.81,
        "parties": [
            {"kind": "vehicle", "name": "重型自卸货车", "plate": "沪A12345", "role": "vehicle"},
            {"kind": "individual", "name": "王某", "id_number": "11010519491231002X", "role": "suspect"},
        ],
    }


@pytest.fixture
def deadline_rules(db):
    """The default rules seeded by collaboration's data migration (a transactional test may have
    flushed them)."""
    from yrdcollab.casework.collaboration.deadlines import step_defaults
    from yrdcollab.casework.collaboration.models import DeadlineRule

    for default in step_defaults():
        DeadlineRule.objects.get_or_create(
            workflow=default.workflow,
            step=default.step,
            matter=None,
            defaults={"amount": default.amount, "unit": default.unit, "legal_basis": default.legal_basis},
        )
