"""The item evidence belongs to (a transfer, an assistance request), through the collaboration
registry: visibility and the right to attach are decided by the workflow app that owns the item."""

from dataclasses import dataclass
from uuid import UUID

from yrdcollab.casework.collaboration.registry import SubjectKind, subject_kind
from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability


@dataclass(frozen=True)
class Subject:
    kind: SubjectKind
    public_id: UUID
    obj: object

    @property
    def url(self) -> str:
        return self.kind.url(self.obj)


def subject_resolve(actor, kind_code: str, public_id) -> Subject:
    """The subject when the actor may see it; NotFound (404) otherwise, including a malformed id."""
    kind = subject_kind(str(kind_code or ""))
    try:
        uuid = public_id if isinstance(public_id, UUID) else UUID(str(public_id))
    except (TypeError, ValueError):
        raise NotFound() from None
    return Subject(kind=kind, public_id=uuid, obj=kind.access(actor, uuid))


def may_attach(actor, subject: Subject) -> bool:
    """For showing forms: never raises."""
    try:
        return bool(subject.kind.may_attach(actor, subject.obj))
    except ApplicationError:
        return False


def require_attach(actor, subject: Subject) -> None:
    """For services: a handler whose agency may act on the subject now. The subject kind may raise its
    own error (e.g. 409 when the item is closed); a plain False is 403."""
    require_capability(actor, Capability.COLLABORATION_HANDLE)
    if actor.agency_id is None or not subject.kind.may_attach(actor, subject.obj):
        raise PermissionDenied(details={"subject_kind": subject.kind.code})
