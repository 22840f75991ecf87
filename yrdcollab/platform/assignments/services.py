"""Assigning (分派) and reassigning (改派) an item to an officer of the agency that holds it."""

from uuid import UUID

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_later

from .models import Assignment
from .permissions import may_assign
from .registry import Subject, kind_for
from .selectors import officer_holds_valid_certificate

NOTE_MAX = 500


def _registered(kind: str):
    registered = kind_for(kind)
    if registered is None:
        raise NotFound()
    return registered


def subject_for(*, actor, kind: str, public_id) -> Subject:
    """The item of a registered kind the actor may see (404 for an unknown kind or a foreign item)."""
    return _registered(kind).subject(actor, public_id)


def _assignee(subject: Subject, assignee_id) -> User:
    try:
        user = User.objects.get(public_id=UUID(str(assignee_id)))
    except (ValueError, User.DoesNotExist):
        raise InvalidInput(_("承办人不存在。"), code="assignee_unknown", details={"field": "assignee"}) from None
    if not user.is_active:
        raise InvalidInput(_("承办人账号已停用。"), code="assignee_inactive", details={"field": "assignee"})
    if user.agency_id != subject.agency_id:
        raise InvalidInput(
            _("只能分派给承办该事项的本机构执法人员。"), code="assignee_other_agency", details={"field": "assignee"}
        )
    if not has_capability(user, Capability.COLLABORATION_HANDLE):
        raise InvalidInput(_("该人员不办理协作事项。"), code="assignee_not_handler", details={"field": "assignee"})
    if not officer_holds_valid_certificate(user, on=timezone.localdate()):
        raise InvalidInput(
            _("该人员没有有效的行政执法证，不能承办执法事项。"),
            code="assignee_no_certificate",
            details={"field": "assignee"},
        )
    return user


@transaction.atomic
def assignment_set(*, actor, kind: str, public_id, assignee_id, note: str = "") -> Assignment:
    """Assigns the item to `assignee_id` (a user's public id); a current assignment to someone else is
    ended first (改派). The same officer again is a no-op refusal (409 `already_assigned`)."""
    subject = subject_for(actor=actor, kind=kind, public_id=public_id)
    if not subject.is_open:
        raise Conflict(_("该事项已办结，不能再分派。"), code="subject_closed")
    if not may_assign(actor, subject):
        raise PermissionDenied(details={"capability": str(Capability.WORK_ASSIGN)})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise InvalidInput(code="too_long", details={"field": "note", "max_length": NOTE_MAX})
    assignee = _assignee(subject, assignee_id)
    now = timezone.now()
    current = (
        Assignment.objects.select_for_update()
        .filter(kind=kind, subject_id=subject.public_id, ended_at__isnull=True)
        .first()
    )
    if current is not None and current.assignee_id == assignee.pk:
        raise Conflict(_("该事项已由此人承办。"), code="already_assigned")
    if current is not None:
        current.ended_at = now
        current.save(update_fields=["ended_at"])
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                kind=kind,
                subject_id=subject.public_id,
                agency_id=subject.agency_id,
                assignee=assignee,
                assigned_by=actor,
                assigned_at=now,
                note=note,
            )
    except IntegrityError:  # a concurrent assignment of the same item won the race
        raise Conflict(_("该事项刚刚被他人分派，请刷新后重试。"), code="concurrent_assignment") from None
    audit_record(
        actor=actor,
        action="assignment.reassigned" if current is not None else "assignment.assigned",
        object_type=_registered(kind).object_type,
        object_id=str(subject.public_id),
        agency=actor.agency,
        summary={
            "assignee": str(assignee.public_id),
            "previous": str(current.assignee.public_id) if current is not None else "",
            "reference": subject.reference,
        },
    )
    notify_later(
        kind="assignment.assigned",
        title=_("请承办：%(ref)s") % {"ref": subject.reference or subject.title},
        body=_("%(who)s 将“%(title)s”分派给您承办。%(note)s")
        % {"who": actor.get_full_name() or actor.username, "title": subject.title, "note": note},
        link=subject.url,
        actor=actor,
        recipients=[assignee],
    )
    return assignment
