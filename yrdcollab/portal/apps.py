from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top layer: the shell every page sits in (home page, side navigation, `/me`) and the
    demo seeding of the embedded default. It may import every app; no app imports it."""

    name = "yrdcollab.portal"
    label = "portal"
    verbose_name = _("门户")
