from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """What every cross-regional workflow shares: who may see an item, deadline rules and states,
    official document numbers, letters, and the registry of item kinds."""

    name = "yrdcollab.collaboration"
    label = "collaboration"
    verbose_name = _("跨区域协作")
