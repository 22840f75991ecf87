"""Shared records of every cross-regional workflow: deadline rules, document-number sequences and
the tracked-item index the command centre supervises."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import ScopedQuerySet


class Workflow(models.TextChoices):
    TRANSFER = "transfer", _("线索移送")
    ASSISTANCE = "assistance", _("协查请求")
    CREDIT_REPAIR = "credit_repair", _("信用修复")


class PeriodUnit(models.TextChoices):
    WORKING_DAY = "working_day", _("工作日")
    CALENDAR_DAY = "calendar_day", _("自然日")


class DeadlineRule(TimestampedModel):
    """How long a step may take. A row without matter is the default; a row for a matter (or its
    parent) overrides it. Every default cites its source."""

    workflow = models.CharField(_("业务"), max_length=16, choices=Workflow.choices)
    step = models.CharField(_("环节"), max_length=32)
    matter = models.ForeignKey(
        "catalogue.Matter",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deadline_rules",
        verbose_name=_("事项"),
    )
    amount = models.PositiveIntegerField(_("期限"))
    unit = models.CharField(pgettext_lazy("period unit", "单位"), max_length=16, choices=PeriodUnit.choices)
    legal_basis = models.CharField(_("依据"), max_length=300)

    class Meta:
        verbose_name = _("期限规则")
        verbose_name_plural = _("期限规则")
        constraints = [
            models.UniqueConstraint(fields=["workflow", "step", "matter"], name="collaboration_rule_unique"),
            models.UniqueConstraint(
                fields=["workflow", "step"],
                condition=models.Q(matter__isnull=True),
                name="collaboration_rule_default_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=1, amount__lte=3650), name="collaboration_rule_amount_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.workflow}.{self.step}: {self.amount} {self.unit}"


class DocumentSequence(models.Model):
    """The last number used per agency, document kind and year (沪青城管协〔2026〕12号)."""

    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16)
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "year"], name="collaboration_docseq_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.year}: {self.last_number}"


class TrackedState(models.TextChoices):
    OPEN = "open", _("办理中")
    CLOSED = "closed", _("已办结")


class TrackedItemQuerySet(ScopedQuerySet):
    """The sending and receiving agencies, every agency above them, and the command centre."""

    scope_fields = ("sender", "receiver")


class TrackedItem(models.Model):
    """One row per cross-regional item, kept in step with it by the workflow's services in the same
    transaction. Supervision lists and the overdue sweep read this one indexed table."""

    kind = models.CharField(_("类型"), max_length=16, choices=Workflow.choices)
    public_id = models.UUIDField(_("事项编号"), unique=True)
    title = models.CharField(_("标题"), max_length=200)
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    sender = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("发起机构")
    )
    receiver = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办机构")
    )
    # Whose move it is now, which step, and by when.
    waiting_on = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("待办机构"),
    )
    step = models.CharField(_("当前环节"), max_length=32, blank=True)
    status_label = models.CharField(_("状态"), max_length=32, blank=True)
    due_at = models.DateTimeField(_("期限"), null=True, blank=True)
    due_provisional = models.BooleanField(_("期限为临时"), default=False)
    state = models.CharField(_("办理状态"), max_length=8, choices=TrackedState.choices, default=TrackedState.OPEN)
    escalation_level = models.PositiveSmallIntegerField(_("督办级别"), default=0)
    escalated_at = models.DateTimeField(_("最近督办"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TrackedItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("协作事项")
        verbose_name_plural = _("协作事项")
        indexes = [
            models.Index(fields=["state", "due_at"], name="collab_tracked_open_due_idx"),
            models.Index(fields=["waiting_on", "state", "due_at"], name="collab_tracked_waiting_idx"),
            # the open pipeline of the cockpit as an index-only scan of the open items (ADR 0028)
            models.Index(
                fields=["receiver", "waiting_on", "sender", "due_at", "escalation_level"],
                condition=models.Q(state=TrackedState.OPEN),
                name="collab_tracked_open_cover_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.doc_number or self.title
