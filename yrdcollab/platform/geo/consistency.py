"""Does a point lie in the division a user gave for it? A transfer's place (or any record with both a
division code and coordinates) is refused when its coordinates route to another county than the
division names — unless the user confirms it (the caller's rule). Reads only."""

from dataclasses import dataclass

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.directory.models import Division

from .services import jurisdiction_route


@dataclass(frozen=True)
class PlaceMismatch:
    point_division: Division  # the county-level unit the coordinates lie in
    given_division: Division

    @property
    def point_name(self) -> str:
        return division_full_name(self.point_division)

    @property
    def given_name(self) -> str:
        return division_full_name(self.given_division)


def _lineage(division: Division) -> list[Division]:
    """The division and its ancestors, the province first."""
    chain, node, seen = [], division, 0
    while node is not None and seen < 5:
        chain.insert(0, node)
        node = Division.objects.filter(code=node.parent_id).first() if node.parent_id else None
        seen += 1
    return chain


def division_full_name(division: Division) -> str:
    """ "江苏省苏州市吴江区", "上海市青浦区朱家角镇"."""
    return "".join(d.name for d in _lineage(division))


def place_mismatch(*, division: Division, latitude, longitude) -> PlaceMismatch | None:
    """The mismatch when the point (WGS-84) lies in no unit that is `division`, inside it or contains
    it; None when they agree, when there are no coordinates, or when the point cannot be placed
    (outside the covered area, no boundaries loaded). On a border (ambiguous routing) any candidate
    unit agreeing is enough."""
    if latitude is None or longitude is None:
        return None
    try:
        routing = jurisdiction_route(lon=float(longitude), lat=float(latitude))
    except (InvalidInput, TypeError, ValueError):
        return None
    if routing.status == "outside" or not routing.candidates:
        return None
    given = {d.code for d in _lineage(division)}
    for candidate in routing.candidates:
        unit = candidate.division
        if unit.code in given or division.code in {d.code for d in _lineage(unit)}:
            return None
    return PlaceMismatch(point_division=routing.candidates[0].division, given_division=division)
