"""Seeded rules: which device event types become alerts of which matter (data/catalogue/matters.json
codes), and telemetry thresholds. Administrators edit the rows; these are the starting values."""

from datetime import time

# (event type, matter code, minimum confidence)
EVENT_TYPE_RULES = [
    ("illegal_dumping", "0302", 0.6),  # 随意倾倒抛撒建筑垃圾
    ("muck_truck_uncovered", "0303", 0.6),  # 运输车辆未密闭撒漏
    ("muddy_wheels", "0304", 0.6),  # 车轮带泥上路
    ("garbage_dumping", "0102", 0.6),  # 随意倾倒垃圾
    ("material_stacking", "0104", 0.6),  # 乱堆物料
    ("street_vending", "0501", 0.7),  # 流动摊贩占道经营
    ("outside_store_business", "0502", 0.7),  # 店外经营
    ("flyposting", "0405", 0.7),  # 散发张贴小广告
    ("outdoor_bbq", "0604", 0.7),  # 露天烧烤
    ("open_burning", "0607", 0.6),  # 露天焚烧
    ("bare_soil", "0606", 0.6),  # 裸土未覆盖
    ("sidewalk_parking", "0805", 0.7),  # 人行道违法停车
    ("river_dumping", "0901", 0.6),  # 向河道倾倒废弃物
    ("greenbelt_occupation", "0701", 0.7),  # 擅自占用绿地
]

# (name, metric, threshold, duration minutes, window start, window end, matter code, basis)
TELEMETRY_RULES = [
    (
        "夜间施工噪声超标",
        "noise_laeq",
        55.0,
        10,
        time(22, 0),
        time(6, 0),
        "0601",
        "GB 12523-2011《建筑施工场界环境噪声排放标准》：夜间（22:00–06:00）排放限值 55 dB(A)",
    ),
    (
        "昼间施工噪声超标",
        "noise_laeq",
        70.0,
        30,
        time(6, 0),
        time(22, 0),
        "0601",
        "GB 12523-2011《建筑施工场界环境噪声排放标准》：昼间排放限值 70 dB(A)",
    ),
    (
        "施工扬尘 PM10 超标",
        "pm10",
        150.0,
        30,
        None,
        None,
        "0605",
        "平台默认值：参照 GB 3095-2012 PM10 二级浓度限值 150 μg/m³，可按地方施工扬尘标准调整",
    ),
]


def rules_load(event_rule_model, telemetry_rule_model, matter_model) -> int:
    """Adds the missing defaults (idempotent; existing rows are left as administrators edited them).
    Takes the models so the data migration can pass its historical ones (services.rules.default_rules_load
    passes the current ones)."""
    codes = set(matter_model.objects.values_list("code", flat=True))
    created = 0
    for event_type, matter, confidence in EVENT_TYPE_RULES:
        if matter in codes:
            created += event_rule_model.objects.get_or_create(
                event_type=event_type, defaults={"matter_id": matter, "min_confidence": confidence}
            )[1]
    for name, metric, threshold, minutes, start, end, matter, basis in TELEMETRY_RULES:
        if matter in codes:
            created += telemetry_rule_model.objects.get_or_create(
                name=name,
                defaults={
                    "metric": metric,
                    "threshold": threshold,
                    "duration_minutes": minutes,
                    "window_start": start,
                    "window_end": end,
                    "matter_id": matter,
                    "basis": basis,
                },
            )[1]
    return created
