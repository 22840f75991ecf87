"""The phone's 打卡 tab leads to /duty/check-in/, which redirects to the check-in of the shift in progress;
the tab stays lit there (issue #15 item 1), and a prefix still lights the longest matching entry."""

from yrdcollab.portal.navigation import _mark_active


def _items(*urls, active_on=""):
    return [{"url": url, "active": False, "active_on": active_on if url == "/duty/check-in/" else ""} for url in urls]


def test_the_check_in_tab_is_lit_on_the_shift_it_redirected_to():
    items = _items("/", "/transfers/", "/duty/check-in/", "/geo/map/", active_on=r"^/duty/shifts/[^/]+/check-in/")
    _mark_active([{"items": items}], "/duty/shifts/6f1c2a54-1b9e-4c1a-9d51-8f0d7c1f3a10/check-in/")
    assert [item["url"] for item in items if item["active"]] == ["/duty/check-in/"]


def test_the_longest_prefix_wins_otherwise():
    items = _items("/", "/directory/", "/directory/zones/")
    _mark_active([{"items": items}], "/directory/zones/pairs/")
    assert [item["url"] for item in items if item["active"]] == ["/directory/zones/"]
    items = _items("/", "/directory/")
    _mark_active([{"items": items}], "/")
    assert [item["url"] for item in items if item["active"]] == ["/"]
