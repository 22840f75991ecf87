from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """What every cross-regional workflow shares: who may see an item, deadline rules and states,
    official document numbers, letters, and the registries the workflow apps plug into."""

    name = "yrdcollab.casework.collaboration"
    label = "collaboration"
    verbose_name = _("跨区域协作")

    def ready(self) -> None:
        from yrdcollab.platform.catalogue.deadlines import register_deadline_rules

        from .matter_deadlines import KernelDeadlineRules

        register_deadline_rules(KernelDeadlineRules())
