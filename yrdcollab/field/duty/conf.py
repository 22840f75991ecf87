"""Joint-duty settings, each with the reason for its default (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_DUTY_CHECKIN_TOLERANCE_M",
        500,
        int,
        "A check-in farther than this from the shift's area is kept and flagged outside_area. GPS in a "
        "street canyon errs by tens of metres; 500 m leaves room for that and for walking to the beat's edge.",
    ),
    Setting(
        "YRD_DUTY_CHECKIN_GRACE_MINUTES",
        30,
        int,
        "A check-in this many minutes before the shift starts or after it ends still counts as on time "
        "(officers check in on the way to the post).",
    ),
    Setting(
        "YRD_DUTY_PHOTO_MAX_BYTES",
        5 * 1024 * 1024,
        int,
        "Patrol photos are JPEG/PNG (sniffed by content); 5 MiB holds a phone photo at full resolution.",
    ),
)
