from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "yrdcollab.operations"
    label = "operations"
    verbose_name = _("联合执法整治")

    def ready(self) -> None:
        from yrdcollab.accounts import certificate_annotations

        from .certificates import authorization_annotations

        certificate_annotations.register(authorization_annotations)
