"""Evidence settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_EVIDENCE_MAX_BYTES",
        20 * 1024 * 1024,
        int,
        "The largest evidence file or custody photo accepted (bytes; 20 MiB holds a phone video clip or a "
        "scanned record). Keep the load balancer's request-size limit (nginx client_max_body_size) above it, "
        "with margin for several files in one request.",
    ),
)
