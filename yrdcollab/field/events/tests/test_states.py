"""The reinforcement table (pure): a grant is two moves, told apart by what is sent; only a pending
request moves."""

from yrdcollab.field.events.states import REINFORCEMENT_TRANSITIONS, ReinforcementStatus, grant_move

PENDING = ReinforcementStatus.PENDING


def test_a_grant_of_everything_asked_for_is_grant_all():
    assert grant_move(officers=3, vehicles=2, officers_requested=3, vehicles_requested=2) == "grant_all"
    assert REINFORCEMENT_TRANSITIONS[(PENDING, "grant_all")] == ReinforcementStatus.GRANTED


def test_a_grant_of_less_is_grant_part():
    for officers, vehicles in ((2, 2), (3, 1), (0, 2), (3, 0)):
        assert grant_move(officers=officers, vehicles=vehicles, officers_requested=3,
                          vehicles_requested=2) == "grant_part"
    assert REINFORCEMENT_TRANSITIONS[(PENDING, "grant_part")] == ReinforcementStatus.PARTLY_GRANTED


def test_only_a_pending_request_moves():
    assert {status for status, _action in REINFORCEMENT_TRANSITIONS} == {PENDING}
    assert {action for _status, action in REINFORCEMENT_TRANSITIONS} == {"grant_all", "grant_part", "decline",
                                                                         "withdraw"}
