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
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("所在区划")
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级机构")
    )
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


class DivisionNameGram(models.Model):
    """Search index: every 1- and 2-character piece of a division's name, so a substring search is an
    indexed equality lookup instead of a `LIKE '%…%'` scan (maintained by services.py)."""

    division = models.ForeignKey(Division, on_delete=models.CASCADE, related_name="name_grams")
    gram = models.CharField(max_length=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gram", "division"], name="directory_divisiongram_unique")]

    def __str__(self) -> str:
        return self.gram


class AgencyNameGram(models.Model):
    """Same index for agency names and short names."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="name_grams")
    gram = models.CharField(max_length=2)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gram", "agency"], name="directory_agencygram_unique")]

    def __str__(self) -> str:
        return self.gram


class ZoneKind(models.TextChoices):
    DEMONSTRATION_ZONE = "demonstration_zone", _("一体化示范区")
    PILOT_AREA = "pilot_area", _("先行启动区")
    ADJACENT_AREA = "adjacent_area", _("省际毗邻区")


class Zone(TimestampedModel):
    """A collaboration area. The 省际毗邻区 has no fixed members: it is the set of AdjacentPair rows."""

    kind = models.CharField(_("类型"), max_length=32, choices=ZoneKind.choices, unique=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    description = models.TextField(_("说明"), blank=True)
    members = models.ManyToManyField(Division, related_name="zones", blank=True, verbose_name=_("成员区划"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("协作区域")
        verbose_name_plural = _("协作区域")

    def __str__(self) -> str:
        return self.name


class AdjacentPair(TimestampedModel):
    """Two county-level divisions in different provinces that share a border. Stored with
    division_a.code < division_b.code so each pair exists once."""

    division_a = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("区划甲"))
    division_b = models.ForeignKey(Division, on_delete=models.PROTECT, related_name="+", verbose_name=_("区划乙"))
    note = models.CharField(_("备注"), max_length=200, blank=True)

    class Meta:
        ordering = ["division_a_id", "division_b_id"]
        constraints = [
            models.UniqueConstraint(fields=["division_a", "division_b"], name="directory_adjacentpair_unique"),
            models.CheckConstraint(
                condition=models.Q(division_a__lt=models.F("division_b")), name="directory_adjacentpair_ordered"
            ),
        ]
        verbose_name = _("毗邻区划对")
        verbose_name_plural = _("毗邻区划对")

    def __str__(self) -> str:
        return f"{self.division_a.name}—{self.division_b.name}"


class MechanismRole(models.TextChoices):
    LEAD_UNIT = "lead_unit", _("牵头单位")
    MEMBER_UNIT = "member_unit", _("成员单位")
    LIAISON_GROUP = "liaison_group", _("联络工作小组")


class MechanismMembership(TimestampedModel):
    """An agency's role in the 2020 collaboration mechanism."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="mechanism_roles", verbose_name=_("机构"))
    role = models.CharField(_("角色"), max_length=32, choices=MechanismRole.choices)
    position = models.CharField(_("职责"), max_length=32, blank=True)

    class Meta:
        ordering = ["role", "agency__division_id"]
        constraints = [models.UniqueConstraint(fields=["agency", "role"], name="directory_mechanism_unique")]
        verbose_name = _("机制成员")
        verbose_name_plural = _("机制成员")


class Pairing(TimestampedModel):
    """结对共建: an agreement between two or more agencies."""

    name = models.CharField(_("名称"), max_length=128, unique=True)
    signed_on = models.DateField(_("签署日期"))
    scope = models.TextField(_("共建内容"), blank=True)
    members = models.ManyToManyField(Agency, related_name="pairings", verbose_name=_("结对机构"))

    class Meta:
        ordering = ["-signed_on", "name"]
        verbose_name = _("结对共建")
        verbose_name_plural = _("结对共建")

    def __str__(self) -> str:
        return self.name
