"""The two-level catalogue of urban-management matters (事项目录). Every clue, request and later
event points into it. Data-driven: administrators edit it; codes never change meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel


class Matter(TimestampedModel):
    code = models.CharField(_("事项编码"), max_length=16, unique=True)
    name = models.CharField(_("事项名称"), max_length=64)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级事项")
    )
    description = models.CharField(_("说明"), max_length=500, blank=True)
    legal_basis = models.CharField(_("主要法律依据"), max_length=500, blank=True)
    # Which statutory scope puts the matter with urban-management enforcement (中发〔2015〕37号, 沪条例第十一条).
    scope_ref = models.CharField(_("执法范围依据"), max_length=300, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("事项")
        verbose_name_plural = _("事项")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def level(self) -> int:
        return 1 if self.parent_id is None else 2
