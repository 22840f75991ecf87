"""Bad input and illegal moves of campaigns, tasks and findings: each refused with its code, nothing
written; visibility (another agency gets 404); the dashboard is a fixed number of queries."""

from datetime import datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.field.operations import services
from yrdcollab.field.operations.dashboard import campaign_dashboard
from yrdcollab.field.operations.models import Campaign, CampaignTask, Finding
from yrdcollab.field.operations.selectors import access_campaign, campaign_list
from yrdcollab.testing import personas

from .conftest import COMPANY, SONGLING, WEITANG, ZHUJIAJIAO, campaign_input, duty_rows, finding_input

pytestmark = pytest.mark.django_db


def refused(exc_type, call, code=None):
    with pytest.raises(exc_type) as info:
        call()
    if code:
        assert info.value.code == code, info.value.as_body()
    return info.value


# --- campaigns -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides,code",
    [
        ({"matters": []}, "required"),
        ({"matters": ["99"]}, "unknown_matter"),
        ({"divisions": [], "zones": [], "area_geometry": ""}, "area_required"),
        ({"divisions": ["999999"]}, "division_not_found"),
        ({"area_geometry": "{not json"}, None),
        ({"goals": [{"metric": "smiles", "target": 1}]}, "unknown_metric"),
        ({"goals": [{"metric": "findings", "target": 0}]}, "invalid_target"),
        ({"title": ""}, "required"),
    ],
)
def test_bad_campaign_input_is_refused_and_nothing_written(people, overrides, code):
    refused(
        InvalidInput,
        lambda: services.campaign_create(actor=people["qp_leader"], data=campaign_input(**overrides)),
        code,
    )
    assert not Campaign.objects.exists()


def test_period_must_be_ordered_and_not_over(people):
    today = timezone.localdate()
    refused(
        InvalidInput,
        lambda: services.campaign_create(
            actor=people["qp_leader"], data=campaign_input(starts_on=today, ends_on=today - timedelta(days=1))
        ),
        "invalid_period",
    )
    refused(
        InvalidInput,
        lambda: services.campaign_create(
            actor=people["qp_leader"],
            data=campaign_input(starts_on=today - timedelta(days=9), ends_on=today - timedelta(days=1)),
        ),
        "period_in_past",
    )


def test_only_managers_initiate_and_only_the_initiator_runs_it(people, make_campaign):
    refused(PermissionDenied, lambda: services.campaign_create(actor=people["qp_officer"], data=campaign_input()))
    campaign = make_campaign(active=False)
    refused(
        PermissionDenied,
        lambda: services.campaign_transition(actor=people["wj_leader"], campaign_id=campaign.public_id, action="start"),
    )
    refused(
        InvalidTransition,
        lambda: services.campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="close"),
    )
    services.campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="start")
    refused(
        InvalidTransition,
        lambda: services.campaign_transition(
            actor=people["qp_leader"], campaign_id=campaign.public_id, action="cancel"
        ),
    )
    refused(
        InvalidTransition,
        lambda: services.campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="start"),
    )
    refused(
        InvalidInput,
        lambda: services.campaign_transition(
            actor=people["qp_leader"], campaign_id=campaign.public_id, action="explode"
        ),
        "unknown_action",
    )


def test_invitations(people, make_campaign):
    campaign = make_campaign(active=False, accept=False)
    wujiang = str(personas.agency("wujiang").public_id)
    refused(
        Conflict,
        lambda: services.campaign_invite(actor=people["qp_leader"], campaign_id=campaign.public_id, agencies=[wujiang]),
        "already_invited",
    )
    refused(
        InvalidInput,
        lambda: services.campaign_invite(
            actor=people["qp_leader"],
            campaign_id=campaign.public_id,
            agencies=[str(personas.agency("qingpu").public_id)],
        ),
        "invite_self",
    )
    refused(
        InvalidInput,
        lambda: services.campaign_invite(
            actor=people["qp_leader"], campaign_id=campaign.public_id, agencies=["not-a-uuid"]
        ),
        "unknown_agency",
    )
    # a declined agency may be invited again
    services.participant_transition(
        actor=people["wj_leader"], campaign_id=campaign.public_id, action="decline", reason="人手不足"
    )
    [again] = services.campaign_invite(actor=people["qp_leader"], campaign_id=campaign.public_id, agencies=[wujiang])
    assert again.status == "invited" and again.decline_reason == ""
    # 合肥 was not invited: it cannot even see the campaign
    refused(
        NotFound,
        lambda: services.participant_transition(
            actor=people["hf_leader"], campaign_id=campaign.public_id, action="accept"
        ),
    )
    services.campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="cancel")
    refused(
        InvalidTransition,
        lambda: services.participant_transition(
            actor=people["js_leader"], campaign_id=campaign.public_id, action="accept"
        ),
        "campaign_closed",
    )


def test_visibility_of_campaigns(people, make_campaign):
    campaign = make_campaign()
    for key in ("qp_officer", "wj_officer", "js_leader", "supervisor"):
        assert access_campaign(actor=people[key], public_id=campaign.public_id) == campaign
    refused(NotFound, lambda: access_campaign(actor=people["hf_leader"], public_id=campaign.public_id))
    # A role that reads no campaigns: one campaign is as missing (404); the list is refused (403).
    refused(NotFound, lambda: access_campaign(actor=people["auditor"], public_id=campaign.public_id))
    refused(PermissionDenied, lambda: campaign_list(actor=people["auditor"], scope="all"))
    assert list(campaign_list(actor=people["hf_leader"], scope="all")) == []
    assert list(campaign_list(actor=people["supervisor"], scope="all")) == [campaign]
    assert list(campaign_list(actor=people["wj_leader"], scope="mine")) == [campaign]


# --- tasks ---------------------------------------------------------------------------------------


def test_tasks(people, make_campaign):
    campaign = make_campaign()
    today = timezone.localdate()
    hefei = str(personas.agency("hefei").public_id)
    wujiang = str(personas.agency("wujiang").public_id)
    jiashan = str(personas.agency("jiashan").public_id)
    refused(
        InvalidInput,
        lambda: services.task_assign(
            actor=people["qp_leader"], campaign_id=campaign.public_id, title="t", assignee=hefei, due_on=today
        ),
        "assignee_not_participant",
    )
    refused(
        InvalidInput,
        lambda: services.task_assign(
            actor=people["qp_leader"],
            campaign_id=campaign.public_id,
            title="t",
            assignee=wujiang,
            due_on=campaign.ends_on + timedelta(days=1),
        ),
        "due_outside_period",
    )
    # a member assigns only to itself (or its squads)
    refused(
        PermissionDenied,
        lambda: services.task_assign(
            actor=people["wj_leader"], campaign_id=campaign.public_id, title="t", assignee=jiashan, due_on=today
        ),
    )
    own = services.task_assign(
        actor=people["wj_leader"], campaign_id=campaign.public_id, title="本单位任务", assignee=wujiang, due_on=today
    )
    overdue = services.task_assign(
        actor=people["qp_leader"], campaign_id=campaign.public_id, title="逾期任务", assignee=jiashan, due_on=today
    )
    CampaignTask.objects.filter(pk=overdue.pk).update(due_on=today - timedelta(days=1))
    refused(
        PermissionDenied,
        lambda: services.task_transition(
            actor=people["js_leader"], task_id=own.public_id, action="complete", result="x"
        ),
    )
    refused(
        InvalidInput,
        lambda: services.task_transition(
            actor=people["wj_leader"], task_id=own.public_id, action="complete", result=""
        ),
    )
    services.task_transition(actor=people["wj_leader"], task_id=own.public_id, action="complete", result="已完成")
    refused(
        InvalidTransition,
        lambda: services.task_transition(
            actor=people["wj_leader"], task_id=own.public_id, action="complete", result="again"
        ),
    )
    dashboard = campaign_dashboard(actor=people["qp_leader"], campaign_id=campaign.public_id)
    assert dashboard.tasks == {"open": 1, "done": 1, "overdue": 1, "cancelled": 0}


def test_squad_leader_completes_a_task_of_his_squad(people, make_campaign):
    from yrdcollab.platform.directory.models import Agency, AgencyLevel

    campaign = make_campaign()
    squad = Agency.objects.create(
        name="青浦区城管执法局金泽中队",
        short_name="金泽中队",
        level=AgencyLevel.SQUAD,
        division_id="310118",
        parent=personas.agency("qingpu"),
    )
    leader = personas.make_user("squad_leader", "qingpu", username="jinze_squad")
    leader.agency = squad
    leader.save()
    task = services.task_assign(
        actor=people["qp_leader"],
        campaign_id=campaign.public_id,
        title="金泽省界巡查",
        assignee=str(squad.public_id),
        due_on=timezone.localdate(),
    )
    assert access_campaign(actor=leader, public_id=campaign.public_id) == campaign
    services.task_transition(actor=leader, task_id=task.public_id, action="complete", result="巡查完毕")
    # and the bureau above the squad may complete it too
    other = services.task_assign(
        actor=people["qp_leader"],
        campaign_id=campaign.public_id,
        title="第二次巡查",
        assignee=str(squad.public_id),
        due_on=timezone.localdate(),
    )
    services.task_transition(actor=people["qp_leader"], task_id=other.public_id, action="complete", result="完毕")


# --- findings ------------------------------------------------------------------------------------


def test_finding_outside_the_campaign_period_is_refused(people, make_campaign, boundaries):
    campaign = make_campaign()
    before = timezone.make_aware(datetime.combine(campaign.starts_on - timedelta(days=1), time(10)))
    error = refused(
        InvalidInput,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, found_at=before)),
        "outside_campaign_period",
    )
    assert error.details["field"] == "found_at"
    refused(
        InvalidInput,
        lambda: services.finding_record(
            actor=people["qp_officer"], data=finding_input(campaign, found_at=timezone.now() + timedelta(hours=2))
        ),
        "found_in_future",
    )
    assert not Finding.objects.exists()


def test_finding_rules(people, make_campaign, boundaries):
    campaign = make_campaign()
    refused(
        InvalidInput,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, matter="0101")),
        "matter_not_in_campaign",
    )
    refused(
        InvalidInput,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, point=(116.4, 39.9))),
        "outside_region",
    )
    refused(
        InvalidInput,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, lon=121.0, lat=None)),
        "coordinates_incomplete",
    )
    refused(
        InvalidInput,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, description="")),
        "required",
    )
    refused(NotFound, lambda: services.finding_record(actor=people["hf_officer"], data=finding_input(campaign)))
    refused(PermissionDenied, lambda: services.finding_record(actor=people["supervisor"], data=finding_input(campaign)))
    assert not Finding.objects.exists()
    preparing = make_campaign(active=False, title="筹备中的行动")
    refused(
        InvalidTransition,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(preparing)),
        "campaign_not_active",
    )
    declined = make_campaign(accept=False, active=False, title="未接受")
    services.participant_transition(actor=people["js_leader"], campaign_id=declined.public_id, action="accept")
    services.campaign_transition(actor=people["qp_leader"], campaign_id=declined.public_id, action="start")
    # 吴江 has not answered: its officers may not record findings in that campaign
    refused(
        PermissionDenied,
        lambda: services.finding_record(actor=people["wj_officer"], data=finding_input(declined, point=SONGLING)),
    )


def test_ambiguous_place_needs_the_finders_pick(people, make_campaign, boundaries):
    from yrdcollab.platform.geo.services import jurisdiction_route

    campaign = make_campaign()
    # walk from 朱家角 towards 吴江 until a point within the band of both counties
    point = next(
        (lon, 31.05)
        for lon in [121.0 - i * 0.005 for i in range(40)]
        if jurisdiction_route(lon=lon, lat=31.05).status == "ambiguous"
    )
    error = refused(
        InvalidInput,
        lambda: services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, point=point)),
        "ambiguous_jurisdiction",
    )
    candidates = error.details["candidates"]
    assert len(candidates) >= 2
    pick = next(c for c in candidates if c["agency"] and c["division"] != "310118")
    finding = services.finding_record(
        actor=people["qp_officer"], data=finding_input(campaign, point=point, handling_agency=pick["agency"])
    )
    assert str(finding.handling_agency.public_id) == pick["agency"]
    assert finding.division_id == pick["division"]


def test_disposal_moves_and_links(people, make_campaign, boundaries, work_calendar):
    campaign = make_campaign()
    finding = services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, party=COMPANY))
    wujiang = str(personas.agency("wujiang").public_id)
    refused(
        InvalidInput,
        lambda: services.finding_transition(
            actor=people["qp_officer"], finding_id=finding.public_id, action="transfer", receiver="nope"
        ),
        "unknown_agency",
    )
    refused(
        InvalidInput,
        lambda: services.finding_transition(
            actor=people["qp_officer"], finding_id=finding.public_id, action="dismiss", note="x", bogus=1
        ),
        "unexpected_field",
    )
    refused(
        NotFound,
        lambda: services.finding_transition(
            actor=people["hf_officer"], finding_id=finding.public_id, action="dismiss", note="x"
        ),
    )
    refused(
        PermissionDenied,
        lambda: services.finding_transition(
            actor=people["wj_officer"], finding_id=finding.public_id, action="dismiss", note="x"
        ),
    )
    moved = services.finding_transition(
        actor=people["qp_officer"], finding_id=finding.public_id, action="transfer", receiver=wujiang
    )
    assert moved.status == "transferred" and moved.transfer.receiver.public_id.hex == wujiang.replace("-", "")
    assert moved.transfer.status == "draft" and [p.party.name for p in moved.transfer.party_links.all()] == [
        COMPANY["name"]
    ]
    refused(
        InvalidTransition,
        lambda: services.finding_transition(
            actor=people["qp_officer"], finding_id=finding.public_id, action="dismiss", note="x"
        ),
    )
    second = services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, party=COMPANY))
    asked = services.finding_transition(
        actor=people["qp_officer"],
        finding_id=second.public_id,
        action="request_assistance",
        responder=wujiang,
        type="verify_identity",
        questions="请核实该企业登记信息",
    )
    assert asked.status == "assistance" and asked.assistance.responder.name == personas.agency("wujiang").name
    services.finding_transition(
        actor=people["qp_officer"],
        finding_id=second.public_id,
        action="open_case",
        local_case_number="沪青立〔2026〕5号",
    )
    decided = services.finding_transition(
        actor=people["qp_officer"],
        finding_id=second.public_id,
        action="decide",
        decision_number="沪青罚〔2026〕5号",
        decided_on=timezone.localdate(),
        penalty_types=["warning"],
    )
    assert decided.decision.source_kind == "finding" and decided.decision.source_public_id == second.public_id
    refused(
        InvalidTransition,
        lambda: services.finding_transition(
            actor=people["qp_officer"],
            finding_id=second.public_id,
            action="decide",
            decision_number="沪青罚〔2026〕6号",
            decided_on=timezone.localdate(),
            penalty_types=["warning"],
        ),
    )
    # a failed decide writes nothing (bad fine): the finding stays open
    third = services.finding_record(actor=people["qp_officer"], data=finding_input(campaign, party=COMPANY))
    refused(
        InvalidInput,
        lambda: services.finding_transition(
            actor=people["qp_officer"],
            finding_id=third.public_id,
            action="decide",
            decision_number="沪青罚〔2026〕9号",
            decided_on=timezone.localdate(),
            penalty_types=["fine"],
        ),
    )
    third.refresh_from_db()
    assert third.status == "open" and third.decision is None


# --- dashboard -----------------------------------------------------------------------------------


def _queries(people, campaign) -> int:
    with CaptureQueriesContext(connection) as captured:
        campaign_dashboard(actor=people["qp_leader"], campaign_id=campaign.public_id)
    return len(captured)


def test_dashboard_is_a_fixed_number_of_queries(people, make_campaign):
    campaign = make_campaign()
    small = _queries(people, campaign)
    # grow every volume: officers, check-ins, findings, decisions, recognitions, tasks
    duty_rows(
        campaign,
        [(people["qp_officer"], ZHUJIAJIAO), (people["wj_officer"], SONGLING), (people["js_officer"], WEITANG)],
        check_ins_each=20,
    )
    for i in range(12):
        key = ("qp_officer", "wj_officer", "js_officer")[i % 3]
        finding = services.finding_record(
            actor=people[key],
            data=finding_input(
                campaign,
                lon=None,
                lat=None,
                division=("310118", "320509", "330421")[i % 3],
                party={**COMPANY} if i % 3 == 0 else None,
            ),
        )
        if i % 3 == 0:
            decided = services.finding_transition(
                actor=people[key],
                finding_id=finding.public_id,
                action="decide",
                decision_number=f"沪青罚〔2026〕{i}号",
                decided_on=timezone.localdate(),
                penalty_types=["fine"],
                fine_amount="1000",
            )
            from yrdcollab.casework.recognition.services import result_recognize

            result_recognize(actor=people["wj_officer"], decision_id=decided.decision.public_id)
        services.task_assign(
            actor=people["qp_leader"],
            campaign_id=campaign.public_id,
            title=f"任务{i}",
            assignee=str(people[key].agency.public_id),
            due_on=timezone.localdate(),
        )
    large = _queries(people, campaign)
    assert large == small <= 12
    dashboard = campaign_dashboard(actor=people["qp_leader"], campaign_id=campaign.public_id)
    assert (dashboard.totals.inspections, dashboard.totals.officers, dashboard.totals.findings) == (60, 3, 12)
    assert (dashboard.decisions, dashboard.recognitions, dashboard.fully_recognized) == (4, 4, 0)
    assert dashboard.totals.fines == 4000
