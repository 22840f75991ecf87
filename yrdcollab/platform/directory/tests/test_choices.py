"""The agency picker's choices: grouped by province and city (Shanghai's districts as its cities),
searchable by name, short name and pinyin initials."""

import pytest

from yrdcollab.platform.directory.choices import agency_choices
from yrdcollab.platform.directory.models import Agency

pytestmark = pytest.mark.django_db


def test_agencies_grouped_by_province_and_city(agency):
    qingpu, wujiang, jiashan = agency("qingpu"), agency("wujiang"), agency("jiashan")
    picker = agency_choices(Agency.objects.filter(pk__in=[qingpu.pk, wujiang.pk, jiashan.pk]))
    groups = dict(picker.choices)
    assert list(groups) == ["上海市 · 青浦区", "江苏省 · 苏州市", "浙江省 · 嘉兴市"]
    assert groups["江苏省 · 苏州市"] == [(str(wujiang.public_id), wujiang.name)]
    words = picker.keywords[str(qingpu.public_id)].split()
    assert qingpu.name in words and qingpu.short_name in words
    assert "qpqcgzfj" in words  # 青浦区城管执法局, the short name's initials
    assert picker.values() == [str(qingpu.public_id), str(wujiang.public_id), str(jiashan.public_id)]


def test_a_list_of_agencies_works_too(agency):
    wujiang = agency("wujiang")
    assert agency_choices([wujiang]).choices == [("江苏省 · 苏州市", [(str(wujiang.public_id), wujiang.name)])]
    assert agency_choices([]).choices == []
