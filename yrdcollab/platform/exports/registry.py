"""The lists that can be exported. A list's own app registers an `ExportSource` from its `ready()`
(or, for the command layer, from its apps' `ready()`); the exports app runs it — in the request for a
small export, in the worker for a large one — and never knows the lists itself (CONVENTIONS §1,
calling upwards through a registry)."""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.functional import Promise

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

PARAM_MAX_LENGTH = 200  # a query parameter of a list is a code, an id or a search text, never longer


@dataclass(frozen=True)
class Column:
    header: str | Promise  # a lazy translation: the heading of the column in the sheet
    width: int = 12  # characters (a CJK character counts two)


@dataclass(frozen=True)
class ExportSource:
    """One exportable list.

    `rows(actor=, params=)` yields the rows (one value per column: str, int, Decimal, date, datetime
    or None) of exactly the records the list page shows the actor for the same query parameters —
    the same scoped selector and filters, never a second implementation — and raises
    core.errors.InvalidInput for a bad filter. `count(actor=, params=)` is the number of those rows
    (one COUNT query). The actor must hold one of `capability` (as for the list page)."""

    key: str  # "transfers.incoming" — stable, used in URLs and stored on jobs
    label: str | Promise  # lazy translation, e.g. 线索移送（收到）
    columns: Sequence[Column]
    rows: Callable[..., Iterable[Sequence]]
    count: Callable[..., int]
    capability: Capability | tuple[Capability, ...] | None = None
    params: Sequence[str] = ()  # the query parameters the list understands (others are ignored)


_SOURCES: dict[str, ExportSource] = {}


def register(source: ExportSource) -> None:
    if source.key in _SOURCES and _SOURCES[source.key] != source:
        raise ValueError(f"export source {source.key!r} is registered twice")
    _SOURCES[source.key] = source


def source_for(key: str) -> ExportSource | None:
    return _SOURCES.get(key)


def all_sources() -> dict[str, ExportSource]:
    return dict(_SOURCES)


def clean_params(source: ExportSource, params: Mapping[str, str]) -> dict[str, str]:
    return {name: str(params[name])[:PARAM_MAX_LENGTH] for name in source.params if params.get(name)}


def unknown_params(source: ExportSource, params: Mapping[str, str]) -> list[str]:
    """The names in `params` the list does not understand (the API refuses them; a page ignores them)."""
    return sorted(name for name in params if name not in source.params)


def may_export(actor, source: ExportSource) -> bool:
    """The actor may export the list when it holds one of the source's capabilities (as for the list
    page); the source's own selector still scopes every row to the actor."""
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        return False
    if source.capability is None:
        return True
    wanted = source.capability if isinstance(source.capability, tuple) else (source.capability,)
    return any(has_capability(actor, capability) for capability in wanted)


def sources_for(actor) -> list[ExportSource]:
    return [source for source in _SOURCES.values() if may_export(actor, source)]
