from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "yrdcollab.credit"
    label = "credit"
    verbose_name = _("信用联合惩戒")

    def ready(self) -> None:
        from yrdcollab.workdays.registry import register_provisional_recomputer

        from .services.repair import repairs_recompute_provisional

        register_provisional_recomputer(repairs_recompute_provisional)
