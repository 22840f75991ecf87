import json

import pytest
from shapely.geometry import Point, shape

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.geo import shapes as geometry
from yrdcollab.platform.geo.distance import distance_m

# A 400 m square in 吴江 (WGS-84).
SITE_SQUARE = json.dumps(
    {
        "type": "Polygon",
        "coordinates": [
            [[120.6480, 31.1680], [120.6520, 31.1680], [120.6520, 31.1720], [120.6480, 31.1720], [120.6480, 31.1680]]
        ],
    }
)


def test_distance_of_one_hundredth_degree_of_latitude():
    assert distance_m(120.0, 31.0, 120.0, 31.01) == pytest.approx(1112, abs=2)


def test_valid_polygon_is_normalised_to_wgs84():
    polygon = geometry.polygon_parse(SITE_SQUARE)
    assert polygon.is_valid and polygon.area > 0
    assert geometry.geojson_contains(geometry.to_geojson(polygon), 120.65, 31.17)
    assert not geometry.geojson_contains(geometry.to_geojson(polygon), 120.66, 31.17)


def test_feature_wrapper_is_accepted():
    feature = json.dumps({"type": "Feature", "properties": {}, "geometry": json.loads(SITE_SQUARE)})
    assert geometry.polygon_parse(feature).area > 0


def test_gcj02_polygon_is_converted():
    wgs = geometry.polygon_parse(SITE_SQUARE)
    gcj = geometry.polygon_parse(SITE_SQUARE, crs="gcj02")
    # GCJ-02 is several hundred metres off WGS-84 in the YRD: the converted shape moved.
    assert 200 < distance_m(wgs.centroid.x, wgs.centroid.y, gcj.centroid.x, gcj.centroid.y) < 1000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "invalid_geometry"),
        ("{not json", "invalid_geometry"),
        ('{"type":"Point","coordinates":[120.6,31.1]}', "geometry_type"),
        # a bow-tie: self-intersecting
        (
            '{"type":"Polygon","coordinates":[[[120.6,31.1],[120.7,31.2],[120.7,31.1],[120.6,31.2],[120.6,31.1]]]}',
            "invalid_geometry",
        ),
        (
            '{"type":"Polygon","coordinates":[[[120.6,31.1],[120.6,31.1],[120.6,31.1],[120.6,31.1]]]}',
            "invalid_geometry",
        ),
        ('{"type":"Polygon","coordinates":"nope"}', "invalid_geometry"),
    ],
)
def test_bad_polygons_are_rejected(text, code):
    with pytest.raises(InvalidInput) as caught:
        geometry.polygon_parse(text)
    assert caught.value.code == code
    assert caught.value.details["field"] == "geometry"


def test_polygon_outside_china_is_rejected():
    paris = '{"type":"Polygon","coordinates":[[[2.3,48.8],[2.4,48.8],[2.4,48.9],[2.3,48.8]]]}'
    with pytest.raises(InvalidInput) as caught:
        geometry.polygon_parse(paris)
    assert caught.value.code == "outside_china"


def test_oversized_geojson_is_rejected():
    with pytest.raises(InvalidInput):
        geometry.polygon_parse(" " * (geometry.MAX_GEOJSON_CHARS + 1) + "{}")


def test_line_route_is_buffered_by_metres():
    line = '{"type":"LineString","coordinates":[[120.60,31.10],[120.62,31.10]]}'
    corridor = geometry.route_parse(line, buffer_m=30)
    text = geometry.to_geojson(corridor)
    north_20m = 31.10 + 20 / 110_574
    north_45m = 31.10 + 45 / 110_574
    assert geometry.geojson_contains(text, 120.61, north_20m)
    assert not geometry.geojson_contains(text, 120.61, north_45m)
    assert shape(json.loads(text)).contains(Point(120.61, 31.10))


@pytest.mark.parametrize("buffer_m", [None, 0, 501])
def test_line_route_needs_a_sensible_buffer(buffer_m):
    with pytest.raises(InvalidInput) as caught:
        geometry.route_parse('{"type":"LineString","coordinates":[[120.60,31.10],[120.62,31.10]]}', buffer_m=buffer_m)
    assert caught.value.details["field"] == "buffer_m"


def test_polygon_route_is_taken_as_drawn():
    assert geometry.route_parse(SITE_SQUARE, buffer_m=None).area > 0
    assert geometry.polygon_or_line(SITE_SQUARE) == "polygon"
