"""预警 → 线索移送 (issue #15): the transfer form on the alert page opens with the receiver the alert's
point routes to (or the one other agency the alert was routed to) preselected, and names the matter,
division and coordinates the transfer takes over."""

from django.test import Client
from django.utils import timezone

from yrdcollab.platform.geo.services import Candidate, Routing
from yrdcollab.smart.sensing import geo_bridge
from yrdcollab.smart.sensing.services.alerts import alert_raise

from .conftest import BORDER_POINT, QINGPU_POINT, WUJIANG_POINT


def raise_at(point, **extra):
    return alert_raise(
        matter_code="0302",
        lon=point[0],
        lat=point[1],
        occurred_at=timezone.now(),
        source_kind="open311",
        source_ref="req-9",
        title="建筑垃圾偷倒",
        **extra,
    )


def transfer_form(user, alert) -> str:
    client = Client()
    client.force_login(user)
    page = client.get(f"/sensing/alerts/{alert.public_id}/").content.decode()
    assert 'data-action="transfer"' in page
    return page.split('data-action="transfer"')[1].split("</form>")[0]


def test_the_one_other_agency_of_the_alert_is_preselected(routing, rules, handlers):
    wujiang = handlers["wujiang"].agency
    alert = raise_at(QINGPU_POINT, extra_agencies=[wujiang])  # e.g. a 吴江 truck's alert in 青浦
    form = transfer_form(handlers["qingpu"], alert)
    assert f'value="{wujiang.public_id}" data-search="{wujiang.name}' in form
    assert f'<option value="{wujiang.public_id}"' in form and form.count(" selected>") == 1
    assert "selected>苏州市吴江区综合行政执法局</option>" in form
    assert 'data-testid="receiver-suggested"' in form
    assert "建筑垃圾" in form and "青浦区" in form and f"{QINGPU_POINT[0]:.6f}" in form


def test_a_border_alert_preselects_the_neighbour(routing, rules, handlers):
    alert = raise_at(BORDER_POINT)  # candidates 吴江 and 青浦
    form = transfer_form(handlers["wujiang"], alert)
    assert "selected>上海市青浦区城市管理行政执法局</option>" in form


def test_the_agency_the_point_routes_to_is_preselected(monkeypatch, routing, rules, handlers):
    alert = raise_at(WUJIANG_POINT)
    jiashan = handlers["jiashan"].agency

    def to_jiashan(*, lon, lat, matter=None):  # the matter is city-level now, say: another agency answers
        return Routing(status="inside", lon=lon, lat=lat, candidates=[Candidate(jiashan.division, jiashan, 0.0)])

    monkeypatch.setattr(geo_bridge, "route", to_jiashan)
    form = transfer_form(handlers["wujiang"], alert)
    assert "selected>嘉善县综合行政执法局</option>" in form and form.count(" selected>") == 1


def test_nothing_is_preselected_when_only_the_actor_is_concerned(routing, rules, handlers):
    alert = raise_at(WUJIANG_POINT)
    form = transfer_form(handlers["wujiang"], alert)
    assert " selected>" not in form and 'data-testid="receiver-suggested"' not in form
    assert 'data-picker="agency"' in form
