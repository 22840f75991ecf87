import pytest

from yrdcollab.platform.geo.services import Candidate, Routing
from yrdcollab.smart.sensing import geo_bridge
from yrdcollab.smart.sensing.services.rules import default_rules_load
from yrdcollab.testing import personas
from yrdcollab.testing.devices import WUJIANG_POINT  # noqa: F401  (the tests import it from here)

# A stand-in for geo's boundary data in unit tests: west of 120.90 is 吴江, east of 120.95 青浦, the band
# between them is ambiguous; south of 30.80 is 嘉善; beyond 122.5 is outside coverage.
BORDER_POINT = (120.92, 31.05)
QINGPU_POINT = (121.10, 31.15)


def fake_route(*, lon, lat, matter=None):
    wujiang, qingpu, jiashan = (personas.agency(k) for k in ("wujiang", "qingpu", "jiashan"))

    def cand(agency, distance=0.0):
        return Candidate(division=agency.division, agency=agency, distance_m=distance)

    if lon > 122.5:
        return Routing(status="outside", lon=lon, lat=lat, candidates=[])
    if lat < 30.80:
        return Routing(status="inside", lon=lon, lat=lat, candidates=[cand(jiashan)])
    if lon < 120.90:
        return Routing(status="inside", lon=lon, lat=lat, candidates=[cand(wujiang)])
    if lon <= 120.95:
        return Routing(status="ambiguous", lon=lon, lat=lat, candidates=[cand(wujiang), cand(qingpu, 800.0)])
    return Routing(status="inside", lon=lon, lat=lat, candidates=[cand(qingpu)])


@pytest.fixture
def routing(monkeypatch):
    monkeypatch.setattr(geo_bridge, "route", fake_route)


@pytest.fixture
def rules(matters):
    default_rules_load()


@pytest.fixture
def handlers(db):
    """Officers of the three agencies (alerts notify officers)."""
    return {key: personas.make_user("officer", key) for key in ("wujiang", "qingpu", "jiashan")}
