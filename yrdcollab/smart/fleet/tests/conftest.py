import json
from datetime import timedelta

import pytest
from django.utils import timezone

from yrdcollab.testing import personas

# Points in WGS-84. 松陵 (吴江 centre) is far from any other county; the site square is around it.
WUJIANG_STOP = (120.6400, 31.1600)
WUJIANG_SITE_POINT = (120.6500, 31.1700)
QINGPU_DEPOT = (121.1152, 31.1508)
SITE_SQUARE = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [
            [[120.6480, 31.1680], [120.6520, 31.1680], [120.6520, 31.1720], [120.6480, 31.1720], [120.6480, 31.1680]]
        ],
    }
)
QINGPU_USCC = "91310118MA1JL7Q21N"
WUJIANG_USCC = "91320509MA1MFP3K1D"


@pytest.fixture
def qingpu_manager(db):
    return personas.make_user("squad_leader", "qingpu")


@pytest.fixture
def wujiang_manager(db):
    return personas.make_user("squad_leader", "wujiang")


@pytest.fixture
def truck(qingpu_manager, matters):
    from yrdcollab.smart.fleet.services import TruckInput, truck_register

    return truck_register(
        actor=qingpu_manager,
        data=TruckInput(plate="沪D52317", owner_name="上海青浦鸿运渣土运输有限公司", owner_uscc=QINGPU_USCC),
    )


@pytest.fixture
def wujiang_site(wujiang_manager):
    from yrdcollab.smart.fleet.services import AreaInput, site_create

    return site_create(actor=wujiang_manager, data=AreaInput(name="松陵消纳场", geometry=SITE_SQUARE))


def minutes_ago(n: float):
    return timezone.now() - timedelta(minutes=n)


def drive(
    plate: str,
    point: tuple[float, float],
    *,
    start_minutes_ago: float = 0,
    minutes: int,
    jitter_m: float = 5.0,
    start_at=None,
):
    """One position a minute at `point` (± a few metres) for `minutes` minutes, via the service."""
    from yrdcollab.smart.fleet.tracking import truck_position_record

    results, start = [], start_at or minutes_ago(start_minutes_ago)
    for i in range(minutes + 1):
        dlat = (jitter_m / 111_000) * (1 if i % 2 else -1)
        results.append(
            truck_position_record(plate=plate, lon=point[0], lat=point[1] + dlat, at=start + timedelta(minutes=i))
        )
    return results
