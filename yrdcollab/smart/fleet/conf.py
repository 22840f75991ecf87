"""Muck-truck settings with their defaults (the lead adds them to config/settings/base.py)."""

from django.conf import settings

DEFAULTS = {
    "YRD_TRUCK_STOP_RADIUS_M": 50,  # positions within this many metres of the stop's first one belong to it
    "YRD_TRUCK_STOP_MINUTES": 10,  # a stop lasting longer than this outside every approved site is suspect
    "YRD_TRUCK_DUMPING_MATTER": "0302",  # 随意倾倒抛撒建筑垃圾 (data/catalogue/matters.json)
    "YRD_TRUCK_POSITIONS_PER_CALL": 1000,  # POST /api/v1/fleet/positions
    "YRD_TRUCK_POSITIONS_RATE": (120, 60),  # calls per user per window (seconds)
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
