"""The defaults of the assistance-request workflow, each with its source. Administrators override the
deadlines per matter (事项目录); these apply otherwise."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import StepDefault
from yrdcollab.platform.workdays.rules import Unit

# Whose step each deadline is: its legal basis is the one binding that agency's province
# (collaboration.legal_basis_table).
STEP_ACTING_ROLE = {"respond": "responder", "confirm": "requester"}

DEADLINE_DEFAULTS = (
    StepDefault(
        "assistance",
        "respond",
        _("协查请求·答复"),
        10,
        Unit.CALENDAR_DAY,
        "平台协作规程默认值：自收到协查请求之日起10日内书面答复（可按事项调整；所引法规依被请求机构所在省市而定）",
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
