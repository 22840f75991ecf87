from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "yrdcollab.casework.transfers"
    label = "transfers"
    verbose_name = _("线索移送")

    def ready(self) -> None:
        from yrdcollab.casework.collaboration.deadlines import register_step_defaults
        from yrdcollab.casework.collaboration.registry import SubjectKind, register_subject_kind
        from yrdcollab.platform.workdays.registry import register_provisional_recomputer

        from . import exports, markers, subject
        from .conf import DEADLINE_DEFAULTS
        from .services import transfers_recompute_provisional

        register_step_defaults(*DEADLINE_DEFAULTS)
        register_subject_kind(
            SubjectKind(
                code="transfer",
                label=str(_("线索移送")),
                access=subject.access,
                may_attach=subject.may_attach,
                url=subject.url,
            )
        )
        register_provisional_recomputer(transfers_recompute_provisional)
        markers.register()  # clue transfers with a place appear on the enforcement map
        exports.register_sources()  # the incoming and outgoing lists can be exported (platform/exports)
