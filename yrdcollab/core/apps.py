from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yrdcollab.core"
    label = "core"
    verbose_name = _("平台基础")

    def ready(self):
        from django.db.models import CharField, IntegerField, UUIDField
        from django.db.models.signals import pre_save

        from .lookups import Any
        from .validation import refuse_stored_dates_out_of_range

        CharField.register_lookup(Any)
        UUIDField.register_lookup(Any)
        IntegerField.register_lookup(Any)
        pre_save.connect(refuse_stored_dates_out_of_range, dispatch_uid="core.dates_in_range")
