"""Statuses, actions and the transition tables of joint campaigns, participation, tasks, findings and
cross-region inspection authorizations (pure, no database; the engine is core.workflow).

Each move names the side that makes it; the one `<entity>_transition` service of each workflow checks
the actor against that side (permissions.py) and the presenters offer exactly the moves the table
allows from the current status, filtered the same way."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable


class Side(StrEnum):
    INITIATOR = "initiator"  # a campaign manager of the initiating agency (the lead)
    INVITEE = "invitee"  # a campaign manager of the invited agency
    ASSIGNEE = "assignee"  # a campaign or duty manager of the task's assignee (or of the bureau above it)
    ASSIGNER = "assigner"  # a campaign manager of the agency that assigned the task, or of the lead
    HANDLER = "handler"  # a case handler of the finding's handling agency
    GRANTOR = "grantor"  # an authorizing manager of the granting agency


# --- campaigns -----------------------------------------------------------------------------------


class CampaignStatus(models.TextChoices):
    PREPARING = "preparing", _("筹备中")
    ACTIVE = "active", _("进行中")
    CLOSED = "closed", _("已结束")
    CANCELLED = "cancelled", _("已撤销")


class CampaignAction(models.TextChoices):
    START = "start", _("启动")
    CLOSE = "close", _("结束")
    CANCEL = "cancel", _("撤销")


CAMPAIGN_TRANSITIONS = TransitionTable(
    "campaign",
    statuses=CampaignStatus,
    actions=CampaignAction,
    moves={
        # Starting also needs an accepted member besides the lead and a period not yet over (409, the service).
        (CampaignStatus.PREPARING, CampaignAction.START): (CampaignStatus.ACTIVE, Side.INITIATOR),
        (CampaignStatus.PREPARING, CampaignAction.CANCEL): (CampaignStatus.CANCELLED, Side.INITIATOR),
        (CampaignStatus.ACTIVE, CampaignAction.CLOSE): (CampaignStatus.CLOSED, Side.INITIATOR),
    },
    # What the confirmation dialog says before the move (starting is harmless: the members accepted).
    consequences={
        CampaignAction.CLOSE: _(
            "行动将结束，总结意见记入行动，已接受邀请的参与单位将收到结束通知；此后不能再邀请单位、调整目标、"
            "分派任务、登记发现问题或编排勤务。结束后不能恢复。"
        ),
        CampaignAction.CANCEL: _(
            "行动将被撤销，已接受邀请的参与单位将收到撤销通知；此后不能再启动、邀请单位、分派任务或编排勤务。"
            "撤销后不能恢复。"
        ),
    },
)
# A campaign no move leads out of (closed, cancelled) takes no more invitations, goals, tasks or duty.
CAMPAIGN_ENDED = frozenset(s for s in CampaignStatus if CAMPAIGN_TRANSITIONS.is_terminal(s))


# --- participation -------------------------------------------------------------------------------


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    MEMBER = "member", _("参与单位")


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("待答复")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已谢绝")


class ParticipantAction(models.TextChoices):
    ACCEPT = "accept", _("接受邀请")
    DECLINE = "decline", _("谢绝邀请")
    INVITE = "invite", _("再次邀请")


PARTICIPANT_TRANSITIONS = TransitionTable(
    "campaign_participant",
    statuses=ParticipantStatus,
    actions=ParticipantAction,
    moves={
        (ParticipantStatus.INVITED, ParticipantAction.ACCEPT): (ParticipantStatus.ACCEPTED, Side.INVITEE),
        (ParticipantStatus.INVITED, ParticipantAction.DECLINE): (ParticipantStatus.DECLINED, Side.INVITEE),
        # A declined agency may be invited again (campaign_invite); a first invitation creates the row.
        (ParticipantStatus.DECLINED, ParticipantAction.INVITE): (ParticipantStatus.INVITED, Side.INITIATOR),
    },
    # A refusal says why: the initiator reads the reason when it plans the campaign without the agency.
    consequences={
        ParticipantAction.DECLINE: _(
            "将谢绝参加本行动，谢绝理由将告知发起机构；本单位看不到行动的统计和任务，只有发起机构再次邀请才能参加。"
        ),
    },
    notes_required=[ParticipantAction.DECLINE],
)


class GoalMetric(models.TextChoices):
    INSPECTIONS = "inspections", _("检查（巡查打卡）次数")
    FINDINGS = "findings", _("发现问题数")
    PENALTIES = "penalties", _("作出处罚决定数")
    FINE_AMOUNT = "fine_amount", _("罚款金额（元）")
    TRANSFERS = "transfers", _("移送线索数")


# --- tasks ---------------------------------------------------------------------------------------


class TaskStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已取消")


class TaskAction(models.TextChoices):
    COMPLETE = "complete", _("办结")
    CANCEL = "cancel", _("取消")


TASK_TRANSITIONS = TransitionTable(
    "campaign_task",
    statuses=TaskStatus,
    actions=TaskAction,
    moves={
        (TaskStatus.OPEN, TaskAction.COMPLETE): (TaskStatus.DONE, Side.ASSIGNEE),
        (TaskStatus.OPEN, TaskAction.CANCEL): (TaskStatus.CANCELLED, Side.ASSIGNER),
    },
    consequences={
        TaskAction.CANCEL: _("任务将被取消，承办单位不能再办结；取消后不能恢复。"),
    },
)


# --- findings ------------------------------------------------------------------------------------


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待处置")
    TRANSFERRED = "transferred", _("已移送线索")
    ASSISTANCE = "assistance", _("已发起协查")
    LOCAL_CASE = "local_case", _("本地立案")
    DECIDED = "decided", _("已作出处罚")
    NO_VIOLATION = "no_violation", _("不构成违法")


class FindingAction(models.TextChoices):
    TRANSFER = "transfer", _("移送线索")
    REQUEST_ASSISTANCE = "request_assistance", _("发起协查")
    OPEN_CASE = "open_case", _("本地立案")
    DISMISS = "dismiss", _("不构成违法")
    DECIDE = "decide", _("作出处罚决定")


# A penalty on the spot (简易程序, 行政处罚法 art. 51) is decided straight from an open finding.
FINDING_TRANSITIONS = TransitionTable(
    "finding",
    statuses=FindingStatus,
    actions=FindingAction,
    moves={
        (FindingStatus.OPEN, FindingAction.TRANSFER): (FindingStatus.TRANSFERRED, Side.HANDLER),
        (FindingStatus.OPEN, FindingAction.REQUEST_ASSISTANCE): (FindingStatus.ASSISTANCE, Side.HANDLER),
        (FindingStatus.OPEN, FindingAction.OPEN_CASE): (FindingStatus.LOCAL_CASE, Side.HANDLER),
        (FindingStatus.OPEN, FindingAction.DISMISS): (FindingStatus.NO_VIOLATION, Side.HANDLER),
        (FindingStatus.OPEN, FindingAction.DECIDE): (FindingStatus.DECIDED, Side.HANDLER),
        (FindingStatus.LOCAL_CASE, FindingAction.DECIDE): (FindingStatus.DECIDED, Side.HANDLER),
        (FindingStatus.ASSISTANCE, FindingAction.OPEN_CASE): (FindingStatus.LOCAL_CASE, Side.HANDLER),
    },
    # What the confirmation dialog says before a disposal; a dismissal says why (it ends the finding for
    # good, and the finder reads the reason on the finding).
    consequences={
        FindingAction.TRANSFER: _(
            "将以本单位名义生成移送至所选机构的线索移送草稿，问题状态改为已移送线索、不能再改用其他处置方式；"
            "草稿须在线索移送中核对后发出。"
        ),
        FindingAction.REQUEST_ASSISTANCE: _(
            "将以本单位名义生成向所选机构发起的协查请求草稿，问题状态改为已发起协查，此后只能本地立案；"
            "草稿须在协查办理中核对后发出。"
        ),
        FindingAction.OPEN_CASE: _("问题将按所填立案编号登记为本地立案，此后只能作出处罚决定。"),
        FindingAction.DISMISS: _("问题将认定为不构成违法并结束处置，说明记入问题的处置记录；认定后不能更改。"),
        FindingAction.DECIDE: _(
            "处罚决定将登记到执法结果互认库，属整治行动的，其他参与单位将收到互认请求；登记后本问题不能再处置。"
        ),
    },
    notes_required=[FindingAction.DISMISS],
)


# --- inspection authorizations -------------------------------------------------------------------


class AuthorizationStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤回")


class AuthorizationAction(models.TextChoices):
    REVOKE = "revoke", _("撤回")


AUTHORIZATION_TRANSITIONS = TransitionTable(
    "inspection_authorization",
    statuses=AuthorizationStatus,
    actions=AuthorizationAction,
    moves={
        (AuthorizationStatus.ACTIVE, AuthorizationAction.REVOKE): (AuthorizationStatus.REVOKED, Side.GRANTOR),
    },
    # A revocation says why (the reason is sent to the grantee and its officers with the notice).
    consequences={
        AuthorizationAction.REVOKE: _(
            "授权将立即撤回，被授权执法人员不能再依据本授权登记发现问题；被授权机构和执法人员将收到撤回通知和理由。"
            "撤回后不能恢复。"
        ),
    },
    notes_required=[AuthorizationAction.REVOKE],
)
