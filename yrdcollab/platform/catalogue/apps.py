from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "yrdcollab.platform.catalogue"
    label = "catalogue"
    verbose_name = _("事项目录")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .models import Matter
        from .receivers import matter_changed

        # Active matters are cached by code (selectors.ACTIVE): every change of a matter drops them.
        post_save.connect(matter_changed, sender=Matter, dispatch_uid="catalogue.matter.saved")
        post_delete.connect(matter_changed, sender=Matter, dispatch_uid="catalogue.matter.deleted")
