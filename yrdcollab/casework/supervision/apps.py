from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "yrdcollab.casework.supervision"
    label = "supervision"
    verbose_name = _("督办")

    def ready(self) -> None:
        from . import exports

        exports.register_sources()  # the dashboard's items can be exported (platform/exports)
