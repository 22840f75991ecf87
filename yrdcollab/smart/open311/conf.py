"""Open311 settings with their defaults (the lead adds them to config/settings/base.py)."""

from django.conf import settings

DEFAULTS = {
    "YRD_OPEN311_POST_RATE": (30, 60),  # POST requests per API key per window (seconds)
    "YRD_OPEN311_POST_IP_RATE": (60, 60),  # POST requests per client address per window
    "YRD_OPEN311_GET_RATE": (300, 60),  # GET calls per client address per window
    "YRD_OPEN311_DEFAULT_DAYS": 90,  # GET requests without dates: the last 90 days (GeoReport v2)
    "YRD_OPEN311_MAX_RESULTS": 1000,  # GET requests returns at most this many (GeoReport v2)
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
