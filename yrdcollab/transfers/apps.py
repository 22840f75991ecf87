from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransfersConfig(AppConfig):
    name = "yrdcollab.transfers"
    label = "transfers"
    verbose_name = _("线索移送")

    def ready(self) -> None:
        from yrdcollab.collaboration.registry import SubjectKind, register_subject_kind
        from yrdcollab.workdays.registry import register_provisional_recomputer

        from . import markers, subject
        from .services import transfers_recompute_provisional

        register_subject_kind(SubjectKind(code="transfer", label=str(_("线索移送")), access=subject.access,
                                          may_attach=subject.may_attach, url=subject.url))
        register_provisional_recomputer(transfers_recompute_provisional)
        markers.register()  # clue transfers with a place appear on the enforcement map
