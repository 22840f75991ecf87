"""信用修复 applications, filed at any window and routed to the determining agency, with their files
and history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.personal_data import EncryptedCharField

from ..states import RepairStatus
from .lists import SeriousListEntry
from .querysets import RepairApplicationQuerySet
from .records import CreditRecord


class RepairApplication(TimestampedModel):
    """异地信用修复: filed at any agency's window, decided by the determining agency (谁认定、谁修复)."""

    number = models.CharField(_("申请编号"), max_length=64, unique=True)
    subject = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("信用主体"))
    # Exactly one target: a record (终止公示) or a list entry (移出名单).
    record = models.ForeignKey(
        CreditRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_applications",
        verbose_name=_("申请修复的信用记录"),
    )
    list_entry = models.ForeignKey(
        SeriousListEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repair_applications",
        verbose_name=_("申请移出的名单"),
    )
    filed_at = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("受理窗口机构")
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("窗口经办人")
    )
    determining_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机构")
    )
    applicant_name = models.CharField(_("申请人（经办人）姓名"), max_length=64)
    applicant_phone = EncryptedCharField(_("联系电话"), max_length=20, blank=True)
    obligations_performed = models.BooleanField(_("已履行法定义务"), default=False)
    statement = models.TextField(_("纠正失信行为情况说明"), max_length=2000, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RepairStatus.choices, default=RepairStatus.SUBMITTED)
    accept_due_at = models.DateTimeField(_("受理期限"), null=True, blank=True)
    accept_due_provisional = models.BooleanField(default=False)
    decide_due_at = models.DateTimeField(_("决定期限"), null=True, blank=True)
    decide_due_provisional = models.BooleanField(default=False)
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("认定机构经办人"),
    )
    reason = models.CharField(_("不予受理/不予修复理由"), max_length=1000, blank=True)
    certificate_number = models.CharField(_("信用修复决定书文号"), max_length=64, blank=True)

    objects = RepairApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("信用修复申请")
        verbose_name_plural = _("信用修复申请")
        indexes = [
            models.Index(fields=["determining_agency", "status"], name="credit_repair_target_idx"),
            models.Index(fields=["filed_at", "status"], name="credit_repair_window_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(record__isnull=False, list_entry__isnull=True)
                    | models.Q(record__isnull=True, list_entry__isnull=False)
                ),
                name="credit_repair_one_target",
            ),
            # One open application per target.
            models.UniqueConstraint(
                fields=["record"],
                condition=models.Q(status__in=["submitted", "accepted"]),
                name="credit_repair_one_open_per_record",
            ),
            models.UniqueConstraint(
                fields=["list_entry"],
                condition=models.Q(status__in=["submitted", "accepted"]),
                name="credit_repair_one_open_per_entry",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class AttachmentKind(models.TextChoices):
    COMMITMENT = "commitment", _("信用承诺书")
    OBLIGATION_PROOF = "obligation_proof", _("履行义务证明")
    OTHER = "other", _("其他材料")


class RepairAttachment(TimestampedModel):
    """A file of an application, kept in the content-addressed store (evidence.store)."""

    application = models.ForeignKey(
        RepairApplication, on_delete=models.PROTECT, related_name="attachments", verbose_name=_("修复申请")
    )
    kind = models.CharField(_("材料类型"), max_length=16, choices=AttachmentKind.choices)
    filename = models.CharField(_("文件名"), max_length=200)
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("上传人")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("修复申请材料")
        verbose_name_plural = _("修复申请材料")


class RepairEvent(models.Model):
    """Timeline of an application: filed, routed, accepted/rejected, approved/denied."""

    application = models.ForeignKey(RepairApplication, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("操作人")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("机构")
    )
    action = models.CharField(_("动作"), max_length=32)
    note = models.CharField(_("说明"), max_length=1000, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.action}"
