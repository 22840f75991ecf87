"""Major-event operations: levels, security-zone rings, and the transition tables of the event, of
reinforcement requests and of incidents (pure, no database; the engine is core.workflow).

Each move names the side that makes it; the one `<entity>_transition` service of each workflow checks
the actor against that side (permissions.py) and the presenters offer exactly the moves the table
allows from the current status, filtered the same way."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable, table_from_sources


class Side(StrEnum):
    LEAD = "lead"  # an event manager of the lead agency
    PROVIDER = "provider"  # an event manager of the agency asked for reinforcement
    REQUESTER = "requester"  # an event manager of the agency that asked
    PARTY = "party"  # a case handler or event manager of an agency leading or taking part in the event


class EventLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")


# --- the event -----------------------------------------------------------------------------------


class EventStatus(models.TextChoices):
    PLANNING = "planning", _("筹备中")
    ACTIVE = "active", _("保障中")
    CLOSED = "closed", _("已结束")


class EventAction(models.TextChoices):
    ACTIVATE = "activate", _("开始保障")
    CLOSE = "close", _("结束保障")


EVENT_TRANSITIONS = TransitionTable(
    "major_event",
    statuses=EventStatus,
    actions=EventAction,
    moves={
        (EventStatus.PLANNING, EventAction.ACTIVATE): (EventStatus.ACTIVE, Side.LEAD),
        # Closing compiles the post-event summary (services.event_transition).
        (EventStatus.ACTIVE, EventAction.CLOSE): (EventStatus.CLOSED, Side.LEAD),
    },
    # What the confirmation dialog says before the move (activating is harmless: nothing is lost).
    consequences={
        EventAction.CLOSE: _(
            "活动将结束保障，总结报告随即生成并通知牵头和参与保障机构；此后不能再修改圈层、添加参与机构、"
            "请求或派出增援，也不能再为其编排勤务。结束后不能恢复。"
        ),
    },
)


class ZoneLevel(models.TextChoices):
    """Rings from the venue outwards; the rules get stricter towards the core."""

    CORE = "core", _("核心区")
    CONTROL = "control", _("管控区")
    BUFFER = "buffer", _("缓冲区")


# --- reinforcement -------------------------------------------------------------------------------


class ReinforcementStatus(models.TextChoices):
    PENDING = "pending", _("待答复")
    GRANTED = "granted", _("全部同意")
    PARTLY_GRANTED = "partly_granted", _("部分同意")
    DECLINED = "declined", _("不同意")
    WITHDRAWN = "withdrawn", _("已撤回")


class ReinforcementAction(models.TextChoices):
    GRANT_ALL = "grant_all", _("同意（全部派出）")
    GRANT_PART = "grant_part", _("同意（部分派出）")
    DECLINE = "decline", _("不同意")
    WITHDRAW = "withdraw", _("撤回")


# The same for both grant moves (a page's grant form does not know yet which of the two it will be).
GRANT_CONSEQUENCE = _(
    "将答复请求机构同意增援：所选人员加入请求机构该活动的勤务表，本单位成为活动的参与保障机构；答复后不能撤回。"
)

REINFORCEMENT_TRANSITIONS = TransitionTable(
    "reinforcement",
    statuses=ReinforcementStatus,
    actions=ReinforcementAction,
    moves={
        # A grant is one of two moves, told apart by what is sent (grant_move): everything asked for, or part.
        (ReinforcementStatus.PENDING, ReinforcementAction.GRANT_ALL): (ReinforcementStatus.GRANTED, Side.PROVIDER),
        (ReinforcementStatus.PENDING, ReinforcementAction.GRANT_PART): (
            ReinforcementStatus.PARTLY_GRANTED,
            Side.PROVIDER,
        ),
        (ReinforcementStatus.PENDING, ReinforcementAction.DECLINE): (ReinforcementStatus.DECLINED, Side.PROVIDER),
        (ReinforcementStatus.PENDING, ReinforcementAction.WITHDRAW): (ReinforcementStatus.WITHDRAWN, Side.REQUESTER),
    },
    # What the confirmation dialog says before the answer; a refusal must say why (the requester has to
    # find officers elsewhere). The reason travels as the payload's `reason`.
    consequences={
        ReinforcementAction.GRANT_ALL: GRANT_CONSEQUENCE,
        ReinforcementAction.GRANT_PART: GRANT_CONSEQUENCE,
        ReinforcementAction.DECLINE: _("将答复请求机构不同意增援，不同意的理由将告知对方；答复后不能撤回。"),
        ReinforcementAction.WITHDRAW: _("增援请求将撤回并通知被请求机构，对方不能再答复；撤回后不能恢复。"),
    },
    notes_required=[ReinforcementAction.DECLINE],
)

GRANT = "grant"  # what a user asks for; the table's move is grant_all or grant_part by what is sent
GRANT_MOVES = (ReinforcementAction.GRANT_ALL, ReinforcementAction.GRANT_PART)


def grant_move(*, officers: int, vehicles: int, officers_requested: int, vehicles_requested: int) -> str:
    """The table move of a grant: "grant_all" when every officer and vehicle asked for is sent."""
    full = officers == officers_requested and vehicles == vehicles_requested
    return ReinforcementAction.GRANT_ALL if full else ReinforcementAction.GRANT_PART


# --- incidents -----------------------------------------------------------------------------------


class IncidentSource(models.TextChoices):
    OFFICER = "officer", _("队员上报")
    ALERT = "alert", _("感知预警")


class IncidentStatus(models.TextChoices):
    OPEN = "open", _("待处置")
    HANDLING = "handling", _("处置中")
    RESOLVED = "resolved", _("已办结")


class IncidentAction(models.TextChoices):
    CLAIM = "claim", _("认领处置")
    RESOLVE = "resolve", _("办结")


# A claimed incident is resolved by the agency handling it (permissions.may_resolve_incident).
INCIDENT_TRANSITIONS = table_from_sources(
    "incident",
    statuses=IncidentStatus,
    actions=IncidentAction,
    moves=[
        ((IncidentStatus.OPEN,), IncidentAction.CLAIM, IncidentStatus.HANDLING, Side.PARTY),
        ((IncidentStatus.OPEN, IncidentStatus.HANDLING), IncidentAction.RESOLVE, IncidentStatus.RESOLVED, Side.PARTY),
    ],
)


class ReportKind(models.TextChoices):
    DAILY = "daily", _("日报")
    SUMMARY = "summary", _("总结报告")
