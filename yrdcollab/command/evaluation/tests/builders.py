"""A small, hand-countable world for the evaluation tests: tracked items of 青浦 and 吴江 in November
2026, some closed on time, one closed after a missed deadline, one still open past its deadline."""

import uuid
from datetime import datetime

from django.utils import timezone

from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState, Workflow
from yrdcollab.casework.supervision.models import EventKind, SupervisionEvent
from yrdcollab.testing import personas

ZONE = timezone.get_fixed_timezone(8 * 60)


def at(day: int, month: int = 11, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=ZONE)


def item(*, sender, receiver, state, updated, due, escalated=False, title="事项") -> TrackedItem:
    row = TrackedItem.objects.create(
        kind=Workflow.TRANSFER,
        public_id=uuid.uuid4(),
        title=title,
        sender=sender,
        receiver=receiver,
        waiting_on=receiver,
        due_at=due,
        state=state,
    )
    TrackedItem.objects.filter(pk=row.pk).update(updated_at=updated)  # auto_now: the close moment
    if escalated:
        SupervisionEvent.objects.create(
            tracked_item=row, kind=EventKind.ESCALATED, level=1, due_at=due, waiting_on=receiver, occurred_at=due
        )
    return row


def world() -> dict:
    """青浦 (the receiver) in 2026-11: 3 closed without a missed deadline, 1 closed after one, 1 open
    past its deadline, 1 open not yet due (not counted), 1 closed in October (not counted).
    吴江: 1 closed on time."""
    qingpu, wujiang, jiashan = personas.agency("qingpu"), personas.agency("wujiang"), personas.agency("jiashan")
    closed, open_ = TrackedState.CLOSED, TrackedState.OPEN
    for d in (3, 9, 20):
        item(sender=wujiang, receiver=qingpu, state=closed, updated=at(d), due=None, title=f"按期{d}")
    item(sender=wujiang, receiver=qingpu, state=closed, updated=at(25), due=at(18), escalated=True, title="超期后办结")
    item(sender=jiashan, receiver=qingpu, state=open_, updated=at(2), due=at(12), title="超期未办")
    item(sender=jiashan, receiver=qingpu, state=open_, updated=at(2), due=at(5, month=12), title="未到期")
    item(sender=wujiang, receiver=qingpu, state=closed, updated=at(28, month=10), due=None, title="十月办结")
    item(sender=qingpu, receiver=wujiang, state=closed, updated=at(15), due=None, title="吴江按期")
    return {"qingpu": qingpu, "wujiang": wujiang, "jiashan": jiashan}
