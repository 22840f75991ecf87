"""Supervision settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_SUPERVISION_SECOND_LEVEL",
        48,
        float,
        "Hours an overdue item stays at escalation level 1 (the waiting agency's bureau leaders are told) "
        "before the sweep raises it to level 2 and tells the command centre: two days give the agency's own "
        "leadership the first chance to act. A number of hours (a timedelta in a settings module works too).",
    ),
)
