from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """What every cross-regional workflow shares: who may see an item, deadline rules and states,
    official document numbers, letters, and the registries the workflow apps plug into."""

    name = "yrdcollab.casework.collaboration"
    label = "collaboration"
    verbose_name = _("跨区域协作")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from yrdcollab.platform.catalogue.deadlines import register_deadline_rules

        from .matter_deadlines import KernelDeadlineRules
        from .models import DeadlineRule
        from .receivers import deadline_rule_changed

        register_deadline_rules(KernelDeadlineRules())
        # Deadline rules are cached per step (deadlines.RULES): every change of a rule drops them.
        post_save.connect(deadline_rule_changed, sender=DeadlineRule, dispatch_uid="collaboration.rules.saved")
        post_delete.connect(deadline_rule_changed, sender=DeadlineRule, dispatch_uid="collaboration.rules.deleted")
