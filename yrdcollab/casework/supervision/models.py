"""Supervision (督办): the escalations the overdue sweep records and the supervision orders the
command centre issues on a tracked item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import ScopedQuerySet

from .states import OrderStatus


class SupervisionOrderQuerySet(ScopedQuerySet):
    """The parties of the item, the agencies above them, and the command centre see an order."""

    scope_fields = ("tracked_item__sender", "tracked_item__receiver")


class SupervisionOrder(TimestampedModel):
    """督办单: the command centre's written instruction on one item, with its own deadline."""

    doc_number = models.CharField(_("督办文号"), max_length=64)
    tracked_item = models.ForeignKey(
        "collaboration.TrackedItem",
        on_delete=models.PROTECT,
        related_name="supervision_orders",
        verbose_name=_("协作事项"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("签发人")
    )
    issuing_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("督办机构")
    )
    instructions = models.TextField(_("督办要求"), max_length=2000)
    due_on = models.DateField(_("督办期限"))
    status = models.CharField(_("状态"), max_length=16, choices=OrderStatus.choices, default=OrderStatus.ISSUED)
    reply = models.TextField(_("办理情况"), max_length=2000, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("回复人"),
    )
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = SupervisionOrderQuerySet.as_manager()

    class Meta:
        verbose_name = _("督办单")
        verbose_name_plural = _("督办单")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "due_on"], name="supervision_order_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in OrderStatus]), name="supervision_order_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.doc_number


class EventKind(models.TextChoices):
    ESCALATED = "escalated", _("超期自动督办")
    ORDER_ISSUED = "order_issued", _("签发督办单")
    ORDER_REPLIED = "order_replied", _("回复督办单")
    ORDER_CLOSED = "order_closed", _("督办单办结")


class SupervisionEvent(models.Model):
    """One line of an item's supervision history. Escalations are written in bulk by the sweep."""

    tracked_item = models.ForeignKey(
        "collaboration.TrackedItem",
        on_delete=models.CASCADE,
        related_name="supervision_events",
        verbose_name=_("协作事项"),
    )
    kind = models.CharField(_("类型"), max_length=16, choices=EventKind.choices)
    level = models.PositiveSmallIntegerField(_("督办级别"), default=0)
    due_at = models.DateTimeField(_("所督期限"), null=True, blank=True)
    waiting_on = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("待办机构"),
    )
    order = models.ForeignKey(
        SupervisionOrder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("督办单"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("操作人"),
    )
    occurred_at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("督办记录")
        verbose_name_plural = _("督办记录")
        ordering = ["occurred_at", "id"]
        indexes = [models.Index(fields=["tracked_item", "occurred_at"], name="supervision_event_item_idx")]

    def __str__(self) -> str:
        return f"{self.kind}@{self.tracked_item_id}"
