"""异地信用修复 (谁认定、谁修复): an application is filed at any agency's window for any agency's record
or list entry, routed to the determining agency, checked for completeness (accept / reject) and
decided (approve / deny) there: every move after filing is one of states.REPAIR_TRANSITIONS, run by
repair_transition. Approval repairs the record (credit_record_transition, which flags every measure
applied because of it) or removes the list entry (list_entry_transition), and issues a 信用修复决定书.

The gate (the rules of NDRC Order 36 / 国办发〔2025〕22号, and Order 58 before it): the minimum
publicity period reached, the obligations performed, a signed 信用承诺书 attached. Each refusal is
InvalidInput with a stable code and `details.rule` quoting the rule it breaks."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.casework.collaboration.deadlines import (
    RunningStep,
    StepDeadline,
    provisional_deadlines_recompute,
    step_deadline,
)
from yrdcollab.casework.collaboration.services import TrackedSnapshot, document_number_next, tracked_item_sync
from yrdcollab.casework.evidence.store import store_put
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.core.personal_data import mask_phone
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from ..models import AttachmentKind, RemovalReason, RepairApplication, RepairAttachment, RepairEvent
from ..permissions import may_decide_repair, may_file_repair
from ..selectors.repair import access_repair, repair_target_list_entry, repair_target_record
from ..states import (
    LIST_TRANSITIONS,
    RECORD_TRANSITIONS,
    REPAIR_OPEN,
    REPAIR_STEP_OF_STATUS,
    REPAIR_TRANSITIONS,
    ListAction,
    RecordAction,
    RepairAction,
    RepairStatus,
    Side,
)
from .records import credit_record_transition
from .repair_notices import notify_decided, notify_filed
from .repair_uploads import MAX_ATTACHMENTS, RepairUpload
from .serious_list import list_entry_transition

# Official numbers: 善综执修申〔2026〕1号 (the window's receipt), 吴综执信修〔2026〕1号 (the decision).

STATEMENT_MAX = 2000
REASON_MAX = 1000

RULE_WINDOW = gettext_lazy(
    "最短公示期届满后方可申请提前终止公示（国家发展改革委令第36号《信用修复管理办法》；"
    "2026年4月1日前作出的决定适用第58号令）"
)
RULE_OBLIGATIONS = gettext_lazy("已纠正失信行为、履行法定义务（国家发展改革委令第36号《信用修复管理办法》）")
RULE_COMMITMENT = gettext_lazy("申请信用修复应当作出并提交信用承诺书（国办发〔2025〕22号）")


@dataclass(frozen=True)
class RepairFiling:
    applicant_name: str
    applicant_phone: str
    obligations_performed: bool
    statement: str = ""
    record_id: object = None  # exactly one of record_id / list_entry_id
    list_entry_id: object = None


def _invalid(code: str, message, **details) -> InvalidInput:
    return InvalidInput(message, code=code, details=details)


def _clean_filing(filing: RepairFiling) -> tuple[str, str, str]:
    name = (filing.applicant_name or "").strip()
    if not name or len(name) > 64:
        raise _invalid("invalid_input", _("请填写申请人（经办人）姓名，不超过64个字符。"), field="applicant_name")
    phone = (filing.applicant_phone or "").strip().replace(" ", "").replace("-", "")
    if not (7 <= len(phone) <= 20 and phone.lstrip("+").isdigit()):
        raise _invalid("invalid_phone", _("请填写有效的联系电话。"), field="applicant_phone")
    statement = (filing.statement or "").strip()
    if len(statement) > STATEMENT_MAX:
        raise _invalid("invalid_input", _("情况说明不能超过%(n)d个字符。") % {"n": STATEMENT_MAX}, field="statement")
    return name, phone, statement


def _target(actor, filing: RepairFiling):
    """(record, list_entry, subject, determining agency, repairable_from, matter) of the filing."""
    if (filing.record_id is None) == (filing.list_entry_id is None):
        raise _invalid("target_required", _("请选择一条信用记录或一条严重失信主体名单。"), field="record")
    if filing.record_id is not None:
        record = repair_target_record(actor=actor, record_id=filing.record_id)
        if not RECORD_TRANSITIONS.allows(record.status, RecordAction.REPAIR):
            raise Conflict(
                _("该信用记录当前状态为“%(s)s”，不能申请信用修复。") % {"s": record.get_status_display()},
                code="record_not_repairable",
                details={"status": record.status},
            )
        return record, None, record.subject, record.agency, record.repairable_from, record.decision.matter
    entry = repair_target_list_entry(actor=actor, entry_id=filing.list_entry_id)
    if not LIST_TRANSITIONS.allows(entry.status, ListAction.REMOVE):
        raise Conflict(
            _("该名单当前状态为“%(s)s”，不能申请移出。") % {"s": entry.get_status_display()},
            code="list_entry_not_repairable",
            details={"status": entry.status},
        )
    return None, entry, entry.subject, entry.agency, entry.repairable_from, None


def _gate(*, repairable_from, obligations_performed: bool, uploads: list[RepairUpload]) -> None:
    today = timezone.localdate()
    if repairable_from is not None and today < repairable_from:
        raise _invalid(
            "repair_too_early",
            _("最短公示期尚未届满，%(d)s起方可申请信用修复。") % {"d": chinese_date(repairable_from)},
            rule=str(RULE_WINDOW),
            repairable_from=repairable_from.isoformat(),
        )
    if not obligations_performed:
        raise _invalid(
            "obligations_not_performed",
            _("尚未履行法定义务、纠正失信行为的，不予受理信用修复申请。"),
            rule=str(RULE_OBLIGATIONS),
            field="obligations_performed",
        )
    if not any(u.kind == AttachmentKind.COMMITMENT for u in uploads):
        raise _invalid(
            "commitment_missing", _("请上传申请人签章的信用承诺书。"), rule=str(RULE_COMMITMENT), field="commitment"
        )


def _event(application, *, actor, action: str, note: str = "", agency_id=None) -> None:
    RepairEvent.objects.create(
        application=application,
        at=timezone.now(),
        actor=actor,
        action=action,
        agency_id=agency_id or actor.agency_id,
        note=note[:1000],
    )


def _sync_tracked(application: RepairApplication) -> None:
    """The application in the index of cross-regional items (supervision lists, overdue sweep)."""
    open_ = application.status in REPAIR_OPEN
    step = REPAIR_STEP_OF_STATUS.get(application.status, "")
    due_at, provisional = (
        (application.accept_due_at, application.accept_due_provisional)
        if step == "accept"
        else (application.decide_due_at, application.decide_due_provisional)
        if step == "decide"
        else (None, False)
    )
    tracked_item_sync(
        TrackedSnapshot(
            kind="credit_repair",
            public_id=application.public_id,
            title=_("信用修复：%(s)s") % {"s": application.subject.name},
            doc_number=application.number,
            sender_id=application.filed_at_id,
            receiver_id=application.determining_agency_id,
            waiting_on_id=application.determining_agency_id if open_ else None,
            step=step,
            status_label=str(RepairStatus(application.status).label),
            due_at=due_at,
            due_provisional=provisional,
            closed=not open_,
        )
    )


@transaction.atomic
def repair_file(*, actor, filing: RepairFiling, uploads: list[RepairUpload]) -> RepairApplication:
    """Files an application at the actor's window; it goes to the determining agency. Checks, in
    order: who (403), the target (404 / 409 when it is no longer repairable or already has an open
    application), the form, then the gate. Nothing is written unless every check passes."""
    if not may_file_repair(actor) or actor.agency_id is None:
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_REPAIR_FILE)})
    record, entry, subject, determining, repairable_from, matter = _target(actor, filing)
    open_ = RepairApplication.objects.filter(status__in=REPAIR_OPEN)  # of every agency: one per target
    existing = (open_.filter(record=record) if record else open_.filter(list_entry=entry)).first()
    if existing is not None:
        raise Conflict(
            _("该事项已有办理中的信用修复申请（%(n)s）。") % {"n": existing.number},
            code="repair_already_open",
            details={"number": existing.number},
        )
    name, phone, statement = _clean_filing(filing)
    _gate(repairable_from=repairable_from, obligations_performed=bool(filing.obligations_performed), uploads=uploads)
    if len(uploads) > MAX_ATTACHMENTS:
        raise _invalid(
            "too_many_files", _("材料最多上传%(n)d个文件。") % {"n": MAX_ATTACHMENTS}, max_files=MAX_ATTACHMENTS
        )
    now = timezone.now()
    deadline = step_deadline(workflow="credit_repair", step="accept", matter=matter, start=now)
    application = RepairApplication(
        number=document_number_next(agency=actor.agency, kind="credit_repair", on=now),
        subject=subject,
        record=record,
        list_entry=entry,
        filed_at_id=actor.agency_id,
        filed_by=actor,
        determining_agency=determining,
        applicant_name=name,
        applicant_phone=phone,
        obligations_performed=True,
        statement=statement,
        status=RepairStatus.SUBMITTED,
        accept_due_at=deadline.due_at,
        accept_due_provisional=deadline.provisional,
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # a concurrent filing for the same target won the partial unique index
        raise Conflict(_("该事项已有办理中的信用修复申请。"), code="repair_already_open") from None
    for upload in uploads:
        RepairAttachment.objects.create(
            application=application,
            kind=upload.kind,
            filename=upload.file.display_name,
            sha256=store_put(upload.file.data),
            size=upload.file.size,
            content_type=upload.file.content_type,
            uploaded_by=actor,
        )
    _event(application, actor=actor, action="filed")
    _event(application, actor=actor, action="routed", note=determining.name)
    _sync_tracked(application)
    audit_record(
        actor=actor,
        action="credit.repair_filed",
        obj=application,
        summary={
            "number": application.number,
            "subject": subject.name,
            "target": "record" if record else "list_entry",
            "decision_number": record.decision.decision_number if record else "",
            "determining_agency": determining.name,
            "attachments": len(uploads),
        },
    )
    notify_filed(application)
    return application


@transaction.atomic
def repair_transition(*, actor, application_id, action: str, reason: str = "", note: str = "") -> RepairApplication:
    """One move of REPAIR_TRANSITIONS by the determining agency: 422 for an action the workflow does
    not have; 404 if the actor cannot see the application; 409 if the move is not allowed from the
    current status (checked under the row lock); 403 unless the actor holds credit.manage at the
    determining agency itself; 422 on a bad payload (`note_required`, details.field `reason`: a reject
    or deny without a reason)."""
    action = REPAIR_TRANSITIONS.require_action(action)
    visible = access_repair(actor=actor, public_id=application_id)
    application = (
        RepairApplication.objects.select_for_update(of=("self",))
        .select_related("subject", "record", "record__decision", "list_entry", "determining_agency", "filed_at")
        .get(pk=visible.pk)
    )
    move = REPAIR_TRANSITIONS.move(application.status, action)
    if move.by != Side.AGENCY or not may_decide_repair(actor, application):
        raise PermissionDenied(
            _("只有认定机构可以受理和决定信用修复申请（谁认定、谁修复）。"),
            details={"capability": str(Capability.CREDIT_MANAGE)},
        )
    reason, note = (reason or "").strip(), (note or "").strip()
    # a refusal says why (REPAIR_TRANSITIONS.notes_required): its reason, told to the applicant
    REPAIR_TRANSITIONS.require_note(action, reason, field="reason")
    if len(reason) > REASON_MAX or len(note) > REASON_MAX:
        raise _invalid("invalid_input", _("理由或说明不能超过%(n)d个字符。") % {"n": REASON_MAX}, field="reason")
    now, old_status = timezone.now(), application.status
    application.status, application.handled_by = move.target, actor
    if action == RepairAction.ACCEPT:
        deadline = step_deadline(
            workflow="credit_repair", step=REPAIR_STEP_OF_STATUS[move.target], matter=_matter(application), start=now
        )
        application.accepted_at = now
        application.decide_due_at, application.decide_due_provisional = deadline.due_at, deadline.provisional
    else:
        application.decided_at = now
        application.reason = reason
    if action == RepairAction.APPROVE:
        _repair_target(actor, application)
        application.certificate_number = document_number_next(
            agency=application.determining_agency, kind="repair_decision", on=now
        )
    application.save()
    _event(application, actor=actor, action=action, note=reason or note)
    _sync_tracked(application)
    audit_record(
        actor=actor,
        action=f"credit.repair_{action}",
        obj=application,
        summary={
            "number": application.number,
            "from": old_status,
            "to": move.target,
            "reason": reason,
            "certificate_number": application.certificate_number,
        },
    )
    notify_decided(application, action)
    return application


def _matter(application: RepairApplication):
    return application.record.decision.matter if application.record_id else None


def repair_applicant_phone(*, actor, application: RepairApplication, reveal: bool = False) -> str:
    """The applicant's phone, masked; in full only when asked for by a role that may see it (403
    otherwise), and every full view is audited."""
    if not reveal or not application.applicant_phone:
        return mask_phone(application.applicant_phone)
    if not has_capability(actor, Capability.PERSONAL_DATA_FULL):
        raise PermissionDenied(
            _("无权查看完整的联系电话。"), details={"capability": str(Capability.PERSONAL_DATA_FULL)}
        )
    audit_record(
        actor=actor,
        action="personal_data.viewed",
        obj=application,
        summary={"field": "applicant_phone", "number": application.number},
    )
    return application.applicant_phone


def _repair_target(actor, application: RepairApplication) -> None:
    """Ends the record's publication (its measures become "to be lifted", their agencies are told)
    or removes the list entry with reason "repair"."""
    why = _("信用修复申请%(n)s准予修复") % {"n": application.number}
    if application.record_id:
        credit_record_transition(
            actor=actor, record_id=application.record.public_id, action=RecordAction.REPAIR, reason=why
        )
        return
    list_entry_transition(
        actor=actor,
        entry_id=application.list_entry.public_id,
        action=ListAction.REMOVE,
        reason=RemovalReason.REPAIR,
        note=why,
    )


def _running_step(application: RepairApplication) -> RunningStep | None:
    step = REPAIR_STEP_OF_STATUS.get(application.status)
    if step is None:
        return None
    if step == "accept":  # started by the filing (routing is immediate)
        return RunningStep(
            step=step,
            started_at=application.created_at,
            matter=_matter(application),
            due_at=application.accept_due_at,
            provisional=application.accept_due_provisional,
        )
    return RunningStep(
        step=step,
        started_at=application.accepted_at,
        matter=_matter(application),
        due_at=application.decide_due_at,
        provisional=application.decide_due_provisional,
    )


def _apply_deadline(application: RepairApplication, deadline: StepDeadline) -> None:
    step = REPAIR_STEP_OF_STATUS[application.status]
    setattr(application, f"{step}_due_at", deadline.due_at)
    setattr(application, f"{step}_due_provisional", deadline.provisional)
    application.save(update_fields=[f"{step}_due_at", f"{step}_due_provisional", "updated_at"])
    _sync_tracked(application)


def repairs_recompute_provisional(year: int) -> int:
    """After `year`'s holiday schedule is loaded: recompute the open provisional deadlines reaching
    into it, from the start of their step (filing for "accept", acceptance for "decide"), audited per
    application (registered with the working-day calendar in CreditConfig.ready()). Idempotent."""
    return provisional_deadlines_recompute(
        workflow="credit_repair",
        year=year,
        running_step=_running_step,
        apply=_apply_deadline,
        candidates=RepairApplication.objects.filter(status__in=list(REPAIR_STEP_OF_STATUS)).filter(
            Q(accept_due_provisional=True) | Q(decide_due_provisional=True)
        ),
    )
