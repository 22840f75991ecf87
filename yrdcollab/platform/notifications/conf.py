"""Outbox delivery settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_OUTBOX_MAX_ATTEMPTS",
        8,
        int,
        "Attempts before a message is dead. With waits of 1, 2, 4 … minutes (capped at the backoff cap) "
        "eight attempts span about four hours: a mail server's maintenance window.",
    ),
    Setting(
        "YRD_OUTBOX_BACKOFF_CAP_MINUTES",
        60,
        int,
        "The longest wait between attempts; waits double from one minute up to this.",
    ),
    Setting(
        "YRD_OUTBOX_LEASE_SECONDS",
        600,
        int,
        "How long a worker's claim on a message holds before another worker may retry it; above "
        "EMAIL_TIMEOUT so a slow send is never sent twice by a second worker.",
    ),
    Setting(
        "YRD_OUTBOX_BATCH_SIZE",
        100,
        int,
        "Rows claimed per short transaction: keeps the claim's lock brief and a worker's memory flat.",
    ),
)
