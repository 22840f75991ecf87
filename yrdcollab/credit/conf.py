"""Defaults of the credit module, each with its source."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import StepDefault
from yrdcollab.platform.workdays.rules import Unit

# 信用修复: the statutory digits of 国办发〔2025〕22号 could not be read (research gap); these defaults
# follow the nearest verified figures and are editable per matter (see docs/adr/0017).
DEADLINE_DEFAULTS = (
    StepDefault("credit_repair", "accept", _("信用修复·受理或不予受理"), 3, Unit.WORKING_DAY,
                "平台默认值：认定机构收到修复申请后3个工作日内作出是否受理的决定（国办发〔2025〕22号规定受理时限，具体日数待核；"
                "参照《上海市社会信用条例》第三十六条的转办时限从严设定）"),
    StepDefault("credit_repair", "decide", _("信用修复·作出修复决定"), 7, Unit.WORKING_DAY,
                "平台默认值：受理后7个工作日内作出是否修复的决定，与受理合计不超过10个工作日"
                "（参照江西省信用网站“修复材料无误，十个工作日内完成”的公开承诺）"),
)
