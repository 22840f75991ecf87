"""The overdue sweep (自动督办). Idempotent and safe to run concurrently: each level is one
conditional UPDATE … RETURNING over the (state, due_at) index, so a row is raised by exactly one
sweep and only the rows this sweep raised are recorded and notified. Each sweep raises an item by
at most one level: level 2 is swept first, so an item that just reached level 1 waits for the next
run."""

import time
import uuid
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState
from yrdcollab.core.dates import chinese_datetime
from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.directory.models import Agency
from yrdcollab.platform.notifications.services import notify, notify_agency_roles

from .conf import SETTINGS
from .links import item_url
from .models import EventKind, SupervisionEvent
from .states import ESCALATION_TRANSITIONS, EscalationAction, EscalationLevel

BODY_ITEMS = 20  # a digest lists this many items by name, then "and N more"


@dataclass
class SweepResult:
    first_level: int = 0  # items raised 0 → 1 (waiting agency's bureau leaders told)
    second_level: int = 0  # items raised 1 → 2 (command centre told)
    notifications: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Escalated:
    pk: int
    kind: str
    public_id: object  # as the database returned it
    title: str
    doc_number: str
    agency_id: int  # the waiting agency, else the receiver
    waiting_on_id: int | None
    due_raw: object  # as the database returned it (SQLite text, PostgreSQL epoch seconds); parsed when shown

    @property
    def due_at(self) -> datetime:
        value = self.due_raw
        if isinstance(value, float):
            return datetime.fromtimestamp(value, tz=UTC)
        if isinstance(value, datetime):
            return value if timezone.is_aware(value) else value.replace(tzinfo=UTC)
        return parse_datetime(str(value)).replace(tzinfo=UTC)  # SQLite returns naive UTC text

    @property
    def url(self) -> str:
        return item_url(self.kind, uuid.UUID(str(self.public_id)))


def second_level_after() -> timedelta:
    """YRD_SUPERVISION_SECOND_LEVEL: a number of hours, or a timedelta."""
    value = SETTINGS.YRD_SUPERVISION_SECOND_LEVEL
    return value if isinstance(value, timedelta) else timedelta(hours=float(value))


_RETURNED = "id, kind, public_id, title, doc_number, waiting_on_id, receiver_id, due_at"


def _raise_level(*, from_level: EscalationLevel, overdue_before: datetime, now: datetime) -> list[Escalated]:
    """Raises every open item overdue before `overdue_before` from `from_level` to the level the
    escalation table leads to, records one escalation event per raised row, and returns the raised
    rows. Only rows at `from_level` move, so the update never makes a move the table does not have. On
    PostgreSQL the event rows are inserted by the same statement (a data-modifying CTE); elsewhere with
    one executemany."""
    to_level = int(ESCALATION_TRANSITIONS.target(from_level, EscalationAction.ESCALATE))
    table, events = TrackedItem._meta.db_table, SupervisionEvent._meta.db_table
    adapt = connection.ops.adapt_datetimefield_value
    update = (
        f"UPDATE {table} SET escalation_level = %s, escalated_at = %s "
        "WHERE state = %s AND due_at < %s AND escalation_level = %s "
        f"RETURNING {_RETURNED}"
    )
    params = [to_level, adapt(now), TrackedState.OPEN, adapt(overdue_before), int(from_level)]
    pg = connection.vendor == "postgresql"
    if pg:
        sql = (
            f"WITH raised AS ({update}), recorded AS ("
            f"INSERT INTO {events} (tracked_item_id, kind, level, due_at, waiting_on_id, occurred_at) "
            "SELECT id, %s, %s, due_at, waiting_on_id, %s FROM raised) "
            # the deadline as epoch seconds: thousands of rows load far faster than timestamptz
            "SELECT id, kind, public_id, title, doc_number, waiting_on_id, receiver_id, "
            "extract(epoch FROM due_at)::float8 FROM raised"
        )
        params += [EventKind.ESCALATED.value, to_level, adapt(now)]
    else:
        sql = update
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    items = [
        Escalated(pk, kind, public_id, title, doc_number, waiting_on_id or receiver_id, waiting_on_id, due)
        for pk, kind, public_id, title, doc_number, waiting_on_id, receiver_id, due in rows
    ]
    if not pg and items:
        _record(items, level=to_level, now=now)
    return items


def _record(items: list[Escalated], *, level: int, now: datetime) -> None:
    """One event per raised item, written with executemany (the ORM's bulk_create costs ~10× more
    per row, which the first sweep after a large import would feel)."""
    columns = ("tracked_item_id", "kind", "level", "due_at", "waiting_on_id", "occurred_at")
    sql = (
        f"INSERT INTO {SupervisionEvent._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    occurred_at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (item.pk, EventKind.ESCALATED.value, level, item.due_raw, item.waiting_on_id, occurred_at)
                for item in items
            ],
        )


def _digest(items: list[Escalated]) -> str:
    lines = []
    for item in sorted(items, key=lambda i: i.due_raw)[:BODY_ITEMS]:
        due = timezone.localtime(item.due_at)
        label = f"{item.doc_number} {item.title}" if item.doc_number else item.title
        lines.append(_("· %(label)s（期限 %(due)s）") % {"label": label, "due": chinese_datetime(due)})
    if len(items) > BODY_ITEMS:
        lines.append(_("……另有 %(count)s 件") % {"count": f"{len(items) - BODY_ITEMS:,}"})
    return "\n".join(lines)


def _link(items: list[Escalated], fallback: str = "") -> str:
    return items[0].url if len(items) == 1 else fallback


def _notify_waiting_agencies(items: list[Escalated]) -> int:
    by_agency: dict[int, list[Escalated]] = defaultdict(list)
    for item in items:
        by_agency[item.agency_id].append(item)
    agencies = Agency.objects.in_bulk(list(by_agency))
    sent = 0
    for agency_id, group in by_agency.items():
        body = _("以下跨区域协作事项已超过办理期限，请督促承办人员尽快办理：") + "\n" + _digest(group)
        sent += len(
            notify_agency_roles(
                agency=agencies[agency_id],
                roles=[Role.BUREAU_LEADER],
                kind="supervision.overdue",
                title=_("督办提醒：%(count)s 件协作事项已超期") % {"count": f"{len(group):,}"},
                body=body,
                link=_link(group),
            )
        )
    return sent


def _notify_command_centre(items: list[Escalated]) -> int:
    supervisors = get_user_model().objects.filter(is_active=True, role_assignments__role=Role.SUPERVISOR).distinct()
    body = (
        _("以下事项超期已逾 %(hours)s 小时，经待办机构领导督促仍未办理，请指挥中心督办：")
        % {"hours": f"{second_level_after().total_seconds() / 3600:g}"}
        + "\n"
        + _digest(items)
    )
    return len(
        notify(
            recipients=supervisors,
            kind="supervision.escalated",
            title=_("二级督办：%(count)s 件协作事项严重超期") % {"count": f"{len(items):,}"},
            body=body,
            link=_link(items, fallback=reverse("supervision:dashboard") + "?level=2"),
        )
    )


def supervision_sweep(*, now: datetime | None = None) -> SweepResult:
    """Raises overdue open items: level 1 as soon as overdue (the waiting agency's bureau leaders
    are told), level 2 once overdue for YRD_SUPERVISION_SECOND_LEVEL (the command centre is told)."""
    began = time.perf_counter()
    now = now or timezone.now()
    result = SweepResult()
    with transaction.atomic():
        second = _raise_level(from_level=EscalationLevel.FIRST, overdue_before=now - second_level_after(), now=now)
        if second:
            result.notifications += _notify_command_centre(second)
        first = _raise_level(from_level=EscalationLevel.NONE, overdue_before=now, now=now)
        if first:
            result.notifications += _notify_waiting_agencies(first)
        result.first_level, result.second_level = len(first), len(second)
        if first or second:
            audit_record(
                actor=None,
                action="supervision.swept",
                object_type="TrackedItem",
                summary={
                    "first_level": result.first_level,
                    "second_level": result.second_level,
                    "notifications": result.notifications,
                    "now": now.isoformat(),
                },
            )
    result.seconds = time.perf_counter() - began
    return result
