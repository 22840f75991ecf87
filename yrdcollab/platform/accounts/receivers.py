"""The accounts app's own model signals: a saved or deleted role assignment drops the user's cached
role codes (models.ROLES), so a granted or withdrawn role counts from the next request on."""

from .models import ROLES


def role_assignment_changed(sender, instance, **kwargs) -> None:
    ROLES.forget(instance.user_id)
