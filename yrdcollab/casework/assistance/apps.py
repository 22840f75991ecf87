from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssistanceConfig(AppConfig):
    name = "yrdcollab.casework.assistance"
    label = "assistance"
    verbose_name = _("协查请求")

    def ready(self):
        from yrdcollab.casework.collaboration.deadlines import register_step_defaults
        from yrdcollab.casework.collaboration.registry import SubjectKind, register_subject_kind
        from yrdcollab.platform.workdays.registry import register_provisional_recomputer

        from . import exports, subject
        from .conf import DEADLINE_DEFAULTS
        from .services import assistance_recompute_provisional

        register_step_defaults(*DEADLINE_DEFAULTS)
        register_subject_kind(
            SubjectKind(
                code="assistance",
                label=_("协查请求"),
                access=subject.access,
                may_attach=subject.may_attach,
                url=subject.url,
            )
        )
        register_provisional_recomputer(assistance_recompute_provisional)
        exports.register_sources()  # the incoming and outgoing lists can be exported (platform/exports)
