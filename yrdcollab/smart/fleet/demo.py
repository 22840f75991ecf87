"""Demo muck-truck data for the embedded default: a 青浦-registered truck 沪D52317 with an approved GPS
tracker and an approved disposal site in 吴江 (汾湖). Idempotent. (The demo Open311 client is
open311/demo.py.)"""

from django.db import transaction

from yrdcollab.platform.accounts.models import User
from yrdcollab.platform.geo import shapes as geometry
from yrdcollab.smart.sensing.selectors import device_by_code
from yrdcollab.smart.sensing.services import devices
from yrdcollab.smart.sensing.states import DeviceType

from .models import DisposalSite, Truck
from .services import TruckInput, truck_register

DEMO_PLATE = "沪D52317"
DEMO_DEVICE = "QP-GPS-0001"
DEMO_SITE = "汾湖建筑垃圾资源化利用消纳场"
# A square of about 400 m × 400 m east of 黎里镇, WGS-84.
DEMO_SITE_GEOMETRY = (
    '{"type":"Polygon","coordinates":[[[120.7860,31.0420],[120.7902,31.0420],'
    "[120.7902,31.0456],[120.7860,31.0456],[120.7860,31.0420]]]}"
)


def _user(username: str) -> User:
    return User.objects.select_related("agency").get(username=username)


def _device(squad: User, leader: User):
    device = device_by_code(DEMO_DEVICE)
    if device is None:
        registered = devices.device_register(
            actor=squad,
            data=devices.DeviceInput(
                code=DEMO_DEVICE,
                type=DeviceType.TRUCK_GPS,
                name="沪D52317 车载定位终端",
                lon=121.1152,
                lat=31.1508,
                address="青浦区华新镇渣土运输企业停车场",
                purpose="建筑垃圾运输车辆轨迹监管（随车移动）",
            ),
        )
        device = devices.device_review(
            actor=leader,
            device_id=registered.device.public_id,
            approve=True,
            opinion="终端型号经检定合格，随车安装，符合监管要求",
        )
    return device


def _site(wujiang_user: User) -> None:
    """吴江 has no demo user with TRUCK_MANAGE, so the site is seeded directly (geometry validated)."""
    if DisposalSite.objects.filter(name=DEMO_SITE).exists():
        return
    shape = geometry.polygon_parse(DEMO_SITE_GEOMETRY)
    min_lon, min_lat, max_lon, max_lat = shape.bounds
    DisposalSite.objects.create(
        agency=wujiang_user.agency,
        name=DEMO_SITE,
        address="吴江区黎里镇汾湖大道北侧",
        geometry=geometry.to_geojson(shape),
        min_lon=min_lon,
        min_lat=min_lat,
        max_lon=max_lon,
        max_lat=max_lat,
        created_by=wujiang_user,
    )


@transaction.atomic
def demo_fleet_ensure() -> list[str]:
    squad, leader = _user("qingpu_squad"), _user("qingpu_leader")
    made: list[str] = []
    device = _device(squad, leader)
    if not Truck.objects.filter(plate=DEMO_PLATE).exists():
        truck_register(
            actor=squad,
            data=TruckInput(
                plate=DEMO_PLATE,
                owner_name="上海青浦鸿运渣土运输有限公司",
                owner_uscc="91310118MA1JL7Q21N",
                device_code=device.code,
            ),
        )
        made.append(DEMO_PLATE)
    _site(_user("wujiang_officer"))
    return made
