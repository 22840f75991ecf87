"""The credit record a penalty decision leaves, and the publicity regime and severity it is judged by."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel

from ..states import RecordStatus
from .querysets import CreditRecordQuerySet


class Regime(models.TextChoices):
    """Which rules govern a record: chosen by its decision date (see publicity.py)."""

    NDRC_58 = "ndrc58", _("国家发展改革委令第58号（2023）")
    NDRC_36 = "ndrc36", _("国家发展改革委令第36号（2026年4月1日起）")


class Severity(models.TextChoices):
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("严重")


class CreditRecord(TimestampedModel):
    """The credit consequence of one penalty decision. Shared across the regions while it is
    published; after repair or expiry it stays here, marked, as internal history."""

    decision = models.OneToOneField(
        "recognition.PenaltyDecision",
        on_delete=models.PROTECT,
        related_name="credit_record",
        verbose_name=_("处罚决定"),
    )
    # Denormalised from the decision so the cross-region query needs one index and no join.
    subject = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="credit_records", verbose_name=_("信用主体")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机构")
    )
    regime = models.CharField(_("适用规则"), max_length=8, choices=Regime.choices)
    severity = models.CharField(_("失信程度"), max_length=8, choices=Severity.choices)
    # 特种设备、安全生产、消防: a one-year minimum under Order 58.
    special_sector = models.BooleanField(_("特种设备/安全生产/消防领域"), default=False)
    publicity_starts_on = models.DateField(_("公示起始日"))
    # Earliest day an early end (信用修复) may be asked for.
    repairable_from = models.DateField(_("可申请修复日"))
    # First day the record is no longer published (the window is [starts_on, ends_on)); null when
    # it is never published.
    publicity_ends_on = models.DateField(_("公示截止日"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=RecordStatus.choices)
    status_changed_at = models.DateTimeField(_("状态变更时间"))
    repaired_at = models.DateTimeField(_("修复时间"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("登记人"),
    )
    # Where it came from: entered on the platform, or imported from a provincial credit system.
    source = models.CharField(_("来源"), max_length=16, default="platform")

    objects = CreditRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-publicity_starts_on", "-id"]
        verbose_name = _("信用记录")
        verbose_name_plural = _("信用记录")
        indexes = [
            models.Index(fields=["subject", "status"], name="credit_record_subject_idx"),
            models.Index(fields=["status", "publicity_ends_on"], name="credit_record_expiry_idx"),
            models.Index(fields=["updated_at", "id"], name="credit_record_changes_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(repairable_from__gte=models.F("publicity_starts_on")),
                name="credit_record_repairable_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} ({self.status})"

    @property
    def publicity_last_day(self):
        """The last day of publication (the window is half-open), as pages show it."""
        return self.publicity_ends_on - timedelta(days=1) if self.publicity_ends_on else None
