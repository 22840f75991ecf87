"""The live state of an alert's routing rows (AlertAgency.alert_active, live_status) follows Alert.status
through every write of the status (issue #14): the workbench and menu counts of live alerts read the
routing rows alone, so a row out of step would be a wrong count."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from yrdcollab.core.errors import InvalidInput
from yrdcollab.smart.sensing.models import Alert, AlertAgency
from yrdcollab.smart.sensing.selectors import AlertFilters, alert_list, alert_live_tally, alert_routing_out_of_step
from yrdcollab.smart.sensing.services import alert_raise, alert_transition
from yrdcollab.smart.sensing.states import ACTIVE, TRANSITIONS, AlertAction, AlertStatus
from yrdcollab.testing import personas

from .conftest import BORDER_POINT, QINGPU_POINT, WUJIANG_POINT

pytestmark = pytest.mark.django_db


def raise_at(point, *, matter="0302", **extra):
    return alert_raise(
        matter_code=matter,
        lon=point[0],
        lat=point[1],
        occurred_at=timezone.now(),
        source_kind="open311",
        source_ref="req-live",
        title="建筑垃圾偷倒",
        **extra,
    )


def assert_in_step(alert: Alert) -> None:
    alert.refresh_from_db()
    rows = list(AlertAgency.objects.filter(alert=alert).values_list("alert_active", "live_status"))
    assert rows, "an alert is routed to at least one agency here"
    live = alert.status in ACTIVE
    assert rows == [(live, alert.status if live else "")] * len(rows), (alert.status, rows)
    assert alert_routing_out_of_step() == []


def payload(action: str, receiver) -> dict:
    """What each action needs besides the actor (a test below fails if the table gains an action)."""
    return {
        AlertAction.CLAIM: {},
        AlertAction.TRANSFER: {"receiver": str(receiver.public_id), "note": "移送"},
        AlertAction.CHECK: {"check_result": "confirmed", "note": "现场属实"},
        AlertAction.DISMISS: {"note": "误报"},
    }[action]


def path_to(status: str) -> list[str]:
    """The actions that take a freshly raised (open) alert to `status`, found through the table's moves."""
    paths = {str(AlertStatus.OPEN): []}
    frontier = [str(AlertStatus.OPEN)]
    while frontier:
        source = frontier.pop(0)
        for move in TRANSITIONS.moves_from(source):
            if move.target not in paths:
                paths[move.target] = [*paths[source], move.action]
                frontier.append(move.target)
    return paths[str(status)]


def test_every_move_of_the_table_keeps_every_routing_row_in_step(routing, rules, handlers, work_calendar):
    """An ambiguous alert (two candidate agencies) and an informed third agency: three routing rows,
    walked through every move of the alert workflow, checked after the raise and after every move."""
    moves = TRANSITIONS.moves()
    assert {m.action for m in moves} == set(AlertAction.values)
    for move in moves:
        alert = raise_at(BORDER_POINT, extra_agencies=[handlers["jiashan"].agency])
        assert AlertAgency.objects.filter(alert=alert).count() == 3
        assert_in_step(alert)
        actor = handlers["qingpu"]
        for action in [*path_to(move.source), move.action]:
            alert_transition(
                actor=actor, alert_id=alert.public_id, action=action, **payload(action, handlers["wujiang"].agency)
            )
            assert_in_step(alert)
        assert alert.status == move.target, move


def test_merges_and_raises_keep_the_flag(routing, rules, handlers):
    alert = raise_at(WUJIANG_POINT)
    assert raise_at(WUJIANG_POINT).pk == alert.pk  # merged: still open
    assert_in_step(alert)
    alert_transition(actor=handlers["wujiang"], alert_id=alert.public_id, action="claim")
    assert raise_at(WUJIANG_POINT).pk == alert.pk  # a claimed alert is live and merges too
    assert_in_step(alert)
    alert_transition(actor=handlers["wujiang"], alert_id=alert.public_id, action="dismiss", note="误报")
    assert_in_step(alert)
    again = raise_at(WUJIANG_POINT)  # a closed alert is not merged into: a new live one
    assert again.pk != alert.pk
    assert_in_step(again)
    assert_in_step(alert)


def test_a_refused_move_leaves_the_rows_as_they_were(routing, rules, handlers, work_calendar):
    alert = raise_at(QINGPU_POINT)
    with pytest.raises(InvalidInput):  # no receiver: the transaction writes nothing
        alert_transition(actor=handlers["qingpu"], alert_id=alert.public_id, action="transfer", receiver="")
    assert_in_step(alert)
    assert alert.status == AlertStatus.OPEN


def test_the_live_lists_equal_the_lists_of_every_visible_alert(routing, rules, handlers):
    """alert_list finds live alerts through the flag: the same rows as filtering every visible alert by
    status, for each agency, a superior and the command centre."""
    alerts = [raise_at(point) for point in (WUJIANG_POINT, BORDER_POINT, QINGPU_POINT)]
    raise_at((WUJIANG_POINT[0] - 0.02, WUJIANG_POINT[1]), extra_agencies=[handlers["jiashan"].agency])
    alert_transition(actor=handlers["qingpu"], alert_id=alerts[1].public_id, action="claim")
    alert_transition(actor=handlers["qingpu"], alert_id=alerts[2].public_id, action="dismiss", note="误报")
    actors = [*handlers.values(), personas.make_user("officer", "sh"), personas.make_user("supervisor", "sh")]
    for actor in actors:
        everything = Alert.objects.visible_to(actor)
        for status in AlertStatus.values:
            listed = alert_list(actor=actor, filters=AlertFilters(status=status))
            assert set(listed.values_list("pk", flat=True)) == set(
                everything.filter(status=status).values_list("pk", flat=True)
            ), (actor, status)
            assert listed.count() == everything.filter(status=status).count()
        active = alert_list(actor=actor, filters=AlertFilters(active=True))
        assert set(active.values_list("pk", flat=True)) == set(
            everything.filter(status__in=ACTIVE).values_list("pk", flat=True)
        )
        for status in ACTIVE:  # what the workbench counts: as many as the list shows
            tally = alert_live_tally(actor=actor, status=status)
            assert tally.count() == alert_list(actor=actor, filters=AlertFilters(status=status)).count()
    assert alert_list(actor=handlers["qingpu"], filters=AlertFilters(status="open")).count() == 0
    assert alert_list(actor=handlers["wujiang"], filters=AlertFilters(status="open")).count() == 2


def test_the_check_finds_a_row_out_of_step(routing, rules, handlers):
    live = raise_at(WUJIANG_POINT)
    closed = raise_at(QINGPU_POINT)
    alert_transition(actor=handlers["qingpu"], alert_id=closed.public_id, action="dismiss", note="误报")
    assert alert_routing_out_of_step() == []
    claimed = raise_at(BORDER_POINT)
    alert_transition(actor=handlers["qingpu"], alert_id=claimed.public_id, action="claim")
    assert alert_routing_out_of_step() == []
    AlertAgency.objects.filter(alert=live).update(alert_active=False, live_status="")
    AlertAgency.objects.filter(alert=closed).update(alert_active=True, live_status="open")
    AlertAgency.objects.filter(alert=claimed, agency=handlers["wujiang"].agency).update(live_status="open")
    assert alert_routing_out_of_step() == sorted([live.pk, closed.pk, claimed.pk])


def test_the_database_refuses_a_row_whose_two_columns_disagree(routing, rules):
    alert = raise_at(WUJIANG_POINT)
    for state in ({"alert_active": True, "live_status": ""}, {"alert_active": False, "live_status": "open"}):
        with pytest.raises(IntegrityError), transaction.atomic():
            AlertAgency.objects.filter(alert=alert).update(**state)
