from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "yrdcollab.field.events"
    label = "events"
    verbose_name = _("重大活动执法保障")

    def ready(self) -> None:
        from yrdcollab.field.duty.contexts import register_roster_context
        from yrdcollab.smart.sensing.hooks import alert_raised

        from .duty_context import EVENT_CONTEXT
        from .receivers import incident_from_raised_alert

        register_roster_context(EVENT_CONTEXT)  # joint-duty rosters may serve a major event
        alert_raised.connect(incident_from_raised_alert, dispatch_uid="events.incident_from_raised_alert")
