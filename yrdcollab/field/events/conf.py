"""Major-event settings with their defaults (config/settings/base.py, "Major events" block)."""

from django.conf import settings

DEFAULTS = {
    # Platform defaults, configurable: minutes to respond to an incident in each ring. A zone may set its own.
    "YRD_EVENT_ZONE_RESPONSE_MINUTES": {"core": 10, "control": 20, "buffer": 30},
    "YRD_EVENT_NEAR_M": 1000,  # an incident this close to a zone (outside every zone) is tagged with it
    "YRD_EVENT_REPORT_HOUR": 21,  # the 日报 is compiled at 21:00 Asia/Shanghai
    "YRD_EVENT_REPORT_MINUTE": 0,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])


def default_response_minutes(level: str) -> int:
    minutes = setting("YRD_EVENT_ZONE_RESPONSE_MINUTES")
    return int(minutes.get(level, DEFAULTS["YRD_EVENT_ZONE_RESPONSE_MINUTES"][level]))
