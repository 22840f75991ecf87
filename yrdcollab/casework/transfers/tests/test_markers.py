"""Clue transfers with a place appear on the enforcement map (geo's marker registry), scoped to who may see them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from yrdcollab.casework.transfers.models import ClueTransfer
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Division


@pytest.fixture
def located_transfer(officer, agency, matters):
    return ClueTransfer.objects.create(
        sender=officer.agency,
        receiver=agency("wujiang"),
        matter=Matter.objects.filter(parent__isnull=False).first(),
        title="汾湖跨省偷倒建筑垃圾",
        facts="夜间倾倒建筑垃圾约30吨。",
        place_address="汾湖大道",
        place_division=Division.objects.get(code="320509"),
        latitude=31.03,
        longitude=120.81,
        status="sent",
        created_by=officer,
        sent_at=timezone.now(),
    )


@pytest.mark.django_db
def test_markers_are_scoped_to_what_the_actor_sees(api, officer, make_user, located_transfer):
    body = api(officer).get("/api/v1/geo/markers", {"kinds": "transfers"}).json()
    [marker] = body["markers"]["transfers"]
    assert marker["id"] == str(located_transfer.public_id) and marker["status"] == "已移送"
    assert (marker["lon"], marker["lat"]) == (120.81, 31.03)
    assert marker["url"] == reverse("transfers:detail", args=[located_transfer.public_id])
    outsider = make_user("officer", "jiashan")
    assert api(outsider).get("/api/v1/geo/markers", {"kinds": "transfers"}).json()["markers"]["transfers"] == []
    outside_bbox = api(officer).get("/api/v1/geo/markers", {"kinds": "transfers", "bbox": "121,31,122,32"}).json()
    assert outside_bbox["markers"]["transfers"] == []


@pytest.mark.django_db
def test_markers_bad_input(api, officer):
    response = api(officer).get("/api/v1/geo/markers", {"kinds": "transfers,ufo"})
    assert response.status_code == 422 and response.json()["code"] == "unknown_marker_kind"
    response = api(officer).get("/api/v1/geo/markers", {"kinds": "transfers", "bbox": "1,2,3"})
    assert response.json()["code"] == "invalid_bbox"
