from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FleetConfig(AppConfig):
    name = "yrdcollab.fleet"
    label = "fleet"
    verbose_name = _("渣土车监管")
