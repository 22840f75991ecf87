from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CockpitConfig(AppConfig):
    name = "yrdcollab.command.cockpit"
    label = "cockpit"
    verbose_name = _("指挥中心驾驶舱")
