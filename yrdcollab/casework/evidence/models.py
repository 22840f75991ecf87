"""Evidence records (DESIGN §3.10). Files live in the content-addressed store (store.py) and rows
only point at them by SHA-256; nothing here is ever updated after creation except a signing key's
retirement."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel

from .kinds import Decision, EvidenceKind, EvidenceType


class AgencySigningKey(models.Model):
    """An agency's Ed25519 key. The public half is published; the private half is encrypted at rest
    (yrdcollab.core.personal_data). Retired keys stay to verify what they signed."""

    key_id = models.CharField(_("密钥编号"), max_length=16, unique=True)
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="signing_keys", verbose_name=_("机构")
    )
    public_key = models.CharField(_("公钥（Base64）"), max_length=64)
    private_key_encrypted = models.TextField(_("私钥（加密）"))
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    retired_at = models.DateTimeField(_("停用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("机构签名密钥")
        verbose_name_plural = _("机构签名密钥")
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(retired_at__isnull=True),
                name="evidence_one_current_key_per_agency",
            ),
        ]

    def __str__(self) -> str:
        return self.key_id


class EvidenceItem(TimestampedModel):
    """One piece of evidence attached to a cross-regional item (a transfer or an assistance request)."""

    subject_kind = models.CharField(_("所属事项类型"), max_length=32)
    subject_public_id = models.UUIDField(_("所属事项编号"))
    issuing_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("出具机构")
    )
    kind = models.CharField(_("证据种类"), max_length=32, choices=EvidenceKind.choices)
    evidence_type = models.CharField(_("法定证据类型"), max_length=32, choices=EvidenceType.choices)
    title = models.CharField(_("名称"), max_length=200)
    description = models.TextField(_("说明"), max_length=4000, blank=True)
    collected_by = models.CharField(_("收集人"), max_length=100)
    collected_at = models.DateTimeField(_("收集时间"))
    collected_place = models.CharField(_("收集地点"), max_length=200)
    collection_method = models.CharField(_("收集方式"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        indexes = [models.Index(fields=["subject_kind", "subject_public_id"], name="evidence_item_subject")]

    def __str__(self) -> str:
        return self.title


class CustodyEvent(TimestampedModel):
    """One hand-over of a seized item (涉案物品). Append-only: there is no service to change one."""

    item = models.ForeignKey(
        EvidenceItem, on_delete=models.PROTECT, related_name="custody_events", verbose_name=_("涉案物品")
    )
    from_party = models.CharField(_("移交方"), max_length=200)
    to_party = models.CharField(_("接收方"), max_length=200)
    occurred_at = models.DateTimeField(_("交接时间"))
    place = models.CharField(_("交接地点"), max_length=200)
    condition = models.CharField(_("物品状况"), max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    recorded_by_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记机构")
    )

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("保管交接记录")
        verbose_name_plural = _("保管交接记录")


class EvidenceFile(models.Model):
    """A file of an item (custody_event empty) or a photo of a custody hand-over. The bytes are in the
    store under their SHA-256; the original name is display metadata only."""

    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, related_name="files")
    custody_event = models.ForeignKey(
        CustodyEvent, on_delete=models.PROTECT, null=True, blank=True, related_name="photos"
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("文件类型"), max_length=100)
    display_name = models.CharField(_("文件名"), max_length=200)

    class Meta:
        ordering = ["id"]
        verbose_name = _("证据文件")
        verbose_name_plural = _("证据文件")

    def __str__(self) -> str:
        return self.display_name


class EvidenceManifest(TimestampedModel):
    """The issuing agency's signed statement of its evidence for one item: `content` is the exact
    canonical JSON (sorted keys, UTF-8, no spaces) the Ed25519 `signature` covers."""

    subject_kind = models.CharField(_("所属事项类型"), max_length=32)
    subject_public_id = models.UUIDField(_("所属事项编号"))
    issuing_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("出具机构")
    )
    version = models.PositiveIntegerField(_("版本"))
    content = models.TextField(_("清单内容"))
    signature = models.CharField(_("签名（Base64）"), max_length=128)
    key_id = models.CharField(_("密钥编号"), max_length=16)
    items = models.ManyToManyField(EvidenceItem, related_name="manifests", verbose_name=_("证据"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("签发人")
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("证据清单")
        verbose_name_plural = _("证据清单")
        indexes = [models.Index(fields=["subject_kind", "subject_public_id"], name="evidence_manifest_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_kind", "subject_public_id", "issuing_agency", "version"],
                name="evidence_manifest_version_unique",
            ),
        ]


class EvidenceRecognition(TimestampedModel):
    """The receiving agency's review (示范区条例 art. 57 ¶2) of a manifest as a whole, or of one item
    in it. One decision per agency for each."""

    manifest = models.ForeignKey(EvidenceManifest, on_delete=models.PROTECT, related_name="recognitions")
    item = models.ForeignKey(EvidenceItem, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recognizing_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("审核机构")
    )
    decision = models.CharField(_("审核结论"), max_length=32, choices=Decision.choices)
    remarks = models.TextField(_("意见或理由"), max_length=2000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("审核人")
    )
    decided_at = models.DateTimeField(_("审核时间"))

    class Meta:
        ordering = ["decided_at", "id"]
        verbose_name = _("证据审核认可")
        verbose_name_plural = _("证据审核认可")
        constraints = [
            models.UniqueConstraint(
                fields=["manifest", "recognizing_agency"],
                condition=models.Q(item__isnull=True),
                name="evidence_recognition_manifest_once",
            ),
            models.UniqueConstraint(
                fields=["manifest", "item", "recognizing_agency"],
                condition=models.Q(item__isnull=False),
                name="evidence_recognition_item_once",
            ),
        ]
