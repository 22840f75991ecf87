"""Device review and alert workflow: statuses, actions and the ONE alert transition table (pure, no
database; the engine is core.workflow)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import Move, TransitionTable


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


class IngestState(models.TextChoices):
    """What an ingest process is doing (ADR 0020); /readyz of the process and the monitor page show it."""

    STARTING = "starting", _("启动中")
    STANDBY = "standby", _("待命（另一实例持有会话）")
    CONNECTING = "connecting", _("连接消息服务中")
    CONSUMING = "consuming", _("接收中")
    BROKER_DOWN = "broker_down", _("消息服务不可达，重试中")
    DATABASE_DOWN = "database_down", _("数据库不可达，重试中")
    STOPPING = "stopping", _("停止中")


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


class AlertSource(models.TextChoices):
    """Where an alert came from (Alert.source_kind)."""

    DEVICE = "device", _("感知设备")
    TRUCK = "truck", _("渣土车轨迹")
    OPEN311 = "open311", _("公众上报")
    RULE = "rule", _("预警规则")


class CheckResult(models.TextChoices):
    CONFIRMED = "confirmed", _("违法行为属实，已处置")
    NOT_FOUND = "not_found", _("现场未发现违法行为")


class RoutingStatus(models.TextChoices):
    INSIDE = "inside", _("辖区内")
    AMBIGUOUS = "ambiguous", _("边界地带（多方管辖）")
    OUTSIDE = "outside", _("超出覆盖范围")


class Side(StrEnum):
    """Who makes a move of an alert (sensing/permissions.py says who that is for an actor)."""

    CANDIDATE = "candidate"  # a case handler of an agency the alert was routed to as a candidate; the move claims it
    HANDLER = "handler"  # a case handler of the agency that claimed it


# (current status, action) -> (new status, who moves). Acting on an open alert claims it for the actor's
# agency ("first to accept handles it"); once claimed, only the claiming agency moves it on.
TRANSITIONS = TransitionTable(
    "alert",
    statuses=AlertStatus,
    actions=AlertAction,
    moves={
        (AlertStatus.OPEN, AlertAction.CLAIM): (AlertStatus.CLAIMED, Side.CANDIDATE),
        (AlertStatus.OPEN, AlertAction.TRANSFER): (AlertStatus.TRANSFERRED, Side.CANDIDATE),
        (AlertStatus.OPEN, AlertAction.CHECK): (AlertStatus.CHECKED, Side.CANDIDATE),
        (AlertStatus.OPEN, AlertAction.DISMISS): (AlertStatus.DISMISSED, Side.CANDIDATE),
        (AlertStatus.CLAIMED, AlertAction.TRANSFER): (AlertStatus.TRANSFERRED, Side.HANDLER),
        (AlertStatus.CLAIMED, AlertAction.CHECK): (AlertStatus.CHECKED, Side.HANDLER),
        (AlertStatus.CLAIMED, AlertAction.DISMISS): (AlertStatus.DISMISSED, Side.HANDLER),
    },
    consequences={
        AlertAction.TRANSFER: _("预警将转为线索移送至所选机构并结束处置；勾选“立即移送”时对方即开始计算签收期限。"),
        AlertAction.DISMISS: _("预警将作为误报排除并结束处置，其他推送机构不能再认领；误报理由记入设备准确率。"),
    },
    notes_required=[AlertAction.DISMISS],
)
# What the alert's log shows for each entry (AlertLog.action): its raising, then the moves above.
LOG_LABELS = {"raise": _("生成预警"), **dict(AlertAction.choices)}
# Still being handled (open, claimed: nearby occurrences merge into them) and closed (transferred,
# checked, dismissed: Open311 reports them "closed").
ACTIVE = frozenset(AlertStatus(s) for s in TRANSITIONS.statuses if not TRANSITIONS.is_terminal(s))
TERMINAL = frozenset(AlertStatus(s) for s in TRANSITIONS.statuses if TRANSITIONS.is_terminal(s))


def live_status(status: str) -> str:
    """What an alert's routing rows keep of its status (AlertAgency.live_status): the status while the
    alert is live, "" once it is closed; AlertAgency.alert_active is whether it is live."""
    return str(status) if status in ACTIVE else ""


def claims(move: Move) -> bool:
    """A move made by a candidate makes the actor's agency the handling agency."""
    return move.by == Side.CANDIDATE
