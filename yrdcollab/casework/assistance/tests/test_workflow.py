"""Services: the whole path, extensions, follow-ups, deadlines, permissions and bad input."""

from datetime import date, timedelta

import pytest

from yrdcollab.casework.assistance.models import AssistanceEvent, AssistanceRequest, ExtensionRequest, FollowUp
from yrdcollab.casework.assistance.services import PartyInput, assistance_recompute_provisional
from yrdcollab.casework.collaboration.deadlines import end_of_day
from yrdcollab.casework.collaboration.models import TrackedItem
from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.notifications.models import Notification
from yrdcollab.platform.workdays.services import calendar_year_load

pytestmark = pytest.mark.django_db


def test_whole_path_with_follow_up(draft, act, requester, responder, clock, work_calendar):
    clock.set(2026, 11, 2, 9, 0)
    request = draft()
    assert request.status == "draft" and not request.doc_number
    assert not TrackedItem.objects.filter(public_id=request.public_id).exists()
    clock.set(2026, 11, 2, 9, 30)
    request = act(requester, request, "send")
    assert request.doc_number == "沪青城管协〔2026〕1号"
    assert request.due_at == end_of_day(date(2026, 11, 12)) and not request.due_provisional
    tracked = TrackedItem.objects.get(public_id=request.public_id)
    assert (tracked.waiting_on_id, tracked.step, tracked.due_at) == (responder.agency_id, "respond", request.due_at)
    assert Notification.objects.filter(recipient=responder, kind="assistance.send").exists()

    act(responder, request, "acknowledge")
    clock.set(2026, 11, 5, 15, 0)
    request = act(responder, request, "respond", findings="车主为吴江某运输公司，联系人张某。")
    assert request.reply_doc_number == "吴综执复〔2026〕1号"
    # Confirm within 5 working days from Thursday 5 Nov: 6, 9, 10, 11, 12 Nov.
    assert request.due_at == end_of_day(date(2026, 11, 12))
    tracked.refresh_from_db()
    assert (tracked.waiting_on_id, tracked.step) == (requester.agency_id, "confirm")
    assert Notification.objects.filter(recipient=requester, kind="assistance.respond").exists()

    clock.set(2026, 11, 6, 10, 0)
    request = act(requester, request, "follow_up", question="请补充该公司的统一社会信用代码。")
    assert request.status == "follow_up" and request.due_at == end_of_day(date(2026, 11, 16))
    tracked.refresh_from_db()
    assert (tracked.waiting_on_id, tracked.step) == (responder.agency_id, "respond")
    request = act(responder, request, "respond", findings="统一社会信用代码 91320509MA1XXXXXX0。")
    follow_up = FollowUp.objects.get(request=request)
    assert follow_up.answer.startswith("统一社会信用代码") and follow_up.round == 1
    assert request.findings.startswith("车主为")  # the first answer is kept
    assert request.reply_doc_number == "吴综执复〔2026〕1号"  # one reply letter number per request

    request = act(requester, request, "confirm")
    assert request.status == "confirmed" and request.due_at is None and request.closed_at
    tracked.refresh_from_db()
    assert tracked.state == "closed" and tracked.waiting_on_id is None
    actions = list(AssistanceEvent.objects.filter(request=request).values_list("action", flat=True))
    assert actions == ["create", "send", "acknowledge", "respond", "follow_up", "respond", "confirm"]
    audited = set(AuditEntry.objects.filter(object_id=str(request.public_id)).values_list("action", flat=True))
    assert {"assistance.created", "assistance.send", "assistance.confirm", "assistance.follow_up"} <= audited


def test_extension_approved_moves_the_deadline(draft, act, requester, responder, clock):
    request = draft()
    clock.set(2026, 11, 2, 9, 0)
    act(requester, request, "send")
    act(responder, request, "acknowledge")
    request = act(
        responder, request, "request_extension", reason="车主在外地，需当面核实。", proposed_due_on=date(2026, 11, 20)
    )
    with pytest.raises(Conflict) as second:
        act(responder, request, "request_extension", reason="再次申请", proposed_due_on=date(2026, 11, 21))
    assert second.value.code == "extension_pending"
    with pytest.raises(PermissionDenied):
        act(responder, request, "approve_extension")
    request = act(requester, request, "approve_extension")
    assert request.due_at == end_of_day(date(2026, 11, 20)) and not request.due_provisional
    assert TrackedItem.objects.get(public_id=request.public_id).due_at == request.due_at
    extension = ExtensionRequest.objects.get(request=request)
    assert extension.status == "approved" and extension.decided_by == requester
    with pytest.raises(InvalidTransition) as none_pending:
        act(requester, request, "approve_extension")
    assert none_pending.value.code == "no_pending_extension"


def test_extension_refused_needs_a_reason_and_keeps_the_deadline(draft, act, requester, responder, clock):
    request = draft()
    clock.set(2026, 11, 2, 9, 0)
    request = act(requester, request, "send")
    due = request.due_at
    act(responder, request, "request_extension", reason="人手不足", proposed_due_on=date(2026, 11, 15))
    with pytest.raises(InvalidInput):
        act(requester, request, "refuse_extension", reason="  ")
    assert ExtensionRequest.objects.get().status == "pending"
    request = act(requester, request, "refuse_extension", reason="案件办理期限紧迫，请按期答复。")
    assert request.due_at == due
    extension = ExtensionRequest.objects.get()
    assert extension.status == "refused" and extension.refusal_reason.startswith("案件")
    # A new one may be asked once the first is decided.
    act(responder, request, "request_extension", reason="当事人已外出", proposed_due_on=date(2026, 11, 14))


@pytest.mark.parametrize("proposed", [date(2026, 11, 12), date(2026, 11, 1), date(2027, 1, 12)])
def test_extension_date_must_be_later_and_within_60_days(draft, act, requester, responder, clock, proposed):
    request = draft()
    clock.set(2026, 11, 2, 9, 0)
    act(requester, request, "send")  # due 12 November
    with pytest.raises(InvalidInput) as error:
        act(responder, request, "request_extension", reason="理由", proposed_due_on=proposed)
    assert error.value.details["field"] == "proposed_due_on"
    assert not ExtensionRequest.objects.exists()
    act(responder, request, "request_extension", reason="理由", proposed_due_on=date(2027, 1, 11))


def test_withdraw_before_response_lapses_a_pending_extension(draft, act, requester, responder):
    request = act(requester, draft(), "send")
    act(
        responder,
        request,
        "request_extension",
        reason="理由",
        proposed_due_on=(request.due_at + timedelta(days=3)).date(),
    )
    request = act(requester, request, "withdraw", reason="当事人已到案")
    assert request.status == "withdrawn"
    assert ExtensionRequest.objects.get().status == "lapsed"
    assert TrackedItem.objects.get(public_id=request.public_id).state == "closed"
    with pytest.raises(InvalidTransition):
        act(responder, request, "respond", findings="x")


def test_wrong_side_403_other_agency_404_illegal_move_409(draft, act, requester, responder, make_user):
    request = draft()
    with pytest.raises(NotFound):  # a draft is the requester's own business
        act(responder, request, "acknowledge")
    act(requester, request, "send")
    with pytest.raises(PermissionDenied):
        act(responder, request, "withdraw")
    with pytest.raises(PermissionDenied):
        act(requester, request, "acknowledge")
    with pytest.raises(NotFound):
        act(make_user("officer", "jiashan"), request, "acknowledge")
    with pytest.raises(PermissionDenied):  # the superior bureau sees it but does not act for 青浦
        act(make_user("liaison", "sh"), request, "withdraw")
    with pytest.raises(PermissionDenied):  # the command centre sees everything, acts for nobody
        act(make_user("supervisor", "sh"), request, "acknowledge")
    with pytest.raises(InvalidTransition) as illegal:
        act(responder, request, "respond", findings="未签收先答复")
    assert illegal.value.code == "invalid_transition"
    with pytest.raises(InvalidInput) as unknown:
        act(responder, request, "teleport")
    assert unknown.value.code == "unknown_action"
    with pytest.raises(InvalidInput) as unknown_and_unseen:  # refused before anything is looked up
        act(make_user("officer", "jiashan"), request, "teleport")
    assert unknown_and_unseen.value.code == "unknown_action"


def test_the_recompute_audits_each_change(draft, act, requester, responder, clock, work_calendar):
    request = draft()
    clock.set(2027, 1, 4, 9, 0)
    act(requester, request, "send")
    act(responder, request, "acknowledge")
    request = act(responder, request, "respond", findings="已核实。")
    calendar_year_load(
        actor=None,
        as_system=True,
        year=2027,
        notice_number="国办发明电〔2026〕1号",
        holidays=[(date(2027, 1, 6), "测试假日")],
    )
    assert assistance_recompute_provisional(2027) == 1
    entry = AuditEntry.objects.get(action="assistance.deadline_recomputed", object_id=str(request.public_id))
    assert entry.summary["step"] == "confirm" and entry.summary["provisional"] is False
    assert TrackedItem.objects.get(public_id=request.public_id).due_at == end_of_day(date(2027, 1, 12))


def test_double_submission_second_gets_409_nothing_duplicated(draft, act, requester, responder):
    request = draft()
    act(requester, request, "send")
    with pytest.raises(InvalidTransition):
        act(requester, request, "send")
    act(responder, request, "acknowledge")
    with pytest.raises(InvalidTransition):
        act(responder, request, "acknowledge")
    assert AssistanceEvent.objects.filter(request=request, action="send").count() == 1
    assert AssistanceEvent.objects.filter(request=request, action="acknowledge").count() == 1
    assert AssistanceRequest.objects.get(pk=request.pk).doc_number.endswith("〕1号")


def test_respond_deadline_is_10_calendar_days_across_national_day(draft, act, requester, clock, work_calendar):
    request = draft()
    clock.set(2026, 9, 30, 16, 0)
    request = act(requester, request, "send")
    assert request.due_at == end_of_day(date(2026, 10, 10))  # holidays 1–7 October are not skipped
    # The responder (吴江, Jiangsu) is bound by the 行政处罚法 and the agreed default, not Shanghai's 条例.
    assert not request.due_provisional and "《中华人民共和国行政处罚法》第二十六条" in request.legal_basis


def test_confirm_step_in_2027_is_provisional_and_recomputed(draft, act, requester, responder, clock, work_calendar):
    request = draft()
    clock.set(2027, 1, 4, 9, 0)
    act(requester, request, "send")
    act(responder, request, "acknowledge")
    request = act(responder, request, "respond", findings="已核实。")
    assert request.due_provisional  # 2027's official schedule is not loaded
    assert TrackedItem.objects.get(public_id=request.public_id).due_provisional
    # The administrator loads 2027 with a holiday on Wednesday 6 January (illustrative): the
    # recompute moves the deadline one working day later and it stops being provisional.
    calendar_year_load(
        actor=None,
        as_system=True,
        year=2027,
        notice_number="国办发明电〔2026〕1号",
        holidays=[(date(2027, 1, 6), "测试假日")],
    )
    assert assistance_recompute_provisional(2027) == 1
    request.refresh_from_db()
    assert request.due_at == end_of_day(date(2027, 1, 12)) and not request.due_provisional
    assert assistance_recompute_provisional(2027) == 0  # idempotent


def test_bad_input_writes_nothing(draft, act, requester, responder, matter):
    before = (AssistanceRequest.objects.count(), AuditEntry.objects.count())
    cases = [
        dict(title=" "),
        dict(questions="x" * 5001),
        dict(type="spy"),
        dict(matter_code="9999"),
        dict(responder_id=requester.agency.public_id),
        dict(division_code="999999"),
        dict(parties=[PartyInput(kind="alien", name="某某")]),
    ]
    for overrides in cases:
        with pytest.raises(InvalidInput):
            draft(**overrides)
    assert (AssistanceRequest.objects.count(), AuditEntry.objects.count()) == before
    request = draft()
    act(requester, request, "send")
    act(responder, request, "acknowledge")
    with pytest.raises(InvalidInput):
        act(responder, request, "respond", findings="")
    request.refresh_from_db()
    assert request.status == "acknowledged" and not request.reply_doc_number


def test_foreign_officer_cannot_create_without_handle_capability(make_user, draft):
    with pytest.raises(PermissionDenied):
        draft(actor=make_user("auditor", "qingpu"))
