from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "yrdcollab.platform.catalogue"
    label = "catalogue"
    verbose_name = _("事项目录")
