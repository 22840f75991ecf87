"""Whom a repair application tells: the determining agency when it is filed, the window and every
agency applying a measure when it is decided. Called inside the change's transaction with the
application in hand; each notice is one job row the worker composes after commit (notify_later)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from yrdcollab.core.personal_data import mask_phone
from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.notifications.services import notify_later

from ..models import RepairApplication
from ..selectors.repair import EVENT_LABELS

DETERMINING_ROLES = (Role.CREDIT_OFFICER, Role.BUREAU_LEADER)  # the determining agency decides
WINDOW_ROLES = (Role.CREDIT_OFFICER, Role.LIAISON)  # the window agency files


def _link(application: RepairApplication) -> str:
    return reverse("credit:repair_detail", args=[application.public_id])


def notify_filed(application: RepairApplication) -> None:
    values = {
        "n": application.number,
        "s": application.subject.name,
        "w": application.filed_at.name,
        "d": application.determining_agency.name,
    }
    notify_later(
        agency_ids=[application.determining_agency_id],
        roles=DETERMINING_ROLES,
        kind="credit.repair_filed",
        title=(_("收到信用修复申请：%(s)s") % values)[:120],
        body=_(
            "%(w)s窗口受理了%(s)s的信用修复申请（%(n)s），按“谁认定、谁修复”转至你单位，请在期限内作出是否受理的决定。"
        )
        % values,
        link=_link(application),
        actor=application.filed_by,
    )
    if application.filed_at_id != application.determining_agency_id:
        notify_later(
            agency_ids=[application.filed_at_id],
            roles=WINDOW_ROLES,
            kind="credit.repair_routed",
            title=(_("信用修复申请已转至认定机构：%(n)s") % values)[:120],
            body=_("%(s)s的信用修复申请（%(n)s）已转至认定机构%(d)s办理。") % values,
            link=_link(application),
            actor=application.filed_by,
        )


def notify_decided(application: RepairApplication, action: str) -> None:
    values = {
        "n": application.number,
        "s": application.subject.name,
        "d": application.determining_agency.name,
        "a": EVENT_LABELS[action],
        "r": application.reason,
        "name": application.applicant_name,
        "phone": mask_phone(application.applicant_phone),
    }
    body = _("%(d)s对%(s)s的信用修复申请（%(n)s）作出“%(a)s”。") % values
    if application.reason:
        body += _("理由：%(r)s。") % values
    if action != "accept":
        body += _("请告知申请人%(name)s（%(phone)s）。") % values
    notify_later(
        agency_ids=[application.filed_at_id],
        roles=WINDOW_ROLES,
        recipient_ids=[application.filed_by_id],
        kind=f"credit.repair_{action}",
        title=(_("信用修复申请%(a)s：%(s)s") % values)[:120],
        body=body,
        link=_link(application),
        actor=application.handled_by,
    )
    if action == "accept" and application.filed_at_id != application.determining_agency_id:
        return
    if application.filed_at_id != application.determining_agency_id:
        # The determining agency's other credit staff see the decision in their inbox too.
        notify_later(
            agency_ids=[application.determining_agency_id],
            roles=DETERMINING_ROLES,
            kind=f"credit.repair_{action}",
            title=(_("信用修复申请%(a)s：%(s)s") % values)[:120],
            body=body,
            link=_link(application),
            email=False,
            actor=application.handled_by,
        )
