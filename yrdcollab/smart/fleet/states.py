"""What a stop turned out to be once it lasted long enough (pure)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StopKind(models.TextChoices):
    PENDING = "pending", _("停留中（未超时）")
    AT_SITE = "at_site", _("在核准消纳场所内")
    ON_ROUTE = "on_route", _("在核准线路上")
    SUSPECTED = "suspected", _("疑似偷倒（已预警）")


class PositionSource(models.TextChoices):
    DEVICE = "device", _("定位终端")
    API = "api", _("系统接口")
