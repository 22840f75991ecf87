from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "yrdcollab.platform.directory"
    label = "directory"
    verbose_name = _("机构名录")

    def ready(self) -> None:
        from yrdcollab.core import tenancy
        from yrdcollab.platform.access.permissions import has_capability
        from yrdcollab.platform.access.roles import Capability

        from .tree import agency_subtree_ids

        # Visibility everywhere: the agency tree, and the command centre that sees every agency's items.
        tenancy.configure(
            subtree_of=agency_subtree_ids,
            sees_everything=lambda actor: has_capability(actor, Capability.COLLABORATION_SUPERVISE),
        )
