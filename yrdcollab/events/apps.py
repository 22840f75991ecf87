from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "yrdcollab.events"
    label = "events"
    verbose_name = _("重大活动执法保障")
