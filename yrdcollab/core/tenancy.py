"""Who sees which rows, written once (DESIGN §3.4). An agency sees what concerns itself and every
agency below it in the agency tree; the command centre sees everything; nobody else sees anything.
An object the actor may not see is 404, indistinguishable from an absent one.

    scope = AgencyScope.for_actor(request.user)
    Transfer.objects.visible_to(actor)          # models whose rows belong to agencies (ScopedQuerySet)
    scope.q("sender", "receiver")               # the same rule as a filter, for hand-written selectors
    get_by_public_id(queryset, public_id)       # one row or 404

The agency tree and the command-centre capability belong to the platform layer above core, which
plugs them in at start-up (`configure`, called from the directory app's ready())."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .errors import NotFound

_NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class _Rules:
    subtree_of: Callable[[int], Iterable[int]]  # an agency id → it and every agency below it
    sees_everything: Callable[[object], bool]  # the command centre


_rules: _Rules | None = None


def configure(*, subtree_of: Callable[[int], Iterable[int]], sees_everything: Callable[[object], bool]) -> None:
    global _rules
    _rules = _Rules(subtree_of, sees_everything)


class AgencyScope:
    """What one actor may see: every agency (the command centre), its agency subtree, or nothing.
    The subtree is read from the database only when it is needed (never for the command centre's q())."""

    def __init__(self, *, agency_id: int | None, everything: bool = False, ids: Iterable[int] | None = None):
        self.agency_id = agency_id  # the actor's own agency
        self.everything = everything
        self._ids = frozenset(ids) if ids is not None else None

    @classmethod
    def for_actor(cls, actor: Any) -> "AgencyScope":
        if actor is None or not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", True):
            return cls(agency_id=None, ids=())
        if _rules is None:
            raise RuntimeError("tenancy is not configured (the directory app configures it when Django starts)")
        return cls(agency_id=getattr(actor, "agency_id", None), everything=bool(_rules.sees_everything(actor)))

    @property
    def ids(self) -> frozenset[int]:
        """The actor's agency and every agency below it."""
        if self._ids is None:
            rules, agency_id = _rules, self.agency_id
            self._ids = (
                frozenset(rules.subtree_of(agency_id)) if rules is not None and agency_id is not None else frozenset()
            )
        return self._ids

    def includes(self, agency_id: int | None) -> bool:
        """Whether rows of `agency_id` are within the scope."""
        return self.everything or (agency_id is not None and agency_id in self.ids)

    def q(self, *agency_fields: str) -> Q:
        """Rows where any of `agency_fields` (foreign keys to the agency, e.g. "sender", "receiver",
        "tracked_item__sender") is in the scope; every row for the command centre; none for nobody."""
        if self.everything:
            return Q()
        return self.q_within(*agency_fields)

    def q_within(self, *agency_fields: str) -> Q:
        """Like q(), but the command centre is held to its own subtree too (for "mine" lists)."""
        if not self.ids:
            return _NOTHING
        condition = _NOTHING
        for field in agency_fields:
            condition |= Q(**{f"{field}_id__in": self.ids})
        return condition


class ScopedQuerySet(models.QuerySet):
    """The queryset of a model whose rows belong to agencies. `scope_fields` names the foreign keys
    that make a row visible; a model with a richer rule overrides `visible_to` and keeps the name.

        class TruckQuerySet(ScopedQuerySet):
            scope_fields = ("home_agency",)

        class Truck(models.Model):
            objects = TruckQuerySet.as_manager()
    """

    scope_fields: tuple[str, ...] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not cls.scope_fields and cls.visible_to is ScopedQuerySet.visible_to:
            raise TypeError(f"{cls.__name__} must name its scope_fields or write its own visible_to")

    def visible_to(self, actor: Any) -> "ScopedQuerySet":
        return self.filter(AgencyScope.for_actor(actor).q(*self.scope_fields))


def get_by_public_id(queryset: models.QuerySet, public_id: Any) -> Any:
    """The one row of an actor-scoped queryset with this public id; NotFound (404) when it is not
    there, not visible, or the id is malformed — indistinguishable on purpose."""
    try:
        return queryset.get(public_id=public_id)
    except (queryset.model.DoesNotExist, ValueError, TypeError, ValidationError):
        raise NotFound() from None


F = TypeVar("F", bound=Callable[..., Any])


def unscoped(reason: str) -> Callable[[F], F]:
    """Marks a selector that reads agency-owned rows across agencies on purpose, and says why (the
    credit query of the four regions, a device authenticating by its code, a sweep of every agency).
    The architecture test requires this mark on every such read; it changes nothing at run time."""

    def mark(function: F) -> F:
        function.unscoped_reason = reason  # type: ignore[attr-defined]
        return function

    return mark
