"""Cockpit settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_COCKPIT_CACHE_SECONDS",
        30,
        int,
        "Every figure of one scope and period is computed once and kept this long (the page says when): "
        "a wall of big screens and leaders' pages refreshing together then costs one set of GROUP BY "
        "queries per scope, and a number is never older than half a minute. 0 turns the cache off.",
    ),
    Setting(
        "YRD_COCKPIT_REFRESH_SECONDS",
        60,
        int,
        "How often the big screen fetches the figures again (JSON, no page reload). Twice the cache "
        "lifetime, so each refresh shows newer data without every screen recomputing it.",
    ),
    Setting(
        "YRD_COCKPIT_MAP_POINTS",
        400,
        int,
        "Most recent live alerts and open major-event incidents the map draws (each kind). More points "
        "than this on a 1920×1080 screen of the whole delta are a blur, and the payload stays small.",
    ),
    Setting(
        "YRD_COCKPIT_AGENCY_ROWS",
        12,
        int,
        "Agencies shown in the by-agency pipeline and the agency flows (the busiest first): what a bar "
        "chart on a quarter of the big screen can label legibly.",
    ),
)
