"""The defaults of the clue-transfer workflow, each with its source. Administrators override the
deadlines per matter (事项目录); these apply otherwise."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import StepDefault
from yrdcollab.platform.workdays.rules import Unit

from .states import Side

# Whose step each deadline is: its legal basis is the one binding that agency's province
# (collaboration.legal_basis_table).
STEP_ACTING_SIDE = {"sign": Side.RECEIVER, "accept": Side.RECEIVER, "conclude": Side.RECEIVER, "confirm": Side.SENDER}

DEADLINE_DEFAULTS = (
    StepDefault(
        "transfer",
        "sign",
        _("线索移送·签收"),
        1,
        Unit.WORKING_DAY,
        "平台协作规程默认值：收到移送线索后1个工作日内签收（无法定期限，可按事项调整；所引法规依承办机构所在省市而定）",
    ),
    StepDefault(
        "transfer",
        "accept",
        _("线索移送·受理或退回"),
        3,
        Unit.WORKING_DAY,
        "平台协作规程默认值：签收后3个工作日内决定受理或者退回（可按事项调整；所引法规依承办机构所在省市而定）",
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
