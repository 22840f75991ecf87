"""Deadline states (pure) and the rule lookup that turns a step into a due time."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from django.utils import timezone

DUE_SOON = timedelta(hours=24)


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
class StepDeadline:
    due_at: datetime
    provisional: bool
    amount: int
    unit: str
    legal_basis: str


def step_deadline(*, workflow: str, step: str, matter=None, start: datetime) -> StepDeadline:
    """The deadline of `step` started at `start`: the matter's own rule, else its parent's, else
    the default. Counting starts the day after `start` (行政处罚法 art. 85); a working-day period
    reaching into a year without an official holiday schedule is provisional."""
    from yrdcollab.workdays.rules import Period, Unit
    from yrdcollab.workdays.services import due_date

    from .selectors import deadline_rule_for

    rule = deadline_rule_for(workflow=workflow, step=step, matter=matter)
    start_day = timezone.localtime(start).date()
    due = due_date(start_day, Period(rule.amount, Unit(rule.unit)))
    return StepDeadline(due_at=end_of_day(due.date), provisional=due.provisional, amount=rule.amount,
                        unit=rule.unit, legal_basis=rule.legal_basis)
