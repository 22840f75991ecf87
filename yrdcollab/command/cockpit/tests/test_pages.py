"""The cockpit's pages and API: who may open them, what a bad period answers, and that every
click-through URL of the figures opens for that actor and lists as many records as the figure says."""

import pytest

from .conftest import listed as _listed


def _series(client, period="30d"):
    answer = client.get(f"/api/v1/cockpit/series?period={period}")
    assert answer.status_code == 200, answer.content
    return answer.json()


@pytest.mark.parametrize("who", ["supervisor", "leader"])
def test_every_pipeline_and_flow_figure_opens_its_records(client, world, who):
    client.force_login(getattr(world, who))
    series = _series(client)
    checked = 0
    for row in series["pipeline"]["by_region"] + series["pipeline"]["by_agency"]:
        for key in ("on_time", "due_soon", "overdue", "none", "level_1", "level_2"):
            assert _listed(client, row["urls"][key]) == row[key], (row["label"], key, row["urls"][key])
            checked += 1
    for link in series["flows"]["regions"] + series["flows"]["agencies"]:
        assert _listed(client, link["url"]) == link["value"], link
        checked += 1
    for point in series["trends"]["daily"]:
        if point["transfers"] + point["assistance"]:
            assert _listed(client, point["url"]) == point["transfers"] + point["assistance"]
    for matter in series["matters"]:
        assert _listed(client, matter["url"]) == matter["value"]
    for kpi in series["kpis"]:
        if kpi["url"] and kpi["key"] in ("open", "overdue", "transfers", "assistance"):
            assert _listed(client, kpi["url"]) == kpi["value"], kpi
    assert checked > 10


def test_every_click_through_url_opens(client, world):
    client.force_login(world.leader)
    series = _series(client, "12m")
    urls = set()

    def collect(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(value, str) and (key == "url" or key.endswith("_url") or key.startswith("url_")):
                    urls.add(value)
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)

    collect(series)
    urls.discard("")
    assert urls
    for url in sorted(urls):
        assert client.get(url).status_code == 200, url


def test_pages_open_for_command_view_and_refuse_an_officer(client, world):
    client.force_login(world.supervisor)
    page = client.get("/cockpit/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<h1>指挥中心驾驶舱</h1>" in text and 'id="cockpit-config"' in text
    screen = client.get("/cockpit/screen/?period=year", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert screen.status_code == 200 and "退出大屏" in screen.content.decode()
    client.force_login(world.officer)
    for url in ("/cockpit/", "/cockpit/screen/", "/cockpit/records/items/", "/api/v1/cockpit/series"):
        assert client.get(url).status_code == 403, url


def test_bad_input_is_422_or_404(client, world):
    client.force_login(world.leader)
    answer = client.get("/api/v1/cockpit/series?period=7d")
    assert answer.status_code == 422
    assert answer.json()["code"] == "invalid_filter" and answer.json()["details"] == {"field": "period"}
    assert client.get("/cockpit/?period=7d").status_code == 422
    assert client.get("/cockpit/records/nothing/").status_code == 404
    for url in (
        "/cockpit/records/items/?deadline=late",
        "/cockpit/records/exchanges/?start=2026-01-01",
        "/cockpit/records/exchanges/?start=2026-02-01&end=2026-01-01",
        "/cockpit/records/exchanges/?start=2026-01-01&end=2026-01-31&sender=not-a-uuid",
        "/cockpit/records/exchanges/?start=2026-01-01&end=2026-01-31&from=990000",
        "/cockpit/records/alerts/?province=31",
        "/cockpit/records/credit_records/?severity=huge",
    ):
        assert client.get(url).status_code == 422, url
