"""Settings and legal defaults of the credit module, each with its source (core.conf). The legal
publicity periods are cited data, not settings: data/publicity_regimes.json and data/serious_list.json."""

from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.deadlines import StepDefault
from yrdcollab.core.conf import AppSettings, Setting, parse_rate
from yrdcollab.platform.workdays.rules import Unit

SETTINGS = AppSettings(
    Setting(
        "YRD_CREDIT_REPAIR_MAX_BYTES",
        10 * 1024 * 1024,
        int,
        "Per attachment of a 信用修复 application (PDF, JPG or PNG, sniffed by content): 10 MiB holds a "
        "scanned commitment or a phone photo of a payment receipt at full resolution.",
    ),
    Setting(
        "YRD_CREDIT_IMPORT_MAX_BYTES",
        50 * 1024 * 1024,
        int,
        "Largest CSV/XLSX file a provincial credit system may upload in one import: a file of the "
        "template with YRD_CREDIT_IMPORT_MAX_ROWS rows is about 48 MB.",
    ),
    Setting(
        "YRD_CREDIT_IMPORT_MAX_ROWS",
        200_000,
        int,
        "Rows of one import file: a province's penalty information of a year fits, and at the measured "
        "5,000–12,000 rows/s (bench/README.md) one file is imported within a minute.",
    ),
    Setting(
        "YRD_CREDIT_QUERY_RATE",
        (60, 3600),
        parse_rate,
        'Credit queries per officer and window ("60/3600": 60 an hour). Every query is a recorded act '
        "with a purpose; an hour's inspections need far fewer, so more is bulk harvesting of credit data.",
    ),
    Setting(
        "YRD_CREDIT_PUBLIC_RATE",
        (30, 60),
        parse_rate,
        'Searches of the public 行政处罚信息公示 page per client address and window ("30/60": 30 a '
        "minute): enough for a person reading results, a brake on scraping the published penalties.",
    ),
)

# 信用修复: the statutory digits of 国办发〔2025〕22号 could not be read (research gap); these defaults
# follow the nearest verified figures and are editable per matter (see docs/adr/0017).
DEADLINE_DEFAULTS = (
    StepDefault(
        "credit_repair",
        "accept",
        _("信用修复·受理或不予受理"),
        3,
        Unit.WORKING_DAY,
        "平台默认值：认定机构收到修复申请后3个工作日内作出是否受理的决定（国办发〔2025〕22号规定受理时限，具体日数待核；"
        "参照《上海市社会信用条例》第三十六条的转办时限从严设定）",
    ),
    StepDefault(
        "credit_repair",
        "decide",
        _("信用修复·作出修复决定"),
        7,
        Unit.WORKING_DAY,
        "平台默认值：受理后7个工作日内作出是否修复的决定，与受理合计不超过10个工作日"
        "（参照江西省信用网站“修复材料无误，十个工作日内完成”的公开承诺）",
    ),
)
