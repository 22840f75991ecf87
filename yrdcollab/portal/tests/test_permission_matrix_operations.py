"""The permission matrix of joint operations (issue #6): every operation under /api/v1/operations/ ×
every persona. Campaign A (active) is led by 青浦 with 嘉善 accepted; campaign B (preparing) has 嘉善
invited (it sees B's basic data, not its figures, tasks or report: 403); 吴江 is in neither (404), and
a role that reads no campaigns or authorizations gets 404 for one too (403 only on the lists). A finding in A is handled by 青浦, another is decided by 青浦 (嘉善
may recognize it). A task of A is assigned to 嘉善. An authorization by 青浦 names 嘉善's officer.
上海市 sits above 青浦; the command centre sees every campaign and authorization, read-only."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from yrdcollab.field.operations import services
from yrdcollab.platform.access.roles import Capability
from yrdcollab.testing import matrix, personas
from yrdcollab.testing.fixtures import load_reference_data
from yrdcollab.testing.matrix import ANON, OK, Case, World, at, case_id, fixed

PERSONAS = {**matrix.PERSONAS, "partner_leader": ("bureau_leader", "jiashan")}
ROSTER = matrix.Roster(PERSONAS, username_prefix="o_")
has, agency_of, capability, user = ROSTER.has, ROSTER.agency_of, ROSTER.capability, ROSTER.user
HANDLE, MANAGE, SUPERVISE = (
    Capability.COLLABORATION_HANDLE,
    Capability.CAMPAIGN_MANAGE,
    Capability.COLLABORATION_SUPERVISE,
)
GRANT, DUTY = Capability.AUTHORIZATION_GRANT, Capability.DUTY_MANAGE
CAMPAIGN_READERS = (HANDLE, MANAGE, DUTY, SUPERVISE)
AUTHORIZATION_READERS = (HANDLE, GRANT, SUPERVISE)
QINGPU_SIDE = {"qingpu", "sh"}


def sees(persona: str) -> bool:
    """Participants (青浦, 嘉善), the agency above 青浦, and the command centre; not 吴江."""
    return agency_of(persona) in QINGPU_SIDE | {"jiashan"} or has(persona, SUPERVISE)


def reading(readers, *, visible=sees, then=lambda persona: OK):
    """One object: a role that reads none of these objects gets 404 like one of an agency that does
    not see it (CONVENTIONS §5); 403 only for one who sees the object but may not do this."""

    def expect(persona):
        if persona == ANON:
            return {401}
        if not has(persona, *readers) or not visible(persona):
            return {404}
        return then(persona)

    return expect


def read_campaign(persona):
    return reading(CAMPAIGN_READERS)(persona)


def results_of_b(persona):
    """Campaign B's results: the lead's side and the command centre; 嘉善, only invited, gets 403."""
    return {403} if agency_of(persona) == "jiashan" else OK


def list_of(readers):
    def expect(persona):
        if persona == ANON:
            return {401}
        return OK if has(persona, *readers) else {403}

    return expect


def qingpu_manager(persona) -> bool:
    return agency_of(persona) == "qingpu" and has(persona, MANAGE)


def initiator_only(persona):
    return OK if qingpu_manager(persona) else {403}


def respond_b(persona):
    if qingpu_manager(persona):
        return {409}  # the lead accepted when it created the campaign
    if agency_of(persona) == "jiashan" and has(persona, MANAGE):
        return OK
    return {403}


def assign_task(persona):
    return OK if has(persona, MANAGE) and agency_of(persona) in ("qingpu", "jiashan") else {403}


def complete_task(persona):
    return OK if agency_of(persona) == "jiashan" and has(persona, MANAGE, DUTY) else {403}


def recognize(persona):
    if not has(persona, HANDLE):
        return {403}
    return {409} if agency_of(persona) == "qingpu" else OK  # one's own decision cannot be recognized


def record_finding(persona):
    if persona == ANON:
        return {401}
    if not has(persona, HANDLE):
        return {403}
    if not sees(persona):
        return {404}
    return OK if agency_of(persona) in ("qingpu", "jiashan") else {403}


def dispose(persona):
    return OK if agency_of(persona) == "qingpu" and has(persona, HANDLE) else {403}


def sees_authorization(persona) -> bool:
    return agency_of(persona) in QINGPU_SIDE | {"jiashan"} or has(persona, SUPERVISE)


def grant(persona):
    if persona == ANON:
        return {401}
    if not has(persona, GRANT):
        return {403}
    # only 青浦 may grant 嘉善 in 青浦区; 吴江's leader names a division outside his area, 嘉善's grants itself
    return {201} if agency_of(persona) == "qingpu" else {422}


def revoke(persona):
    return OK if agency_of(persona) == "qingpu" and has(persona, GRANT) else {403}


@pytest.fixture(scope="module")
def world(module_db) -> World:
    """Built once for the module; each case's calls roll back (testing.fixtures.module_db)."""
    load_reference_data()

    users = {key: user(key) for key in PERSONAS}
    lead, partner = users["bureau_leader"], users["partner_leader"]
    today = timezone.localdate()
    jiashan = personas.agency("jiashan")

    def campaign(title):
        return services.campaign_create(
            actor=lead,
            data=services.CampaignInput(
                title=title,
                theme="建筑垃圾",
                matters=["03"],
                starts_on=today - timedelta(days=1),
                ends_on=today + timedelta(days=20),
                divisions=["310118", "330421"],
                invitees=[str(jiashan.public_id)],
            ),
        )

    a, b = campaign("行动甲"), campaign("行动乙")
    services.participant_transition(actor=partner, campaign_id=a.public_id, action="accept")
    services.campaign_transition(actor=lead, campaign_id=a.public_id, action="start")
    task = services.task_assign(
        actor=lead, campaign_id=a.public_id, title="嘉善任务", assignee=str(jiashan.public_id), due_on=today
    )

    def finding(party=None):
        return services.finding_record(
            actor=users["owner"],
            data=services.FindingInput(
                campaign=str(a.public_id),
                matter="0302",
                description="倾倒",
                address="青浦",
                division="310118",
                party=party,
            ),
        )

    open_finding = finding()
    decided = finding({"kind": "organisation", "name": "上海青浦鸿运渣土运输有限公司", "uscc": "91310118MA1JL7Q21N"})
    decided = services.finding_transition(
        actor=users["owner"],
        finding_id=decided.public_id,
        action="decide",
        decision_number="沪青罚〔2026〕1号",
        decided_on=today,
        penalty_types=["warning"],
    )
    authorization = services.authorization_grant(
        actor=lead,
        data=services.AuthorizationInput(
            grantee=str(jiashan.public_id),
            officers=[str(users["partner_officer"].public_id)],
            matters=["03"],
            divisions=["310118"],
            valid_from=today,
            valid_to=today + timedelta(days=6),
            basis="结对协议",
        ),
    )
    return World(
        ids={
            "a": a.public_id,
            "b": b.public_id,
            "task": task.public_id,
            "finding": open_finding.public_id,
            "decision": decided.decision.public_id,
            "authorization": authorization.public_id,
            "jiashan": jiashan.public_id,
            "hefei": personas.agency("hefei").public_id,
            "partner_officer": users["partner_officer"].public_id,
        }
    )


def campaign_body(w):
    today = timezone.localdate()
    return {
        "title": "新行动",
        "theme": "主题",
        "matters": ["03"],
        "starts_on": str(today),
        "ends_on": str(today + timedelta(days=5)),
        "divisions": ["310118"],
    }


def authorization_body(w):
    today = timezone.localdate()
    return {
        "grantee": str(w.ids["jiashan"]),
        "officers": [str(w.ids["partner_officer"])],
        "matters": ["03"],
        "divisions": ["310118"],
        "valid_from": str(today),
        "valid_to": str(today + timedelta(days=6)),
        "basis": "协议",
    }


CASES = [
    Case("GET", "/operations/campaigns", list_of(CAMPAIGN_READERS), fixed("/operations/campaigns")),
    Case("POST", "/operations/campaigns", capability(MANAGE, ok={201}), fixed("/operations/campaigns"), campaign_body),
    Case("GET", "/operations/campaigns/{campaign_id}", read_campaign, at("/operations/campaigns/{a}")),
    Case(
        "GET", "/operations/campaigns/{campaign_id}/dashboard", read_campaign, at("/operations/campaigns/{a}/dashboard")
    ),
    Case(
        "POST",
        "/operations/campaigns/{campaign_id}/invitations",
        reading(CAMPAIGN_READERS, then=initiator_only),
        at("/operations/campaigns/{a}/invitations"),
        lambda w: {"agencies": [str(w.ids["hefei"])]},
    ),
    Case(
        "POST",
        "/operations/campaigns/{campaign_id}/response",
        reading(CAMPAIGN_READERS, then=respond_b),
        at("/operations/campaigns/{b}/response"),
        lambda w: {"action": "accept"},
    ),
    Case(
        "POST",
        "/operations/campaigns/{campaign_id}/actions/{action}",
        reading(CAMPAIGN_READERS, then=initiator_only),
        at("/operations/campaigns/{a}/actions/close"),
        lambda w: {"remarks": "圆满结束"},
        note="close",
    ),
    Case(
        "POST",
        "/operations/campaigns/{campaign_id}/actions/{action}",
        reading(CAMPAIGN_READERS, then=lambda p: {409}),
        at("/operations/campaigns/{a}/actions/start"),
        lambda w: {},
        note="already started",
    ),
    Case(
        "PUT",
        "/operations/campaigns/{campaign_id}/goals",
        reading(CAMPAIGN_READERS, then=initiator_only),
        at("/operations/campaigns/{a}/goals"),
        lambda w: {"goals": [{"metric": "findings", "target": 5}]},
    ),
    Case("GET", "/operations/campaigns/{campaign_id}/tasks", read_campaign, at("/operations/campaigns/{a}/tasks")),
    Case(
        "POST",
        "/operations/campaigns/{campaign_id}/tasks",
        reading(CAMPAIGN_READERS, then=assign_task),
        at("/operations/campaigns/{a}/tasks"),
        lambda w: {"title": "设卡", "assignee": str(w.ids["jiashan"]), "due_on": str(timezone.localdate())},
    ),
    Case(
        "POST",
        "/operations/tasks/{task_id}/actions/{action}",
        reading(CAMPAIGN_READERS, then=complete_task),
        at("/operations/tasks/{task}/actions/complete"),
        lambda w: {"result": "完成"},
    ),
    Case(
        "GET", "/operations/campaigns/{campaign_id}/findings", read_campaign, at("/operations/campaigns/{a}/findings")
    ),
    Case(
        "GET", "/operations/campaigns/{campaign_id}/decisions", read_campaign, at("/operations/campaigns/{a}/decisions")
    ),
    Case(
        "POST",
        "/operations/campaigns/{campaign_id}/decisions/{decision_id}/recognize",
        reading(CAMPAIGN_READERS, then=recognize),
        at("/operations/campaigns/{a}/decisions/{decision}/recognize"),
        lambda w: {},
    ),
    Case(
        "GET",
        "/operations/campaigns/{campaign_id}/report",
        read_campaign,
        at("/operations/campaigns/{a}/report?format=xlsx"),
    ),
    # Campaign B: an invited agency sees the campaign and its invitation, not the results (findings it
    # cannot see are simply not listed).
    Case("GET", "/operations/campaigns/{campaign_id}", read_campaign, at("/operations/campaigns/{b}"), note="invited"),
    Case(
        "GET",
        "/operations/campaigns/{campaign_id}/dashboard",
        reading(CAMPAIGN_READERS, then=results_of_b),
        at("/operations/campaigns/{b}/dashboard"),
        note="invited",
    ),
    Case(
        "GET",
        "/operations/campaigns/{campaign_id}/tasks",
        reading(CAMPAIGN_READERS, then=results_of_b),
        at("/operations/campaigns/{b}/tasks"),
        note="invited",
    ),
    Case(
        "GET",
        "/operations/campaigns/{campaign_id}/report",
        reading(CAMPAIGN_READERS, then=results_of_b),
        at("/operations/campaigns/{b}/report?format=pdf"),
        note="invited",
    ),
    Case(
        "GET",
        "/operations/campaigns/{campaign_id}/findings",
        read_campaign,
        at("/operations/campaigns/{b}/findings"),
        note="invited",
    ),
    Case(
        "GET",
        "/operations/campaigns/{campaign_id}/decisions",
        read_campaign,
        at("/operations/campaigns/{b}/decisions"),
        note="invited",
    ),
    Case(
        "POST",
        "/operations/findings",
        record_finding,
        fixed("/operations/findings"),
        lambda w: {
            "campaign": str(w.ids["a"]),
            "matter": "0303",
            "description": "撒漏",
            "address": "青浦",
            "division": "310118",
        },
    ),
    Case("GET", "/operations/findings/{finding_id}", read_campaign, at("/operations/findings/{finding}")),
    Case(
        "POST",
        "/operations/findings/{finding_id}/actions/{action}",
        reading(CAMPAIGN_READERS, then=dispose),
        at("/operations/findings/{finding}/actions/dismiss"),
        lambda w: {"note": "不构成违法"},
    ),
    Case("GET", "/operations/authorizations", list_of(AUTHORIZATION_READERS), fixed("/operations/authorizations")),
    Case("POST", "/operations/authorizations", grant, fixed("/operations/authorizations"), authorization_body),
    Case(
        "GET",
        "/operations/authorizations/{authorization_id}",
        reading(AUTHORIZATION_READERS, visible=sees_authorization),
        at("/operations/authorizations/{authorization}"),
    ),
    Case(
        "POST",
        "/operations/authorizations/{authorization_id}/revoke",
        reading(AUTHORIZATION_READERS, visible=sees_authorization, then=revoke),
        at("/operations/authorizations/{authorization}/revoke"),
        lambda w: {"reason": "提前结束"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_operations_permission_matrix(db, world, case):
    matrix.assert_row(case, world, ROSTER, before_each=cache.clear)
