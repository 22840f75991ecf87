"""Evidence kinds (pure). 行政处罚法 art. 46 lists eight types of evidence; the platform's seed also
names four kinds officers work with daily. Each named kind carries the art. 46 type it counts as:

* 现场检查笔录 → 勘验笔录、现场笔录 (art. 46(8): a record made on site by the officers)
* 询问笔录 → 当事人的陈述 (art. 46(6): the usual interview is of the party; a witness interview is
  recorded as 证人证言 directly)
* 检验检测报告 → 鉴定意见 (art. 46(7): an opinion of a qualified testing body)
* 涉案物品 → 物证 (art. 46(2): a seized physical item; it carries a chain-of-custody log)
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceType(models.TextChoices):
    """The eight types of 行政处罚法 art. 46."""

    DOCUMENTARY = "documentary", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIOVISUAL = "audiovisual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    PARTY_STATEMENT = "party_statement", _("当事人的陈述")
    EXPERT_OPINION = "expert_opinion", _("鉴定意见")
    INSPECTION_RECORD = "inspection_record", _("勘验笔录、现场笔录")


class EvidenceKind(models.TextChoices):
    DOCUMENTARY = "documentary", _("书证")
    PHYSICAL = "physical", _("物证")
    AUDIOVISUAL = "audiovisual", _("视听资料")
    ELECTRONIC = "electronic", _("电子数据")
    WITNESS = "witness", _("证人证言")
    PARTY_STATEMENT = "party_statement", _("当事人的陈述")
    EXPERT_OPINION = "expert_opinion", _("鉴定意见")
    INSPECTION_RECORD = "inspection_record", _("勘验笔录、现场笔录")
    SITE_INSPECTION_RECORD = "site_inspection_record", _("现场检查笔录")
    INQUIRY_RECORD = "inquiry_record", _("询问笔录")
    TEST_REPORT = "test_report", _("检验检测报告")
    SEIZED_ITEM = "seized_item", _("涉案物品")


_NAMED_KIND_TYPES = {
    EvidenceKind.SITE_INSPECTION_RECORD: EvidenceType.INSPECTION_RECORD,
    EvidenceKind.INQUIRY_RECORD: EvidenceType.PARTY_STATEMENT,
    EvidenceKind.TEST_REPORT: EvidenceType.EXPERT_OPINION,
    EvidenceKind.SEIZED_ITEM: EvidenceType.PHYSICAL,
}


def evidence_type_of(kind: str) -> EvidenceType:
    """The art. 46 type a kind counts as (an art. 46 kind is its own type)."""
    kind = EvidenceKind(kind)
    return _NAMED_KIND_TYPES.get(kind) or EvidenceType(kind.value)


def has_custody_log(kind: str) -> bool:
    return kind == EvidenceKind.SEIZED_ITEM


class Decision(models.TextChoices):
    RECOGNIZED = "recognized", _("予以认可")
    RECOGNIZED_WITH_REMARKS = "recognized_with_remarks", _("附意见认可")
    NOT_RECOGNIZED = "not_recognized", _("不予认可")


def decision_needs_remarks(decision: str) -> bool:
    return decision in (Decision.RECOGNIZED_WITH_REMARKS, Decision.NOT_RECOGNIZED)


class VerificationStatus(models.TextChoices):
    OK = "ok", _("校验通过")
    FILE_MISSING = "file_missing", _("文件缺失")
    FILE_ALTERED = "file_altered", _("文件被篡改")
    MANIFEST_ALTERED = "manifest_altered", _("清单被篡改")
    SIGNATURE_INVALID = "signature_invalid", _("签名无效")
