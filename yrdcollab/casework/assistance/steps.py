"""What each action does to a locked request, after the transition table and the permission have
been checked. Each step validates its input first (InvalidInput, nothing written: the caller's
transaction rolls back) and returns the note for the timeline."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import end_of_day, step_deadline
from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition
from yrdcollab.core.prefetch import is_prefetched, prefetched

from .conf import STEP_ACTING_ROLE
from .models import FINDINGS_MAX, QUESTIONS_MAX, AssistanceRequest, ExtensionRequest, FollowUp
from .states import EXTENSION_TRANSITIONS, Action, ExtensionAction, ExtensionStatus, Status

EXTENSION_MAX_DAYS = 60
REASON_MAX = 500


def _text(value, *, field: str, max_length: int, message) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if not text:
        raise InvalidInput(message, details={"field": field})
    if len(text) > max_length:
        raise InvalidInput(
            _("内容过长，不能超过 %(max)s 个字符。") % {"max": max_length}, details={"field": field, "max": max_length}
        )
    return text


def start_step(request: AssistanceRequest, *, step: str, start: datetime) -> None:
    acting = getattr(request, STEP_ACTING_ROLE[step])  # its legal basis binds this agency
    deadline = step_deadline(workflow="assistance", step=step, matter=request.matter, start=start, agency=acting)
    request.due_at, request.due_provisional = deadline.due_at, deadline.provisional
    request.step_started_at, request.legal_basis = start, deadline.legal_basis


def _stop_clock(request: AssistanceRequest, now: datetime) -> None:
    request.due_at, request.due_provisional, request.step_started_at = None, False, None
    request.closed_at = now


def _in_hand(request: AssistanceRequest, relation: str, *select_related: str) -> list:
    """The rows of a relation the step needs, read once; the answer shows the same rows (core.prefetch)."""
    if not is_prefetched(request, relation):
        prefetched(request, relation, getattr(request, relation).select_related(*select_related))
    return list(getattr(request, relation).all())


def _extensions(request: AssistanceRequest) -> list[ExtensionRequest]:
    return _in_hand(request, "extensions", "requested_by", "decided_by")


def _follow_ups(request: AssistanceRequest) -> list[FollowUp]:
    return _in_hand(request, "follow_ups", "asked_by", "answered_by")


def _pending(request: AssistanceRequest) -> ExtensionRequest | None:
    return next((x for x in _extensions(request) if x.status == ExtensionStatus.PENDING), None)


def _lapse_pending(request: AssistanceRequest, now: datetime) -> None:
    """An undecided extension lapses when the request is answered or withdrawn first: every one in a
    status the extension table lets lapse moves to where the table says."""
    for extension in _extensions(request):
        if EXTENSION_TRANSITIONS.allows(extension.status, ExtensionAction.LAPSE):
            extension.status = EXTENSION_TRANSITIONS.target(extension.status, ExtensionAction.LAPSE)
            extension.decided_at = now
            extension.save(update_fields=["status", "decided_at", "updated_at"])


def send(request, *, actor, now, **_kw) -> str:
    request.sent_at = now
    request.doc_number = document_number_next(agency=request.requester, kind="assistance", on=now)
    start_step(request, step="respond", start=now)
    return request.doc_number


def acknowledge(request, *, actor, now, **_kw) -> str:
    request.acknowledged_at = now
    return ""


def respond(request, *, actor, now, findings="", **_kw) -> str:
    findings = _text(findings, field="findings", max_length=FINDINGS_MAX, message=_("请填写协查结果。"))
    if request.status == Status.FOLLOW_UP:
        open_question = max((f for f in _follow_ups(request) if f.answered_at is None), key=lambda f: f.round)
        open_question.answer, open_question.answered_by, open_question.answered_at = findings, actor, now
        open_question.save(update_fields=["answer", "answered_by", "answered_at", "updated_at"])
    else:
        request.findings = findings
    if not request.reply_doc_number:
        request.reply_doc_number = document_number_next(agency=request.responder, kind="reply", on=now)
    request.responded_at = now
    _lapse_pending(request, now)
    start_step(request, step="confirm", start=now)
    return findings


def confirm(request, *, actor, now, **_kw) -> str:
    _stop_clock(request, now)
    return ""


def follow_up(request, *, actor, now, question="", **_kw) -> str:
    question = _text(question, field="question", max_length=QUESTIONS_MAX, message=_("请填写追问内容。"))
    earlier = _follow_ups(request)
    asked = FollowUp.objects.create(request=request, round=len(earlier) + 1, question=question, asked_by=actor)
    prefetched(request, "follow_ups", [*earlier, asked])
    start_step(request, step="respond", start=now)
    return question


def withdraw(request, *, actor, now, reason="", **_kw) -> str:
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        raise InvalidInput(_("内容过长，不能超过 %(max)s 个字符。") % {"max": REASON_MAX}, details={"field": "reason"})
    _lapse_pending(request, now)
    _stop_clock(request, now)
    return reason


def request_extension(request, *, actor, now, reason="", proposed_due_on=None, **_kw) -> str:
    reason = _text(reason, field="reason", max_length=REASON_MAX, message=_("请填写延期理由。"))
    if not isinstance(proposed_due_on, date) or isinstance(proposed_due_on, datetime):
        raise InvalidInput(_("请填写申请延至的日期。"), details={"field": "proposed_due_on"})
    current = timezone.localtime(request.due_at).date()
    latest = current + timedelta(days=EXTENSION_MAX_DAYS)
    if not current < proposed_due_on <= latest:
        raise InvalidInput(
            _("申请延至的日期须晚于当前期限（%(current)s），且不超过其后 %(days)s 日（%(latest)s）。")
            % {"current": current.isoformat(), "days": EXTENSION_MAX_DAYS, "latest": latest.isoformat()},
            details={"field": "proposed_due_on", "current_due_on": current.isoformat(), "latest": latest.isoformat()},
        )
    if _pending(request) is not None:
        raise Conflict(_("已有一份延期申请待审批。"), code="extension_pending")
    asked = ExtensionRequest.objects.create(
        request=request,
        reason=reason,
        proposed_due_on=proposed_due_on,
        previous_due_at=request.due_at,
        requested_by=actor,
    )
    prefetched(request, "extensions", [*_extensions(request), asked])
    return f"{reason}（{_('申请延至')} {proposed_due_on.isoformat()}）"


def _decide(request, *, actor, now, decision: ExtensionAction) -> ExtensionRequest:
    extension = _pending(request)
    if extension is None:
        raise InvalidTransition(_("没有待审批的延期申请。"), code="no_pending_extension")
    extension.status = EXTENSION_TRANSITIONS.target(extension.status, decision)
    extension.decided_by, extension.decided_at = actor, now
    return extension


def approve_extension(request, *, actor, now, **_kw) -> str:
    extension = _decide(request, actor=actor, now=now, decision=ExtensionAction.APPROVE)
    extension.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    request.due_at, request.due_provisional = end_of_day(extension.proposed_due_on), False
    return extension.proposed_due_on.isoformat()


def refuse_extension(request, *, actor, now, reason="", **_kw) -> str:
    reason = _text(reason, field="reason", max_length=REASON_MAX, message=_("请填写不同意延期的理由。"))
    extension = _decide(request, actor=actor, now=now, decision=ExtensionAction.REFUSE)
    extension.refusal_reason = reason
    extension.save(update_fields=["status", "refusal_reason", "decided_by", "decided_at", "updated_at"])
    return reason


STEPS = {
    Action.SEND: send,
    Action.ACKNOWLEDGE: acknowledge,
    Action.RESPOND: respond,
    Action.CONFIRM: confirm,
    Action.FOLLOW_UP: follow_up,
    Action.WITHDRAW: withdraw,
    Action.REQUEST_EXTENSION: request_extension,
    Action.APPROVE_EXTENSION: approve_extension,
    Action.REFUSE_EXTENSION: refuse_extension,
}
