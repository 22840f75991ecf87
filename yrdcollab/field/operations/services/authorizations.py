"""Writes of cross-region inspection authorizations (异地执法检查授权): agency B (the grantor, the
actor's agency) authorizes named officers of agency A to inspect in B's own area for a scope of
matters and a period, on the basis of a joint campaign, a pairing agreement or a written basis; the
grantor may revoke it with a reason (`authorization_transition`, states.AUTHORIZATION_TRANSITIONS)."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.services import document_number_next
from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.tenancy import AgencyScope
from yrdcollab.core.validation import invalid, is_uuid, text
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Pairing
from yrdcollab.platform.notifications.services import notify_later

from .. import clock, inputs
from .. import permissions as perms
from ..models import InspectionAuthorization
from ..selectors import accepted_agency_ids, access_authorization, access_campaign
from ..states import AUTHORIZATION_TRANSITIONS
from ._common import LEADER_ROLES, require
from .campaigns import _require_open
from .findings import _ancestor_codes


@dataclass
class AuthorizationInput:
    grantee: str  # agency public id
    officers: list[str]  # user public ids (or user names)
    matters: list[str]
    divisions: list[str]
    valid_from: date
    valid_to: date
    basis: str = ""
    campaign: str = ""  # public id
    pairing: str = ""  # public id


def authorization_link(authorization) -> str:
    return reverse("operations:authorization_detail", args=[authorization.public_id])


def _officers(public_ids, grantee) -> list[User]:
    keys = list(dict.fromkeys(str(k).strip() for k in (public_ids or []) if str(k).strip()))
    if not keys:
        raise invalid("officers", _("请至少指定一名被授权执法人员。"), code="required")
    if len(keys) > 200:
        raise invalid("officers", _("最多 200 人。"), code="too_many")
    allowed = AgencyScope(agency_id=grantee.pk).ids  # the grantee and the agencies below it
    # Public ids (API) or user names (the page form).
    found = User.objects.filter(Q(public_id__in=[k for k in keys if is_uuid(k)]) | Q(username__in=keys), is_active=True)
    users = {str(u.public_id): u for u in found} | {u.username: u for u in found}
    for key in keys:
        user = users.get(key)
        if user is None or user.agency_id not in allowed:
            raise invalid("officers", _("被授权人员应为被授权机构的在职执法人员。"), code="officer_not_of_grantee")
    return [users[k] for k in keys]


def _basis(actor, data: AuthorizationInput, grantee) -> dict:
    campaign = pairing = None
    if data.campaign:
        campaign = access_campaign(actor=actor, public_id=data.campaign)
        _require_open(campaign)
        if not {actor.agency_id, grantee.pk} <= accepted_agency_ids(campaign):
            raise invalid(
                "campaign",
                _("授权机构和被授权机构都应为该行动已接受邀请的参与单位。"),
                code="not_campaign_participants",
            )
    if data.pairing:
        pairing = Pairing.objects.filter(public_id=data.pairing).first() if is_uuid(data.pairing) else None
        if pairing is None:
            raise invalid("pairing", _("结对协议不存在。"), code="unknown_pairing")
        if pairing.members.filter(pk__in=[actor.agency_id, grantee.pk]).count() < 2:
            raise invalid("pairing", _("双方机构都应为该结对协议的成员。"), code="not_pairing_members")
    basis = text(
        data.basis, "basis", label=_("授权依据"), max_length=300, required=campaign is None and pairing is None
    )
    if not basis:
        basis = (
            _("联合执法整治行动 %(n)s") % {"n": campaign.number}
            if campaign
            else _("结对协议《%(n)s》") % {"n": pairing.name}
        )
    return {"campaign": campaign, "pairing": pairing, "basis": basis}


@transaction.atomic
def authorization_grant(*, actor, data: AuthorizationInput) -> InspectionAuthorization:
    require(actor, Capability.AUTHORIZATION_GRANT)
    grantor = actor.agency
    grantee = inputs.agency(data.grantee, "grantee")
    if grantee.pk == grantor.pk:
        raise invalid("grantee", _("不能授权本机构。"), code="grantee_is_grantor")
    officers = _officers(data.officers, grantee)
    matters = inputs.matters(data.matters)
    divisions = inputs.divisions(data.divisions, required=True)
    for division in divisions:
        if grantor.division_id not in _ancestor_codes(division):
            raise invalid(
                "divisions",
                _("检查区域应在本机构管辖区域（%(d)s）之内。") % {"d": grantor.division.name},
                code="outside_grantor_jurisdiction",
            )
    valid_from, valid_to = inputs.period(data.valid_from, data.valid_to, start_field="valid_from", end_field="valid_to")
    if valid_to < clock.today():
        raise invalid("valid_to", _("有效期已过。"), code="period_in_past")
    basis = _basis(actor, data, grantee)
    authorization = InspectionAuthorization.objects.create(
        number=document_number_next(agency=grantor, kind="authorization", on=clock.now()),
        grantor=grantor,
        grantee=grantee,
        valid_from=valid_from,
        valid_to=valid_to,
        granted_by=actor,
        **basis,
    )
    authorization.officers.set(officers)
    authorization.matters.set(matters)
    authorization.area_divisions.set(divisions)
    audit_record(
        actor=actor,
        action="authorization.granted",
        obj=authorization,
        summary={
            "number": authorization.number,
            "grantee": grantee.name,
            "officers": [o.full_name for o in officers],
            "matters": [m.code for m in matters],
            "divisions": [d.code for d in divisions],
            "period": [valid_from, valid_to],
        },
    )
    _notify(
        authorization,
        actor=actor,
        kind="authorization.granted",
        title=_("异地执法检查授权：%(n)s") % {"n": authorization.number},
        body=_("%(g)s 授权贵机构 %(o)s 于 %(s)s 至 %(e)s 在其辖区开展执法检查。")
        % {"g": grantor.name, "o": "、".join(o.full_name for o in officers), "s": valid_from, "e": valid_to},
    )
    return authorization


def _notify(authorization, *, actor, kind: str, title: str, body: str) -> None:
    """The grantee's leaders and the named officers (each once): one job row, composed by the worker
    after commit (notify_later)."""
    notify_later(
        agency_ids=[authorization.grantee_id],
        roles=LEADER_ROLES,
        recipient_ids=[officer.pk for officer in authorization.officers.all()],
        kind=kind,
        title=str(title)[:120],
        body=str(body),
        link=authorization_link(authorization),
        actor=actor,
    )


@transaction.atomic
def authorization_transition(*, actor, authorization_id, action: str, reason: str = "") -> InspectionAuthorization:
    """revoke, with a reason: 422 for an unknown action, 404 if not visible, 409 if the table forbids
    the move (revoked already), 403 for anyone but the grantor's managers, 422 note_required without a
    reason."""
    AUTHORIZATION_TRANSITIONS.require_action(action)
    visible = access_authorization(actor=actor, public_id=authorization_id)
    authorization = InspectionAuthorization.objects.select_for_update().get(pk=visible.pk)
    move = AUTHORIZATION_TRANSITIONS.move(authorization.status, action)
    require(actor, Capability.AUTHORIZATION_GRANT)
    if move.by not in perms.authorization_sides(actor, authorization):
        raise PermissionDenied(_("只有授权机构可以撤回授权。"))
    AUTHORIZATION_TRANSITIONS.require_note(action, reason, field="reason")  # 422 note_required, nothing written
    authorization.revoked_reason = text(reason, "reason", label=_("撤回理由"), max_length=300)
    authorization.status, authorization.revoked_at = move.target, clock.now()
    authorization.save()
    audit_record(
        actor=actor,
        action="authorization.revoked",
        obj=authorization,
        summary={"number": authorization.number, "reason": authorization.revoked_reason},
    )
    _notify(
        authorization,
        actor=actor,
        kind="authorization.revoked",
        title=_("异地执法检查授权已撤回：%(n)s") % {"n": authorization.number},
        body=_("%(g)s 撤回了授权 %(n)s，理由：%(r)s")
        % {"g": authorization.grantor.name, "n": authorization.number, "r": authorization.revoked_reason},
    )
    return authorization
