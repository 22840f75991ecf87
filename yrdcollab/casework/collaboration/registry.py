"""Item kinds other apps can point at (evidence attaches to them, supervision links to them).
Each workflow app registers its kind in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from yrdcollab.core.errors import NotFound


@dataclass(frozen=True)
class SubjectKind:
    code: str  # "transfer", "assistance"
    label: str
    # Returns the object when the actor may see it, raises NotFound otherwise.
    access: Callable[[object, UUID], object]
    # May the actor add evidence to / act on it (raises PermissionDenied / InvalidTransition if not)?
    may_attach: Callable[[object, object], bool]
    url: Callable[[object], str]


_KINDS: dict[str, SubjectKind] = {}


def register_subject_kind(kind: SubjectKind) -> None:
    _KINDS[kind.code] = kind


def subject_kind(code: str) -> SubjectKind:
    try:
        return _KINDS[code]
    except KeyError:
        raise NotFound(code="unknown_subject_kind", details={"kind": code}) from None
