from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yrdcollab.core"
    label = "core"
    verbose_name = _("平台基础")

    def ready(self):
        from django.db.models import CharField, IntegerField, UUIDField

        from .lookups import Any

        CharField.register_lookup(Any)
        UUIDField.register_lookup(Any)
        IntegerField.register_lookup(Any)
