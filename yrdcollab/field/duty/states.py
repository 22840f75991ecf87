"""Kinds of duty rosters and how an officer came onto one (pure)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RosterKind(models.TextChoices):
    BORDER = "border", _("毗邻区联勤")
    CAMPAIGN = "campaign", _("整治行动")
    EVENT = "event", _("重大活动保障")


class MemberSource(models.TextChoices):
    NOMINATED = "nominated", _("本单位选派")
    REINFORCEMENT = "reinforcement", _("增援调派")


class CheckInFlag(models.TextChoices):
    NONE = "", _("正常")
    OUTSIDE_AREA = "outside_area", _("超出责任区域")
    OUTSIDE_SHIFT = "outside_shift", _("不在班次时段")
