"""Major-event operations: levels, security-zone rings, reinforcement and incident workflows (pure)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")


class EventStatus(models.TextChoices):
    PLANNING = "planning", _("筹备中")
    ACTIVE = "active", _("保障中")
    CLOSED = "closed", _("已结束")


EVENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (EventStatus.PLANNING, "activate"): EventStatus.ACTIVE,
    (EventStatus.ACTIVE, "close"): EventStatus.CLOSED,
}


class ZoneLevel(models.TextChoices):
    """Rings from the venue outwards; the rules get stricter towards the core."""

    CORE = "core", _("核心区")
    CONTROL = "control", _("管控区")
    BUFFER = "buffer", _("缓冲区")


class ReinforcementStatus(models.TextChoices):
    PENDING = "pending", _("待答复")
    GRANTED = "granted", _("全部同意")
    PARTLY_GRANTED = "partly_granted", _("部分同意")
    DECLINED = "declined", _("不同意")
    WITHDRAWN = "withdrawn", _("已撤回")


REINFORCEMENT_TRANSITIONS: dict[tuple[str, str], str] = {
    # "grant" lands on GRANTED or PARTLY_GRANTED by what was granted; the service picks which.
    (ReinforcementStatus.PENDING, "grant"): ReinforcementStatus.GRANTED,
    (ReinforcementStatus.PENDING, "decline"): ReinforcementStatus.DECLINED,
    (ReinforcementStatus.PENDING, "withdraw"): ReinforcementStatus.WITHDRAWN,
}


class IncidentSource(models.TextChoices):
    OFFICER = "officer", _("队员上报")
    ALERT = "alert", _("感知预警")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("待处置")
    HANDLING = "handling", _("处置中")
    RESOLVED = "resolved", _("已办结")


INCIDENT_TRANSITIONS: dict[tuple[str, str], str] = {
    (IncidentStatus.OPEN, "claim"): IncidentStatus.HANDLING,
    (IncidentStatus.OPEN, "resolve"): IncidentStatus.RESOLVED,
    (IncidentStatus.HANDLING, "resolve"): IncidentStatus.RESOLVED,
}


class ReportKind(models.TextChoices):
    DAILY = "daily", _("日报")
    SUMMARY = "summary", _("总结报告")
