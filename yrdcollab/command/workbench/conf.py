"""Workbench settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_WORKBENCH_BADGE_SECONDS",
        30,
        int,
        "The counts beside menu entries are drawn on every page; they are kept per user for this many "
        "seconds so a page costs one cache read, not a dozen COUNT queries. The workbench itself and the "
        "lists always count afresh.",
    ),
    Setting(
        "YRD_WORKBENCH_LIST_LIMIT",
        200,
        int,
        "A workbench list shows at most this many rows per page (the rest by paging).",
    ),
)
