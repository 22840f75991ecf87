"""What every map page's base map needs (static/geo/basemap.js): where the county boundaries come
from, the collaboration zones to outline, optional intranet tiles and the Chinese texts of the shared
controls (定位我, legend, point picker). Only public administrative data: no actor, no personal data."""

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _

from yrdcollab.platform.directory.models import Zone

from .selectors import map_tiles

ZONE_CACHE_SECONDS = 300


def zone_outlines() -> list[dict]:
    """The zones with fixed members (示范区, 先行启动区) as {kind, name, codes}; the 省际毗邻区 is a set
    of pairs, not an area, and is left out."""
    rows = cache.get("geo:basemap:zones")
    if rows is None:
        rows = [
            {"kind": zone.kind, "name": zone.name, "codes": [d.code for d in zone.members.all()]}
            for zone in Zone.objects.prefetch_related("members").order_by("id")
        ]
        rows = [row for row in rows if row["codes"]]
        cache.set("geo:basemap:zones", rows, ZONE_CACHE_SECONDS)
    return rows


def marker_kind_labels() -> dict:
    return {
        "device": _("监控设备"),
        "patrol": _("巡逻队员"),
        "officer": _("执法人员"),
        "alert": _("预警"),
        "truck": _("渣土车"),
        "incident": _("现场事件"),
        "transfer": _("线索移送"),
        "checkin": _("巡查打卡"),
        "venue": _("活动场馆"),
        "stop": _("停留点"),
    }


def basemap_texts() -> dict:
    return {
        "locate": _("定位我"),
        "locating": _("正在定位…"),
        "located": _("您的位置"),
        "locateDenied": _(
            "无法定位：浏览器未获准使用位置信息。请在浏览器或系统设置中允许本网站定位，或在地图上点选位置。"
        ),
        "locateUnavailable": _("无法定位：当前设备无法取得位置，请在地图上点选位置。"),
        "locateTimeout": _("定位超时，请稍后重试或在地图上点选位置。"),
        "locateUnsupported": _("当前浏览器不支持定位，请在地图上点选位置。"),
        "boundaries": _("县级行政区边界"),
        "boundariesFailed": _("行政区划边界加载失败，仅显示业务图层。"),
        "legend": _("图例"),
        "cluster": _("数字为聚合的标注数量，放大地图可展开"),
        "kinds": marker_kind_labels(),
        "zoneKinds": {"demonstration_zone": _("一体化示范区"), "pilot_area": _("先行启动区")},
        # area drawing (geo/area_draw.js)
        "drawHint": _("点击地图逐点绘制多边形，点击第一个点结束；可拖动顶点修改。"),
        "drawStart": _("绘制范围"),
        "drawClear": _("清除范围"),
        "drawEmpty": _("尚未绘制范围。"),
        "drawDone": _("已绘制范围（%(n)s 个多边形）。"),
        "drawUnreadable": _("已填写的 GeoJSON 无法在地图上显示，请在“高级：粘贴 GeoJSON”中检查。"),
        # point picker (geo/point_picker.js)
        "pickHint": _("点击地图选择位置，或点“定位我”使用当前位置。"),
        "routing": _("正在查询管辖…"),
        "pointIn": _("所选坐标位于%(division)s（%(code)s）。"),
        "pointAmbiguous": _("所选坐标靠近区县边界，管辖待确认：%(names)s。"),
        "pointOutside": _("所选坐标不在长三角四地范围内。"),
        "suggested": _("建议接收机构：%(agency)s"),
        "noAgency": _("名录中无该区划对应的机构，请手动选择。"),
        "mismatch": _("所选坐标位于%(point)s，与所填区划%(entered)s不一致，请核对。"),
        "routeFailed": _("管辖查询失败：%(message)s"),
    }


def basemap_config(*, public: bool = False) -> dict:
    """The JSON the pages give basemap.js. A public page routes nothing (the route endpoint needs a
    login); it only draws."""
    config = {
        "boundariesUrl": reverse("geo:boundaries_public"),
        "routeUrl": "" if public else reverse("api-v1:geo_route"),
        "zones": zone_outlines(),
        "text": basemap_texts(),
        # an intranet tile service only when one is configured (nothing tile-related otherwise)
        **{key: value for key, value in map_tiles().items() if value},
    }
    return config
