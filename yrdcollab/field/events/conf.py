"""Major-event settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

DEFAULT_RESPONSE_MINUTES = {"core": 10, "control": 20, "buffer": 30}

SETTINGS = AppSettings(
    Setting(
        "YRD_EVENT_ZONE_RESPONSE_MINUTES",
        DEFAULT_RESPONSE_MINUTES,
        dict,
        "Minutes to respond to an incident in each security-zone ring (core, control, buffer), the default of "
        "a new zone; each zone may set its own. Operational defaults of the platform (issue #6): the closer to "
        "the venue, the faster the response. JSON in the environment, e.g. "
        '{"core": 10, "control": 20, "buffer": 30}.',
    ),
    Setting(
        "YRD_EVENT_NEAR_M",
        1000,
        int,
        "An incident outside every zone but within this many metres of one is tagged with the nearest zone "
        "(its urgency and response time). Operational judgement: 1 km is a few minutes' walk from a ring's "
        "edge, near enough for what happens there to concern the ring.",
    ),
    Setting(
        "YRD_EVENT_REPORT_HOUR",
        21,
        int,
        "The 日报 of every active event is compiled at this hour (Asia/Shanghai) by the worker: after the "
        "day's main activity, in time to be read the same evening.",
    ),
    Setting("YRD_EVENT_REPORT_MINUTE", 0, int, "The minute of YRD_EVENT_REPORT_HOUR at which the 日报 is compiled."),
)


def default_response_minutes(level: str) -> int:
    """The platform default for a ring; a ring missing from the setting keeps the built-in default."""
    return int(SETTINGS.YRD_EVENT_ZONE_RESPONSE_MINUTES.get(level, DEFAULT_RESPONSE_MINUTES[level]))
