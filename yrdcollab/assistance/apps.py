from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "yrdcollab.assistance"
    label = "assistance"
    verbose_name = _("协查请求")
