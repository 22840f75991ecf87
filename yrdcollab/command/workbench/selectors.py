"""What the workbench shows: each queue's count (from the queue's querysets, so it equals the list it
links to), the badges of the side navigation, and the rows of the lists the workbench keeps itself."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from yrdcollab.core.errors import NotFound
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.assignments.selectors import AssignedItem, my_open_assignments

from .conf import SETTINGS
from .queues import QUEUES, QUEUES_BY_KEY, WORKBENCH_LISTED, Part, Queue


@dataclass(frozen=True)
class PartCount:
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class QueueCard:
    key: str
    label: str
    icon: str
    tone: str
    count: int
    url: str  # the list of the first part that has anything (else the first part's)
    parts: list[PartCount] = field(default_factory=list)
    hint: str = ""


def _may(actor, queue: Queue) -> bool:
    needed = queue.capability if isinstance(queue.capability, tuple) else (queue.capability,)
    return getattr(actor, "agency_id", None) is not None and any(has_capability(actor, cap) for cap in needed)


def queues_for(actor) -> list[Queue]:
    return [queue for queue in QUEUES if _may(actor, queue)]


def _counts(actor, now: datetime, parts: list[Part]) -> list[int]:
    """The count of each part, in ONE statement: SELECT (SELECT COUNT(*) FROM (<part 1>) p0), … — one
    round trip instead of one per part (a dozen COUNTs of a few index entries each, where the trips and
    their Python cost as much as the database; issue #14). Each part's rows are its app's queryset
    compiled as is (Part.rows); a part whose selector answers `none()` is 0 without a subquery."""
    selects, params, counts = [], [], [0] * len(parts)
    asked: list[int] = []
    for index, part in enumerate(parts):
        try:
            sql, part_params = part.rows(actor, now).query.sql_with_params()
        except EmptyResultSet:
            continue
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) p{index})")
        params.extend(part_params)
        asked.append(index)
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {', '.join(selects)}", params)
            for index, count in zip(asked, cursor.fetchone(), strict=True):
                counts[index] = int(count)
    return counts


def _card(queue: Queue, parts: list[PartCount]) -> QueueCard:
    first = next((part for part in parts if part.count), parts[0])
    total = sum(p.count for p in parts)
    return QueueCard(queue.key, str(queue.label), queue.icon, queue.tone, total, first.url, parts, str(queue.hint))


def workbench_cards(*, actor, now: datetime | None = None) -> list[QueueCard]:
    """Every queue the actor's role works, counted now (every part's COUNT in one statement)."""
    now = now or timezone.now()
    queues = queues_for(actor)
    counts = iter(_counts(actor, now, [part for queue in queues for part in queue.parts]))
    return [
        _card(queue, [PartCount(str(part.label), next(counts), part.url()) for part in queue.parts]) for queue in queues
    ]


def my_items(*, actor) -> list[AssignedItem]:
    return my_open_assignments(actor=actor)


# Which queue parts a menu entry's badge adds up: (queue key, part index).
BADGE_PARTS: dict[str, tuple[tuple[str, int], ...]] = {
    "transfers": (("to_sign", 0), ("to_accept", 0)),
    "assistance": (("to_sign", 1), ("to_answer", 0), ("to_answer", 1)),
    "alerts": (("alerts", 0),),
    "bulletins": (("bulletins", 0),),
    "repairs": (("repairs", 0), ("repairs", 1)),
}


def _badge_key(actor) -> str:
    return f"workbench:badges:{actor.pk}"


def nav_badges(*, actor) -> dict[str, int]:
    """{badge name: count} for the side navigation, kept per user for YRD_WORKBENCH_BADGE_SECONDS."""
    key = _badge_key(actor)
    cached = cache.get(key)
    if isinstance(cached, dict):
        return cached
    allowed = {queue.key for queue in queues_for(actor)}
    wanted = [
        (name, QUEUES_BY_KEY[queue_key].parts[index])
        for name, parts in BADGE_PARTS.items()
        for queue_key, index in parts
        if queue_key in allowed
    ]
    counts = _counts(actor, timezone.now(), [part for _name, part in wanted])
    badges: dict[str, int] = {"mine": len(my_items(actor=actor))} | dict.fromkeys(BADGE_PARTS, 0)
    for (name, _part), count in zip(wanted, counts, strict=True):
        badges[name] += count
    cache.set(key, badges, SETTINGS.YRD_WORKBENCH_BADGE_SECONDS)
    return badges


def forget_badges(*, actor) -> None:
    cache.delete(_badge_key(actor))


def workbench_queue(*, actor, key: str) -> tuple[Queue, Part, QuerySet]:
    """A queue the workbench lists itself, for the actor (404 for another key or a role without it)."""
    queue = QUEUES_BY_KEY.get(key)
    if queue is None or key not in WORKBENCH_LISTED or not _may(actor, queue):
        raise NotFound()
    part = queue.parts[0]
    return queue, part, part.queryset(actor, timezone.now())
