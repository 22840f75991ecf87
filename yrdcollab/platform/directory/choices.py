"""What forms offer to pick an agency or a division: agencies grouped by province and city
("江苏省 · 苏州市", Shanghai's districts as its cities: "上海市 · 青浦区"), searchable by name, short name
and pinyin initials; and the division-code cascader fed by this app's API."""

from collections.abc import Iterable

from django.urls import reverse_lazy

from yrdcollab.core.pinyin import search_keywords
from yrdcollab.core.widgets import DivisionCascader, PickerChoices

from .models import Agency, Division, DivisionLevel


def _region(division: Division, names: dict[str, str]) -> tuple[str, str]:
    """(sort key, label) of the group of an agency attached to `division`."""
    node = division
    if node.level == DivisionLevel.TOWN and node.parent is not None:
        node = node.parent
    second = None
    if node.level == DivisionLevel.PREFECTURE:
        second = node
    elif node.level == DivisionLevel.COUNTY:
        parent = node.parent
        second = parent if parent is not None and parent.level == DivisionLevel.PREFECTURE else node
    province = names.get(division.province_code, "")
    if second is None:
        return division.province_code, province
    return second.code, f"{province} · {second.name}" if province else second.name


def agency_choices(agencies: Iterable[Agency]) -> PickerChoices:
    """The agencies (a queryset or list) as picker groups, values their public ids."""
    rows = list(agencies)
    if hasattr(agencies, "select_related"):  # a queryset: read the divisions with it
        rows = list(agencies.select_related("division__parent__parent"))
    names = dict(Division.objects.filter(level=DivisionLevel.PROVINCE).values_list("code", "name"))
    groups: dict[str, tuple[str, list]] = {}
    keywords: dict[str, str] = {}
    for agency in sorted(rows, key=lambda a: (a.division_id or "", a.name)):
        key, label = _region(agency.division, names)
        value = str(agency.public_id)
        groups.setdefault(key, (label, []))[1].append((value, agency.name))
        keywords[value] = search_keywords(agency.name, agency.short_name)
    return PickerChoices(kind="agency", choices=[groups[k] for k in sorted(groups)], keywords=keywords)


def division_widget(*, levels=(DivisionLevel.COUNTY, DivisionLevel.TOWN), attrs=None) -> DivisionCascader:
    """The division-code input with its province/city/county/town selects (what `levels` may be chosen)."""
    return DivisionCascader(
        attrs=attrs, source_url=reverse_lazy("api-v1:list_divisions"), levels=tuple(str(v) for v in levels)
    )
