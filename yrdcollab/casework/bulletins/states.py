"""The bulletin lifecycle: draft → published → withdrawn. Pure: no database, unit-tested alone."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidTransition


class BulletinStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class BulletinAction(StrEnum):
    EDIT = "edit"  # change the text, audience or attachments
    PUBLISH = "publish"
    WITHDRAW = "withdraw"
    READ = "read"
    ACKNOWLEDGE = "acknowledge"


# (status, action) → status after the action. Anything absent is an illegal move (409).
TRANSITIONS: dict[tuple[str, str], str] = {
    (BulletinStatus.DRAFT, BulletinAction.EDIT): BulletinStatus.DRAFT,
    (BulletinStatus.DRAFT, BulletinAction.PUBLISH): BulletinStatus.PUBLISHED,
    (BulletinStatus.PUBLISHED, BulletinAction.WITHDRAW): BulletinStatus.WITHDRAWN,
    (BulletinStatus.PUBLISHED, BulletinAction.READ): BulletinStatus.PUBLISHED,
    (BulletinStatus.WITHDRAWN, BulletinAction.READ): BulletinStatus.WITHDRAWN,
    (BulletinStatus.PUBLISHED, BulletinAction.ACKNOWLEDGE): BulletinStatus.PUBLISHED,
}


def is_allowed(status: str, action: str) -> bool:
    return (status, action) in TRANSITIONS


def next_status(status: str, action: str) -> str:
    """The status after `action`, or InvalidTransition naming both."""
    try:
        return TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransition(details={"status": str(status), "action": str(action)}) from None
