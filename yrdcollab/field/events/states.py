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
    # A grant is one of two moves, told apart by what is sent (grant_move): everything asked for, or part.
    (ReinforcementStatus.PENDING, "grant_all"): ReinforcementStatus.GRANTED,
    (ReinforcementStatus.PENDING, "grant_part"): ReinforcementStatus.PARTLY_GRANTED,
    (ReinforcementStatus.PENDING, "decline"): ReinforcementStatus.DECLINED,
    (ReinforcementStatus.PENDING, "withdraw"): ReinforcementStatus.WITHDRAWN,
}
REINFORCEMENT_ACTIONS = ("grant", "decline", "withdraw")  # what a user asks for; "grant" becomes one of two moves


def grant_move(*, officers: int, vehicles: int, officers_requested: int, vehicles_requested: int) -> str:
    """The table move of a grant: "grant_all" when every officer and vehicle asked for is sent."""
    full = officers == officers_requested and vehicles == vehicles_requested
    return "grant_all" if full else "grant_part"


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
