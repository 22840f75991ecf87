"""Operations-specific input checks of the services (matters, divisions, zones, agencies, periods, goals,
coordinates): each problem is InvalidInput (422) naming the field, raised before anything is written.
The generic ones (`invalid`, `text`, `is_uuid`) are yrdcollab.core.validation's."""

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from yrdcollab.core.validation import invalid, is_uuid
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.catalogue.selectors import active_matter
from yrdcollab.platform.directory.models import Agency, Division, Zone

from .states import GoalMetric

MAX_ITEMS = 200


def period(starts_on, ends_on, *, start_field: str = "starts_on", end_field: str = "ends_on") -> tuple[date, date]:
    if not isinstance(starts_on, date):
        raise invalid(start_field, _("请填写开始日期。"), code="required")
    if not isinstance(ends_on, date):
        raise invalid(end_field, _("请填写结束日期。"), code="required")
    if ends_on < starts_on:
        raise invalid(end_field, _("结束日期不能早于开始日期。"), code="invalid_period")
    if (ends_on - starts_on).days > 366:
        raise invalid(end_field, _("期限不能超过一年。"), code="period_too_long")
    return starts_on, ends_on


def _codes(values, field_name: str) -> list[str]:
    if values is None:
        return []
    if not isinstance(values, (list, tuple)):
        raise invalid(field_name, _("应为列表。"))
    if len(values) > MAX_ITEMS:
        raise invalid(field_name, _("最多 %(n)d 项。") % {"n": MAX_ITEMS}, code="too_many")
    return list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))


def matters(codes, field_name: str = "matters") -> list[Matter]:
    codes = _codes(codes, field_name)
    if not codes:
        raise invalid(field_name, _("请至少选择一个事项。"), code="required")
    found = {code: m for code in codes if (m := active_matter(code)) is not None}  # from the cache
    missing = [c for c in codes if c not in found]
    if missing:
        raise invalid(
            field_name,
            _("事项编码不存在或已停用：%(c)s。") % {"c": "、".join(missing[:5])},
            code="unknown_matter",
            codes=missing[:20],
        )
    return [found[c] for c in codes]


def matter(code, field_name: str = "matter") -> Matter:
    found = active_matter(code)  # reference data, from the cache
    if found is None:
        raise invalid(field_name, _("事项编码不存在或已停用。"), code="unknown_matter")
    return found


def divisions(codes, field_name: str = "divisions", *, required: bool = False) -> list[Division]:
    codes = _codes(codes, field_name)
    if required and not codes:
        raise invalid(field_name, _("请至少选择一个行政区划。"), code="required")
    found = {d.code: d for d in Division.objects.filter(code__in=codes, is_active=True)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise invalid(
            field_name,
            _("行政区划代码不存在：%(c)s。") % {"c": "、".join(missing[:5])},
            code="division_not_found",
            codes=missing[:20],
        )
    return [found[c] for c in codes]


def zones(values, field_name: str = "zones") -> list[Zone]:
    keys = _codes(values, field_name)
    ids = [k for k in keys if is_uuid(k)]
    found = list(Zone.objects.filter(public_id__in=ids)) + list(Zone.objects.filter(kind__in=keys))
    by_key = {str(z.public_id): z for z in found} | {z.kind: z for z in found}
    missing = [k for k in keys if k not in by_key]
    if missing:
        raise invalid(field_name, _("协作区域不存在。"), code="unknown_zone", values=missing[:20])
    return list({by_key[k].pk: by_key[k] for k in keys}.values())


def agency(public_id, field_name: str = "agency") -> Agency:
    found = (
        Agency.objects.filter(public_id=public_id, is_active=True).select_related("division").first()
        if is_uuid(public_id)
        else None
    )
    if found is None:
        raise invalid(field_name, _("机构不存在。"), code="unknown_agency")
    return found


def agencies(public_ids, field_name: str = "agencies") -> list[Agency]:
    keys = _codes(public_ids, field_name)
    if any(not is_uuid(k) for k in keys):
        raise invalid(field_name, _("机构不存在。"), code="unknown_agency")
    found = {
        str(a.public_id): a
        for a in Agency.objects.filter(public_id__in=keys, is_active=True).select_related("division")
    }
    missing = [k for k in keys if k not in found]
    if missing:
        raise invalid(field_name, _("机构不存在。"), code="unknown_agency", values=missing[:20])
    return [found[k] for k in keys]


def goals(values) -> dict[str, Decimal]:
    """{metric: target}; each metric once, each target a positive number."""
    if values is None:
        return {}
    if isinstance(values, dict):
        values = [{"metric": k, "target": v} for k, v in values.items()]
    result: dict[str, Decimal] = {}
    for item in values:
        metric = str(item.get("metric", "")).strip()
        if metric not in GoalMetric.values:
            raise invalid("goals", _("未知的目标指标：%(m)s。") % {"m": metric[:32]}, code="unknown_metric")
        if metric in result:
            raise invalid("goals", _("每个指标只能设定一个目标。"), code="duplicate_metric")
        try:
            target = Decimal(str(item.get("target")))
        except (InvalidOperation, TypeError, ValueError):
            raise invalid("goals", _("目标值应为数字。"), code="invalid_target") from None
        if (
            not target.is_finite()
            or target <= 0
            or target > Decimal("999999999999")
            or target != target.quantize(Decimal("0.01"))
        ):
            raise invalid("goals", _("目标值应为大于零、不超过两位小数的数。"), code="invalid_target")
        result[metric] = target
    return result


def coordinates(lon, lat) -> tuple[float | None, float | None]:
    if lon is None and lat is None:
        return None, None
    if lon is None or lat is None:
        raise invalid("lon" if lon is None else "lat", _("经度和纬度应同时填写。"), code="coordinates_incomplete")
    try:
        lon, lat = float(lon), float(lat)
    except (TypeError, ValueError):
        raise invalid("lon", _("坐标应为数字。"), code="invalid_coordinates") from None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise invalid("lon", _("坐标超出范围。"), code="invalid_coordinates")
    return lon, lat
