"""Queries per workflow action over the API (issue #13 item 10: at most 12 each, on-commit work
included; testing/queries.py). Each test warms the node first, as a running node is warm."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import personas

from .conftest import COMPANY, SONGLING, ZHUJIAJIAO

pytestmark = pytest.mark.django_db
BASE = "/api/v1/operations"
MAX = 12


def post(client, url, body=None):
    return client.post(f"{BASE}{url}", json.dumps(body or {}), content_type="application/json")


def measure(client, request_queries, url, body=None, status=200):
    client.get(f"{BASE}/campaigns")  # warm
    with request_queries(max=MAX):
        response = post(client, url, body)
    assert response.status_code == status, response.content
    return response.json()


def _campaign_body(invitees):
    today = timezone.localdate()
    return {
        "title": "长三角毗邻区域建筑垃圾专项联合执法检查整治行动",
        "theme": "打击建筑垃圾跨省违法转移倾倒",
        "matters": ["03"],
        "starts_on": str(today - timedelta(days=1)),
        "ends_on": str(today + timedelta(days=29)),
        "divisions": ["310118", "320509", "330421"],
        "goals": [{"metric": "findings", "target": 3}, {"metric": "inspections", "target": 10}],
        "invitees": invitees,
    }


def test_create_campaign(people, api, request_queries):
    invitees = [str(personas.agency(k).public_id) for k in ("wujiang", "jiashan")]
    leader = api(people["qp_leader"])
    assert post(leader, "/campaigns", _campaign_body(invitees)).status_code == 201  # warm: once before
    measure(leader, request_queries, "/campaigns", _campaign_body(invitees), status=201)


def test_invite(people, api, make_campaign, request_queries):
    campaign = make_campaign(active=False, accept=False)
    body = {"agencies": [str(personas.agency("hefei").public_id)]}
    measure(api(people["qp_leader"]), request_queries, f"/campaigns/{campaign.public_id}/invitations", body)


@pytest.mark.parametrize("answer", [{"action": "accept"}, {"action": "decline", "reason": "警力不足"}])
def test_respond(people, api, make_campaign, request_queries, answer):
    campaign = make_campaign(active=False, accept=False)
    measure(api(people["wj_leader"]), request_queries, f"/campaigns/{campaign.public_id}/response", answer)


@pytest.mark.parametrize(("active", "action"), [(False, "start"), (False, "cancel"), (True, "close")])
def test_campaign_action(people, api, make_campaign, request_queries, active, action):
    campaign = make_campaign(active=active)
    body = {"remarks": "行动目标全部完成"} if action == "close" else {}
    measure(api(people["qp_leader"]), request_queries, f"/campaigns/{campaign.public_id}/actions/{action}", body)


def _task(people, api, campaign):
    body = {
        "title": "汾湖卡口联合设卡",
        "assignee": str(personas.agency("wujiang").public_id),
        "due_on": str(timezone.localdate() + timedelta(days=5)),
    }
    return body


def test_assign_task(people, api, make_campaign, request_queries):
    campaign = make_campaign()
    body = _task(people, api, campaign)
    measure(api(people["qp_leader"]), request_queries, f"/campaigns/{campaign.public_id}/tasks", body, status=201)


@pytest.mark.parametrize(
    ("who", "action", "body"), [("wj_leader", "complete", {"result": "设卡3天"}), ("qp_leader", "cancel", {})]
)
def test_task_action(people, api, make_campaign, request_queries, who, action, body):
    campaign = make_campaign()
    task = post(api(people["qp_leader"]), f"/campaigns/{campaign.public_id}/tasks", _task(people, api, campaign)).json()
    measure(api(people[who]), request_queries, f"/tasks/{task['id']}/actions/{action}", body)


def _finding_body(campaign, point=ZHUJIAJIAO, party=None):
    return {
        "campaign": str(campaign.public_id),
        "matter": "0302",
        "description": "倾倒建筑垃圾",
        "address": "省界附近",
        "lon": point[0],
        "lat": point[1],
        **({"party": party} if party else {}),
    }


@pytest.mark.parametrize("point", [ZHUJIAJIAO, SONGLING], ids=["own_county", "routed"])
def test_record_finding(people, api, make_campaign, boundaries, request_queries, point):
    campaign = make_campaign()
    officer = api(people["qp_officer"])
    assert post(officer, "/findings", _finding_body(campaign, point)).status_code == 201  # warm: once before
    measure(officer, request_queries, "/findings", _finding_body(campaign, point), status=201)


@pytest.mark.parametrize(
    ("action", "body"),
    [
        ("open_case", {"local_case_number": "沪青城管立〔2026〕88号"}),
        ("dismiss", {"note": "系合法临时堆放点"}),
        (
            "decide",
            {
                "decision_number": "沪青城管罚〔2026〕7号",
                "decided_on": "today",
                "penalty_types": ["fine"],
                "fine_amount": "50000",
            },
        ),
        ("transfer", {"receiver": "wujiang", "title": "移送线索"}),
        ("request_assistance", {"responder": "wujiang", "type": "locate", "questions": "请协查", "title": "协查"}),
    ],
)
def test_finding_action(people, api, make_campaign, boundaries, work_calendar, request_queries, action, body):
    campaign = make_campaign()
    officer = api(people["qp_officer"])
    warm, finding = (post(officer, "/findings", _finding_body(campaign, party=COMPANY)).json() for _ in range(2))
    body = dict(body)
    for key in ("receiver", "responder"):
        if key in body:
            body[key] = str(personas.agency(body[key]).public_id)
    if body.get("decided_on") == "today":
        body["decided_on"] = str(timezone.localdate())
    warm_body = {**body, "decision_number": "沪青城管罚〔2026〕6号"} if "decision_number" in body else body
    assert post(officer, f"/findings/{warm['id']}/actions/{action}", warm_body).status_code == 200  # warm
    measure(officer, request_queries, f"/findings/{finding['id']}/actions/{action}", body)
