from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BulletinsConfig(AppConfig):
    name = "yrdcollab.casework.bulletins"
    label = "bulletins"
    verbose_name = _("执法通报")
