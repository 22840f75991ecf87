"""(workflow, step) → province ("31" 上海, "32" 江苏, "33" 浙江, "34" 安徽) → what the acting agency cites.

Every statute quotation is copied from the published text (research folder, law/): an ellipsis marks
words left out, nothing is paraphrased. Jiangsu and Anhui have no verified provincial text: they cite
the national 行政处罚法 and the platform's agreed default. The periods (1/3/90/5/10/5 days, 3/7 working
days for credit repair) are the platform defaults declared by each workflow's conf.py; a test checks
that every registered step has all four regions here. Sources and reasoning: docs/domain/clue-transfer.md."""

from .legal_citations import AGREED_DEFAULT_TITLE, BasisKind, Citation

SH_SOURCE = "2012年4月19日上海市第十三届人民代表大会常务委员会第三十三次会议通过，2018年5月24日第二次修正"
ZJ_SOURCE = "2021年11月25日浙江省第十三届人民代表大会常务委员会第三十二次会议通过"
CF_SOURCE = "1996年3月17日第八届全国人民代表大会第四次会议通过，2021年1月22日第十三届全国人民代表大会常务委员会第二十五次会议修订"
AGREED_SOURCE = "长三角城管执法协作平台四地约定的协作期限默认值（无法定期限）"

SH_TITLE = "《上海市城市管理行政执法条例》"
ZJ_TITLE = "《浙江省综合行政执法条例》"
CF_TITLE = "《中华人民共和国行政处罚法》"


def _statute(title: str, article: str, gist: str, source: str) -> Citation:
    return Citation(BasisKind.STATUTE, title, article, gist, source)


def _agreed(gist: str) -> Citation:
    return Citation(BasisKind.AGREED_DEFAULT, AGREED_DEFAULT_TITLE, "", gist, AGREED_SOURCE)


# Shanghai 《上海市城市管理行政执法条例》 (2018)
SH_26_2 = _statute(
    SH_TITLE,
    "第二十六条第二款",
    "对不属于本单位职责范围的，应当向举报人说明情况，并在三个工作日内移送有关部门处理",
    SH_SOURCE,
)
SH_28_2 = _statute(
    SH_TITLE,
    "第二十八条第二款",
    "城管执法部门以及乡、镇人民政府和有关行政管理部门无正当理由，不得拒绝接受移送的案件和相关物品",
    SH_SOURCE,
)
SH_29_2 = _statute(
    SH_TITLE,
    "第二十九条第二款",
    "有关行政管理部门应当自收到协助通知书之日起十日内出具书面意见；"
    "如情况复杂需要延期的，应当以书面形式……说明理由并明确答复期限",
    SH_SOURCE,
)
# Zhejiang 《浙江省综合行政执法条例》 (2021): collaboration under agreements; it sets no day counts.
ZJ_29_2 = _statute(
    ZJ_TITLE,
    "第二十九条第二款",
    "行政执法机关应当按照国家有关规定或者执法协作协议，参加长三角一体化执法协同及其他跨省域执法协同",
    ZJ_SOURCE,
)
# 《中华人民共和国行政处罚法》 (2021), binding everywhere.
CF_22 = _statute(CF_TITLE, "第二十二条", "行政处罚由违法行为发生地的行政机关管辖", CF_SOURCE)
CF_26 = _statute(
    CF_TITLE,
    "第二十六条",
    "行政机关因实施行政处罚的需要，可以向有关机关提出协助请求。协助事项属于被请求机关职权范围内的，应当依法予以协助",
    CF_SOURCE,
)
CF_60 = _statute(
    CF_TITLE,
    "第六十条",
    "行政机关应当自行政处罚案件立案之日起九十日内作出行政处罚决定。法律、法规、规章另有规定的，从其规定",
    CF_SOURCE,
)

# The periods agreed on the platform where no statute binding the acting agency sets one.
SIGN_1 = _agreed("收到移送线索后1个工作日内签收")
ACCEPT_3 = _agreed("签收后3个工作日内决定受理或者退回")
CONFIRM_5 = _agreed("承办机构办结后，移送机构5个工作日内确认结案")
RESPOND_10 = _agreed("自收到协查请求之日起10日内书面答复；情况复杂需要延期的，申请延期并说明理由")
REPLY_CONFIRM_5 = _agreed("收到协查答复后5个工作日内确认或追问")
REPAIR_ACCEPT_3 = _agreed(
    "认定机构收到信用修复申请后3个工作日内作出是否受理的决定（国办发〔2025〕22号规定受理时限，具体日数待核）"
)
REPAIR_DECIDE_7 = _agreed("受理后7个工作日内作出是否修复的决定，与受理合计不超过10个工作日")


def _same_everywhere(*citations: Citation) -> dict[str, tuple[Citation, ...]]:
    return {province: citations for province in ("31", "32", "33", "34")}


TABLE: dict[tuple[str, str], dict[str, tuple[Citation, ...]]] = {
    # 线索移送 — sign, accept and conclude are the receiver's steps, confirm the sender's.
    ("transfer", "sign"): {
        "31": (SH_28_2, SIGN_1),
        "32": (CF_22, SIGN_1),
        "33": (ZJ_29_2, SIGN_1),
        "34": (CF_22, SIGN_1),
    },
    ("transfer", "accept"): {
        "31": (SH_28_2, SH_26_2),
        "32": (CF_22, ACCEPT_3),
        "33": (ZJ_29_2, ACCEPT_3),
        "34": (CF_22, ACCEPT_3),
    },
    ("transfer", "conclude"): _same_everywhere(CF_60),
    ("transfer", "confirm"): {
        "31": (CONFIRM_5,),
        "32": (CONFIRM_5,),
        "33": (ZJ_29_2, CONFIRM_5),
        "34": (CONFIRM_5,),
    },
    # 协查请求 — respond is the responder's step, confirm the requester's.
    ("assistance", "respond"): {
        "31": (SH_29_2,),
        "32": (CF_26, RESPOND_10),
        "33": (CF_26, ZJ_29_2, RESPOND_10),
        "34": (CF_26, RESPOND_10),
    },
    ("assistance", "confirm"): {
        "31": (REPLY_CONFIRM_5,),
        "32": (REPLY_CONFIRM_5,),
        "33": (ZJ_29_2, REPLY_CONFIRM_5),
        "34": (REPLY_CONFIRM_5,),
    },
    # 信用修复 — both steps are the 认定机构's; the digits of 国办发〔2025〕22号 are a research gap
    # (docs/adr/0017), so every region cites the platform default.
    ("credit_repair", "accept"): _same_everywhere(REPAIR_ACCEPT_3),
    ("credit_repair", "decide"): _same_everywhere(REPAIR_DECIDE_7),
}
