"""The 信用修复决定书 of an approved application, laid out by collaboration.letters (same font and
style as the other official letters)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.letters import Letter, render_letter
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import InvalidTransition

from .selectors.repair import access_repair
from .states import RepairStatus


def _identifier(subject) -> str:
    if subject.uscc:
        return _("统一社会信用代码：%(c)s") % {"c": subject.uscc}
    return subject.id_number_masked  # an individual: masked, as everywhere outside the audited reveal


def repair_certificate_pdf(*, actor, application_id) -> tuple[str, bytes]:
    """(file name, PDF); only an approved application has one (else 409)."""
    application = access_repair(actor=actor, public_id=application_id)
    if application.status != RepairStatus.APPROVED or not application.certificate_number:
        raise InvalidTransition(
            _("该申请未准予修复，没有信用修复决定书。"),
            code="certificate_not_available",
            details={"status": application.status},
        )
    subject, agency = application.subject, application.determining_agency
    if application.record_id:
        record = application.record
        target = _("%(d)s（%(date)s作出）的行政处罚信息") % {
            "d": record.decision.decision_number,
            "date": chinese_date(record.decision.decided_on),
        }
        outcome = _(
            "自本决定作出之日起，终止公示该行政处罚信息，停止共享和使用，相关联合惩戒措施依法解除。"
            "该信息作为已修复的历史记录保存。"
        )
    else:
        entry = application.list_entry
        target = _("严重失信主体名单（%(n)s）") % {"n": entry.document_number or _("列入决定")}
        outcome = _("自本决定作出之日起，将该主体移出严重失信主体名单，相关联合惩戒措施依法解除。")
    decided_on = timezone.localtime(application.decided_at or timezone.now()).date()
    identifier = _identifier(subject)
    letter = Letter(
        issuer=agency.name,
        title=_("信用修复决定书"),
        doc_number=application.certificate_number,
        recipient=subject.name,
        paragraphs=[
            _(
                "你（单位）就%(t)s提出的信用修复申请（申请编号%(n)s，由%(w)s受理并转我单位），经审查，"
                "已纠正失信行为、履行法定义务并作出信用承诺，符合信用修复条件。根据“谁认定、谁修复”原则，"
                "我单位决定准予信用修复。"
            )
            % {"t": target, "n": application.number, "w": application.filed_at.name},
            outcome,
        ],
        issued_on=decided_on,
        rows=[
            (_("信用主体"), f"{subject.name} {identifier}".strip()),
            (_("修复事项"), target),
            (_("申请编号"), application.number),
            (_("受理窗口"), application.filed_at.name),
            (_("决定日期"), chinese_date(decided_on)),
        ],
    )
    return f"credit-repair-{application.public_id}.pdf", render_letter(letter)
