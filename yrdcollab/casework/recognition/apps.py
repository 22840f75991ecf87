from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "yrdcollab.casework.recognition"
    label = "recognition"
    verbose_name = _("执法结果互认")
