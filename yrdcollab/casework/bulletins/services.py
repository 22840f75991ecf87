"""Writes of the bulletin workflow. Each runs in one transaction, audits, and notifies on commit."""

from datetime import date
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.dates import chinese_date
from yrdcollab.core.errors import Conflict, InvalidInput, PermissionDenied
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_agencies_roles, notify_agency_roles

from . import files
from .audience import BulletinDraft, clean_draft, draft_of, draft_with, recipient_agency_ids
from .models import Bulletin, BulletinAttachment, BulletinRecipient
from .permissions import acknowledging_roles, all_roles, may_acknowledge, may_draft, may_manage
from .selectors import bulletin_get
from .states import BulletinAction, BulletinStatus, next_status

ATTACHMENTS_MAX = 20


def _locked(*, actor, public_id) -> Bulletin:
    """The bulletin as the actor sees it (404 otherwise), then re-read under a row lock."""
    visible = bulletin_get(actor=actor, public_id=public_id)
    return (Bulletin.objects.select_for_update(of=("self",)).select_related("issuer", "audience_zone")
            .get(pk=visible.pk))


def _require_manage(actor, bulletin) -> None:
    if not may_manage(actor, bulletin):
        raise PermissionDenied(_("只有发布机构具有发布权限的人员可以执行此操作。"))


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
    audit_record(actor=actor, action="bulletin.created", obj=bulletin,
                 summary={"kind": bulletin.kind, "title": bulletin.title, "audience": bulletin.audience_type})
    return bulletin


@transaction.atomic
def bulletin_update(*, actor, public_id, changes: dict) -> Bulletin:
    """Changes some fields of a draft; the result is checked as a whole."""
    bulletin = _locked(actor=actor, public_id=public_id)
    _require_manage(actor, bulletin)
    next_status(bulletin.status, BulletinAction.EDIT)
    clean = clean_draft(draft_with(draft_of(bulletin), changes))
    _apply(bulletin, clean)
    bulletin.save()
    bulletin.audience_agencies.set(clean.agencies)
    audit_record(actor=actor, action="bulletin.updated", obj=bulletin, summary={"fields": sorted(changes)})
    return bulletin


@transaction.atomic
def bulletin_attachment_add(*, actor, public_id, name: str, uploaded) -> BulletinAttachment:
    """Attaches a file to a draft. Size and type are checked before anything is written."""
    bulletin = _locked(actor=actor, public_id=public_id)
    _require_manage(actor, bulletin)
    next_status(bulletin.status, BulletinAction.EDIT)
    checked = files.check_file(content=files.read_limited(uploaded), name=name)
    if bulletin.attachments.filter(sha256=checked.sha256).exists():
        raise Conflict(_("该附件已上传。"), code="attachment_exists", details={"sha256": checked.sha256})
    if bulletin.attachments.count() >= ATTACHMENTS_MAX:
        raise InvalidInput(_("每份通报最多 %(max)s 个附件。") % {"max": ATTACHMENTS_MAX},
                           details={"field": "file"})
    files.store(checked)
    attachment = BulletinAttachment.objects.create(
        bulletin=bulletin, sha256=checked.sha256, size=checked.size, content_type=checked.content_type,
        display_name=checked.display_name, uploaded_by=actor)
    audit_record(actor=actor, action="bulletin.attachment_added", obj=bulletin,
                 summary={"sha256": checked.sha256, "size": checked.size, "name": checked.display_name})
    return attachment


def _notify_recipients(bulletin_id: int, agency_ids: list[int], kind: str, title: str, body: str,
                       roles: list[str], actor_id: int | None) -> None:
    from django.contrib.auth import get_user_model

    bulletin = Bulletin.objects.get(pk=bulletin_id)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    notify_agencies_roles(agency_ids=agency_ids, roles=roles, kind=kind, title=title, body=body, link=_link(bulletin),
                          actor=actor)


@transaction.atomic
def bulletin_publish(*, actor, public_id) -> Bulletin:
    """Fixes the recipients from the audience as it is now, numbers the bulletin and notifies them."""
    bulletin = _locked(actor=actor, public_id=public_id)
    _require_manage(actor, bulletin)
    bulletin.status = next_status(bulletin.status, BulletinAction.PUBLISH)
    clean_draft(draft_of(bulletin))  # a deadline may have passed since the draft was saved
    agency_ids = recipient_agency_ids(actor=actor, bulletin=bulletin)
    if not agency_ids:
        raise InvalidInput(_("发送范围内没有可接收的机构。"), code="empty_audience",
                           details={"field": "audience_type"})
    now = timezone.now()
    bulletin.doc_number = document_number_next(agency=bulletin.issuer, kind="bulletin", on=now)
    bulletin.published_at, bulletin.published_by = now, actor
    bulletin.save()
    BulletinRecipient.objects.bulk_create([BulletinRecipient(bulletin=bulletin, agency_id=pk) for pk in agency_ids])
    audit_record(actor=actor, action="bulletin.published", obj=bulletin,
                 summary={"doc_number": bulletin.doc_number, "recipients": len(agency_ids)})
    title = _("执法通报：%(title)s") % {"title": bulletin.title}
    body = _("%(issuer)s 发布了执法通报（%(number)s）。") % {"issuer": bulletin.issuer.name,
                                                          "number": bulletin.doc_number}
    if bulletin.requires_ack:
        body += _("请于 %(date)s 前确认。") % {"date": chinese_date(bulletin.ack_due_on)}
    transaction.on_commit(partial(_notify_recipients, bulletin.pk, agency_ids, "bulletin.published", title, body,
                                  all_roles(), actor.pk))
    return bulletin


@transaction.atomic
def bulletin_withdraw(*, actor, public_id, reason: str = "") -> Bulletin:
    bulletin = _locked(actor=actor, public_id=public_id)
    _require_manage(actor, bulletin)
    bulletin.status = next_status(bulletin.status, BulletinAction.WITHDRAW)
    reason = " ".join(str(reason or "").split())
    if len(reason) > 500:
        raise InvalidInput(_("撤回原因不超过 500 字。"), details={"field": "reason"})
    bulletin.withdrawn_at, bulletin.withdrawn_by, bulletin.withdraw_reason = timezone.now(), actor, reason
    bulletin.save()
    audit_record(actor=actor, action="bulletin.withdrawn", obj=bulletin, summary={"reason": reason})
    agency_ids = list(bulletin.recipients.values_list("agency_id", flat=True))
    title = _("执法通报已撤回：%(title)s") % {"title": bulletin.title}
    body = _("%(issuer)s 撤回了通报 %(number)s。%(reason)s") % {
        "issuer": bulletin.issuer.name, "number": bulletin.doc_number, "reason": reason}
    transaction.on_commit(partial(_notify_recipients, bulletin.pk, agency_ids, "bulletin.withdrawn", title, body,
                                  all_roles(), actor.pk))
    return bulletin


def _own_receipt(actor, bulletin) -> BulletinRecipient | None:
    if actor.agency_id is None:
        return None
    return BulletinRecipient.objects.filter(bulletin=bulletin, agency_id=actor.agency_id).first()


@transaction.atomic
def bulletin_mark_read(*, actor, public_id) -> Bulletin:
    """Opening a received bulletin records the agency's read receipt (first opener only). Returns the
    bulletin; for anyone else (issuer, command centre) it only checks visibility."""
    bulletin = bulletin_get(actor=actor, public_id=public_id)
    receipt = _own_receipt(actor, bulletin)
    if receipt is not None and receipt.read_at is None:
        updated = BulletinRecipient.objects.filter(pk=receipt.pk, read_at__isnull=True).update(
            read_at=timezone.now(), read_by=actor)
        if updated:
            audit_record(actor=actor, action="bulletin.read", obj=bulletin, summary={"agency": actor.agency_id})
    return bulletin


@transaction.atomic
def bulletin_acknowledge(*, actor, public_id, note: str = "") -> BulletinRecipient:
    """The agency's confirmation. Allowed after the deadline, but then marked late."""
    bulletin = _locked(actor=actor, public_id=public_id)
    receipt = _own_receipt(actor, bulletin)
    if receipt is None or not may_acknowledge(actor):
        raise PermissionDenied(_("只有接收机构的执法或发布人员可以确认通报。"))
    next_status(bulletin.status, BulletinAction.ACKNOWLEDGE)
    if not bulletin.requires_ack:
        raise Conflict(_("该通报不需要确认。"), code="ack_not_required")
    note = str(note or "").strip()
    if len(note) > 500:
        raise InvalidInput(_("确认意见不超过 500 字。"), details={"field": "note"})
    receipt = BulletinRecipient.objects.select_for_update().get(pk=receipt.pk)
    if receipt.acknowledged_at is not None:
        raise Conflict(_("本机构已确认该通报。"), code="already_acknowledged")
    now = timezone.now()
    receipt.acknowledged_at, receipt.acknowledged_by, receipt.ack_note = now, actor, note
    receipt.ack_late = timezone.localdate(now) > bulletin.ack_due_on
    if receipt.read_at is None:
        receipt.read_at, receipt.read_by = now, actor
    receipt.save()
    audit_record(actor=actor, action="bulletin.acknowledged", obj=bulletin,
                 summary={"agency": actor.agency_id, "late": receipt.ack_late})
    return receipt


def bulletin_remind_overdue(*, today: date | None = None) -> int:
    """Reminds each recipient agency whose acknowledgement is overdue, at most once a day per bulletin.
    Safe to run twice or concurrently: each reminder is claimed by a conditional update first."""
    today = today or timezone.localdate()
    due = (BulletinRecipient.objects.filter(bulletin__status=BulletinStatus.PUBLISHED, bulletin__requires_ack=True,
                                            bulletin__ack_due_on__lt=today, acknowledged_at__isnull=True)
           .exclude(reminded_on=today).select_related("bulletin", "agency"))
    sent = 0
    for receipt in due.iterator():
        with transaction.atomic():
            claimed = BulletinRecipient.objects.filter(pk=receipt.pk, acknowledged_at__isnull=True).exclude(
                reminded_on=today).update(reminded_on=today)
            if not claimed:
                continue
            bulletin = receipt.bulletin
            notify_agency_roles(
                agency=receipt.agency, roles=acknowledging_roles(), kind="bulletin.ack_overdue",
                title=_("通报确认已逾期：%(title)s") % {"title": bulletin.title},
                body=_("通报 %(number)s 要求于 %(date)s 前确认，贵单位尚未确认，请尽快处理。")
                % {"number": bulletin.doc_number, "date": chinese_date(bulletin.ack_due_on)},
                link=_link(bulletin))
            audit_record(actor=None, action="bulletin.ack_reminded", obj=bulletin,
                         summary={"agency": receipt.agency_id, "due": bulletin.ack_due_on})
            sent += 1
    return sent



