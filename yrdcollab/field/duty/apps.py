from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DutyConfig(AppConfig):
    name = "yrdcollab.field.duty"
    label = "duty"
    verbose_name = _("联勤联动")

    def ready(self) -> None:
        from . import markers

        markers.register()  # current patrol positions appear on the enforcement map
