"""A full joint campaign among 青浦 (lead), 吴江 and 嘉善 through the API, from invitation to the final
report: invitations and answers, start, tasks, duty check-ins, findings routed by the real county
boundaries, a decision recognized in the field, close, and a PDF and XLSX built from the data."""

import json
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from yrdcollab.field.operations.models import Campaign
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.jobs import notification_jobs_compose
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.testing import personas

from .conftest import COMPANY, SONGLING, WEITANG, ZHUJIAJIAO, duty_rows

pytestmark = pytest.mark.django_db


def post(client, url, body=None):
    return client.post(f"/api/v1/operations{url}", json.dumps(body or {}), content_type="application/json")


def get(client, url):
    return client.get(f"/api/v1/operations{url}")


def test_full_campaign_from_invitation_to_final_report(people, api, boundaries, work_calendar):
    lead, wj, js = api(people["qp_leader"]), api(people["wj_leader"]), api(people["js_leader"])
    today = timezone.localdate()
    wujiang, jiashan = personas.agency("wujiang"), personas.agency("jiashan")

    # 1. 青浦 initiates and invites 吴江 and 嘉善 (and 合肥, who declines)
    created = post(
        lead,
        "/campaigns",
        {
            "title": "长三角毗邻区域建筑垃圾专项联合执法检查整治行动",
            "theme": "打击建筑垃圾跨省违法转移倾倒",
            "matters": ["03"],
            "starts_on": str(today - timedelta(days=1)),
            "ends_on": str(today + timedelta(days=29)),
            "divisions": ["310118", "320509", "330421"],
            "goals": [
                {"metric": "findings", "target": 3},
                {"metric": "fine_amount", "target": 100000},
                {"metric": "inspections", "target": 10},
            ],
            "invitees": [str(wujiang.public_id), str(jiashan.public_id), str(personas.agency("hefei").public_id)],
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    campaign_id = body["id"]
    assert body["number"] == f"沪青城管联〔{timezone.localdate().year}〕1号"
    assert [p["status"] for p in body["participants"]] == ["accepted", "invited", "invited", "invited"]
    notification_jobs_compose()  # the worker composes the notices of the requests
    assert Notification.objects.filter(recipient=people["wj_leader"], kind="campaign.invited").exists()
    assert Notification.objects.filter(recipient=people["js_leader"], kind="campaign.invited").exists()

    # the invitation awaits 吴江's answer; starting before any acceptance is refused
    assert [c["id"] for c in get(wj, "/campaigns?scope=invitations").json()] == [campaign_id]
    refused = post(lead, f"/campaigns/{campaign_id}/actions/start")
    assert refused.status_code == 409 and refused.json()["code"] == "no_accepted_participant"

    # 2. answers
    assert post(wj, f"/campaigns/{campaign_id}/response", {"action": "accept"}).json()["status"] == "accepted"
    assert post(js, f"/campaigns/{campaign_id}/response", {"action": "accept"}).status_code == 200
    hf = api(people["hf_leader"])
    no_reason = post(hf, f"/campaigns/{campaign_id}/response", {"action": "decline"})
    assert no_reason.status_code == 422 and no_reason.json()["details"]["field"] == "reason"
    assert post(hf, f"/campaigns/{campaign_id}/response", {"action": "decline", "reason": "不毗邻"}).status_code == 200
    again = post(wj, f"/campaigns/{campaign_id}/response", {"action": "decline", "reason": "改变主意"})
    assert again.status_code == 409
    notification_jobs_compose()  # the worker composes the notices of the requests
    assert Notification.objects.filter(recipient=people["qp_leader"], kind="campaign.accept").count() == 2

    # 3. start, tasks
    assert post(lead, f"/campaigns/{campaign_id}/actions/start").json()["status"] == "active"
    task = post(
        lead,
        f"/campaigns/{campaign_id}/tasks",
        {"title": "汾湖卡口联合设卡", "assignee": str(wujiang.public_id), "due_on": str(today + timedelta(days=5))},
    )
    assert task.status_code == 201, task.content
    late = post(
        lead,
        f"/campaigns/{campaign_id}/tasks",
        {"title": "超期任务", "assignee": str(jiashan.public_id), "due_on": str(today + timedelta(days=60))},
    )
    assert late.status_code == 422 and late.json()["code"] == "due_outside_period"
    done = post(wj, f"/tasks/{task.json()['id']}/actions/complete", {"result": "设卡3天，检查车辆120辆"})
    assert done.json()["status"] == "done"

    # 4. duty: 3 officers on shifts of the campaign's roster, 12 check-ins
    campaign = Campaign.objects.get(public_id=campaign_id)
    duty_rows(
        campaign,
        [(people["qp_officer"], ZHUJIAJIAO), (people["wj_officer"], SONGLING), (people["js_officer"], WEITANG)],
        check_ins_each=4,
    )

    # 5. findings: a 青浦 officer finds problems in 青浦 and in 吴江; a 嘉善 officer in 嘉善
    qp_officer, wj_officer, js_officer = (api(people[k]) for k in ("qp_officer", "wj_officer", "js_officer"))

    def find(client, point, matter="0302", party=None):
        response = post(
            client,
            "/findings",
            {
                "campaign": campaign_id,
                "matter": matter,
                "description": "倾倒建筑垃圾",
                "address": "省界附近",
                "lon": point[0],
                "lat": point[1],
                **({"party": party} if party else {}),
            },
        )
        assert response.status_code == 201, response.content
        return response.json()

    in_qingpu = find(qp_officer, ZHUJIAJIAO, party=COMPANY)
    in_wujiang = find(qp_officer, SONGLING, matter="0306")
    in_jiashan = find(js_officer, WEITANG)
    assert in_qingpu["handling_agency"]["name"] == people["qp_officer"].agency.name
    assert in_wujiang["handling_agency"]["id"] == str(wujiang.public_id)  # routed to the jurisdiction
    assert in_wujiang["division"] == "320509"
    notification_jobs_compose()  # the worker composes the notices of the requests
    assert Notification.objects.filter(recipient=people["wj_officer"], kind="finding.routed").exists()

    # 吴江 (not the finder) disposes of the finding in 吴江: opens a local case, then decides
    assert (
        post(qp_officer, f"/findings/{in_wujiang['id']}/actions/open_case", {"local_case_number": "X"}).status_code
        == 403
    )
    assert (
        post(
            wj_officer, f"/findings/{in_wujiang['id']}/actions/open_case", {"local_case_number": "吴综执立〔2026〕88号"}
        ).json()["status"]
        == "local_case"
    )
    decided_wj = post(
        wj_officer,
        f"/findings/{in_wujiang['id']}/actions/decide",
        {
            "decision_number": "吴综执罚〔2026〕88号",
            "decided_on": str(today),
            "penalty_types": ["fine"],
            "fine_amount": "30000",
        },
    )
    assert decided_wj.status_code == 422 and decided_wj.json()["code"] == "party_required"  # the finding named none
    # 青浦 decides on the spot (simple procedure) with the party recorded at the finding
    decided = post(
        qp_officer,
        f"/findings/{in_qingpu['id']}/actions/decide",
        {
            "decision_number": "沪青城管罚〔2026〕7号",
            "decided_on": str(today),
            "penalty_types": ["fine", "order_cease"],
            "fine_amount": "50000",
        },
    )
    assert decided.status_code == 200, decided.content
    assert decided.json()["status"] == "decided"
    second = post(
        qp_officer,
        f"/findings/{in_qingpu['id']}/actions/decide",
        {"decision_number": "沪青城管罚〔2026〕8号", "decided_on": str(today), "penalty_types": ["warning"]},
    )
    assert second.status_code == 409
    notification_jobs_compose()  # the worker composes the notices of the requests
    assert Notification.objects.filter(recipient=people["wj_officer"], kind="campaign.decision_recorded").exists()
    assert Notification.objects.filter(recipient=people["js_officer"], kind="campaign.decision_recorded").exists()
    # 嘉善 dismisses its own
    assert (
        post(js_officer, f"/findings/{in_jiashan['id']}/actions/dismiss", {"note": "系合法临时堆放点"}).json()["status"]
        == "no_violation"
    )

    # 6. recognition in the field: 吴江 recognizes, 嘉善 not yet
    decision_id = decided.json()["decision"]
    rows = get(lead, f"/campaigns/{campaign_id}/decisions").json()
    assert [(s["agency"]["name"], s["recognized"]) for s in rows[0]["recognitions"]] == [
        (wujiang.name, False),
        (jiashan.name, False),
    ]
    assert post(wj_officer, f"/campaigns/{campaign_id}/decisions/{decision_id}/recognize").status_code == 201
    dashboard = get(lead, f"/campaigns/{campaign_id}/dashboard").json()
    assert (dashboard["decisions"], dashboard["fully_recognized"], dashboard["recognitions"]) == (1, 0, 1)
    assert post(js_officer, f"/campaigns/{campaign_id}/decisions/{decision_id}/recognize").status_code == 201
    dashboard = get(lead, f"/campaigns/{campaign_id}/dashboard").json()
    assert (dashboard["decisions"], dashboard["fully_recognized"]) == (1, 1)

    # 7. live figures by region
    totals = dashboard["totals"]
    assert (totals["inspections"], totals["officers"], totals["findings"], totals["penalties"]) == (12, 3, 3, 1)
    assert Decimal(totals["fines"]) == Decimal("50000")
    regions = {r["province"]: r["figures"] for r in dashboard["by_region"]}
    assert regions["上海市"]["penalties"] == 1 and regions["江苏省"]["findings"] == 1
    assert regions["浙江省"]["inspections"] == 4
    assert dashboard["findings_by_status"]["local_case"] == 1
    goals = {g["metric"]: g for g in dashboard["goals"]}
    assert goals["findings"]["percent"] == 100 and goals["fine_amount"]["percent"] == 50
    assert dashboard["tasks"] == {"open": 0, "done": 1, "overdue": 0, "cancelled": 0}

    # interim report while active
    interim = lead.get(f"/api/v1/operations/campaigns/{campaign_id}/report?format=pdf")
    assert interim.status_code == 200
    assert "阶段性报告" in "".join(p.extract_text() for p in PdfReader(BytesIO(interim.getvalue())).pages)

    # 8. close with remarks; final report
    assert post(lead, f"/campaigns/{campaign_id}/actions/close").status_code == 422  # remarks required
    closed = post(lead, f"/campaigns/{campaign_id}/actions/close", {"remarks": "三地联合查处，成效明显"})
    assert closed.json()["status"] == "closed"
    assert (
        post(
            qp_officer, "/findings", {"campaign": campaign_id, "matter": "0302", "description": "x", "address": "y"}
        ).status_code
        == 409
    )
    pdf = js.get(f"/api/v1/operations/campaigns/{campaign_id}/report?format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join("".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf.getvalue())).pages)
    for expected in (
        "总结报告",
        "沪青城管联",
        "三地联合查处",
        "沪青城管罚〔2026〕7号",
        "50,000.00",
        "上海市",
        "江苏省",
        "浙江省",
        "汾湖卡口联合设卡",
    ):
        assert expected in text, expected

    xlsx = lead.get(f"/api/v1/operations/campaigns/{campaign_id}/report?format=xlsx")
    assert xlsx.status_code == 200
    book = load_workbook(BytesIO(xlsx.getvalue()))
    assert book.sheetnames == ["概况", "各地区统计", "发现问题", "处罚决定", "任务"]
    stats = list(book["各地区统计"].iter_rows(min_row=2, values_only=True))
    region_rows = [r for r in stats if r[0] in ("上海市", "江苏省", "浙江省")]
    total = next(r for r in stats if r[0] == "合计")
    for column in range(1, 9):
        assert sum(r[column] for r in region_rows) == total[column]
    assert total[1:4] == (12, 3, 3)
    assert book["发现问题"].max_row - 1 == 3
    fines = [r[5] for r in book["处罚决定"].iter_rows(min_row=2, values_only=True)]
    assert sum(fines) == total[6] == 50000
    assert book["任务"].max_row - 1 == 1
    downloads = AuditEntry.objects.filter(action="campaign.report_downloaded")
    assert downloads.count() == 3
    assert {e.summary["final"] for e in downloads} == {False, True}
