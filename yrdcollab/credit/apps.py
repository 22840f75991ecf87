from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CreditConfig(AppConfig):
    name = "yrdcollab.credit"
    label = "credit"
    verbose_name = _("信用联合惩戒")

    def ready(self) -> None:
        from yrdcollab.casework.collaboration.deadlines import register_step_defaults
        from yrdcollab.casework.recognition.hooks import penalty_decision_recorded
        from yrdcollab.platform.workdays.registry import register_provisional_recomputer

        from . import exports
        from .conf import DEADLINE_DEFAULTS
        from .receivers import open_credit_record
        from .services.repair import repairs_recompute_provisional

        register_step_defaults(*DEADLINE_DEFAULTS)
        penalty_decision_recorded.connect(open_credit_record, dispatch_uid="credit.open_credit_record")
        register_provisional_recomputer(repairs_recompute_provisional)
        exports.register_sources()  # the list of applied measures can be exported (platform/exports)
