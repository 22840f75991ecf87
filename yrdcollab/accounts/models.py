"""Users, their roles, and personal API tokens."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import PublicIdModel, TimestampedModel

from .roles import Role


class User(AbstractUser, PublicIdModel):
    """A person (or an integrating system's service account) working for exactly one agency."""

    full_name = models.CharField(_("姓名"), max_length=64)
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="users",
                               verbose_name=_("所属机构"))
    title = models.CharField(_("职务"), max_length=64, blank=True)

    REQUIRED_FIELDS = ["email"]

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(self.role_assignments.values_list("role", flat=True))

    def get_full_name(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("角色"), max_length=32, choices=Role.choices)
    granted_at = models.DateTimeField(_("授予时间"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="accounts_roleassignment_unique")]
        verbose_name = _("角色授予")
        verbose_name_plural = _("角色授予")


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

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.name} (yrd_{self.prefix}_…)"
