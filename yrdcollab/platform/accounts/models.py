"""Users, their roles, personal API tokens, enforcement certificates and training records."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import PublicIdModel, TimestampedModel
from yrdcollab.core.personal_data import EncryptedCharField, mask_phone
from yrdcollab.core.refcache import ReferenceCache
from yrdcollab.platform.access.roles import Role

# Each user's role codes, read by every permission check of every request (issue #13): cached,
# dropped by receivers.py whenever a role assignment is saved or deleted.
ROLES = ReferenceCache("roles", timeout=600)


class User(AbstractUser, PublicIdModel):
    """A person (or an integrating system's service account) working for exactly one agency."""

    full_name = models.CharField(_("姓名"), max_length=64)
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="users", verbose_name=_("所属机构")
    )
    title = models.CharField(_("职务"), max_length=64, blank=True)
    mobile = EncryptedCharField(_("手机号码"), max_length=20, blank=True, default="")

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        if self.pk is None:
            return frozenset()
        return ROLES.get(self.pk, lambda: frozenset(self.role_assignments.values_list("role", flat=True)))

    def get_full_name(self) -> str:
        return self.full_name or self.username

    @property
    def mobile_masked(self) -> str:
        return mask_phone(self.mobile)


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("授予时间"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="accounts_roleassignment_unique")]
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")

    def __str__(self) -> str:
        return f"{self.user_id}:{self.role}"


class ApiToken(TimestampedModel):
    """A personal bearer token. Only a SHA-256 of the secret is stored; the secret is shown once.
    The token is `yrd_<prefix>_<secret>`; the prefix finds the row, the hash proves the secret."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=64)
    prefix = models.CharField(_("前缀"), max_length=12, unique=True)
    secret_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField(_("过期时间"))
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    # Set when the prefix reaches its failure limit (ratelimit.FailureThrottle): until then the token is
    # refused with 429 before its secret is checked. Kept on the row the bearer lookup reads anyway, so
    # a token that verifies costs no rate-limit round trip (issue #13).
    locked_until = models.DateTimeField(_("锁定至"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} (yrd_{self.prefix}_…)"


class CertificateStatus(models.TextChoices):
    ACTIVE = "active", _("有效登记")
    REVOKED = "revoked", _("已吊销")


class OfficerCertificate(TimestampedModel):
    """An administrative enforcement certificate (行政执法证). Whether it is valid on a given day is
    decided by rules.certificate_status, never stored."""

    number = models.CharField(_("执法证号"), max_length=64, unique=True)
    holder = models.ForeignKey(User, on_delete=models.PROTECT, related_name="certificates", verbose_name=_("持证人"))
    issuing_authority = models.CharField(_("发证机关"), max_length=128)
    valid_from = models.DateField(_("有效期起"))
    valid_to = models.DateField(_("有效期至"))
    status = models.CharField(
        _("登记状态"), max_length=16, choices=CertificateStatus.choices, default=CertificateStatus.ACTIVE
    )
    revoked_at = models.DateTimeField(_("吊销时间"), null=True, blank=True)
    revoked_reason = models.CharField(_("吊销原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["-valid_to"]
        verbose_name = _("执法证")
        verbose_name_plural = _("执法证")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")), name="accounts_certificate_period_ordered"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status="active", revoked_at__isnull=True)
                    | models.Q(status="revoked", revoked_at__isnull=False)
                ),
                name="accounts_certificate_revoked_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class TrainingRecord(TimestampedModel):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="training_records", verbose_name=_("学员"))
    course_title = models.CharField(_("课程名称"), max_length=128)
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    completed_on = models.DateField(_("结业日期"))
    provider = models.CharField(_("培训机构"), max_length=128)

    class Meta:
        ordering = ["-completed_on", "-id"]
        verbose_name = _("培训记录")
        verbose_name_plural = _("培训记录")
        constraints = [models.CheckConstraint(condition=models.Q(hours__gt=0), name="accounts_training_hours_positive")]

    def __str__(self) -> str:
        return f"{self.course_title}（{self.completed_on}）"
