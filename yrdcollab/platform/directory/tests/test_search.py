import pytest

from yrdcollab.platform.directory.search import code_range, name_grams, query_grams
from yrdcollab.platform.directory.selectors import AgencyFilters, DivisionFilters, agency_search, division_search

pytestmark = pytest.mark.django_db


def test_gram_helpers_are_pure():
    assert name_grams("青浦区") == {"青", "浦", "区", "青浦", "浦区"}
    assert query_grams("青浦区") == ["浦区", "青浦"]
    assert query_grams(" 浦 ") == ["浦"]
    assert code_range("3101") == ("3101", "3102")
    assert code_range("319") == ("319", "31:")


def _names(qs):
    return [a.name for a in qs]


@pytest.mark.parametrize(
    "q, expected",
    [
        ("青浦", "上海市青浦区城市管理行政执法局"),
        ("吴江", "苏州市吴江区综合行政执法局"),
        ("综合执法局", "嘉善县综合行政执法局"),  # matches the short name
        ("杭州", "杭州市城市管理局"),
        ("310118", "上海市青浦区城市管理行政执法局"),
    ],
)
def test_agency_search_by_name_part_or_code(directory, officer, q, expected):
    assert expected in _names(agency_search(actor=officer, filters=AgencyFilters(q=q)))


def test_agency_search_requires_order_of_characters(directory, officer):
    assert _names(agency_search(actor=officer, filters=AgencyFilters(q="浦青"))) == []
    assert _names(agency_search(actor=officer, filters=AgencyFilters(q="不存在的机构"))) == []


def test_agency_code_prefix_and_filters(directory, officer):
    sh_districts = agency_search(actor=officer, filters=AgencyFilters(q="3101"))
    assert len(sh_districts) == 16
    anhui_cities = agency_search(actor=officer, filters=AgencyFilters(province="34", level="city"))
    assert len(anhui_cities) == 16
    demo = _names(agency_search(actor=officer, filters=AgencyFilters(zone="demonstration_zone")))
    assert sorted(demo) == sorted(
        ["上海市青浦区城市管理行政执法局", "苏州市吴江区综合行政执法局", "嘉善县综合行政执法局"]
    )
    adjacent = _names(agency_search(actor=officer, filters=AgencyFilters(zone="adjacent_area")))
    assert "上海市金山区城市管理行政执法局" in adjacent and "上海市黄浦区城市管理行政执法局" not in adjacent


def test_division_search(directory, officer):
    assert [d.code for d in division_search(actor=officer, filters=DivisionFilters(q="朱家角"))] == ["310118102"]
    assert len(division_search(actor=officer, filters=DivisionFilters(q="3205", level="county"))) == 9
    towns = division_search(actor=officer, filters=DivisionFilters(parent="330421"))
    assert {d.name for d in towns} >= {"西塘镇", "姚庄镇"}
    assert len(division_search(actor=officer, filters=DivisionFilters(province="330000", level="county"))) == 90
