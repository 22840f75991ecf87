"""The catalogue of joint measures (联合惩戒措施) and the measures agencies applied."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel

from ..states import MeasureStatus
from .lists import SeriousListEntry
from .querysets import CreditQuerySet
from .records import CreditRecord


class JointMeasure(models.Model):
    """A 联合惩戒措施 in the catalogue (data/credit/measures.json, loaded by `load_credit_measures`)."""

    code = models.CharField(_("措施代码"), max_length=32, unique=True)
    name = models.CharField(_("措施名称"), max_length=100)
    description = models.CharField(_("说明"), max_length=500, blank=True)
    legal_basis = models.CharField(_("依据"), max_length=300, blank=True)
    # The severities it may follow ("minor", "general", "serious") and, optionally, only on the list.
    severities = models.JSONField(_("适用失信程度"), default=list)
    serious_list_only = models.BooleanField(_("仅适用于严重失信主体"), default=False)
    # Matter codes or code prefixes it is limited to; empty = every matter.
    matter_codes = models.JSONField(_("适用事项"), default=list, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("联合惩戒措施")
        verbose_name_plural = _("联合惩戒措施")

    def __str__(self) -> str:
        return self.name


class AppliedMeasure(TimestampedModel):
    """A measure an agency applied to a subject because of a record (or a list entry)."""

    measure = models.ForeignKey(
        JointMeasure, on_delete=models.PROTECT, related_name="applications", verbose_name=_("惩戒措施")
    )
    subject = models.ForeignKey("parties.Party", on_delete=models.PROTECT, related_name="+", verbose_name=_("信用主体"))
    record = models.ForeignKey(
        CreditRecord,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("依据的信用记录"),
    )
    list_entry = models.ForeignKey(
        SeriousListEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("依据的名单"),
    )
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("实施机构")
    )
    status = models.CharField(_("状态"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.IN_FORCE)
    applied_on = models.DateField(_("实施日期"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("经办人")
    )
    note = models.CharField(_("备注"), max_length=500, blank=True)
    lift_required_at = models.DateTimeField(_("应解除时间"), null=True, blank=True)
    lift_reason = models.CharField(_("解除原因"), max_length=16, blank=True)  # repaired / expired / removed
    lifted_at = models.DateTimeField(_("解除时间"), null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("解除人"),
    )

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]
        verbose_name = _("已实施的惩戒措施")
        verbose_name_plural = _("已实施的惩戒措施")
        indexes = [
            models.Index(fields=["subject", "status"], name="credit_measure_subject_idx"),
            models.Index(fields=["agency", "status"], name="credit_measure_agency_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(record__isnull=False) | models.Q(list_entry__isnull=False),
                name="credit_measure_has_basis",
            ),
            models.UniqueConstraint(
                fields=["measure", "record", "agency"],
                condition=models.Q(status__in=["in_force", "lift_required"]),
                name="credit_measure_once_per_record",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_id} → {self.subject_id}"
