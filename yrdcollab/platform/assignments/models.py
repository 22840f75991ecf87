"""承办: which officer of the holding agency handles an item. One current row per item (ended_at is
null); a reassignment ends it and adds the next, so the history stays."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Assignment(models.Model):
    kind = models.CharField(_("事项类型"), max_length=32)  # a kind registered in registry.py
    subject_id = models.UUIDField(_("事项编号"))
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("承办机构")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("承办人")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("分派人")
    )
    assigned_at = models.DateTimeField(_("分派时间"))
    note = models.CharField(_("分派说明"), max_length=500, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-id"]
        verbose_name = _("承办分派")
        verbose_name_plural = _("承办分派")
        indexes = [
            models.Index(fields=["assignee", "ended_at"], name="assignment_assignee_idx"),
            models.Index(fields=["kind", "subject_id"], name="assignment_subject_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "subject_id"],
                condition=models.Q(ended_at__isnull=True),
                name="assignment_one_current_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.subject_id} → {self.assignee_id}"
