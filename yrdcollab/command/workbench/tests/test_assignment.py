"""承办 (issue #14 item 2): a squad leader of the receiving agency assigns an incoming clue to one of its
officers, who finds it under 我的待办; a reassignment moves it; refusals carry codes and write nothing."""

import pytest
from django.test import Client

from yrdcollab.casework.transfers.services import transfer_transition
from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.platform.assignments.models import Assignment
from yrdcollab.platform.assignments.selectors import my_open_assignments
from yrdcollab.platform.assignments.services import assignment_set
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.testing import casework, duty

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(work_calendar):
    sender = duty.user_with_certificate("officer", "qingpu", "qp_sender")
    squad = duty.user_with_certificate("squad_leader", "wujiang", "wj_squad")
    first = duty.user_with_certificate("officer", "wujiang", "wj_first", full_name="吴江一号")
    second = duty.user_with_certificate("officer", "wujiang", "wj_second", full_name="吴江二号")
    transfer = casework.sent_transfer(sender)
    return {"sender": sender, "squad": squad, "first": first, "second": second, "transfer": transfer}


def _assign(world, who, *, actor=None, note=""):
    return assignment_set(
        actor=actor or world["squad"],
        kind="transfer",
        public_id=world["transfer"].public_id,
        assignee_id=world[who].public_id if isinstance(who, str) else who.public_id,
        note=note,
    )


def _mine(user) -> list:
    return [entry.subject.public_id for entry in my_open_assignments(actor=user)]


def test_assigned_item_appears_for_the_officer_and_moves_on_reassignment(world):
    _assign(world, "first", note="请今日联系当事人")
    assert _mine(world["first"]) == [world["transfer"].public_id]
    assert _mine(world["second"]) == []

    _assign(world, "second")
    assert _mine(world["first"]) == []
    assert _mine(world["second"]) == [world["transfer"].public_id]
    rows = list(Assignment.objects.filter(subject_id=world["transfer"].public_id).order_by("assigned_at", "id"))
    assert [r.assignee.username for r in rows] == ["wj_first", "wj_second"]
    assert rows[0].ended_at is not None and rows[1].ended_at is None
    actions = list(AuditEntry.objects.filter(action__startswith="assignment.").values_list("action", flat=True))
    assert sorted(actions) == ["assignment.assigned", "assignment.reassigned"]


def test_the_same_officer_twice_is_a_conflict(world):
    _assign(world, "first")
    with pytest.raises(Conflict) as exc:
        _assign(world, "first")
    assert exc.value.code == "already_assigned"
    assert Assignment.objects.count() == 1


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: duty.user_with_certificate("officer", "jiashan", "js_other"), "assignee_other_agency"),
        (
            lambda: duty.user_with_certificate("officer", "wujiang", "wj_nocert", revoked=True),
            "assignee_no_certificate",
        ),
        (lambda: duty.user_with_certificate("auditor", "wujiang", "wj_auditor"), "assignee_not_handler"),
    ],
)
def test_an_assignee_outside_the_rules_is_refused_with_a_code(world, build, code):
    with pytest.raises(InvalidInput) as exc:
        _assign(world, build())
    assert exc.value.code == code
    assert not Assignment.objects.exists()


def test_who_may_assign(world, make_user):
    # an officer of the receiving agency may not assign; the sending agency's leader cannot even see a move
    with pytest.raises(PermissionDenied):
        _assign(world, "first", actor=world["first"])
    qingpu_squad = duty.user_with_certificate("squad_leader", "qingpu", "qp_squad")
    with pytest.raises(PermissionDenied):
        _assign(world, "first", actor=qingpu_squad)
    jiashan_squad = duty.user_with_certificate("squad_leader", "jiashan", "js_squad")
    with pytest.raises(NotFound):  # another agency's item
        _assign(world, "first", actor=jiashan_squad)
    assert not Assignment.objects.exists()


def test_a_returned_clue_leaves_my_list_and_cannot_be_assigned(world):
    _assign(world, "first")
    transfer_transition(actor=world["first"], transfer_id=world["transfer"].public_id, action="sign")
    transfer_transition(
        actor=world["first"],
        transfer_id=world["transfer"].public_id,
        action="return",
        reason="not_our_jurisdiction",
        note="不属本辖区",
    )
    assert _mine(world["first"]) == []
    with pytest.raises(Conflict) as exc:
        _assign(world, "second")
    assert exc.value.code == "subject_closed"


def test_the_page_form_and_the_api(world):
    client = Client()
    client.force_login(world["squad"])
    url = f"/transfers/{world['transfer'].public_id}/"
    page = client.get(url).content.decode()
    assert 'data-testid="assignee"' in page and "吴江一号" in page
    response = client.post(
        f"/assignments/transfer/{world['transfer'].public_id}/", {"assignee": str(world["first"].public_id)}
    )
    assert response.status_code == 302 and response["Location"] == url
    assert "吴江一号" in client.get(url).content.decode()

    officer = Client()
    officer.force_login(world["first"])
    mine = officer.get("/workbench/mine/").content.decode()
    assert world["transfer"].title in mine
    api = officer.get("/api/v1/workbench/mine").json()
    assert [row["id"] for row in api] == [str(world["transfer"].public_id)]

    answer = client.post(
        f"/api/v1/assignments/transfer/{world['transfer'].public_id}",
        {"assignee": str(world["second"].public_id), "note": "改派"},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["current"]["assignee"] == str(world["second"].public_id)
    assert len(body["history"]) == 2
    assert officer.get("/api/v1/workbench/mine").json() == []

    bad = client.post(
        f"/api/v1/assignments/transfer/{world['transfer'].public_id}",
        {"assignee": "00000000-0000-0000-0000-000000000000"},
        content_type="application/json",
    )
    assert bad.status_code == 422 and bad.json()["code"] == "assignee_unknown"
    assert client.get("/api/v1/assignments/nothing/00000000-0000-0000-0000-000000000000").status_code == 404
