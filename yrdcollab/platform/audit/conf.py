"""Audit-trail settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_AUDIT_VERIFY_SYNC_MAX_ROWS",
        200_000,
        int,
        "The auditor's 立即校验 runs in the request up to this many rows (a few seconds, bench/README.md); "
        "a longer chain is verified by the worker and the page shows the result when it is done.",
    ),
)
