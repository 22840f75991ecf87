"""The certificate check (accounts) shows the holder's inspection authorizations in force: registered
as a certificate_annotations provider in OperationsConfig.ready()."""

from datetime import date

from django.utils.translation import gettext as _

from yrdcollab.platform.accounts.certificate_annotations import CertificateAnnotation

from .selectors import authorizations_in_force


def authorization_annotations(*, holder, on: date) -> list[CertificateAnnotation]:
    result = []
    for a in authorizations_in_force(officer=holder, on=on):
        matters = "、".join(m.name for m in a.matters.all())
        areas = "、".join(d.name for d in a.area_divisions.all())
        result.append(
            CertificateAnnotation(
                kind="inspection_authorization",
                title=str(_("异地执法检查授权")),
                number=a.number,
                issuer=a.grantor.name,
                scope=_("事项：%(m)s；区域：%(a)s") % {"m": matters, "a": areas},
                valid_from=a.valid_from,
                valid_to=a.valid_to,
            )
        )
    return result
