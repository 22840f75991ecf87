"""Device review and alert workflow: statuses, actions and the ONE alert transition table (pure)."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeviceType(models.TextChoices):
    AI_CAMERA = "ai_camera", _("AI 摄像头")
    TRUCK_GPS = "truck_gps", _("渣土车 GPS 定位终端")
    NOISE_METER = "noise_meter", _("噪声监测仪")
    DUST_METER = "dust_meter", _("扬尘监测仪")
    WATER_LEVEL = "water_level", _("水位监测仪")
    OTHER = "other", _("其他")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("审核通过")
    REJECTED = "rejected", _("审核不通过")


class Channel(models.TextChoices):
    EVENT = "event", _("事件")
    TELEMETRY = "telemetry", _("监测数据")
    HEARTBEAT = "heartbeat", _("心跳")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待处置")
    CLAIMED = "claimed", _("已认领")
    TRANSFERRED = "transferred", _("已转线索移送")
    CHECKED = "checked", _("已现场核查")
    DISMISSED = "dismissed", _("已排除（误报）")


class AlertAction(models.TextChoices):
    CLAIM = "claim", _("认领")
    TRANSFER = "transfer", _("转为线索移送")
    CHECK = "check", _("现场核查")
    DISMISS = "dismiss", _("误报排除")


class CheckResult(models.TextChoices):
    CONFIRMED = "confirmed", _("违法行为属实，已处置")
    NOT_FOUND = "not_found", _("现场未发现违法行为")


class RoutingStatus(models.TextChoices):
    INSIDE = "inside", _("辖区内")
    AMBIGUOUS = "ambiguous", _("边界地带（多方管辖）")
    OUTSIDE = "outside", _("超出覆盖范围")


@dataclass(frozen=True)
class Move:
    to: AlertStatus
    claims: bool  # the acting agency becomes the handling agency


# (current status, action) -> move. Acting on an open alert claims it for the actor's agency ("first to
# accept handles it"); once claimed, only the claiming agency moves it on.
TRANSITIONS: dict[tuple[AlertStatus, AlertAction], Move] = {
    (AlertStatus.OPEN, AlertAction.CLAIM): Move(AlertStatus.CLAIMED, True),
    (AlertStatus.OPEN, AlertAction.TRANSFER): Move(AlertStatus.TRANSFERRED, True),
    (AlertStatus.OPEN, AlertAction.CHECK): Move(AlertStatus.CHECKED, True),
    (AlertStatus.OPEN, AlertAction.DISMISS): Move(AlertStatus.DISMISSED, True),
    (AlertStatus.CLAIMED, AlertAction.TRANSFER): Move(AlertStatus.TRANSFERRED, False),
    (AlertStatus.CLAIMED, AlertAction.CHECK): Move(AlertStatus.CHECKED, False),
    (AlertStatus.CLAIMED, AlertAction.DISMISS): Move(AlertStatus.DISMISSED, False),
}
ACTIVE = frozenset({AlertStatus.OPEN, AlertStatus.CLAIMED})
TERMINAL = frozenset({AlertStatus.TRANSFERRED, AlertStatus.CHECKED, AlertStatus.DISMISSED})


def move_for(status: str, action: str) -> Move | None:
    try:
        return TRANSITIONS.get((AlertStatus(status), AlertAction(action)))
    except ValueError:
        return None


def actions_from(status: str) -> list[AlertAction]:
    return [action for (source, action) in TRANSITIONS if source == status]
