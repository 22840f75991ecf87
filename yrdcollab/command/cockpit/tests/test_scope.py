"""The cockpit's scope (scopes.py): the command centre narrows it to a province or an agency (its
subtree), an agency's leaders to an agency below theirs and never wider; a bad value is 422, a
province or the whole delta for anyone but the command centre 403, an agency the actor does not see
404. A narrowed cockpit counts only its scope's rows, and every list behind its figures is narrowed
the same way (the click-through URLs carry the scope)."""

import re
import uuid

import pytest

from yrdcollab.command.cockpit.selectors import cockpit_records, cockpit_series
from yrdcollab.core.errors import InvalidInput, NotFound, PermissionDenied
from yrdcollab.testing import personas

from .conftest import listed

API = "/api/v1/cockpit/series"


@pytest.fixture
def sh_leader(world):
    return personas.make_user("bureau_leader", "sh", username="ck_sh_leader")


def _regions(series) -> dict:
    return {(link["source_code"], link["target_code"]): link["value"] for link in series["flows"]["regions"]}


def test_the_command_centre_narrows_to_a_province(world):
    series = cockpit_series(actor=world.supervisor, period="30d", scope="320000")
    assert series["scope"] == "320000" and series["scope_label"] == "江苏省" and series["everything"] is False
    # 青浦→吴江 and 吴江→合肥 concern 江苏 (吴江); 嘉善→青浦 does not.
    assert _regions(series) == {("310000", "320000"): 1, ("320000", "340000"): 1}
    assert series["pipeline"]["totals"]["open"] == 3  # items 1, 2 (→吴江) and 4 (吴江→合肥)
    every = cockpit_series(actor=world.supervisor, period="30d", scope="all")
    assert every["scope"] == "" and every["everything"] is True
    assert every["flows"] == cockpit_series(actor=world.supervisor, period="30d")["flows"]


def test_the_command_centre_narrows_to_an_agency_and_its_subtree(world):
    sh = cockpit_series(actor=world.supervisor, period="30d", scope=str(world.agencies["sh"].public_id))
    qingpu = cockpit_series(actor=world.leader, period="30d")
    assert sh["scope_label"] == "上海市城市管理行政执法局及下级机构"
    # 上海市's subtree is 上海市 and 青浦: the same rows as 青浦's own leader sees.
    assert _regions(sh) == _regions(qingpu) and sh["pipeline"]["totals"] == qingpu["pipeline"]["totals"]


def test_a_leader_may_narrow_within_its_subtree_but_not_widen(world, sh_leader):
    qingpu_id = str(world.agencies["qingpu"].public_id)
    narrowed = cockpit_series(actor=sh_leader, period="30d", scope=qingpu_id)
    assert narrowed["scope"] == qingpu_id and narrowed["scope_label"] == "上海市青浦区城市管理行政执法局及下级机构"
    own = cockpit_series(actor=world.leader, period="30d", scope=qingpu_id)  # its own agency: its own scope
    assert own["scope"] == ""
    for scope in ("all", "310000"):
        with pytest.raises(PermissionDenied):
            cockpit_series(actor=world.leader, period="30d", scope=scope)
    for agency in ("wujiang", "sh"):  # a foreign agency, and the one above
        with pytest.raises(NotFound):
            cockpit_series(actor=world.leader, period="30d", scope=str(world.agencies[agency].public_id))
    with pytest.raises(NotFound):
        cockpit_series(actor=world.supervisor, period="30d", scope=str(uuid.uuid4()))


@pytest.mark.parametrize("bad", ["990000", "31", "x", "all ", "青浦", "3100000"])
def test_an_unknown_scope_is_invalid_filter(world, bad):
    with pytest.raises(InvalidInput) as caught:
        cockpit_series(actor=world.supervisor, period="30d", scope=bad)
    assert caught.value.code == "invalid_filter" and caught.value.details == {"field": "scope"}


def test_the_api_answers_422_403_404(client, world):
    client.force_login(world.leader)
    assert client.get(f"{API}?scope=990000").json()["details"] == {"field": "scope"}
    assert client.get(f"{API}?scope=990000").status_code == 422
    assert client.get(f"{API}?scope=320000").status_code == 403
    assert client.get(f"{API}?scope={world.agencies['wujiang'].public_id}").status_code == 404
    assert client.get(f"{API}?scope={world.agencies['qingpu'].public_id}").status_code == 200
    client.force_login(world.supervisor)
    answer = client.get(f"{API}?period=12m&scope=340000")
    assert answer.status_code == 200 and answer.json()["scope_label"] == "安徽省"


def _figure_urls(series):
    for row in series["pipeline"]["by_region"] + series["pipeline"]["by_agency"]:
        for key in ("on_time", "due_soon", "overdue", "none", "level_1", "level_2"):
            yield row["urls"][key], row[key]
    for link in series["flows"]["regions"] + series["flows"]["agencies"]:
        yield link["url"], link["value"]
    for point in series["trends"]["daily"] + series["trends"]["monthly"]:
        yield point["url"], point["transfers"] + point["assistance"]
    for matter in series["matters"]:
        yield matter["url"], matter["value"]
    for kpi in series["kpis"]:
        if kpi["key"] in ("open", "overdue", "transfers", "assistance"):
            yield kpi["url"], kpi["value"]


@pytest.mark.parametrize("scope", ["320000", "sh", "wujiang"])
def test_every_figure_of_a_narrowed_cockpit_opens_its_records(client, world, scope):
    value = str(world.agencies[scope].public_id) if scope in world.agencies else scope
    client.force_login(world.supervisor)
    series = client.get(f"{API}?period=12m&scope={value}").json()
    checked = 0
    for url, count in _figure_urls(series):
        assert f"scope={value}" in url, url  # the cockpit's own list, narrowed the same way
        assert listed(client, url) == count, url
        checked += 1
    assert checked > 20


def test_the_records_of_a_narrowed_scope_refuse_what_the_cockpit_refuses(world):
    with pytest.raises(PermissionDenied):
        cockpit_records(actor=world.leader, source="items", params={"scope": "320000"})
    with pytest.raises(NotFound):
        cockpit_records(actor=world.leader, source="items", params={"scope": str(world.agencies["hefei"].public_id)})
    listing = cockpit_records(actor=world.supervisor, source="items", params={"scope": "340000"})
    assert listing.filters[0] == "范围：安徽省" and listing.rows.count() == 2  # 吴江→合肥, 合肥→嘉善


def test_the_page_offers_the_scopes_and_keeps_them(client, world, sh_leader):
    client.force_login(world.supervisor)
    page = client.get("/cockpit/?period=12m&scope=330000", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-testid="cockpit-scope"' in page and re.search(r'<option value="330000"[^>]*selected', page)
    assert "浙江省" in page and 'href="?period=year&amp;scope=330000"' in page
    assert '"scope": "330000"' in page  # the script asks the API for the same scope
    screen = client.get("/cockpit/screen/?scope=330000", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'href="/cockpit/?period=30d&amp;scope=330000"' in screen
    assert client.get("/cockpit/?scope=990000").status_code == 422
    client.force_login(world.leader)  # 青浦 has no agency below it: nothing to choose
    assert 'data-testid="cockpit-scope"' not in client.get("/cockpit/").content.decode()
    assert client.get("/cockpit/?scope=310000").status_code == 403
    client.force_login(sh_leader)
    page = client.get("/cockpit/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-testid="cockpit-scope"' in page and str(world.agencies["qingpu"].public_id) in page
    assert str(world.agencies["wujiang"].public_id) not in page
