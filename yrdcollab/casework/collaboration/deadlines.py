"""Deadline states (pure), the default of every workflow step (declared by each workflow app in its
conf.py and registered in its AppConfig.ready()), and the rule lookup that turns a step into a due time."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise

from yrdcollab.core.errors import NotFound
from yrdcollab.core.refcache import ReferenceCache
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.workdays.rules import Period, Unit
from yrdcollab.platform.workdays.services import due_date

from .legal_bases import legal_basis_for_agency
from .models import DeadlineRule

DUE_SOON = timedelta(hours=24)
StrOrPromise = str | Promise  # a label: text, or a lazy translation


class DeadlineState(StrEnum):
    NONE = "none"  # the step has no deadline
    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


def end_of_day(day: date) -> datetime:
    """A deadline date ends at 23:59:59 Shanghai time of that day."""
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)), timezone.get_default_timezone())


def deadline_state(*, due_at: datetime | None, now: datetime, due_soon: timedelta = DUE_SOON) -> DeadlineState:
    if due_at is None:
        return DeadlineState.NONE
    if now > due_at:
        return DeadlineState.OVERDUE
    if due_at - now <= due_soon:
        return DeadlineState.DUE_SOON
    return DeadlineState.ON_TIME


@dataclass(frozen=True)
class StepDefault:
    """How long a step of a workflow may take unless a matter says otherwise, and why."""

    workflow: str  # collaboration.models.Workflow
    step: str
    label: StrOrPromise  # 线索移送·受理或退回
    amount: int
    unit: Unit
    legal_basis: str  # region-neutral: what binds the acting agency is in legal_basis_table.py


_STEP_DEFAULTS: dict[tuple[str, str], StepDefault] = {}


def register_step_defaults(*defaults: StepDefault) -> None:
    for default in defaults:
        _STEP_DEFAULTS[(default.workflow, default.step)] = default


def step_defaults() -> list[StepDefault]:
    return list(_STEP_DEFAULTS.values())


def step_default(workflow: str, step: str) -> StepDefault | None:
    return _STEP_DEFAULTS.get((workflow, step))


# The rules of a step (its default row and every matter's own), read whenever a deadline starts or an
# item is shown (issue #13): reference data in the cache (core.refcache), dropped by receivers.py when a
# rule is saved or deleted.
RULES = ReferenceCache("deadline-rules", timeout=600)


def _step_rules(workflow: str, step: str) -> dict[int | None, DeadlineRule]:
    return {rule.matter_id: rule for rule in DeadlineRule.objects.filter(workflow=workflow, step=step)}


def deadline_rules_forget(workflow: str, step: str) -> None:
    RULES.forget(f"{workflow}:{step}")


def deadline_rule_for(*, workflow: str, step: str, matter=None) -> DeadlineRule:
    """The matter's own rule, else its parent matter's, else the default for the step."""
    candidates = [matter.pk, matter.parent_id] if matter is not None else []
    rules = RULES.get(f"{workflow}:{step}", lambda: _step_rules(workflow, step))
    for key in [*candidates, None]:
        if key in rules:
            return rules[key]
    # No row (an administrator removed the default, or a test flushed the seeded rows): the cited
    # default its workflow declared applies.
    if (default := step_default(workflow, step)) is not None:
        return DeadlineRule(
            workflow=workflow, step=step, amount=default.amount, unit=default.unit, legal_basis=default.legal_basis
        )
    raise NotFound(code="deadline_rule_missing", details={"workflow": workflow, "step": step})


def step_legal_basis(*, workflow: str, step: str, rule: DeadlineRule, agency=None) -> str:
    """What a deadline cites for `agency`, the one whose step it is (the receiver who must accept,
    the responder who must answer): a matter's own rule as its administrator wrote it; otherwise the
    citation binding the agency's province (legal_bases); the rule's own text when no agency is
    given or its province is not one of the four."""
    if rule.matter_id is None and (basis := legal_basis_for_agency(workflow, step, agency)) is not None:
        return basis.text
    return rule.legal_basis


@dataclass(frozen=True)
class StepDeadline:
    due_at: datetime
    provisional: bool
    amount: int
    unit: str
    legal_basis: str


def step_deadline(*, workflow: str, step: str, matter=None, start: datetime, agency=None) -> StepDeadline:
    """The deadline of `step` started at `start`: the matter's own rule, else its parent's, else
    the default. Counting starts the day after `start` (行政处罚法 art. 85); a working-day period
    reaching into a year without an official holiday schedule is provisional. `agency` is the one
    acting on the step: its legal_basis is what binds that agency (step_legal_basis)."""
    rule = deadline_rule_for(workflow=workflow, step=step, matter=matter)
    start_day = timezone.localtime(start).date()
    due = due_date(start_day, Period(rule.amount, Unit(rule.unit)))
    return StepDeadline(
        due_at=end_of_day(due.date),
        provisional=due.provisional,
        amount=rule.amount,
        unit=rule.unit,
        legal_basis=step_legal_basis(workflow=workflow, step=step, rule=rule, agency=agency),
    )


@dataclass(frozen=True)
class RunningStep:
    """The step of an item whose deadline is running, as its workflow describes it to the recompute."""

    step: str
    started_at: datetime
    matter: object | None
    due_at: datetime | None
    provisional: bool


def provisional_deadlines_recompute(*, workflow: str, year: int, candidates, running_step, apply) -> int:
    """When `year`'s official holiday schedule arrives: recompute every open provisional deadline of a
    workflow from the start of its step, and audit each change (`<workflow>.deadline_recomputed`, with
    the old and new due time). Each item is locked and saved in its own transaction; idempotent.

    `candidates`: a queryset of the workflow's items that may hold a provisional deadline;
    `running_step(item)`: its RunningStep, or None when no deadline runs;
    `apply(item, deadline: StepDeadline)`: stores the new deadline and re-syncs the tracked item."""
    changed = 0
    for pk in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            item = candidates.model.objects.select_for_update(of=("self",)).get(pk=pk)
            running = running_step(item)
            if running is None or not running.provisional or running.due_at is None or running.due_at.year < year:
                continue
            deadline = step_deadline(
                workflow=workflow, step=running.step, matter=running.matter, start=running.started_at
            )
            if (deadline.due_at, deadline.provisional) == (running.due_at, running.provisional):
                continue
            apply(item, deadline)
            audit_record(
                actor=None,
                action=f"{workflow}.deadline_recomputed",
                obj=item,
                summary={
                    "year": year,
                    "step": running.step,
                    "from": running.due_at.isoformat(),
                    "to": deadline.due_at.isoformat(),
                    "provisional": deadline.provisional,
                },
            )
            changed += 1
    return changed
