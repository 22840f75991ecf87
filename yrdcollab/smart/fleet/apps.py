from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FleetConfig(AppConfig):
    name = "yrdcollab.smart.fleet"
    label = "fleet"
    verbose_name = _("渣土车监管")

    def ready(self) -> None:
        from yrdcollab.smart.sensing.hooks import tracker_position

        from .receivers import record_tracker_position

        tracker_position.connect(record_tracker_position, dispatch_uid="fleet.record_tracker_position")
