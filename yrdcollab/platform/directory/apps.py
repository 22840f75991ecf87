from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "yrdcollab.platform.directory"
    label = "directory"
    verbose_name = _("机构名录")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from yrdcollab.core import tenancy
        from yrdcollab.platform.access.permissions import has_capability
        from yrdcollab.platform.access.roles import Capability

        from .models import Agency
        from .receivers import agency_changed
        from .tree import agency_subtree_ids

        # The agency tree is cached (tree.py): every change of an agency drops it.
        post_save.connect(agency_changed, sender=Agency, dispatch_uid="directory.agency_tree.saved")
        post_delete.connect(agency_changed, sender=Agency, dispatch_uid="directory.agency_tree.deleted")

        # Visibility everywhere: the agency tree, and the command centre that sees every agency's items.
        tenancy.configure(
            subtree_of=agency_subtree_ids,
            sees_everything=lambda actor: has_capability(actor, Capability.COLLABORATION_SUPERVISE),
        )
