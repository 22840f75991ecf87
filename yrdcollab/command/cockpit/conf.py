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
    Setting(
        "YRD_COCKPIT_ROLLUP",
        True,
        bool,
        "Read the period figures from the nightly rollup of closed days (plus today live) and records "
        "under publicity from the worker's snapshot. Off: every figure is computed live from the source "
        "tables (the reference the rollup is tested against; seconds, not milliseconds, at a million items).",
    ),
    Setting(
        "YRD_COCKPIT_ROLLUP_HOUR",
        0,
        int,
        "Hour (Asia/Shanghai) of the nightly rollup of yesterday: just after midnight, so that the night's "
        "first refreshes are the only ones that read yesterday live (correct, only slower).",
    ),
    Setting(
        "YRD_COCKPIT_ROLLUP_MINUTE",
        20,
        int,
        "Minute of the nightly rollup: after the credit sweep at 00:10, before the evaluation's 01:30 refresh.",
    ),
    Setting(
        "YRD_COCKPIT_ROLLUP_DAYS",
        400,
        int,
        "How many days back the nightly run rolls up every day that is not yet (a missed night heals itself) "
        "and the rebuild starts by default: the longest window is twelve months (and the year to date).",
    ),
    Setting(
        "YRD_COCKPIT_ROLLUP_CHUNK_DAYS",
        31,
        int,
        "Days rebuilt per transaction (delete + INSERT … SELECT): a month of a million-item platform is "
        "~40,000 items and ~110,000 alert responses, seconds of work, so no transaction holds its locks long.",
    ),
    Setting(
        "YRD_COCKPIT_CREDIT_SNAPSHOT_MINUTES",
        10,
        int,
        "How often the worker counts the records under publicity (a GROUP BY over every published record, "
        "about a second at 1.5 million): a new or ended publicity shows within ten minutes, and the cockpit "
        "says when it was counted.",
    ),
    Setting(
        "YRD_COCKPIT_CREDIT_SNAPSHOT_MAX_AGE",
        30,
        int,
        "Minutes after which the snapshot of records under publicity is no longer used (a stopped worker): "
        "the cockpit then counts them live (correct, slower) rather than show an old figure.",
    ),
)
