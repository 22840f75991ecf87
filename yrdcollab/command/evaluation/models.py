"""Indicators as versioned, cited configuration, and evaluation runs whose scores are snapshots: a
score keeps the version it was computed under and the measure values it used, so it can be shown and
recomputed the same way after the indicator has moved on to a new formula."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    PERCENT = "%", _("百分比")
    HOURS = "h", _("小时")
    DAYS = "d", _("天")
    COUNT = "count", _("个数")


class Direction(models.TextChoices):
    HIGHER = "higher", _("越高越好")
    LOWER = "lower", _("越低越好")


class DataWindow(models.TextChoices):
    PERIOD = "period", _("评价期间")
    TRAILING_QUARTER = "trailing_3m", _("截至期末的近3个月")
    TRAILING_YEAR = "trailing_12m", _("截至期末的近12个月")


WINDOW_MONTHS = {DataWindow.TRAILING_QUARTER: 3, DataWindow.TRAILING_YEAR: 12}


class Indicator(models.Model):
    code = models.SlugField(_("代码"), max_length=32, unique=True)
    name = models.CharField(_("名称"), max_length=64, unique=True)
    unit = models.CharField(_("单位"), max_length=8, choices=Unit.choices)
    direction = models.CharField(_("方向"), max_length=8, choices=Direction.choices)
    reason = models.TextField(_("设置理由与依据"), max_length=2000)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("评价指标")
        verbose_name_plural = _("评价指标")

    def __str__(self) -> str:
        return self.name


class IndicatorVersion(models.Model):
    """One formula of an indicator. Never edited: a change is a new version. `frozen_at` marks the
    first evaluation run that used it."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveSmallIntegerField(_("版本"))
    formula = models.CharField(_("公式"), max_length=300)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2)
    target = models.DecimalField(_("目标值"), max_digits=12, decimal_places=2, null=True, blank=True)
    data_window = models.CharField(_("数据窗口"), max_length=16, choices=DataWindow.choices, default=DataWindow.PERIOD)
    effective_from = models.DateField(_("生效日期"))
    note = models.CharField(_("修订说明"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    frozen_at = models.DateTimeField(_("冻结时间"), null=True, blank=True)

    class Meta:
        ordering = ["indicator__position", "number"]
        verbose_name = _("指标版本")
        verbose_name_plural = _("指标版本")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "number"], name="evaluation_version_unique"),
            models.CheckConstraint(condition=models.Q(weight__gte=0, weight__lte=100), name="evaluation_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} v{self.number}"


class EvaluationRun(models.Model):
    """One evaluation of one period, under the versions it names; its scores never change."""

    public_id = models.UUIDField(_("编号"), unique=True)
    period = models.CharField(_("评价期间"), max_length=8)
    computed_at = models.DateTimeField(_("计算时间"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    versions = models.ManyToManyField(IndicatorVersion, related_name="runs", verbose_name=_("指标版本"))

    class Meta:
        ordering = ["-computed_at", "-id"]
        verbose_name = _("评价快照")
        verbose_name_plural = _("评价快照")

    def __str__(self) -> str:
        return f"{self.period} @ {self.computed_at:%Y-%m-%d %H:%M}"


class Score(models.Model):
    """The score of one agency (or one province, `region`, or the whole, both empty) under one version."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="scores")
    version = models.ForeignKey(IndicatorVersion, on_delete=models.PROTECT, related_name="scores")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    region = models.CharField(_("省级区划代码"), max_length=6, blank=True)
    period = models.CharField(_("评价期间"), max_length=8)
    numerator = models.FloatField(null=True, blank=True)
    denominator = models.FloatField(null=True, blank=True)
    value = models.FloatField(_("结果"), null=True, blank=True)
    measures = models.JSONField(_("基础指标取值"), default=dict)
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        ordering = ["version__indicator__position", "region", "agency_id"]
        verbose_name = _("评价结果")
        verbose_name_plural = _("评价结果")
        indexes = [models.Index(fields=["agency", "period"], name="evaluation_score_agency_idx")]

    def __str__(self) -> str:
        return f"{self.version} {self.agency_id or self.region or '*'} {self.period}: {self.value}"


class MeasureMonth(models.Model):
    """What a base measure (or a part of one, measures.PARTS) settled at for one agency in one month:
    a count, or a summed duration in microseconds (exact, so twelve months add up to the year). Only
    records that can no longer change are in it (sources.Monthly); written by measure_months_refresh."""

    month = models.DateField(_("月份"))  # its first day
    measure = models.CharField(_("基础指标"), max_length=32)
    agency = models.ForeignKey("directory.Agency", on_delete=models.CASCADE, related_name="+")
    value = models.BigIntegerField(_("取值"))
    computed_at = models.DateTimeField(_("计算时间"))

    class Meta:
        verbose_name = _("月度基础指标")
        verbose_name_plural = _("月度基础指标")
        constraints = [
            models.UniqueConstraint(fields=["month", "measure", "agency"], name="evaluation_measure_month_unique")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.measure} {self.agency_id}: {self.value}"


class MeasureMonthSource(models.Model):
    """That a source's month is in the table: when it was computed and from which definition of its
    measures (a changed definition makes the month live until it is computed again)."""

    source = models.CharField(_("数据来源"), max_length=16)
    month = models.DateField(_("月份"))
    computed_at = models.DateTimeField(_("计算时间"))
    definition = models.CharField(_("口径指纹"), max_length=64)

    class Meta:
        verbose_name = _("月度基础指标来源")
        verbose_name_plural = _("月度基础指标来源")
        constraints = [
            models.UniqueConstraint(fields=["source", "month"], name="evaluation_measure_month_source_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.month:%Y-%m} @ {self.computed_at:%Y-%m-%d %H:%M}"


class MeasureMonthOpen(models.Model):
    """A record of a source's month that could still change when the month was computed (not settled):
    counted live, by id, with the state it has when the evaluation runs."""

    source = models.CharField(_("数据来源"), max_length=16)
    month = models.DateField(_("月份"))
    record_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("月度未定记录")
        verbose_name_plural = _("月度未定记录")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "month", "record_id"], name="evaluation_measure_month_open_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.month:%Y-%m} #{self.record_id}"
