from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SensingConfig(AppConfig):
    name = "yrdcollab.smart.sensing"
    label = "sensing"
    verbose_name = _("智能感知")

    def ready(self):
        from . import exports
        from .markers import register

        register()
        exports.register_sources()  # the alert list can be exported (platform/exports)
