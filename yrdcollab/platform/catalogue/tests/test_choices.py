"""The matter picker's choices: every child directly under its own category, by code; searchable by
name, code and pinyin initials."""

import pytest

from yrdcollab.core.pinyin import pinyin_initials, search_keywords
from yrdcollab.platform.catalogue.choices import matter_choices
from yrdcollab.platform.catalogue.models import Matter

pytestmark = pytest.mark.django_db


def test_pinyin_initials():
    assert pinyin_initials("流动摊贩") == "ldtf"
    assert pinyin_initials("建筑垃圾/渣土") == "jzljzt"
    assert pinyin_initials("") == ""
    assert search_keywords("流动摊贩", "", "0501") == "流动摊贩 ldtf 0501"


def test_children_sit_under_their_own_category_in_code_order(matters):
    picker = matter_choices()
    groups = dict(picker.choices)
    assert list(groups)[:3] == ["市容环境", "违法建设", "建筑垃圾/渣土"]
    street = groups["占道经营"]
    assert street[0] == ("05", "占道经营（大类）")
    codes = [code for code, _label in street[1:]]
    assert codes == sorted(codes) and all(code.startswith("05") and len(code) == 4 for code in codes)
    assert ("0501", "流动摊贩占道经营") in street
    for category, options in picker.choices:  # no child under another category
        parent = Matter.objects.get(name=category)
        assert all(code == parent.code or code.startswith(parent.code) for code, _label in options)
    assert "ldtf" in picker.keywords["0501"] and "0501" in picker.keywords["0501"]


def test_a_child_sorted_first_still_lands_under_its_parent(matters):
    """sort_order puts a child before every category: it must not be listed under the wrong one."""
    child = Matter.objects.get(code="0903")
    child.sort_order = 0
    child.save()
    Matter.objects.filter(code="01").update(sort_order=99)
    groups = dict(matter_choices().choices)
    assert "0903" in [code for code, _ in groups["河道水务"]]
    assert "0903" not in [code for code, _ in groups["市容环境"]]


def test_without_categories_and_inactive_matters_left_out(matters):
    Matter.objects.filter(code="0502").update(is_active=False)
    picker = matter_choices(include_categories=False)
    values = picker.values()
    assert "05" not in values and "0501" in values and "0502" not in values
