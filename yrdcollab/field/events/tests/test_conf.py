"""The events settings (core.conf): a Django setting first, then the environment variable of the same
name (JSON for the per-ring minutes), then the declared default."""

from django.conf import settings
from django.test import override_settings

from yrdcollab.field.events import services
from yrdcollab.field.events.conf import SETTINGS, default_response_minutes

from .conftest import NEAR_BUFFER_POINT


def test_ring_minutes_come_from_settings_then_the_environment_then_the_default(monkeypatch):
    monkeypatch.delenv("YRD_EVENT_ZONE_RESPONSE_MINUTES", raising=False)
    with override_settings():
        del settings.YRD_EVENT_ZONE_RESPONSE_MINUTES
        assert SETTINGS.YRD_EVENT_ZONE_RESPONSE_MINUTES == {"core": 10, "control": 20, "buffer": 30}
        monkeypatch.setenv("YRD_EVENT_ZONE_RESPONSE_MINUTES", '{"core": 5, "control": 15}')
        assert [default_response_minutes(ring) for ring in ("core", "control", "buffer")] == [5, 15, 30]
    with override_settings(YRD_EVENT_ZONE_RESPONSE_MINUTES={"core": 7}):
        assert default_response_minutes("core") == 7 and default_response_minutes("buffer") == 30


def test_report_time_and_near_distance_from_the_environment(monkeypatch):
    with override_settings():
        for name in ("YRD_EVENT_REPORT_HOUR", "YRD_EVENT_NEAR_M"):
            delattr(settings, name)
        monkeypatch.setenv("YRD_EVENT_REPORT_HOUR", "20")
        monkeypatch.setenv("YRD_EVENT_NEAR_M", "1500")
        assert SETTINGS.YRD_EVENT_REPORT_HOUR == 20 and SETTINGS.YRD_EVENT_NEAR_M == 1500


def test_the_near_distance_decides_whether_an_incident_is_tagged(event_world):
    w = event_world
    lon, lat = NEAR_BUFFER_POINT  # ~760 m outside the buffer ring
    assert services.zone_for_point(w.event, lon, lat).zone == w.zones["buffer"]
    with override_settings(YRD_EVENT_NEAR_M=500):
        assert services.zone_for_point(w.event, lon, lat).zone is None
