"""Pages: lists, the campaign page (dashboard, actions, tasks, findings, decisions with the 互认 button),
the forms, the report downloads, and the authorization pages; another agency gets 404."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from yrdcollab.field.operations.models import Campaign, Finding, InspectionAuthorization
from yrdcollab.testing import personas

from .conftest import COMPANY

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_campaign_pages_and_actions(client, people, make_campaign, boundaries):
    campaign = make_campaign(active=False, accept=False)
    wj = login(client, people["wj_leader"])
    invitations = wj.get(reverse("operations:campaign_list") + "?scope=invitations")
    assert campaign.title in invitations.content.decode()
    page = wj.get(reverse("operations:campaign_detail", args=[campaign.public_id])).content.decode()
    assert 'data-testid="invitation"' in page
    wj.post(reverse("operations:campaign_respond", args=[campaign.public_id, "accept"]))
    assert campaign.participants.get(agency=people["wj_leader"].agency).status == "accepted"
    lead = login(client, people["qp_leader"])
    response = lead.post(reverse("operations:campaign_action", args=[campaign.public_id, "close"]), follow=True)
    assert response.status_code == 200 and "当前状态下不允许此操作" in response.content.decode()
    lead.post(reverse("operations:campaign_action", args=[campaign.public_id, "start"]))
    campaign.refresh_from_db()
    assert campaign.status == "active"
    lead.post(
        reverse("operations:task_assign", args=[campaign.public_id]),
        {
            "title": "联合设卡",
            "assignee": str(people["wj_leader"].agency.public_id),
            "due_on": str(timezone.localdate() + timedelta(days=3)),
        },
    )
    assert campaign.tasks.count() == 1
    # a finding through the form, decided, then recognized through the 互认 button
    officer = login(client, people["qp_officer"])
    form = officer.get(reverse("operations:finding_create", args=[campaign.public_id]))
    assert form.status_code == 200 and "0302" in form.content.decode()
    created = officer.post(
        reverse("operations:finding_create", args=[campaign.public_id]),
        {
            "matter": "0302",
            "description": "路边倾倒建筑垃圾",
            "address": "朱家角",
            "lon": "121.05",
            "lat": "31.11",
            "crs": "wgs84",
            "party_kind": "organisation",
            "party_name": COMPANY["name"],
            "party_uscc": COMPANY["uscc"],
        },
    )
    assert created.status_code == 302, created.content.decode()[:2000]
    finding = Finding.objects.get()
    detail = officer.get(reverse("operations:finding_detail", args=[finding.public_id])).content.decode()
    assert 'data-testid="dispose-decide"' in detail
    # the receiver of a transfer or an assistance request is a grouped, searchable agency picker whose
    # values are agencies (the hand-written options once rendered the group labels as values)
    for select_id in ("t-receiver", "a-receiver"):
        select = re.search(rf'<select[^>]*id="{select_id}".*?</select>', detail, re.S).group(0)
        assert 'data-picker="agency"' in select and "<optgroup" in select
        assert str(people["wj_leader"].agency.public_id) in select and "data-search=" in select
    officer.post(
        reverse("operations:finding_action", args=[finding.public_id, "decide"]),
        {
            "decision_number": "沪青罚〔2026〕21号",
            "decided_on": str(timezone.localdate()),
            "penalty_types": ["fine"],
            "fine_amount": "8000",
        },
    )
    finding.refresh_from_db()
    assert finding.status == "decided"
    wj_officer = login(client, people["wj_officer"])
    page = wj_officer.get(reverse("operations:campaign_detail", args=[campaign.public_id])).content.decode()
    assert 'data-testid="recognize"' in page and "8,000.00" in page
    wj_officer.post(reverse("operations:decision_recognize", args=[campaign.public_id, finding.decision.public_id]))
    assert finding.decision.recognitions.count() == 1
    for fmt, kind in (("pdf", "application/pdf"), ("xlsx", "spreadsheetml")):
        response = wj_officer.get(reverse("operations:campaign_report", args=[campaign.public_id, fmt]))
        assert response.status_code == 200 and kind in response["Content-Type"]
    # 合肥 sees none of it
    hefei = login(client, people["hf_officer"])
    assert hefei.get(reverse("operations:campaign_detail", args=[campaign.public_id])).status_code == 404
    assert hefei.get(reverse("operations:finding_detail", args=[finding.public_id])).status_code == 404
    assert hefei.get(reverse("operations:campaign_report", args=[campaign.public_id, "pdf"])).status_code == 404


def test_create_campaign_form(client, people):
    lead = login(client, people["qp_leader"])
    assert lead.get(reverse("operations:campaign_create")).status_code == 200
    today = timezone.localdate()
    bad = lead.post(
        reverse("operations:campaign_create"),
        {
            "title": "整治",
            "theme": "主题",
            "matters": ["03"],
            "starts_on": str(today),
            "ends_on": str(today + timedelta(days=5)),
            "area_crs": "wgs84",
        },
    )
    assert bad.status_code == 422 and "请指定整治区域" in bad.content.decode()
    ok = lead.post(
        reverse("operations:campaign_create"),
        {
            "title": "整治",
            "theme": "主题",
            "matters": ["03"],
            "starts_on": str(today),
            "ends_on": str(today + timedelta(days=5)),
            "divisions": "310118，320509",
            "area_crs": "wgs84",
            "goal_findings": "10",
            "invitees": [str(personas.agency("wujiang").public_id)],
        },
    )
    assert ok.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.goals.get().metric == "findings" and campaign.participants.count() == 2
    assert login(client, people["qp_officer"]).get(reverse("operations:campaign_create")).status_code == 403


def test_ambiguous_place_offers_the_candidates(client, people, make_campaign, boundaries):
    from yrdcollab.platform.geo.services import jurisdiction_route

    campaign = make_campaign()
    lon = next(
        x for x in [121.0 - i * 0.005 for i in range(40)] if jurisdiction_route(lon=x, lat=31.05).status == "ambiguous"
    )
    response = login(client, people["qp_officer"]).post(
        reverse("operations:finding_create", args=[campaign.public_id]),
        {"matter": "0302", "description": "倾倒", "address": "省界", "lon": str(lon), "lat": "31.05", "crs": "wgs84"},
    )
    assert response.status_code == 422 and 'data-testid="candidates"' in response.content.decode()


def test_authorization_pages(client, people, boundaries):
    leader = login(client, people["wj_leader"])
    assert leader.get(reverse("operations:authorization_create")).status_code == 200
    today = timezone.localdate()
    response = leader.post(
        reverse("operations:authorization_create"),
        {
            "grantee": str(personas.agency("qingpu").public_id),
            "officers": "qp_officer",
            "matters": ["03"],
            "divisions": "320509",
            "valid_from": str(today),
            "valid_to": str(today + timedelta(days=6)),
            "basis": "毗邻区域执法协作协议",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    authorization = InspectionAuthorization.objects.get()
    officer = login(client, people["qp_officer"])
    page = officer.get(reverse("operations:authorization_detail", args=[authorization.public_id])).content.decode()
    assert 'data-testid="record-finding"' in page and "生效中" in page
    assert (
        authorization.number in officer.get(reverse("operations:authorization_list") + "?scope=mine").content.decode()
    )
    created = officer.post(
        reverse("operations:authorization_finding_create", args=[authorization.public_id]),
        {
            "matter": "0303",
            "description": "渣土车撒漏",
            "address": "松陵",
            "lon": "120.64",
            "lat": "31.16",
            "crs": "wgs84",
        },
    )
    assert created.status_code == 302
    assert Finding.objects.get().handling_agency == personas.agency("wujiang")
    assert (
        login(client, people["js_leader"])
        .get(reverse("operations:authorization_detail", args=[authorization.public_id]))
        .status_code
        == 404
    )
    leader = login(client, people["wj_leader"])
    leader.post(reverse("operations:authorization_revoke", args=[authorization.public_id]), {"reason": "提前结束"})
    authorization.refresh_from_db()
    assert authorization.status == "revoked"


def test_supervisor_sees_every_campaign_read_only(client, people, make_campaign):
    campaign = make_campaign()
    page = login(client, people["supervisor"]).get(reverse("operations:campaign_list")).content.decode()
    assert campaign.title in page
    detail = client.get(reverse("operations:campaign_detail", args=[campaign.public_id])).content.decode()
    assert 'data-testid="close"' not in detail and 'data-testid="record-finding"' not in detail


def test_demo_is_idempotent(db, matters):
    from yrdcollab.field.operations.demo import demo_operations_ensure
    from yrdcollab.platform.accounts.demo import demo_users_ensure
    from yrdcollab.platform.directory.services import directory_load

    directory_load()
    demo_users_ensure()
    campaign = demo_operations_ensure()
    assert demo_operations_ensure() == campaign
    assert campaign.status == "active" and campaign.participants.filter(status="accepted").count() == 3
    assert campaign.findings.count() == 3 and campaign.tasks.count() == 3
    decided = campaign.findings.get(status="decided")
    assert decided.decision.recognitions.count() == 1
    authorization = InspectionAuthorization.objects.get(campaign=campaign)
    assert (authorization.valid_to - authorization.valid_from).days == 6
    assert [o.username for o in authorization.officers.all()] == ["qingpu_officer"]
