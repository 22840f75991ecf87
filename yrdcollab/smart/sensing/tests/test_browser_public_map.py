"""Real browser, without login (issue #15 item 9): the public device map draws the county boundaries
from the public boundaries URL, shows devices as squares, clusters many of them, offers 定位我 and
fits a 390 px phone. Screenshots: var/screenshots/public-devices-{width}.png."""

import uuid

import pytest

from yrdcollab.testing import devices
from yrdcollab.testing.browser import new_page, shot

expect = pytest.importorskip("playwright.sync_api").expect


def _many_published_devices(count: int) -> None:
    from yrdcollab.smart.sensing.models import Device

    device, _credential = devices.register("wujiang", publish=True)
    clones = []
    for i in range(count - 1):
        clone = Device.objects.get(pk=device.pk)
        clone.pk = None
        clone.public_id = uuid.uuid4()
        clone.code = f"WJ-CLONE-{i:03d}"
        clone.name = f"吴江监控点{i}"
        clone.lon = devices.WUJIANG_POINT[0] + (i % 6) * 0.002
        clone.lat = devices.WUJIANG_POINT[1] + (i // 6) * 0.002
        clones.append(clone)
    Device.objects.bulk_create(clones)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_public_device_map_has_boundaries_and_clusters(live_server, browser, boundaries):
    _many_published_devices(30)
    for width, height in ((1920, 1080), (390, 844)):
        page = new_page(browser, width=width, height=height, timeout_ms=20_000)
        requests, errors = [], []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        page.goto(live_server.url + "/public/devices/")
        device_map = page.locator("#device-map")
        expect(device_map).to_have_attribute("data-ready", "30")
        expect(device_map).to_have_attribute("data-boundaries", "3")
        assert page.locator("#device-map .leaflet-overlay-pane svg path").count() >= 3
        # 30 devices a few hundred metres apart: fitted to them they are grouped into clusters
        page.evaluate("document.getElementById('device-map').bmBase.map.setZoom(13, {animate: false})")
        expect(page.locator("#device-map .marker-cluster")).not_to_have_count(0)
        page.evaluate("document.getElementById('device-map').bmBase.map.setZoom(18, {animate: false})")
        expect(page.locator("#device-map .bm-marker.bm-kind-device").first).to_be_visible()
        assert page.locator("#device-map .bm-kind-device svg rect").count() > 0  # a square
        expect(page.locator("[data-testid=map-legend]")).to_contain_text("监控设备")
        expect(page.locator("#device-map [data-testid=locate-me]")).to_be_visible()
        assert any("/geo/boundaries.geojson" in url for url in requests)
        assert all(url.startswith(live_server.url) for url in requests), "nothing from the internet"
        if width == 390:
            scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert scroll[0] <= scroll[1]
        assert errors == []
        page.evaluate("document.getElementById('device-map').bmBase.map.setZoom(14, {animate: false})")
        shot(page, f"public-devices-{width}.png")
