"""The defaults of the assistance-request workflow, each with its source. Administrators override the
deadlines per matter (事项目录); these apply otherwise."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import StepDefault
from yrdcollab.platform.workdays.rules import Unit

DEADLINE_DEFAULTS = (
    StepDefault(
        "assistance",
        "respond",
        _("协查请求·答复"),
        10,
        Unit.CALENDAR_DAY,
        "《上海市城市管理行政执法条例》第二十九条：自收到协助通知书之日起十日内出具书面意见",
    ),
    StepDefault(
        "assistance",
        "confirm",
        _("协查请求·确认或追问"),
        5,
        Unit.WORKING_DAY,
        "平台协作规程默认值：收到协查答复后5个工作日内确认或追问（可按事项调整）",
    ),
)
