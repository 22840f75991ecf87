"""The one transition service of each operations workflow (campaign, participation, task, finding,
inspection authorization): an unknown action is 422 unknown_action before anything is looked up, a
move the table does not allow from the current status is 409 invalid_transition and writes nothing;
and the pages offer exactly the moves the table allows the actor (presenters)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput, InvalidTransition, PermissionDenied
from yrdcollab.field.operations import presenters, services
from yrdcollab.field.operations.models import Campaign, CampaignParticipant, CampaignTask, Finding
from yrdcollab.testing import personas

from .conftest import finding_input

pytestmark = pytest.mark.django_db


def unknown_action(call):
    """422 unknown_action, without reading anything (the table answers before any lookup)."""
    with CaptureQueriesContext(connection) as queries, pytest.raises(InvalidInput) as refused:
        call()
    assert refused.value.code == "unknown_action", refused.value.as_body()
    reads = [q["sql"] for q in queries if "SAVEPOINT" not in q["sql"]]  # only the service's transaction
    assert reads == []


def illegal_move(call):
    with pytest.raises(InvalidTransition) as refused:
        call()
    assert refused.value.code == "invalid_transition" and refused.value.status == 409
    return refused.value


def _task(people, campaign):
    return services.task_assign(
        actor=people["qp_leader"],
        campaign_id=campaign.public_id,
        title="设卡检查",
        assignee=str(personas.agency("wujiang").public_id),
        due_on=timezone.localdate(),
    )


def _authorization(people):
    today = timezone.localdate()
    return services.authorization_grant(
        actor=people["wj_leader"],
        data=services.AuthorizationInput(
            grantee=str(people["qp_leader"].agency.public_id),
            officers=[str(people["qp_officer"].public_id)],
            matters=["03"],
            divisions=["320509"],
            valid_from=today,
            valid_to=today + timedelta(days=6),
            basis="结对协议",
        ),
    )


# --- campaign ------------------------------------------------------------------------------------


def test_campaign_transition_refuses_unknown_actions_and_illegal_moves(people, make_campaign):
    campaign = make_campaign()  # active
    unknown_action(
        lambda: services.campaign_transition(
            actor=people["qp_leader"], campaign_id=campaign.public_id, action="restart"
        )
    )
    error = illegal_move(
        lambda: services.campaign_transition(actor=people["qp_leader"], campaign_id=campaign.public_id, action="cancel")
    )
    assert error.details == {"workflow": "campaign", "status": "active", "action": "cancel"}
    campaign.refresh_from_db()
    assert campaign.status == "active"


def test_campaign_actions_offered_are_the_tables_for_the_initiator_only(people, make_campaign):
    preparing, active = make_campaign(active=False), make_campaign()
    assert presenters.campaign_actions(people["qp_leader"], preparing) == ["start", "cancel"]
    assert presenters.campaign_actions(people["qp_leader"], active) == ["close"]
    for other in ("wj_leader", "qp_officer", "supervisor"):
        assert presenters.campaign_actions(people[other], active) == []
    closed = services.campaign_transition(
        actor=people["qp_leader"], campaign_id=active.public_id, action="close", remarks="圆满结束"
    )
    assert presenters.campaign_actions(people["qp_leader"], closed) == []


# --- participation -------------------------------------------------------------------------------


def test_participant_transition_refuses_unknown_actions_and_a_second_answer(people, make_campaign):
    campaign = make_campaign(active=False)  # 吴江 and 嘉善 accepted
    unknown_action(
        lambda: services.participant_transition(
            actor=people["wj_leader"], campaign_id=campaign.public_id, action="maybe"
        )
    )
    illegal_move(
        lambda: services.participant_transition(
            actor=people["wj_leader"], campaign_id=campaign.public_id, action="decline", reason="改变主意"
        )
    )
    assert CampaignParticipant.objects.get(campaign=campaign, agency=people["wj_leader"].agency).status == "accepted"


def test_only_the_initiator_invites_a_declined_agency_again(people, make_campaign):
    campaign = make_campaign(active=False, accept=False)
    services.participant_transition(
        actor=people["wj_leader"], campaign_id=campaign.public_id, action="decline", reason="另有安排"
    )
    with pytest.raises(PermissionDenied):  # a declined agency cannot re-open its own invitation
        services.participant_transition(actor=people["wj_leader"], campaign_id=campaign.public_id, action="invite")
    services.campaign_invite(
        actor=people["qp_leader"], campaign_id=campaign.public_id, agencies=[str(people["wj_leader"].agency.public_id)]
    )
    participant = CampaignParticipant.objects.get(campaign=campaign, agency=people["wj_leader"].agency)
    assert participant.status == "invited" and participant.decline_reason == ""


def test_invitation_actions_offered_while_the_answer_is_due(people, make_campaign):
    campaign = make_campaign(active=False, accept=False)
    own = CampaignParticipant.objects.get(campaign=campaign, agency=people["wj_leader"].agency)
    assert presenters.invitation_actions(people["wj_leader"], campaign, own) == ["accept", "decline"]
    assert presenters.invitation_actions(people["wj_officer"], campaign, own) == []  # not a campaign manager
    services.participant_transition(actor=people["wj_leader"], campaign_id=campaign.public_id, action="accept")
    own.refresh_from_db()
    assert presenters.invitation_actions(people["wj_leader"], campaign, own) == []


# --- task ----------------------------------------------------------------------------------------


def test_task_transition_refuses_unknown_actions_and_illegal_moves(people, make_campaign):
    task = _task(people, make_campaign())
    unknown_action(lambda: services.task_transition(actor=people["wj_leader"], task_id=task.public_id, action="reopen"))
    services.task_transition(actor=people["wj_leader"], task_id=task.public_id, action="complete", result="已设卡")
    illegal_move(lambda: services.task_transition(actor=people["qp_leader"], task_id=task.public_id, action="cancel"))
    task.refresh_from_db()
    assert task.status == "done"


def test_task_actions_offered_by_side(people, make_campaign):
    campaign = make_campaign()
    _task(people, campaign)
    tasks = {t.assignee_id: t for t in presenters.tasks_with_actions(people["wj_leader"], campaign)}
    assert tasks[people["wj_leader"].agency_id].actions == ["complete"]  # the assignee completes
    lead_view = presenters.tasks_with_actions(people["qp_leader"], campaign)
    assert [t.actions for t in lead_view] == [["cancel"]]  # the assigning lead cancels
    task = CampaignTask.objects.get(campaign=campaign)
    services.task_transition(actor=people["qp_leader"], task_id=task.public_id, action="cancel")
    assert [t.actions for t in presenters.tasks_with_actions(people["qp_leader"], campaign)] == [[]]


# --- finding -------------------------------------------------------------------------------------


def test_finding_transition_refuses_unknown_actions_and_illegal_moves(people, make_campaign, boundaries):
    finding = services.finding_record(actor=people["qp_officer"], data=finding_input(make_campaign()))
    unknown_action(
        lambda: services.finding_transition(actor=people["qp_officer"], finding_id=finding.public_id, action="escalate")
    )
    services.finding_transition(
        actor=people["qp_officer"], finding_id=finding.public_id, action="dismiss", note="现场核实不构成违法"
    )
    illegal_move(
        lambda: services.finding_transition(
            actor=people["qp_officer"],
            finding_id=finding.public_id,
            action="open_case",
            local_case_number="沪青立〔2026〕1号",
        )
    )
    finding.refresh_from_db()
    assert finding.status == "no_violation" and finding.local_case_number == ""


def test_finding_actions_offered_to_the_handling_agency(people, make_campaign, boundaries):
    finding = services.finding_record(actor=people["qp_officer"], data=finding_input(make_campaign()))
    offered = [action for action, _label in presenters.finding_actions(people["qp_officer"], finding)]
    assert offered == ["transfer", "request_assistance", "open_case", "dismiss", "decide"]
    assert presenters.finding_actions(people["wj_officer"], finding) == []  # not the handling agency
    services.finding_transition(
        actor=people["qp_officer"],
        finding_id=finding.public_id,
        action="open_case",
        local_case_number="沪青立〔2026〕1号",
    )
    finding = Finding.objects.get(pk=finding.pk)
    assert [a for a, _label in presenters.finding_actions(people["qp_officer"], finding)] == ["decide"]


# --- inspection authorization --------------------------------------------------------------------


def test_authorization_transition_refuses_unknown_actions_and_a_second_revoke(people, boundaries):
    authorization = _authorization(people)
    unknown_action(
        lambda: services.authorization_transition(
            actor=people["wj_leader"], authorization_id=authorization.public_id, action="suspend", reason="x"
        )
    )
    assert presenters.authorization_actions(people["wj_leader"], authorization) == ["revoke"]
    assert presenters.authorization_actions(people["qp_leader"], authorization) == []  # the grantee
    services.authorization_transition(
        actor=people["wj_leader"], authorization_id=authorization.public_id, action="revoke", reason="协作任务结束"
    )
    illegal_move(
        lambda: services.authorization_transition(
            actor=people["wj_leader"], authorization_id=authorization.public_id, action="revoke", reason="再次"
        )
    )
    authorization.refresh_from_db()
    assert authorization.revoked_reason == "协作任务结束"
    assert presenters.authorization_actions(people["wj_leader"], authorization) == []


def test_api_answers_422_and_409(people, make_campaign, api):
    campaign = make_campaign()
    unknown = api(people["qp_leader"]).post(
        f"/api/v1/operations/campaigns/{campaign.public_id}/actions/restart", "{}", content_type="application/json"
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "unknown_action"
    illegal = api(people["qp_leader"]).post(
        f"/api/v1/operations/campaigns/{campaign.public_id}/actions/start", "{}", content_type="application/json"
    )
    assert illegal.status_code == 409 and illegal.json()["code"] == "invalid_transition"
    assert Campaign.objects.get(pk=campaign.pk).status == "active"
