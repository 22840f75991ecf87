"""The 协查函 (requester → responder, once sent) and the 回复函 (responder → requester, once
answered), rendered by the shared official-letter layout. Reads only: scoped by the selector."""

from urllib.parse import quote

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.deadlines import deadline_rule_for, step_legal_basis
from yrdcollab.casework.collaboration.letters import Letter, chinese_date, render_letter
from yrdcollab.casework.evidence.selectors import letter_qr_url
from yrdcollab.core.errors import NotFound

from .selectors import access_assistance


def qr_target(actor, request, *, issuing_agency_id: int, base_url: str) -> tuple[str, str]:
    url, is_manifest = letter_qr_url(
        actor,
        subject_kind="assistance",
        subject_public_id=request.public_id,
        issuing_agency_id=issuing_agency_id,
        base_url=base_url,
        fallback_path=reverse("assistance:detail", args=[request.public_id]),
    )
    return url, _("扫码核验证据清单") if is_manifest else _("扫码查看协查事项")


def _respond_basis(request) -> str:
    """The basis of the answer period as it binds the responder (whatever step runs now)."""
    rule = deadline_rule_for(workflow="assistance", step="respond", matter=request.matter)
    return step_legal_basis(workflow="assistance", step="respond", rule=rule, agency=request.responder)


def _parties_text(request) -> str:
    return "、".join(party.name for party in request.parties.all()) or "—"


def _request_letter(actor, request, base_url: str) -> Letter:
    sent_on = timezone.localtime(request.sent_at).date()
    due = chinese_date(timezone.localtime(request.due_at).date()) if request.due_at else "—"
    paragraphs = [
        _("因办理%(matter)s案件需要，现请贵单位协助开展%(type)s，具体事项如下：")
        % {"matter": request.matter.name, "type": request.get_type_display()},
        *[line for line in request.questions.splitlines() if line.strip()],
        _("请于%(due)s前将协查结果书面回复我单位。依据：%(basis)s。") % {"due": due, "basis": _respond_basis(request)},
    ]
    rows = [
        (_("协查类型"), request.get_type_display()),
        (_("事项"), str(request.matter)),
        (_("当事人"), _parties_text(request)),
        (_("地点"), request.address or "—"),
    ]
    url, caption = qr_target(actor, request, issuing_agency_id=request.requester_id, base_url=base_url)
    return Letter(
        issuer=request.requester.name,
        title=_("协查函"),
        doc_number=request.doc_number,
        recipient=request.responder.name,
        paragraphs=paragraphs,
        issued_on=sent_on,
        rows=rows,
        qr_url=url,
        qr_caption=caption,
    )


def _reply_letter(actor, request, base_url: str) -> Letter:
    answered_on = timezone.localtime(request.responded_at).date()
    paragraphs = [
        _("贵单位%(number)s《协查函》收悉。经协查，现将结果函复如下：") % {"number": request.doc_number},
        *[line for line in request.findings.splitlines() if line.strip()],
    ]
    rows = [
        (_("协查类型"), request.get_type_display()),
        (_("事项"), str(request.matter)),
        (_("当事人"), _parties_text(request)),
    ]
    for follow_up in request.follow_ups.filter(answered_at__isnull=False):
        rows += [
            (_("追问（第%(n)s轮）") % {"n": follow_up.round}, follow_up.question),
            (_("答复（第%(n)s轮）") % {"n": follow_up.round}, follow_up.answer),
        ]
    url, caption = qr_target(actor, request, issuing_agency_id=request.responder_id, base_url=base_url)
    return Letter(
        issuer=request.responder.name,
        title=_("协查回复函"),
        doc_number=request.reply_doc_number,
        recipient=request.requester.name,
        paragraphs=paragraphs,
        issued_on=answered_on,
        rows=rows,
        qr_url=url,
        qr_caption=caption,
    )


def assistance_letter_pdf(*, actor, public_id, kind: str, base_url: str = "") -> tuple[str, bytes]:
    """(file name, PDF bytes) of the request letter (kind "request") or the reply letter ("reply");
    NotFound before the letter exists."""
    request = access_assistance(actor=actor, public_id=public_id)
    if kind == "request" and request.doc_number and request.sent_at:
        return f"{request.doc_number}.pdf", render_letter(_request_letter(actor, request, base_url))
    if kind == "reply" and request.reply_doc_number and request.responded_at:
        return f"{request.reply_doc_number}.pdf", render_letter(_reply_letter(actor, request, base_url))
    raise NotFound()


def pdf_response(filename: str, content: bytes) -> HttpResponse:
    """A letter shown in the browser (inline), its file name RFC 5987-encoded."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    return response
