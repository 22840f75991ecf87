"""The working-day calendar as data: one row per year whose official schedule is known, one row per
statutory holiday or make-up working day (调休上班日). Ordinary weekends are not stored."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel


class YearSource(models.TextChoices):
    PACKAGE = "package", _("软件包内置（chinese-calendar）")
    NOTICE = "notice", _("国务院办公厅通知")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日")
    MAKEUP_WORKDAY = "makeup_workday", _("调休上班日")


class CalendarYear(TimestampedModel):
    """Present ⇔ the official schedule of that year is known."""

    year = models.PositiveSmallIntegerField(_("年度"), unique=True)
    source = models.CharField(_("来源"), max_length=16, choices=YearSource.choices)
    notice_number = models.CharField(_("通知文号"), max_length=64, blank=True)
    notice_title = models.CharField(_("通知标题"), max_length=200, blank=True)
    published_on = models.DateField(_("发布日期"), null=True, blank=True)
    loaded_at = models.DateTimeField(_("载入时间"))
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("载入人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        constraints = [
            models.CheckConstraint(condition=models.Q(year__gte=1949, year__lte=2200), name="workdays_year_range"),
            models.CheckConstraint(condition=models.Q(source__in=["package", "notice"]), name="workdays_year_source"),
        ]

    def __str__(self) -> str:
        return str(self.year)


class CalendarDay(models.Model):
    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("节日名称"), max_length=32, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日/调休日")
        verbose_name_plural = _("节假日/调休日")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "makeup_workday"]), name="workdays_day_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.kind} {self.name}"


class MissingYearReminder(models.Model):
    """One row per day a "next year's schedule is missing" reminder went out, so it goes at most once a day."""

    sent_on = models.DateField(_("提醒日期"), unique=True)
    missing_years = models.JSONField(_("缺失年度"), default=list)
    recipient_count = models.PositiveIntegerField(_("接收人数"), default=0)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_on"]

    def __str__(self) -> str:
        return f"{self.sent_on} {self.missing_years}"
