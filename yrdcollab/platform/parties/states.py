"""Where a party's registered name comes from, and the workflow of a proposed name (ADR 0021): an
officer's name that differs from the registered one is kept as a claim for review, never dropped
(pure, no database; the engine is core.workflow)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yrdcollab.core.workflow import TransitionTable


class NameSource(models.TextChoices):
    """Who vouches for Party.name. Only REGISTER and REVIEWED names are shown to the public."""

    REGISTER = "register", _("登记机关名录")  # 国家企业信用信息公示系统 extract (parties_import_register)
    REVIEWED = "reviewed", _("经审核确认")  # a name claim approved by a reviewer
    OFFICER = "officer", _("执法人员录入（未核验）")  # typed by whoever registered the party first


VERIFIED_SOURCES = (NameSource.REGISTER, NameSource.REVIEWED)


class ClaimOrigin(models.TextChoices):
    REGISTRATION = "registration", _("登记当事人")
    EXCHANGE = "exchange", _("信用数据交换导入")
    MIGRATION = "migration", _("存量数据迁移")


class ClaimStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已采纳")
    REJECTED = "rejected", _("不予采纳")
    SUPERSEDED = "superseded", _("已被取代")


class ClaimAction(models.TextChoices):
    APPROVE = "approve", pgettext_lazy("name claim action", "采纳")
    REJECT = "reject", pgettext_lazy("name claim action", "不予采纳")  # the status has the same words
    SUPERSEDE = "supersede", _("以登记机关名录或已采纳名称为准")


class Side(StrEnum):
    REVIEWER = "reviewer"  # a holder of party.name_review other than the claimant
    PLATFORM = "platform"  # the register import, or the approval of the same name in another claim


NAME_CLAIM_TRANSITIONS = TransitionTable(
    "party_name_claim",
    statuses=ClaimStatus,
    actions=ClaimAction,
    moves={
        (ClaimStatus.PENDING, ClaimAction.APPROVE): (ClaimStatus.APPROVED, Side.REVIEWER),
        (ClaimStatus.PENDING, ClaimAction.REJECT): (ClaimStatus.REJECTED, Side.REVIEWER),
        (ClaimStatus.PENDING, ClaimAction.SUPERSEDE): (ClaimStatus.SUPERSEDED, Side.PLATFORM),
    },
    # What the confirmation dialog says before a reviewer's decision. Both decisions need their basis
    # (the claimant is told it); superseding is the platform's own move, offered by no page.
    consequences={
        ClaimAction.APPROVE: _(
            "该名称将成为当事人的平台登记名称（经审核确认），并在行政处罚信息公示页面显示；同一当事人"
            "填报相同名称的待审核申请一并办结。审核依据将告知填报人，结论作出后不能更改。"
        ),
        ClaimAction.REJECT: _("该名称不予采纳，当事人保留现有登记名称；审核理由将告知填报人，结论作出后不能更改。"),
    },
    notes_required=[ClaimAction.APPROVE, ClaimAction.REJECT],
)
