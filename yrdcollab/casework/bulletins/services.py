"""Writes of the bulletin workflow. Every move of states.TRANSITIONS (edit, publish, withdraw, read,
acknowledge) runs through bulletin_transition; the named services below are thin wrappers for their
callers. Each write runs in one transaction, audits, and notifies on commit."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_agency_roles, notify_later

from . import files
from .audience import BulletinDraft, clean_draft, draft_of, draft_with, recipient_agency_ids
from .models import NOTE_MAX, Bulletin, BulletinAttachment, BulletinRecipient
from .permissions import acknowledging_roles, all_roles, may_acknowledge, may_draft, may_manage
from .selectors import bulletin_get, bulletin_get_for_update
from .states import TRANSITIONS, BulletinAction, BulletinStatus, Side

ATTACHMENTS_MAX = 20


def _apply(bulletin: Bulletin, clean) -> None:
    draft = clean.draft
    bulletin.kind, bulletin.title, bulletin.body = draft.kind, draft.title, draft.body
    bulletin.audience_type = draft.audience_type
    bulletin.audience_provinces = list(draft.provinces)
    bulletin.audience_zone = clean.zone
    bulletin.requires_ack, bulletin.ack_due_on = draft.requires_ack, draft.ack_due_on


def _link(bulletin) -> str:
    return reverse("bulletins:detail", args=[bulletin.public_id])


@transaction.atomic
def bulletin_create(*, actor, draft: BulletinDraft) -> Bulletin:
    """A draft issued in the name of the actor's agency."""
    if not may_draft(actor):
        raise PermissionDenied(_("您没有发布执法通报的权限。"))
    clean = clean_draft(draft)
    bulletin = Bulletin(issuer_id=actor.agency_id, created_by=actor)
    _apply(bulletin, clean)
    bulletin.save()
    bulletin.audience_agencies.set(clean.agencies)
    audit_record(
        actor=actor,
        action="bulletin.created",
        obj=bulletin,
        summary={"kind": bulletin.kind, "title": bulletin.title, "audience": bulletin.audience_type},
    )
    return bulletin


def _notify_recipients(bulletin: Bulletin, agency_ids: list[int], kind: str, title: str, body: str, *, actor) -> None:
    """One job row for every recipient agency; the worker composes the inbox and e-mail rows after
    commit (notify_later)."""
    notify_later(
        agency_ids=agency_ids, roles=all_roles(), kind=kind, title=title, body=body, link=_link(bulletin), actor=actor
    )


def _own_receipt(actor, bulletin) -> BulletinRecipient | None:
    """The actor's agency's receipt, with what its answer shows (the issuer never has one)."""
    if actor.agency_id is None or actor.agency_id == bulletin.issuer_id:
        return None
    return (
        BulletinRecipient.objects.select_related("agency", "read_by", "acknowledged_by")
        .filter(bulletin=bulletin, agency_id=actor.agency_id)
        .first()
    )


def _note(value, *, field: str, message) -> str:
    text = str(value or "").strip()
    if len(text) > NOTE_MAX:
        raise InvalidInput(message, details={"field": field})
    return text


# --- the moves: each applies one action to the locked bulletin and returns the audit row to write --------

Audit = tuple[str, dict]


def _edit(
    bulletin: Bulletin, *, actor, receipt, now, changes: dict | None = None, upload=None, name: str = ""
) -> Audit:
    """Changes some fields of the draft (checked as a whole), or attaches one file to it (size and type
    checked before anything is written)."""
    if upload is None:
        clean = clean_draft(draft_with(draft_of(bulletin), changes or {}))
        _apply(bulletin, clean)
        bulletin.save()
        bulletin.audience_agencies.set(clean.agencies)
        return "bulletin.updated", {"fields": sorted(changes or {})}
    checked = files.check_file(content=files.read_limited(upload), name=name)
    if bulletin.attachments.filter(sha256=checked.sha256).exists():
        raise Conflict(_("该附件已上传。"), code="attachment_exists", details={"sha256": checked.sha256})
    if bulletin.attachments.count() >= ATTACHMENTS_MAX:
        raise InvalidInput(_("每份通报最多 %(max)s 个附件。") % {"max": ATTACHMENTS_MAX}, details={"field": "file"})
    files.store(checked)
    BulletinAttachment.objects.create(
        bulletin=bulletin,
        sha256=checked.sha256,
        size=checked.size,
        content_type=checked.content_type,
        display_name=checked.display_name,
        uploaded_by=actor,
    )
    return "bulletin.attachment_added", {"sha256": checked.sha256, "size": checked.size, "name": checked.display_name}


def _publish(bulletin: Bulletin, *, actor, receipt, now) -> Audit:
    """Fixes the recipients from the audience as it is now, numbers the bulletin and notifies them (the
    transition saves the bulletin with its new status)."""
    clean_draft(draft_of(bulletin))  # a deadline may have passed since the draft was saved
    agency_ids = recipient_agency_ids(actor=actor, bulletin=bulletin)
    if not agency_ids:
        raise InvalidInput(_("发送范围内没有可接收的机构。"), code="empty_audience", details={"field": "audience_type"})
    bulletin.doc_number = document_number_next(agency=bulletin.issuer, kind="bulletin", on=now)
    bulletin.published_at, bulletin.published_by = now, actor
    BulletinRecipient.objects.bulk_create([BulletinRecipient(bulletin=bulletin, agency_id=pk) for pk in agency_ids])
    title = _("执法通报：%(title)s") % {"title": bulletin.title}
    body = _("%(issuer)s 发布了执法通报（%(number)s）。") % {
        "issuer": bulletin.issuer.name,
        "number": bulletin.doc_number,
    }
    if bulletin.requires_ack:
        body += _("请于 %(date)s 前确认。") % {"date": chinese_date(bulletin.ack_due_on)}
    _notify_recipients(bulletin, agency_ids, "bulletin.published", title, body, actor=actor)
    return "bulletin.published", {"doc_number": bulletin.doc_number, "recipients": len(agency_ids)}


def _withdraw(bulletin: Bulletin, *, actor, receipt, now, reason: str = "") -> Audit:
    reason = " ".join(str(reason or "").split())
    if len(reason) > NOTE_MAX:
        raise InvalidInput(_("撤回原因不超过 500 字。"), details={"field": "reason"})
    bulletin.withdrawn_at, bulletin.withdrawn_by, bulletin.withdraw_reason = (
        now,
        actor,
        reason,
    )  # saved by the transition
    agency_ids = list(bulletin.recipients.values_list("agency_id", flat=True))
    title = _("执法通报已撤回：%(title)s") % {"title": bulletin.title}
    body = _("%(issuer)s 撤回了通报 %(number)s。%(reason)s") % {
        "issuer": bulletin.issuer.name,
        "number": bulletin.doc_number,
        "reason": reason,
    }
    _notify_recipients(bulletin, agency_ids, "bulletin.withdrawn", title, body, actor=actor)
    return "bulletin.withdrawn", {"reason": reason}


def _read(bulletin: Bulletin, *, actor, receipt, now) -> Audit | None:
    """The agency's read receipt: the first opener only (a conditional update, so never twice)."""
    updated = BulletinRecipient.objects.filter(pk=receipt.pk, read_at__isnull=True).update(read_at=now, read_by=actor)
    if not updated:
        return None
    receipt.read_at, receipt.read_by = now, actor
    return "bulletin.read", {"agency": actor.agency_id}


def _acknowledge(bulletin: Bulletin, *, actor, receipt, now, note: str = "") -> Audit:
    """The agency's confirmation. Allowed after the deadline, but then marked late."""
    if not bulletin.requires_ack:
        raise Conflict(_("该通报不需要确认。"), code="ack_not_required")
    note = _note(note, field="note", message=_("确认意见不超过 500 字。"))
    # The receipt was read under the bulletin's row lock: a concurrent acknowledgement waits for it.
    if receipt.acknowledged_at is not None:
        raise Conflict(_("本机构已确认该通报。"), code="already_acknowledged")
    receipt.acknowledged_at, receipt.acknowledged_by, receipt.ack_note = now, actor, note
    receipt.ack_late = timezone.localdate(now) > bulletin.ack_due_on
    if receipt.read_at is None:
        receipt.read_at, receipt.read_by = now, actor
    receipt.save()
    return "bulletin.acknowledged", {"agency": actor.agency_id, "late": receipt.ack_late}


_MOVES = {
    BulletinAction.EDIT: (_edit, {"changes", "upload", "name"}),
    BulletinAction.PUBLISH: (_publish, set()),
    BulletinAction.WITHDRAW: (_withdraw, {"reason"}),
    BulletinAction.READ: (_read, set()),
    BulletinAction.ACKNOWLEDGE: (_acknowledge, {"note"}),
}


def _require_side(actor, bulletin: Bulletin, *, side: str, action: str) -> BulletinRecipient | None:
    """403 unless the actor may make a move of `side`; a recipient's move returns its agency's receipt."""
    if side == Side.ISSUER:
        if not may_manage(actor, bulletin):
            raise PermissionDenied(_("只有发布机构具有发布权限的人员可以执行此操作。"))
        return None
    receipt = _own_receipt(actor, bulletin)
    if receipt is None or (action == BulletinAction.ACKNOWLEDGE and not may_acknowledge(actor)):
        raise PermissionDenied(
            _("只有接收机构的执法或发布人员可以确认通报。") if action == BulletinAction.ACKNOWLEDGE else None
        )
    return receipt


@transaction.atomic
def bulletin_transition(*, actor, public_id, action: str, **payload) -> Bulletin:
    """Runs one move of the table on a bulletin: 422 unknown_action before anything is read; 404 when
    the actor cannot see it; 403 when the actor may not make the move (the issuer's publishers edit,
    publish and withdraw; members of a receiving agency read and acknowledge); 409 when the move is not
    allowed from its status (checked under the row lock, so of two concurrent publications one wins);
    422 on a bad payload. Payload: edit — `changes` (draft fields) or `upload` and `name` (a file);
    withdraw — `reason`; acknowledge — `note`."""
    action = TRANSITIONS.require_action(action)
    step, accepted = _MOVES[BulletinAction(action)]
    unexpected = sorted(set(payload) - accepted)
    if unexpected:
        raise InvalidInput(code="unexpected_field", details={"field": unexpected[0], "action": action})
    bulletin = bulletin_get_for_update(actor=actor, public_id=public_id)
    # Who before what (as the pages have always answered): 403 for an actor who may not make this
    # move at all, then 409 when the bulletin's status does not allow it.
    receipt = _require_side(actor, bulletin, side=TRANSITIONS.side_of(action), action=action)
    move = TRANSITIONS.move(bulletin.status, action)
    audited = step(bulletin, actor=actor, receipt=receipt, now=timezone.now(), **payload)
    if not move.keeps_status:
        bulletin.status = move.target
        bulletin.save()  # with what the step changed (publish, withdraw): one UPDATE
    if audited is not None:
        code, summary = audited
        audit_record(actor=actor, action=code, obj=bulletin, summary=summary)
    bulletin.my_receipt = receipt  # the actor's agency's receipt, for the answer (None for the issuer)
    return bulletin


def bulletin_update(*, actor, public_id, changes: dict) -> Bulletin:
    """Changes some fields of a draft; the result is checked as a whole."""
    return bulletin_transition(actor=actor, public_id=public_id, action=BulletinAction.EDIT, changes=changes)


@transaction.atomic
def bulletin_attachment_add(*, actor, public_id, name: str, uploaded) -> BulletinAttachment:
    """Attaches a file to a draft (an edit); returns the new attachment."""
    bulletin = bulletin_transition(
        actor=actor, public_id=public_id, action=BulletinAction.EDIT, upload=uploaded, name=name
    )
    return bulletin.attachments.order_by("-id").first()  # the row lock is held: it is the one just added


def bulletin_publish(*, actor, public_id) -> Bulletin:
    return bulletin_transition(actor=actor, public_id=public_id, action=BulletinAction.PUBLISH)


def bulletin_withdraw(*, actor, public_id, reason: str = "") -> Bulletin:
    return bulletin_transition(actor=actor, public_id=public_id, action=BulletinAction.WITHDRAW, reason=reason)


def bulletin_mark_read(*, actor, public_id) -> Bulletin:
    """Opening a bulletin: the bulletin as the actor sees it (404 otherwise). For a member of a
    receiving agency that has not opened it yet, this records the agency's read receipt. The
    agency's receipt comes with it (`my_receipt`, None for anyone else)."""
    bulletin = bulletin_get(actor=actor, public_id=public_id)
    receipt = _own_receipt(actor, bulletin)
    if receipt is not None and receipt.read_at is None:
        return bulletin_transition(actor=actor, public_id=public_id, action=BulletinAction.READ)
    bulletin.my_receipt = receipt
    return bulletin


@transaction.atomic
def bulletin_acknowledge(*, actor, public_id, note: str = "") -> BulletinRecipient:
    """The agency's confirmation (allowed after the deadline, but then marked late); returns its receipt."""
    bulletin = bulletin_transition(actor=actor, public_id=public_id, action=BulletinAction.ACKNOWLEDGE, note=note)
    return bulletin.my_receipt


def bulletin_remind_overdue(*, today: date | None = None) -> int:
    """Reminds each recipient agency whose acknowledgement is overdue, at most once a day per bulletin.
    Safe to run twice or concurrently: each reminder is claimed by a conditional update first."""
    today = today or timezone.localdate()
    open_to_ack = [status for status in BulletinStatus if TRANSITIONS.allows(status, BulletinAction.ACKNOWLEDGE)]
    due = (
        BulletinRecipient.objects.filter(
            bulletin__status__in=open_to_ack,
            bulletin__requires_ack=True,
            bulletin__ack_due_on__lt=today,
            acknowledged_at__isnull=True,
        )
        .exclude(reminded_on=today)
        .select_related("bulletin", "agency")
    )
    sent = 0
    for receipt in due.iterator():
        with transaction.atomic():
            claimed = (
                BulletinRecipient.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True)
                .exclude(reminded_on=today)
                .update(reminded_on=today)
            )
            if not claimed:
                continue
            bulletin = receipt.bulletin
            notify_agency_roles(
                agency=receipt.agency,
                roles=acknowledging_roles(),
                kind="bulletin.ack_overdue",
                title=_("通报确认已逾期：%(title)s") % {"title": bulletin.title},
                body=_("通报 %(number)s 要求于 %(date)s 前确认，贵单位尚未确认，请尽快处理。")
                % {"number": bulletin.doc_number, "date": chinese_date(bulletin.ack_due_on)},
                link=_link(bulletin),
            )
            audit_record(
                actor=None,
                action="bulletin.ack_reminded",
                obj=bulletin,
                summary={"agency": receipt.agency_id, "due": bulletin.ack_due_on},
            )
            sent += 1
    return sent
