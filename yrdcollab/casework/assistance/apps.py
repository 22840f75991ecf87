from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _access(actor, public_id):
    from .selectors import access_assistance

    return access_assistance(actor=actor, public_id=public_id)


def _may_attach(actor, request) -> bool:
    from .selectors import assistance_side_of
    from .states import is_closed

    return not is_closed(request.status) and assistance_side_of(actor, request) is not None


def _url(request) -> str:
    from django.urls import reverse

    return reverse("assistance:detail", args=[request.public_id])


def _recompute(year: int):
    from .services import assistance_recompute_provisional

    return assistance_recompute_provisional(year)


class AssistanceConfig(AppConfig):
    name = "yrdcollab.casework.assistance"
    label = "assistance"
    verbose_name = _("协查请求")

    def ready(self):
        from yrdcollab.casework.collaboration.deadlines import register_step_defaults
        from yrdcollab.casework.collaboration.registry import SubjectKind, register_subject_kind
        from yrdcollab.platform.workdays.registry import register_provisional_recomputer

        from .conf import DEADLINE_DEFAULTS

        register_step_defaults(*DEADLINE_DEFAULTS)
        register_subject_kind(SubjectKind(code="assistance", label=_("协查请求"), access=_access,
                                          may_attach=_may_attach, url=_url))
        register_provisional_recomputer(_recompute)
