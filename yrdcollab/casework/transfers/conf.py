"""The defaults of the clue-transfer workflow, each with its source. Administrators override the
deadlines per matter (事项目录); these apply otherwise."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import StepDefault
from yrdcollab.platform.workdays.rules import Unit

DEADLINE_DEFAULTS = (
    StepDefault(
        "transfer",
        "sign",
        _("线索移送·签收"),
        1,
        Unit.WORKING_DAY,
        "平台协作规程默认值：收到移送线索后1个工作日内签收（无法定期限，可按事项调整）",
    ),
    StepDefault(
        "transfer",
        "accept",
        _("线索移送·受理或退回"),
        3,
        Unit.WORKING_DAY,
        "《上海市城市管理行政执法条例》第二十六条：不属于本单位职责范围的，在三个工作日内移送有关部门处理",
    ),
    StepDefault(
        "transfer",
        "conclude",
        _("线索移送·办结"),
        90,
        Unit.CALENDAR_DAY,
        "《中华人民共和国行政处罚法》第六十条：自立案之日起九十日内作出行政处罚决定",
    ),
    StepDefault(
        "transfer",
        "confirm",
        _("线索移送·确认结案"),
        5,
        Unit.WORKING_DAY,
        "平台协作规程默认值：承办机构办结后，移送机构5个工作日内确认结案（可按事项调整）",
    ),
)
