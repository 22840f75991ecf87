"""The bulletin lifecycle: draft → published → withdrawn, and its ONE transition table (pure: no
database, unit-tested alone; the engine is core.workflow)."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class BulletinAction(models.TextChoices):
    EDIT = "edit", _("修改")  # change the text, audience or attachments
    PUBLISH = "publish", _("发布")
    WITHDRAW = "withdraw", _("撤回")
    READ = "read", _("阅读")
    ACKNOWLEDGE = "acknowledge", _("确认")


class Side(StrEnum):
    ISSUER = "issuer"  # a bulletin.publish holder of the issuing agency
    RECIPIENT = "recipient"  # a member of a receiving agency (read and acknowledge are per agency)


# (status, action) → (status after the action, who makes it). Anything absent is an illegal move (409).
TRANSITIONS = TransitionTable(
    "bulletin",
    statuses=BulletinStatus,
    actions=BulletinAction,
    moves={
        (BulletinStatus.DRAFT, BulletinAction.EDIT): (BulletinStatus.DRAFT, Side.ISSUER),
        (BulletinStatus.DRAFT, BulletinAction.PUBLISH): (BulletinStatus.PUBLISHED, Side.ISSUER),
        (BulletinStatus.PUBLISHED, BulletinAction.WITHDRAW): (BulletinStatus.WITHDRAWN, Side.ISSUER),
        (BulletinStatus.PUBLISHED, BulletinAction.READ): (BulletinStatus.PUBLISHED, Side.RECIPIENT),
        (BulletinStatus.WITHDRAWN, BulletinAction.READ): (BulletinStatus.WITHDRAWN, Side.RECIPIENT),
        (BulletinStatus.PUBLISHED, BulletinAction.ACKNOWLEDGE): (BulletinStatus.PUBLISHED, Side.RECIPIENT),
    },
    # What the confirmation dialog says before the issuer's moves (reading and acknowledging are harmless).
    consequences={
        BulletinAction.PUBLISH: _(
            "通报将编号并发送至发送范围内的各机构，各机构收到通知（需确认的须按期确认）；发布后不能再修改，只能撤回。"
        ),
        BulletinAction.WITHDRAW: _(
            "通报将撤回，各接收机构收到撤回通知，通报仅供查阅、不再需要确认；撤回后不能重新发布。"
        ),
    },
)
