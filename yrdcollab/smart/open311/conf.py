"""Open311 GeoReport v2 settings, each with the reason for its default (core.conf; ADR 0016)."""

from yrdcollab.core.conf import AppSettings, Setting, parse_rate

SETTINGS = AppSettings(
    Setting(
        "YRD_OPEN311_POST_RATE",
        (30, 60),
        parse_rate,
        'Service requests one API key may post per window of seconds ("30/60"): a citizen app relays '
        "people's reports, each of which becomes an alert that an officer must handle.",
    ),
    Setting(
        "YRD_OPEN311_POST_IP_RATE",
        (60, 60),
        parse_rate,
        "POSTs per client address per window of seconds, whatever the key: bounds guessing of keys and "
        "floods from one address before the key is checked.",
    ),
    Setting(
        "YRD_OPEN311_GET_RATE",
        (300, 60),
        parse_rate,
        "GET calls per client address per window of seconds: the reads are public (GeoReport v2), so "
        "they are limited per address.",
    ),
    Setting(
        "YRD_OPEN311_DEFAULT_DAYS",
        90,
        int,
        "GET requests without dates return the last 90 days (GeoReport v2's default window).",
    ),
    Setting(
        "YRD_OPEN311_MAX_RESULTS",
        1000,
        int,
        "GET requests return at most this many service requests (GeoReport v2's default limit).",
    ),
)
