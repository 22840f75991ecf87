"""Export settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_EXPORT_INLINE_ROWS",
        2_000,
        int,
        "An export of up to this many rows is built in the request and downloaded at once (well under a "
        "second); a larger one runs in the worker with a progress page, so no request holds a web worker "
        "for long.",
    ),
    Setting(
        "YRD_EXPORT_MAX_ROWS",
        200_000,
        int,
        "An export of more rows is refused (422 export_too_large, naming the limit): a sheet this size is "
        "about 20 MB and still opens in WPS and Excel; a larger extract is a data-exchange matter, not a "
        "list export. Excel's own sheet limit is 1,048,576 rows.",
    ),
    Setting(
        "YRD_EXPORT_RETENTION_DAYS",
        7,
        int,
        "A finished export file is kept this many days for download, then deleted by the sweep and the job "
        "marked expired: exports hold personal data, so they are not kept longer than a working week needs "
        "(data minimisation, PIPL art. 19).",
    ),
    Setting(
        "YRD_EXPORT_STALE_MINUTES",
        15,
        int,
        "A running export reports progress every 1,000 rows (seconds apart); one silent this long lost its "
        "worker (killed, restarted) and is queued again by the sweep — likewise a queued job the queue lost.",
    ),
    Setting(
        "YRD_EXPORT_MAX_ATTEMPTS",
        3,
        int,
        "A job that lost its worker this many times is marked failed (worker_lost) rather than retried "
        "forever: something about it, not the worker, is wrong.",
    ),
    Setting(
        "YRD_EXPORT_ACTIVE_PER_USER",
        3,
        int,
        "A user may have this many exports queued or running at once (429 export_busy beyond): a worker "
        "serves every agency, and one person's repeated clicks must not fill its queue.",
    ),
)
