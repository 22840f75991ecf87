"""What a stop turned out to be once it lasted long enough, and the ONE table of its judgement (pure,
no database; the engine is core.workflow)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.workflow import TransitionTable


class StopKind(models.TextChoices):
    PENDING = "pending", _("停留中（未超时）")
    AT_SITE = "at_site", _("在核准消纳场所内")
    ON_ROUTE = "on_route", _("在核准线路上")
    SUSPECTED = "suspected", _("疑似偷倒（已预警）")


class StopJudgement(models.TextChoices):
    """What the stop detection found where a stop outlasted YRD_TRUCK_STOP_MINUTES."""

    SITE_FOUND = "site_found", _("停在核准消纳场所内")
    ROUTE_FOUND = "route_found", _("停在本车核准运输线路上")
    NOTHING_FOUND = "nothing_found", _("停在核准场所和线路之外")


# (stop kind, judgement) -> kind. A stop is judged exactly once, while pending; the stop detection makes
# every move by itself (no actor). Closing a stop (the truck moves on) is its `is_open` flag, not a kind.
STOP_TRANSITIONS = TransitionTable(
    "truck_stop",
    statuses=StopKind,
    actions=StopJudgement,
    moves={
        (StopKind.PENDING, StopJudgement.SITE_FOUND): StopKind.AT_SITE,
        (StopKind.PENDING, StopJudgement.ROUTE_FOUND): StopKind.ON_ROUTE,
        (StopKind.PENDING, StopJudgement.NOTHING_FOUND): StopKind.SUSPECTED,
    },
)


class PositionSource(models.TextChoices):
    DEVICE = "device", _("定位终端")
    API = "api", _("系统接口")
