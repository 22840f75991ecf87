"""Joint-duty settings with their defaults (config/settings/base.py sets them explicitly)."""

from django.conf import settings

DEFAULTS = {
    # A check-in farther than this from the shift's area (else the roster's polygon, else its divisions'
    # boundaries) is kept and flagged outside_area. GPS in a street canyon errs by tens of metres;
    # 500 m leaves room for that and for walking to the edge of the patrol beat.
    "YRD_DUTY_CHECKIN_TOLERANCE_M": 500,
    # A check-in this many minutes before the shift starts or after it ends is still on time.
    "YRD_DUTY_CHECKIN_GRACE_MINUTES": 30,
    # Patrol photos: JPEG/PNG only (sniffed by content), at most this many bytes.
    "YRD_DUTY_PHOTO_MAX_BYTES": 5 * 1024 * 1024,
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
