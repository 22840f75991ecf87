"""The monthly measures table gives exactly the live computation (measures.compute, the reference),
for every agency, measure, month, quarter, year and trailing window — also after the data moved
since the months were stored (clues accepted or returned, answers confirmed or given again, items
closed, deadlines moved); and the parts of a measure add up to counting by its definition."""

import random
import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections, transaction
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from yrdcollab.casework.assistance.models import AssistanceRequest, FollowUp
from yrdcollab.casework.collaboration.models import TrackedItem, TrackedState
from yrdcollab.casework.supervision.models import EventKind, SupervisionEvent
from yrdcollab.casework.transfers.models import ClueTransfer, TransferRouting
from yrdcollab.command.evaluation import live, measures, months, selectors, services
from yrdcollab.command.evaluation.measures import Window
from yrdcollab.command.evaluation.models import MeasureMonth, MeasureMonthOpen, MeasureMonthSource
from yrdcollab.command.evaluation.periods import parse_period
from yrdcollab.command.evaluation.scoring import evaluate
from yrdcollab.command.evaluation.tasks import nightly_at_0130_local
from yrdcollab.core.errors import InvalidInput
from yrdcollab.testing import personas
from yrdcollab.testing.casework import dumping_matter

from .builders import ZONE, item

NAMES = sorted(measures.NAMES)
KEYS = ("qingpu", "wujiang", "jiashan", "hefei")


def at(month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=ZONE)


NOW = at(7, 10, 12)  # July in progress: January to June are over


def _transfer(rng, sender, receiver, user, matter, *, month: int, status: str, rerouted_to=None) -> ClueTransfer:
    routed = at(month, rng.randint(1, 28), rng.randint(0, 23))
    transfer = ClueTransfer.objects.create(
        doc_number=f"测移{rng.randint(1, 10**9)}",
        sender=sender,
        receiver=rerouted_to or receiver,
        matter=matter,
        title="线索",
        facts="事实",
        place_address="地点",
        place_division=receiver.division,
        status=status,
        created_by=user,
        sent_at=routed,
    )
    first = TransferRouting.objects.create(
        transfer=transfer,
        sequence=1,
        sender=sender,
        receiver=receiver,
        doc_number=transfer.doc_number,
        routed_at=routed,
        routed_by=user,
        returned_at=routed + timedelta(hours=5) if status == "returned" or rerouted_to else None,
    )
    if rerouted_to:
        TransferRouting.objects.create(
            transfer=transfer,
            sequence=2,
            sender=sender,
            receiver=rerouted_to,
            doc_number=transfer.doc_number,
            routed_at=first.returned_at + timedelta(days=2),
            routed_by=user,
        )
    return transfer


def _assistance(rng, requester, responder, user, matter, *, month: int, status: str) -> AssistanceRequest:
    sent = at(month, rng.randint(1, 25), rng.randint(0, 23))
    answered = status in ("responded", "follow_up", "confirmed")
    request = AssistanceRequest.objects.create(
        requester=requester,
        responder=responder,
        type="locate",
        matter=matter,
        title="协查",
        questions="问题",
        status=status,
        created_by=user,
        sent_at=sent,
        responded_at=sent + timedelta(hours=rng.randint(1, 200), seconds=rng.randint(0, 59)) if answered else None,
        closed_at=sent + timedelta(days=12) if status in ("confirmed", "withdrawn") else None,
    )
    if status == "follow_up" or (answered and rng.random() < 0.3):
        FollowUp.objects.create(request=request, round=1, question="追问", asked_by=user)
    return request


def world(seed: int = 2026) -> dict:
    """Four agencies, January to July 2026: closed items (some after a missed deadline of the receiver,
    twice; some after one of the sender's), open items past or before their deadline, clues in every
    status (returned, re-routed), assistance requests in every status — and moments on the last
    evening of a month (Beijing time), which UTC would put in the next one."""
    rng = random.Random(seed)
    agencies = [personas.agency(key) for key in KEYS]
    user = personas.make_user("officer", "qingpu")
    matter = dumping_matter()
    for month in range(1, 8):
        for _ in range(14):
            receiver, sender = rng.sample(agencies, 2)
            day = rng.randint(1, 28)
            row = item(
                sender=sender,
                receiver=receiver,
                state=TrackedState.CLOSED,
                updated=at(month, day, rng.randint(0, 23)),
                due=at(month, day),
                escalated=rng.random() < 0.3,
            )
            if rng.random() < 0.2:  # missed twice (two levels), or missed by the sender only
                waiting = receiver if rng.random() < 0.5 else sender
                SupervisionEvent.objects.create(
                    tracked_item=row,
                    kind=EventKind.ESCALATED,
                    level=2,
                    due_at=row.due_at,
                    waiting_on=waiting,
                    occurred_at=row.due_at,
                )
        for _ in range(5):
            receiver, sender = rng.sample(agencies, 2)
            item(
                sender=sender,
                receiver=receiver,
                state=TrackedState.OPEN,
                updated=at(month, 1),
                due=at(month, rng.randint(1, 28), rng.randint(0, 23)),
                escalated=rng.random() < 0.5,
            )
        receiver, sender = rng.sample(agencies, 2)
        item(sender=sender, receiver=receiver, state=TrackedState.CLOSED, updated=at(month, 1, 0, 0), due=None)
        if month < 7:  # 23:30 Beijing on the month's last day (15:30 UTC): still that month
            last_evening = at(month + 1, 1, 0, 0) - timedelta(minutes=30)
            item(sender=sender, receiver=receiver, state=TrackedState.CLOSED, updated=last_evening, due=None)
        for status in ("sent", "signed", "accepted", "investigating", "concluded", "closed", "returned", "cancelled"):
            for _ in range(2):
                receiver, sender = rng.sample(agencies, 2)
                reroute = (
                    rng.choice([a for a in agencies if a not in (receiver, sender)]) if rng.random() < 0.2 else None
                )
                _transfer(rng, sender, receiver, user, matter, month=month, status=status, rerouted_to=reroute)
        for status in ("sent", "acknowledged", "responded", "follow_up", "confirmed", "confirmed", "withdrawn"):
            for _ in range(2):
                receiver, sender = rng.sample(agencies, 2)
                _assistance(rng, sender, receiver, user, matter, month=month, status=status)
    return {"agencies": agencies, "user": user}


def windows(now: datetime) -> list[Window]:
    out = []
    for text in ["2026", "2026Q1", "2026Q2", "2026Q3", *[f"2026-{m:02d}" for m in range(1, 9)], "2025-12"]:
        start, end = parse_period(text).bounds()
        out.append(Window(start, end, now))
    end = parse_period("2026-07").bounds()[1]
    out.append(Window(parse_period("2025-08").bounds()[0], end, now))  # a trailing 12 months
    out.append(Window(at(2, 10), at(5, 3), now))  # not month-aligned: live
    return out


def assert_table_equals_live(now: datetime) -> None:
    for window in windows(now):
        assert months.compute(NAMES, window) == live.compute(NAMES, window), (window.start, window.end)


def _move(data, now: datetime) -> None:
    """What happens after the months were stored: every kind of change a settled figure must survive."""
    user = data["user"]
    # Items: one open since March closed now; one open deadline moved back into February.
    open_items = list(TrackedItem.objects.filter(state=TrackedState.OPEN).order_by("due_at"))
    closing = next(i for i in open_items if i.due_at.month == 3)
    TrackedItem.objects.filter(pk=closing.pk).update(state=TrackedState.CLOSED, updated_at=now)
    moved = next(i for i in open_items if i.due_at.month == 5)
    TrackedItem.objects.filter(pk=moved.pk).update(due_at=at(2, 14))
    # Clues: accepted, concluded and closed, returned; a returned one re-routed now.
    clues = ClueTransfer.objects.order_by("pk")
    ClueTransfer.objects.filter(pk=clues.filter(status="sent").first().pk).update(status="accepted")
    ClueTransfer.objects.filter(pk=clues.filter(status="investigating").first().pk).update(status="closed")
    signed = clues.filter(status="signed").first()
    ClueTransfer.objects.filter(pk=signed.pk).update(status="returned")
    TransferRouting.objects.filter(transfer=signed, returned_at__isnull=True).update(returned_at=now)
    returned = clues.filter(status="returned").exclude(pk=signed.pk).first()
    other = next(a for a in data["agencies"] if a.pk not in (returned.sender_id, returned.receiver_id))
    TransferRouting.objects.create(
        transfer=returned,
        sequence=9,
        sender=returned.sender,
        receiver=other,
        doc_number="改送",
        routed_at=now,
        routed_by=user,
    )
    ClueTransfer.objects.filter(pk=returned.pk).update(status="sent", receiver=other)
    # Assistance: an answer of January confirmed now (it settles after its month was stored); a
    # follow-up answered again (its moment moves to now); an answer followed up.
    requests = AssistanceRequest.objects.order_by("pk")
    AssistanceRequest.objects.filter(pk=requests.filter(status="responded").first().pk).update(
        status="confirmed", closed_at=now
    )
    AssistanceRequest.objects.filter(pk=requests.filter(status="follow_up").first().pk).update(
        status="responded", responded_at=now
    )
    asked = requests.filter(status="responded").last()
    AssistanceRequest.objects.filter(pk=asked.pk).update(status="follow_up")
    FollowUp.objects.get_or_create(request=asked, round=2, defaults={"question": "再问", "asked_by": user})


@pytest.fixture
def data(db):
    return world()


def test_the_table_gives_the_live_figures_before_and_after_the_data_moves(data):
    year = Window(*parse_period("2026").bounds(), NOW)
    assert all(
        live.compute(NAMES, year)[name]
        for name in NAMES
        if not name.startswith(("evidence", "repair", "bulletin", "campaign"))
    )
    assert_table_equals_live(NOW)  # nothing stored yet: all live
    done = services.measure_months_refresh(now=NOW)
    assert done.months == [f"2026-{m:02d}" for m in range(1, 7)]  # July is not over
    assert done.rows and done.open_records
    assert set(MeasureMonthSource.objects.values_list("source", flat=True)) == {
        "tracked",
        "received",
        "sent",
        "assistance",
    }
    assert_table_equals_live(NOW)

    later = NOW + timedelta(days=1)
    _move(data, later)
    assert_table_equals_live(later)  # months stored before the moves: still exact

    opened = MeasureMonthOpen.objects.count()
    nightly = services.measure_months_refresh(now=later)
    assert "2026-06" in nightly.months  # the previous month, every night
    assert MeasureMonthOpen.objects.count() < opened  # the settled ones left the live part
    assert_table_equals_live(later)

    august = at(8, 5)
    assert services.measure_months_refresh(now=august).months[-1] == "2026-07"
    assert_table_equals_live(august)


def test_a_year_quarter_and_month_from_the_table_score_as_live(data):
    services.measure_months_refresh(now=NOW)
    agencies = selectors.agency_rows()
    for text in ("2026", "2026Q2", "2026-03", "2026-07"):
        period = parse_period(text)
        versions = selectors.versions_in_effect(period)
        stored = evaluate(versions, period, agencies, now=NOW)
        MeasureMonthSource.objects.update(definition="another")  # stored under another definition: live
        live = evaluate(versions, period, agencies, now=NOW)
        assert stored.by_agency == live.by_agency and stored.by_region == live.by_region
        services.measure_months_refresh(now=NOW)  # due again: every month's definition is outdated


def test_parts_add_up_to_the_definition_of_each_measure(data):
    """due, on_time and overdue are computed from parts; every measure equals counting (summing) the
    records its condition selects, agency by agency — also where an item was missed twice."""
    for window in windows(NOW):
        computed = live.compute(NAMES, window)
        for measure in measures.MEASURES:
            source = measure.source
            rows = (
                source.model._default_manager.filter(measure.condition(window))
                .order_by()
                .values(f"{source.agency}_id")
                .annotate(v=Count("pk") if measure.total is None else Sum(measure.total()))
            )
            expected = {
                row[f"{source.agency}_id"]: measure.to_number(measure.raw(row["v"])) for row in rows if row["v"]
            }
            assert computed[measure.name] == expected, (measure.name, window.start, window.end)


def test_the_table_holds_only_what_can_no_longer_change(data):
    services.measure_months_refresh(now=NOW)
    for opened in MeasureMonthOpen.objects.filter(source="assistance"):
        assert AssistanceRequest.objects.get(pk=opened.record_id).status not in ("confirmed", "withdrawn")
    for opened in MeasureMonthOpen.objects.filter(source="received"):
        routing = TransferRouting.objects.select_related("transfer").get(pk=opened.record_id)
        assert routing.returned_at is None and routing.transfer.status not in ("closed", "cancelled")
    assert not MeasureMonthOpen.objects.filter(source="tracked").exists()  # closed items only
    assert not MeasureMonth.objects.filter(measure="open_passed").exists()  # never stored: live
    assert MeasureMonth.objects.filter(measure="closed_missed").exists()


def test_months_are_chosen_and_refused(data):
    # A month not over by the settling time is left live; a month is named as 2026-03.
    early = at(7, 1, 0, 30)  # 30 minutes into July: June not settled yet (60 minutes)
    assert services.measure_months_refresh(months=["2026-06", "2026-05"], now=early).months == ["2026-05"]
    assert services.measure_months_refresh(now=early).months == [f"2026-{m:02d}" for m in (1, 2, 3, 4, 5)]
    with pytest.raises(InvalidInput) as caught:
        services.measure_months_refresh(months=["2026Q1"], now=NOW)
    assert caught.value.code == "invalid_period"
    assert months.months_of(Window(at(2, 1, 0, 0), at(4, 1, 0, 0), NOW)) == [at(2, 1).date(), at(3, 1).date()]
    assert months.months_of(Window(at(2, 1, 1, 0), at(4, 1, 0, 0), NOW)) is None
    assert months.runs([at(m, 1).date() for m in (1, 2, 4, 6, 7)]) == [
        (at(1, 1).date(), at(2, 1).date()),
        (at(4, 1).date(), at(4, 1).date()),
        (at(6, 1).date(), at(7, 1).date()),
    ]


def test_the_nightly_refresh_runs_at_half_past_one_in_shanghai():
    assert nightly_at_0130_local(datetime(2026, 11, 26, 17, 30))  # naive UTC = 01:30 the next day in Shanghai
    assert not nightly_at_0130_local(datetime(2026, 11, 27, 1, 30))


def test_an_answer_given_again_counts_once_in_its_new_month(data):
    """Kept open in February, answered again in July: July's refresh keeps it open there too; the
    stale February entry must not count it a second time."""
    services.measure_months_refresh(now=NOW)
    again = AssistanceRequest.objects.filter(status="follow_up", responded_at__month=2).first()
    assert MeasureMonthOpen.objects.filter(source="assistance", record_id=again.pk, month=at(2, 1).date()).exists()
    AssistanceRequest.objects.filter(pk=again.pk).update(status="responded", responded_at=NOW + timedelta(days=1))
    august = at(8, 5)
    assert services.measure_months_refresh(months=["2026-07"], now=august).months == ["2026-07"]
    assert MeasureMonthOpen.objects.filter(source="assistance", record_id=again.pk).count() == 2
    assert_table_equals_live(august)


def test_a_reading_during_a_refresh_is_live_instead_of_waiting(data):
    """The refresh holds its lock until its transaction ends (here: the test's). A reading on another
    connection meanwhile does not wait for it: it computes every month live."""
    if connection.vendor != "postgresql":
        pytest.skip("the advisory lock is PostgreSQL's (SQLite serialises the two)")
    with transaction.atomic():
        months.lock()  # a refresh in progress on this connection
        outcome: dict = {}

        def reading():
            try:
                year = Window(*parse_period("2026").bounds(), NOW)
                with CaptureQueriesContext(connections["default"]) as queries:
                    outcome["figures"] = months.compute(NAMES, year)
                outcome["table"] = [q for q in queries.captured_queries if "evaluation_measuremonth" in q["sql"]]
            finally:
                connections.close_all()

        thread = threading.Thread(target=reading)
        thread.start()
        thread.join(60)
        assert not thread.is_alive()
    assert "figures" in outcome and outcome["table"] == []
