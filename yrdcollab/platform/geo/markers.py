"""Registry of map marker sources. Another app registers from its AppConfig.ready():

    from yrdcollab.platform.geo.markers import register_marker_source
    register_marker_source("alerts", _("预警"), alert_markers, capability=Capability.COLLABORATION_HANDLE)

`fetch(actor, filters)` returns dicts with at least `id`, `lon`, `lat` (WGS-84) and `title`; optional
`status` (label), `url` (detail page), `division` (code). It must scope to what the actor may see
(its own visibility selector) and honour `filters.bbox` and `filters.limit`."""

import math
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput
from yrdcollab.platform.access.permissions import has_capability

DEFAULT_LIMIT = 500
MAX_LIMIT = 2000


@dataclass(frozen=True)
class MarkerFilters:
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    limit: int = DEFAULT_LIMIT


@dataclass(frozen=True)
class MarkerSource:
    kind: str
    label: str
    fetch: Callable
    capability: str | None = None
    color: str = "#1f5fbf"


_SOURCES: dict[str, MarkerSource] = {}


def register_marker_source(kind: str, label, fetch: Callable, *, capability=None, color: str = "#1f5fbf") -> None:
    """Idempotent per kind (the last registration wins, so reloading an app does not duplicate)."""
    if not kind.isidentifier():
        raise ValueError(f"marker kind must be an identifier: {kind!r}")
    _SOURCES[kind] = MarkerSource(kind=kind, label=label, fetch=fetch, capability=capability, color=color)


def unregister_marker_source(kind: str) -> None:
    _SOURCES.pop(kind, None)


def marker_sources(actor) -> list[MarkerSource]:
    """The sources the actor may see, in registration order."""
    return [s for s in _SOURCES.values() if s.capability is None or has_capability(actor, s.capability)]


def _clean(kind: str, row: dict) -> dict | None:
    try:
        lon, lat = float(row["lon"]), float(row["lat"])
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        return None
    return {
        "kind": kind,
        "id": str(row.get("id", "")),
        "lon": lon,
        "lat": lat,
        "title": str(row.get("title", ""))[:200],
        "status": str(row.get("status", "") or ""),
        "url": str(row.get("url", "") or ""),
        "division": str(row.get("division", "") or ""),
    }


def markers_collect(*, actor, kinds: list[str], filters: MarkerFilters) -> dict[str, list[dict]]:
    """Markers per requested kind. Unknown kinds are invalid input; kinds the actor may not see are
    left out (like the filter checkbox on the map)."""
    unknown = [k for k in kinds if k not in _SOURCES]
    if unknown:
        raise InvalidInput(
            _("未知的标注类型：%(kinds)s") % {"kinds": "、".join(k[:32] for k in unknown[:5])},
            code="unknown_marker_kind",
            details={"field": "kinds", "available": list(_SOURCES)},
        )
    allowed = {s.kind: s for s in marker_sources(actor)}
    result: dict[str, list[dict]] = {}
    for kind in dict.fromkeys(kinds):
        source = allowed.get(kind)
        if source is None:
            continue
        rows = source.fetch(actor, filters)[: filters.limit]
        result[kind] = [m for m in (_clean(kind, r) for r in rows) if m is not None]
    return result
