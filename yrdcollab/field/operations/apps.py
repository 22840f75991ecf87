from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "yrdcollab.field.operations"
    label = "operations"
    verbose_name = _("联合执法整治")

    def ready(self) -> None:
        from yrdcollab.field.duty.contexts import register_roster_context
        from yrdcollab.platform.accounts import certificate_annotations

        from .certificates import authorization_annotations
        from .duty_context import CAMPAIGN_CONTEXT

        certificate_annotations.register(authorization_annotations)
        register_roster_context(CAMPAIGN_CONTEXT)  # joint-duty rosters may serve a campaign
