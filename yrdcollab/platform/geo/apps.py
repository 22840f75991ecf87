from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "yrdcollab.platform.geo"
    label = "geo"
    verbose_name = _("地理与管辖")

    def ready(self) -> None:
        from django.core.signals import setting_changed

        from .index import on_setting_changed

        setting_changed.connect(on_setting_changed, dispatch_uid="geo_index_setting_changed")
