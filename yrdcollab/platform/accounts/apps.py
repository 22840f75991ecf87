from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "yrdcollab.platform.accounts"
    label = "accounts"
    verbose_name = _("账户与角色")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import RoleAssignment
        from .receivers import role_assignment_changed

        # Role codes are cached per user (models.ROLES): every change of an assignment drops them.
        post_save.connect(role_assignment_changed, sender=RoleAssignment, dispatch_uid="accounts.roles.saved")
        post_delete.connect(role_assignment_changed, sender=RoleAssignment, dispatch_uid="accounts.roles.deleted")
