"""Reads of assignments: who handles an item now and before, an officer's open items, and whom a
leader may choose."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.accounts.models import OfficerCertificate, User

from .models import Assignment
from .registry import Subject, all_kinds


def _valid_certificates(on: date) -> QuerySet[OfficerCertificate]:
    return OfficerCertificate.objects.filter(status="active", valid_from__lte=on, valid_to__gte=on)


def officer_holds_valid_certificate(user: User, *, on: date) -> bool:
    return _valid_certificates(on).filter(holder=user).exists()


def assignable_officers(*, agency_id: int, on: date) -> list[User]:
    """Active case handlers of the agency with a certificate valid on `on`, by name."""
    users = (
        User.objects.filter(agency_id=agency_id, is_active=True)
        .filter(Exists(_valid_certificates(on).filter(holder=OuterRef("pk"))))
        .order_by("last_name", "first_name", "username")
    )
    return [user for user in users if has_capability(user, Capability.COLLABORATION_HANDLE)]


def assignment_history(*, kind: str, public_id) -> list[Assignment]:
    """Newest first; the first row is current when its ended_at is empty."""
    return list(
        Assignment.objects.filter(kind=kind, subject_id=public_id).select_related("assignee", "assigned_by")[:20]
    )


def current_assignments(*, kind: str, public_ids) -> dict:
    """{public_id: Assignment} of the current assignment of each item that has one (one query)."""
    rows = Assignment.objects.filter(kind=kind, subject_id__in=list(public_ids), ended_at__isnull=True)
    return {row.subject_id: row for row in rows.select_related("assignee")}


@dataclass(frozen=True)
class AssignedItem:
    kind: str
    kind_label: str
    assignment: Assignment
    subject: Subject


def my_open_assignments(*, actor) -> list[AssignedItem]:
    """The items currently assigned to the actor that are still open, newest assignment first: one
    query for the assignments and one per kind for the items."""
    current = list(Assignment.objects.filter(assignee=actor, ended_at__isnull=True).order_by("-assigned_at", "-id"))
    by_kind: dict[str, list[Assignment]] = defaultdict(list)
    for row in current:
        by_kind[row.kind].append(row)
    kinds = all_kinds()
    subjects: dict[tuple[str, object], Subject] = {}
    for kind, rows in by_kind.items():
        registered = kinds.get(kind)
        if registered is None:
            continue
        for public_id, subject in registered.subjects([row.subject_id for row in rows]).items():
            subjects[(kind, public_id)] = subject
    items = []
    for row in current:
        subject = subjects.get((row.kind, row.subject_id))
        # the item must still be open and still held by the officer's agency (a returned transfer is not)
        if subject is not None and subject.is_open and subject.agency_id == actor.agency_id:
            items.append(AssignedItem(row.kind, str(kinds[row.kind].label), row, subject))
    return items


def my_open_assignment_count(*, actor) -> int:
    return len(my_open_assignments(actor=actor))
