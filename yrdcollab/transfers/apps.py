from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "yrdcollab.transfers"
    label = "transfers"
    verbose_name = _("线索移送")
