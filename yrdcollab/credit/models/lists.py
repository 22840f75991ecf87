"""The 严重失信主体名单 (serious-list entries)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel

from ..states import ListStatus
from .querysets import SeriousListEntryQuerySet
from .records import CreditRecord


class RemovalReason(models.TextChoices):
    EXPIRY = "expiry", _("期满移出")
    REPAIR = "repair", _("信用修复移出")
    REVOKED = "revoked", _("依法撤销")


class SeriousListEntry(TimestampedModel):
    """严重失信主体名单: proposed, decided and published by the determining agency, removed at expiry
    or by repair. Every step is audited."""

    subject = models.ForeignKey(
        "parties.Party", on_delete=models.PROTECT, related_name="serious_list_entries", verbose_name=_("信用主体")
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("认定机构")
    )
    basis_records = models.ManyToManyField(CreditRecord, related_name="list_entries", verbose_name=_("认定依据"))
    reasons = models.TextField(_("列入事由"), max_length=2000)
    document_number = models.CharField(_("列入决定书文号"), max_length=64, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=ListStatus.choices, default=ListStatus.PROPOSED)
    listed_on = models.DateField(_("列入日期"), null=True, blank=True)
    repairable_from = models.DateField(_("可申请移出日"), null=True, blank=True)
    ends_on = models.DateField(_("期满移出日"), null=True, blank=True)
    removal_reason = models.CharField(_("移出原因"), max_length=16, choices=RemovalReason.choices, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("提出人")
    )
    decided_at = models.DateTimeField(_("决定时间"), null=True, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    removed_at = models.DateTimeField(_("移出时间"), null=True, blank=True)

    objects = SeriousListEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("严重失信主体名单")
        verbose_name_plural = _("严重失信主体名单")
        indexes = [models.Index(fields=["subject", "status"], name="credit_list_subject_idx")]
        constraints = [
            # One open entry per subject and determining agency.
            models.UniqueConstraint(
                fields=["subject", "agency"],
                condition=models.Q(status__in=["proposed", "decided", "published"]),
                name="credit_list_one_open_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_id} @ {self.agency_id} ({self.status})"
