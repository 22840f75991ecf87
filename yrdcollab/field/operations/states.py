"""Statuses and transition tables of joint campaigns, participation, tasks, findings and
cross-region inspection authorizations (pure)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    PREPARING = "preparing", _("筹备中")
    ACTIVE = "active", _("进行中")
    CLOSED = "closed", _("已结束")
    CANCELLED = "cancelled", _("已撤销")


class CampaignAction(models.TextChoices):
    START = "start", _("启动")
    CLOSE = "close", _("结束")
    CANCEL = "cancel", _("撤销")


CAMPAIGN_TRANSITIONS: dict[tuple[str, str], str] = {
    (CampaignStatus.PREPARING, CampaignAction.START): CampaignStatus.ACTIVE,
    (CampaignStatus.PREPARING, CampaignAction.CANCEL): CampaignStatus.CANCELLED,
    (CampaignStatus.ACTIVE, CampaignAction.CLOSE): CampaignStatus.CLOSED,
}


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("牵头单位")
    MEMBER = "member", _("参与单位")


class ParticipantStatus(models.TextChoices):
    INVITED = "invited", _("待答复")
    ACCEPTED = "accepted", _("已接受")
    DECLINED = "declined", _("已谢绝")


PARTICIPANT_TRANSITIONS: dict[tuple[str, str], str] = {
    (ParticipantStatus.INVITED, "accept"): ParticipantStatus.ACCEPTED,
    (ParticipantStatus.INVITED, "decline"): ParticipantStatus.DECLINED,
}


class GoalMetric(models.TextChoices):
    INSPECTIONS = "inspections", _("检查（巡查打卡）次数")
    FINDINGS = "findings", _("发现问题数")
    PENALTIES = "penalties", _("作出处罚决定数")
    FINE_AMOUNT = "fine_amount", _("罚款金额（元）")
    TRANSFERS = "transfers", _("移送线索数")


class ParticipantAction(models.TextChoices):
    ACCEPT = "accept", _("接受邀请")
    DECLINE = "decline", _("谢绝邀请")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    DONE = "done", _("已完成")
    CANCELLED = "cancelled", _("已取消")


TASK_TRANSITIONS: dict[tuple[str, str], str] = {
    (TaskStatus.OPEN, "complete"): TaskStatus.DONE,
    (TaskStatus.OPEN, "cancel"): TaskStatus.CANCELLED,
}


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
FINDING_TRANSITIONS: dict[tuple[str, str], str] = {
    (FindingStatus.OPEN, "decide"): FindingStatus.DECIDED,
    (FindingStatus.OPEN, "transfer"): FindingStatus.TRANSFERRED,
    (FindingStatus.OPEN, "request_assistance"): FindingStatus.ASSISTANCE,
    (FindingStatus.OPEN, "open_case"): FindingStatus.LOCAL_CASE,
    (FindingStatus.OPEN, "dismiss"): FindingStatus.NO_VIOLATION,
    (FindingStatus.LOCAL_CASE, "decide"): FindingStatus.DECIDED,
    (FindingStatus.ASSISTANCE, "open_case"): FindingStatus.LOCAL_CASE,
}


class AuthorizationStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤回")


def next_status(table: dict[tuple[str, str], str], status: str, action: str) -> str | None:
    """The status `action` leads to from `status`, or None when the table forbids it."""
    return table.get((str(status), str(action)))


AUTHORIZATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (AuthorizationStatus.ACTIVE, "revoke"): AuthorizationStatus.REVOKED,
}
