from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.core.workflow import TransitionTable
from yrdcollab.platform.geo.distance import distance_m
from yrdcollab.smart.sensing import credentials
from yrdcollab.smart.sensing.services.rules import in_window
from yrdcollab.smart.sensing.states import ACTIVE, TERMINAL, TRANSITIONS, AlertAction, AlertStatus, Side, claims


def test_claiming_is_first_come_and_terminal_states_allow_nothing():
    assert isinstance(TRANSITIONS, TransitionTable)
    assert TRANSITIONS.target("open", "claim") == AlertStatus.CLAIMED
    with pytest.raises(InvalidTransition):  # someone else accepted first → 409
        TRANSITIONS.move("claimed", "claim")
    assert claims(TRANSITIONS.move("open", "dismiss")) and not claims(TRANSITIONS.move("claimed", "dismiss"))
    for status in ("transferred", "checked", "dismissed"):
        assert TRANSITIONS.actions_from(status) == [] and TRANSITIONS.is_terminal(status)
    with pytest.raises(InvalidInput) as unknown:  # 422, not 409: the workflow has no such action
        TRANSITIONS.move("open", "nonsense")
    assert unknown.value.code == "unknown_action"
    assert not TRANSITIONS.allows("bogus", "claim")
    assert set(TRANSITIONS.actions_from("claimed")) == {AlertAction.TRANSFER, AlertAction.CHECK, AlertAction.DISMISS}


def test_who_moves_is_the_candidate_while_open_and_the_handler_once_claimed():
    assert TRANSITIONS.waiting_on("open") == Side.CANDIDATE and TRANSITIONS.waiting_on("claimed") == Side.HANDLER
    assert TRANSITIONS.actions_from("open", by=Side.HANDLER) == []
    assert ACTIVE == {AlertStatus.OPEN, AlertStatus.CLAIMED}
    assert TERMINAL == {AlertStatus.TRANSFERRED, AlertStatus.CHECKED, AlertStatus.DISMISSED}


def test_credential_names_its_device_and_only_its_hash_matches():
    plaintext, stored = credentials.new_secret("WJ-CAM_01")
    assert credentials.device_code_of(plaintext) == "WJ-CAM_01"
    assert credentials.matches(plaintext, stored) and not credentials.matches(plaintext + "x", stored)
    assert credentials.device_code_of("yrd_abc_def") is None and credentials.device_code_of("") is None


def test_haversine_and_night_window():
    assert abs(distance_m(121.0, 31.0, 121.001, 31.0) - 95.3) < 1
    tz = ZoneInfo("Asia/Shanghai")
    night = (time(22, 0), time(6, 0))
    assert in_window(datetime(2026, 5, 1, 23, 30, tzinfo=tz), *night)
    assert in_window(datetime(2026, 5, 1, 5, 59, tzinfo=tz), *night)
    assert not in_window(datetime(2026, 5, 1, 12, 0, tzinfo=tz), *night)
    assert in_window(datetime(2026, 5, 1, 12, 0, tzinfo=tz), None, None)
