"""Enforcement bulletins (执法通报), who received them, and their attachments."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from .states import BulletinStatus

BODY_MAX = 20_000
TITLE_MAX = 200
NOTE_MAX = 500


class BulletinKind(models.TextChoices):
    TYPICAL_CASE = "typical_case", _("典型案例")
    WORK_NOTICE = "work_notice", _("工作通知")
    WARNING = "warning", _("预警提示")
    STATISTICS = "statistics", _("统计通报")


class AudienceType(models.TextChoices):
    ALL = "all", _("全部机构")
    REGION = "region", _("指定省市")
    ZONE = "zone", _("协作区域")
    AGENCIES = "agencies", _("指定机构")


class BulletinQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Members of the issuing agency (drafts included) and of every receiving agency see a
        bulletin; the command centre sees every published one. Unlike cross-regional items, superior
        agencies do not see their subordinates' bulletins."""
        scope = AgencyScope.for_actor(actor)
        condition = models.Q(pk__in=[])
        if scope.agency_id is not None:
            received = BulletinRecipient.objects.filter(bulletin=models.OuterRef("pk"), agency_id=scope.agency_id)
            condition |= models.Q(issuer_id=scope.agency_id) | models.Q(models.Exists(received))
        if scope.everything:
            condition |= ~models.Q(status=BulletinStatus.DRAFT)
        return self.filter(condition)


class Bulletin(TimestampedModel):
    issuer = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="bulletins_issued", verbose_name=_("发布机构")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("起草人")
    )
    kind = models.CharField(_("类别"), max_length=32, choices=BulletinKind.choices)
    title = models.CharField(_("标题"), max_length=TITLE_MAX)
    body = models.TextField(_("正文"))
    doc_number = models.CharField(_("文号"), max_length=64, blank=True)
    audience_type = models.CharField(_("发送范围"), max_length=16, choices=AudienceType.choices)
    audience_provinces = models.JSONField(_("省级区划代码"), default=list, blank=True)
    audience_zone = models.ForeignKey(
        "directory.Zone", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("协作区域")
    )
    audience_agencies = models.ManyToManyField(
        "directory.Agency", related_name="+", blank=True, verbose_name=_("指定机构")
    )
    requires_ack = models.BooleanField(_("需要确认"), default=False)
    ack_due_on = models.DateField(_("确认期限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=BulletinStatus.choices, default=BulletinStatus.DRAFT)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("发布人"),
    )
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("撤回人"),
    )
    withdraw_reason = models.CharField(_("撤回原因"), max_length=NOTE_MAX, blank=True)

    objects = BulletinQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["issuer", "status"], name="bulletin_issuer_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(requires_ack=False) | models.Q(ack_due_on__isnull=False),
                name="bulletin_ack_needs_due_date",
            ),
        ]
        verbose_name = _("执法通报")
        verbose_name_plural = _("执法通报")

    def __str__(self) -> str:
        return self.title


class BulletinRecipient(models.Model):
    """One receiving agency, fixed when the bulletin is published. Read and acknowledged are per agency:
    the first user of the agency to open or confirm it stands for the agency."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="recipients")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="bulletins_received")
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ack_note = models.CharField(_("确认意见"), max_length=NOTE_MAX, blank=True)
    ack_late = models.BooleanField(_("逾期确认"), default=False)
    reminded_on = models.DateField(_("最近催办日期"), null=True, blank=True)

    class Meta:
        ordering = ["agency__division_id", "agency__name"]
        constraints = [models.UniqueConstraint(fields=["bulletin", "agency"], name="bulletin_recipient_unique")]
        indexes = [models.Index(fields=["agency", "read_at"], name="bulletin_recipient_unread")]

    def __str__(self) -> str:
        return f"{self.bulletin_id} → {self.agency_id}"


class BulletinAttachment(models.Model):
    """A file stored once under media/bulletins/<sha256>; the row names it for one bulletin."""

    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="attachments")
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("大小（字节）"))
    content_type = models.CharField(_("类型"), max_length=100)
    display_name = models.CharField(_("文件名"), max_length=150)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [models.UniqueConstraint(fields=["bulletin", "sha256"], name="bulletin_attachment_unique")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def storage_name(self) -> str:
        return f"bulletins/{self.sha256}"
