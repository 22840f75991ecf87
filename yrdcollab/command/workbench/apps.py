from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    name = "yrdcollab.command.workbench"
    label = "workbench"
    verbose_name = _("工作台")

    def ready(self) -> None:
        from .assignables import register_assignable_kinds

        register_assignable_kinds()
