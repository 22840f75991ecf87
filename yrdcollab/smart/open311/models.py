"""Open311 GeoReport v2: the API keys of citizen-reporting clients and the service requests they post.
A request becomes a sensing Alert; its Open311 status follows the alert's."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.personal_data import EncryptedCharField


class ApiKey(TimestampedModel):
    name = models.CharField(_("客户端名称"), max_length=100)
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属机构")
    )
    prefix = models.CharField(max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("创建人")
    )
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Open311 接入密钥")
        verbose_name_plural = _("Open311 接入密钥")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class ServiceRequest(TimestampedModel):
    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="requests")
    matter = models.ForeignKey("catalogue.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    alert = models.ForeignKey("sensing.Alert", on_delete=models.PROTECT, related_name="+", verbose_name=_("预警"))
    division = models.ForeignKey(
        "directory.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在区划"),
    )
    lon = models.FloatField(_("经度（WGS-84）"))
    lat = models.FloatField(_("纬度（WGS-84）"))
    address_string = models.CharField(_("地址"), max_length=250, blank=True)
    address_id = models.CharField(max_length=64, blank=True)
    description = models.TextField(_("描述"), max_length=4000, blank=True)
    media_url = models.URLField(_("图片链接"), max_length=1000, blank=True)
    device_id = models.CharField(max_length=64, blank=True)
    account_id = models.CharField(max_length=64, blank=True)
    # Personal data of the reporter: encrypted at rest, never returned by the API.
    email = EncryptedCharField(_("电子邮箱"), max_length=254, blank=True)
    first_name = EncryptedCharField(_("名"), max_length=64, blank=True)
    last_name = EncryptedCharField(_("姓"), max_length=64, blank=True)
    phone = EncryptedCharField(_("电话"), max_length=32, blank=True)
    requested_at = models.DateTimeField(_("提交时间"))

    class Meta:
        ordering = ["-requested_at", "-id"]
        verbose_name = _("Open311 服务请求")
        verbose_name_plural = _("Open311 服务请求")
        indexes = [models.Index(fields=["requested_at"], name="open311_request_time_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(lat__gte=-90, lat__lte=90), name="open311_request_lat_range"),
            models.CheckConstraint(condition=models.Q(lon__gte=-180, lon__lte=180), name="open311_request_lon_range"),
        ]
