"""The kinds of item that can be assigned (承办). The app that owns an item registers its kind from
the command layer's `ready()` (command/workbench/assignables.py): how to find one item the actor may
see, and how to tell which of many are still open — this app never reads their tables itself."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True)
class Subject:
    public_id: UUID
    agency_id: int  # the agency that holds the item now: only its officers may be assigned
    title: str
    reference: str  # the document number or code an officer recognises it by
    url: str
    is_open: bool
    status_label: str = ""


@dataclass(frozen=True)
class AssignableKind:
    kind: str
    label: str  # lazy translation
    object_type: str  # the item's model name, as the audit log names it ("ClueTransfer")
    # (actor, public_id) -> Subject; raises NotFound for an item the actor may not see
    subject: Callable[..., Subject]
    # (public_ids) -> {public_id: Subject} for the ones that exist (unscoped: the caller filters)
    subjects: Callable[[Iterable[UUID]], dict[UUID, Subject]]


_KINDS: dict[str, AssignableKind] = {}


def register(kind: AssignableKind) -> None:
    _KINDS[kind.kind] = kind


def kind_for(kind: str) -> AssignableKind | None:
    return _KINDS.get(kind)


def all_kinds() -> dict[str, AssignableKind]:
    return dict(_KINDS)
