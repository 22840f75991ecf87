"""Divisions (GB/T 2260) and the enforcement agencies attached to them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    PREFECTURE = "prefecture", _("地级")
    COUNTY = "county", _("县级")
    TOWN = "town", _("乡镇/街道")


class Division(models.Model):
    """An administrative division. The 6-digit GB/T 2260 code (9 digits for towns) is its key."""

    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=64, db_index=True)
    level = models.CharField(_("层级"), max_length=16, choices=DivisionLevel.choices)
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    province_code = models.CharField(_("省级代码"), max_length=6, db_index=True)
    is_active = models.BooleanField(_("现行有效"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class AgencyLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    DISTRICT = "district", _("区县级")
    SQUAD = "squad", _("中队/街镇")


class Agency(TimestampedModel):
    """An enforcement body: a provincial authority, a city or district bureau, a squad."""

    name = models.CharField(_("机构名称"), max_length=128, unique=True)
    short_name = models.CharField(_("简称"), max_length=32, blank=True)
    level = models.CharField(_("层级"), max_length=16, choices=AgencyLevel.choices)
    division = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("所在区划"))
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
                               verbose_name=_("上级机构"))
    # Abbreviation used in official document numbers, e.g. 沪青城管 in 沪青城管协〔2026〕12号.
    doc_prefix = models.CharField(_("文号机关代字"), max_length=16, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["division_id", "name"]
        verbose_name = _("执法机构")
        verbose_name_plural = _("执法机构")

    def __str__(self) -> str:
        return self.name
