"""The one workflow engine. Every workflow of the platform states its legal moves once, as a
`TransitionTable` in its app's `states.py`; its one `<entity>_transition` service asks the table for
the move (an illegal one is `InvalidTransition`, HTTP 409) and its presenters ask the table which
actions to offer. Nothing else decides what may follow what.

    TRANSITIONS = TransitionTable("transfer", statuses=Status, actions=Action, moves={
        (Status.DRAFT, Action.SEND): (Status.SENT, Side.SENDER),
        (Status.SENT, Action.SIGN): (Status.SIGNED, Side.RECEIVER),
    })
    move = TRANSITIONS.move(transfer.status, action)   # 422 unknown action, 409 not from this status
    TRANSITIONS.actions_from(transfer.status, by=Side.RECEIVER)

A move may name who makes it (`by`: a side such as "sender", or a role word); the service checks the
actor against it, the table only records it.

A table also says which actions have consequences a person must confirm (`consequences`: action →
what will happen, shown in the confirmation dialog of every page that offers the action) and which
need a written note (`notes_required`: a return, a refusal, a dismissal — the other side must learn
why; the service refuses the move without one, 422 `note_required`).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from django.utils.translation import gettext as _

from .errors import InvalidInput, InvalidTransition


@dataclass(frozen=True)
class Move:
    source: str
    action: str
    target: str  # the same as `source` for a move that keeps the status (an extension, a note)
    by: str = ""  # who makes it, when the workflow has sides; "" when the service decides alone

    @property
    def keeps_status(self) -> bool:
        return self.source == self.target


def _value(member: object) -> str:
    return str(member.value) if isinstance(member, Enum) else str(member)


def _labels(choices: object) -> dict[str, str]:
    """value → label of a TextChoices class (or {} for a plain enum or an iterable of values)."""
    return {str(value): str(label) for value, label in getattr(choices, "choices", [])}


class TransitionTable:
    """The legal moves of one workflow: (status, action) → Move. Built once at import; checked then
    for moves that name statuses or actions the workflow does not have."""

    _registry: "dict[str, TransitionTable]" = {}  # by name: what lower layers (audit labels) look up

    def __init__(
        self,
        name: str,
        *,
        statuses: Iterable[Any],
        actions: Iterable[Any],
        moves: Mapping[tuple[Any, Any], Any],
        consequences: Mapping[Any, Any] | None = None,
        notes_required: Iterable[Any] = (),
    ) -> None:
        self.name = name
        self.statuses: tuple[str, ...] = tuple(_value(s) for s in statuses)
        self.actions: tuple[str, ...] = tuple(_value(a) for a in actions)
        self._status_labels = _labels(statuses)
        self._action_labels = _labels(actions)
        self._moves: dict[tuple[str, str], Move] = {}
        for (source, action), outcome in moves.items():
            target, by = outcome if isinstance(outcome, tuple) else (outcome, "")
            move = Move(_value(source), _value(action), _value(target if target is not None else source), _value(by))
            unknown = {move.source, move.target} - set(self.statuses)
            if unknown or move.action not in self.actions:
                raise ValueError(f"{name}: move {move} names an unknown status or action")
            self._moves[(move.source, move.action)] = move
        self._consequences = {_value(action): text for action, text in (consequences or {}).items()}
        self._notes_required = frozenset(_value(action) for action in notes_required)
        if not set(self._consequences) | self._notes_required <= set(self.actions):
            raise ValueError(f"{name}: a consequence or note names an action the workflow does not have")
        if not self._notes_required <= set(self._consequences):
            raise ValueError(f"{name}: an action that needs a note must also say its consequence")
        TransitionTable._registry[name] = self

    @classmethod
    def named(cls, name: str) -> "TransitionTable | None":
        """The table of that name, once its app's states module was imported (at django.setup())."""
        return cls._registry.get(name)

    # --- what services ask ------------------------------------------------------------------------

    def require_action(self, action: str) -> str:
        """The action if the workflow has it; else invalid input (422 unknown_action). Services call it
        before they look anything up, so a typo never costs a database round trip."""
        verb = _value(action)
        if verb not in self.actions:
            raise InvalidInput(
                _("未知的操作。"), code="unknown_action", details={"workflow": self.name, "action": verb[:32]}
            )
        return verb

    def move(self, status: str, action: str) -> Move:
        """The move `action` makes from `status`. An action the workflow does not have is invalid
        input (422 unknown_action); one it has but not from this status is an illegal move (409)."""
        source, verb = _value(status), self.require_action(action)
        found = self._moves.get((source, verb))
        if found is None:
            raise InvalidTransition(
                _("当前状态下不允许此操作：%(status)s时不能%(action)s。")
                % {"status": self.status_label(source), "action": self.action_label(verb)},
                details={"workflow": self.name, "status": source, "action": verb},
            )
        return found

    def target(self, status: str, action: str) -> str:
        return self.move(status, action).target

    # --- what presenters and checks ask ------------------------------------------------------------

    def allows(self, status: str, action: str) -> bool:
        return (_value(status), _value(action)) in self._moves

    def actions_from(self, status: str, *, by: str | None = None) -> list[str]:
        """The actions allowed from `status` (made by `by` when given), in table order."""
        source, side = _value(status), None if by is None else _value(by)
        return [m.action for m in self._moves.values() if m.source == source and (side is None or m.by == side)]

    def moves_from(self, status: str) -> list[Move]:
        return [m for m in self._moves.values() if m.source == _value(status)]

    def moves(self) -> list[Move]:
        return list(self._moves.values())

    def side_of(self, action: str) -> str:
        """Who makes `action` (the same side from every status it is allowed from)."""
        sides = {m.by for m in self._moves.values() if m.action == _value(action)}
        if len(sides) != 1:
            raise ValueError(f"{self.name}: action {action!r} has no single side ({sides})")
        return sides.pop()

    def waiting_on(self, status: str) -> str:
        """Who must make the next move from `status`: the one side of every move out of it, or ""
        when none leads out or the sides differ."""
        sides = {m.by for m in self.moves_from(status)}
        return sides.pop() if len(sides) == 1 else ""

    def is_terminal(self, status: str) -> bool:
        """No move leads out of `status`."""
        return not self.moves_from(status)

    def consequence(self, action: str) -> str:
        """What the action will do, for the confirmation dialog ("" for an action without one)."""
        return str(self._consequences.get(_value(action), ""))

    def consequences(self) -> dict[str, str]:
        """action → consequence, in the active language (what a page hands its template)."""
        return {action: str(text) for action, text in self._consequences.items()}

    def actions_needing_notes(self) -> frozenset[str]:
        return self._notes_required

    def note_required(self, action: str) -> bool:
        return _value(action) in self._notes_required

    def require_note(self, action: str, note: str | None, *, field: str = "note") -> None:
        """422 `note_required` when the action needs a note and none (or only blanks) was given;
        `field` names the input that carries it (a decline's note is its `reason`)."""
        if self.note_required(action) and not (note or "").strip():
            raise InvalidInput(
                _("%(action)s须填写说明，告知对方原因。") % {"action": self.action_label(action)},
                code="note_required",
                details={"field": field, "action": _value(action)},
            )

    def status_label(self, status: str) -> str:
        return self._status_labels.get(_value(status), _value(status))

    def action_label(self, action: str) -> str:
        return self._action_labels.get(_value(action), _value(action))

    def __repr__(self) -> str:
        return f"TransitionTable({self.name!r}, {len(self._moves)} moves)"


def table_from_sources(
    name: str,
    *,
    statuses: Iterable[Any],
    actions: Iterable[Any],
    moves: Iterable[tuple[Iterable[Any], Any, Any, Any]],
    consequences: Mapping[Any, Any] | None = None,
    notes_required: Iterable[Any] = (),
) -> TransitionTable:
    """A table written per action: (source statuses, action, target or None to keep the status, by)."""
    return TransitionTable(
        name,
        statuses=statuses,
        actions=actions,
        consequences=consequences,
        notes_required=notes_required,
        moves={
            (source, action): (target if target is not None else source, by)
            for sources, action, target, by in moves
            for source in sources
        },
    )
