"""The transition table, without a database."""

from yrdcollab.transfers.states import (
    STEP_OF_STATUS,
    TERMINAL,
    TRANSITIONS,
    WAITING_SIDE,
    Action,
    Side,
    Status,
    actions_from,
    continues_deadline,
    move_for,
)


def test_happy_path_is_in_the_table():
    path = [("draft", "send", "sent", Side.SENDER), ("sent", "sign", "signed", Side.RECEIVER),
            ("signed", "accept", "accepted", Side.RECEIVER),
            ("accepted", "start_investigation", "investigating", Side.RECEIVER),
            ("investigating", "conclude", "concluded", Side.RECEIVER),
            ("concluded", "confirm_close", "closed", Side.SENDER)]
    for source, action, target, side in path:
        move = move_for(source, action)
        assert move is not None and move.to == target and move.side == side


def test_return_and_reroute():
    assert move_for("signed", "return").to == Status.RETURNED
    reroute = move_for("returned", "reroute")
    assert reroute.to == Status.SENT and reroute.side == Side.SENDER
    assert move_for("draft", "cancel").to == Status.CANCELLED


def test_illegal_moves_are_absent():
    assert move_for("draft", "sign") is None
    assert move_for("sent", "accept") is None  # must sign first
    assert move_for("accepted", "return") is None
    assert move_for("closed", "reroute") is None
    assert move_for("sent", "no_such_action") is None
    assert move_for("no_such_status", "send") is None


def test_terminal_states_have_no_moves_and_no_deadline():
    for status in TERMINAL:
        assert actions_from(status) == []
        assert status not in STEP_OF_STATUS and status not in WAITING_SIDE


def test_every_target_is_a_status_and_every_open_status_waits_on_someone():
    for (source, action), move in TRANSITIONS.items():
        assert source in Status and action in Action and move.to in Status
    for status in Status:
        if status not in TERMINAL:
            assert status in WAITING_SIDE


def test_investigation_keeps_the_conclusion_deadline():
    assert continues_deadline("accepted", "investigating")
    assert not continues_deadline("signed", "accepted")
    assert not continues_deadline("draft", "sent")
