from yrdcollab.platform.geo.distance import distance_m
from yrdcollab.smart.sensing import credentials
from yrdcollab.smart.sensing.services.rules import in_window
from yrdcollab.smart.sensing.states import AlertAction, AlertStatus, actions_from, move_for


def test_claiming_is_first_come_and_terminal_states_allow_nothing():
    assert move_for("open", "claim").to == AlertStatus.CLAIMED
    assert move_for("claimed", "claim") is None  # someone else accepted first → 409
    assert move_for("open", "dismiss").claims and not move_for("claimed", "dismiss").claims
    for status in ("transferred", "checked", "dismissed"):
        assert actions_from(status) == []
    assert move_for("open", "nonsense") is None and move_for("bogus", "claim") is None
    assert set(actions_from("claimed")) == {AlertAction.TRANSFER, AlertAction.CHECK, AlertAction.DISMISS}


def test_credential_names_its_device_and_only_its_hash_matches():
    plaintext, stored = credentials.new_secret("WJ-CAM_01")
    assert credentials.device_code_of(plaintext) == "WJ-CAM_01"
    assert credentials.matches(plaintext, stored) and not credentials.matches(plaintext + "x", stored)
    assert credentials.device_code_of("yrd_abc_def") is None and credentials.device_code_of("") is None


def test_haversine_and_night_window():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    assert abs(distance_m(121.0, 31.0, 121.001, 31.0) - 95.3) < 1
    tz = ZoneInfo("Asia/Shanghai")
    from datetime import time
    night = (time(22, 0), time(6, 0))
    assert in_window(datetime(2026, 5, 1, 23, 30, tzinfo=tz), *night)
    assert in_window(datetime(2026, 5, 1, 5, 59, tzinfo=tz), *night)
    assert not in_window(datetime(2026, 5, 1, 12, 0, tzinfo=tz), *night)
    assert in_window(datetime(2026, 5, 1, 12, 0, tzinfo=tz), None, None)
