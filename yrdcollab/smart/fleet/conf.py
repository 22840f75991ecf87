"""Muck-truck settings, each with the reason for its default (core.conf; ADR 0016)."""

from yrdcollab.core.conf import AppSettings, Setting, parse_rate

SETTINGS = AppSettings(
    Setting(
        "YRD_TRUCK_STOP_RADIUS_M",
        50,
        int,
        "Positions within this many metres of a stop's first position belong to that stop (ADR 0016): "
        "room for the GPS jitter of a standing truck, not for a truck driving on.",
    ),
    Setting(
        "YRD_TRUCK_STOP_MINUTES",
        10,
        int,
        "A stop lasting longer than this outside every approved disposal site and every route corridor "
        "approved for the truck is judged once as suspected dumping (ADR 0016).",
    ),
    Setting(
        "YRD_TRUCK_DUMPING_MATTER",
        "0302",
        str,
        "The matter of the suspected-dumping alert: 0302 随意倾倒抛撒建筑垃圾 (data/catalogue/matters.json).",
    ),
    Setting(
        "YRD_TRUCK_POSITIONS_PER_CALL",
        1000,
        int,
        "Positions one POST /api/v1/fleet/positions may carry, all or nothing in one transaction "
        "(ADR 0016); a larger batch is refused with 422 too_many_positions.",
    ),
    Setting(
        "YRD_TRUCK_POSITIONS_RATE",
        (120, 60),
        parse_rate,
        'Calls of POST /api/v1/fleet/positions per user per window of seconds ("120/60", ADR 0016): '
        "bounds what one integrator's account can make the stop detection do.",
    ),
)
