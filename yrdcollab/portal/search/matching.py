"""How the global search matches a query on big tables (see groups.py for the whole approach): the query
as Terms, and the conditions and id look-ups every group builds from it. IDS_MAX and RECENT_ROWS are the
two documented limits."""

import re
from dataclasses import dataclass, field
from functools import cached_property, reduce
from operator import or_

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import StrIndex, Upper
from django.db.models.lookups import Contains, GreaterThan

from yrdcollab.casework.recognition.models import PenaltyDecision
from yrdcollab.core.numbers import NormalisedNumber
from yrdcollab.core.pg_indexes import trigram_searchable
from yrdcollab.core.tenancy import unscoped
from yrdcollab.smart.sensing.models import Device

IDS_MAX = 1000  # a group reads the rows it matched by id up to this many; past it the query is broad
RECENT_ROWS = 20_000  # a broad or short query looks at the newest this many rows of a bigger kind
YEAR = re.compile(r"(19|20)[0-9][0-9]")


@dataclass(frozen=True)
class Terms:
    """The query three ways: as typed, as a normalised document number, and the parties it names;
    and what the groups look up once for several of them (cached on the instance, per search)."""

    text: str
    number: str
    party_ids: tuple[int, ...] = ()
    _since: dict = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def short(self) -> bool:
        """No trigram index can serve the query (see the module): its work is bounded instead."""
        return not (trigram_searchable(self.text) and trigram_searchable(self.number))

    @cached_property
    def number_lead(self) -> str:
        """The serial part of the number, when the query has one besides other parts: the longest run
        of letters and digits holding a digit, of 4 characters or more, that is not a year (19xx,
        20xx) — `1230000号` of `罚[2025]1230000号`. See `_number`."""
        runs = [
            run
            for run in re.findall(r"[^\W_]+", self.number)
            if len(run) >= 4 and any(c.isdigit() for c in run) and not YEAR.fullmatch(run)
        ]
        lead = max(reversed(runs), key=len, default="")
        return lead if lead != self.number else ""

    def since(self, model) -> int | None:
        """The primary key after which the newest RECENT_ROWS rows of `model` lie; None when the
        table has no more rows than that (then it is searched whole)."""
        if model not in self._since:
            rows = model._base_manager.order_by("-pk").values_list("pk", flat=True)
            self._since[model] = next(iter(rows[RECENT_ROWS : RECENT_ROWS + 1]), None)
        return self._since[model]

    @cached_property
    @unscoped("ids only, to narrow the actor's scoped decisions and credit records")
    def decision_ids(self) -> list[int] | None:
        """The penalty decisions whose number contains the query, for the decisions and the credit
        records groups (the index is read once); None when broad (more than IDS_MAX)."""
        match = _typed(self, PenaltyDecision, numbers=("decision_number",))
        return _ids(PenaltyDecision._base_manager.filter(match)) if match else []

    @cached_property
    @unscoped("ids only, to narrow the actor's scoped alerts (one may come from another agency's device)")
    def device_ids(self) -> list[int] | None:
        """The devices whose code contains the query (their alerts are found by device); None when
        broad (more than IDS_MAX)."""
        match = _typed(self, Device, texts=("code",))
        return _ids(Device._base_manager.filter(match)) if match else []


def _any(conditions) -> Q:
    return reduce(or_, conditions, Q())


def _number(name: str, terms: Terms) -> Q:
    """The normalised number in `name` (a column, or one across a foreign key) contains the query's.

    With a lead (Terms.number_lead) the condition is `contains lead AND contains number`, the lead
    first: the same (the number contains its lead), but the trigram index answers it in a few ms
    instead of tens. The index checks its conditions in this order and the second only where the
    first matched; alone, the whole number makes it walk the long lists of trigrams found in nearly
    every number (the year, an agency's prefix) for each candidate row."""
    whole = Q(Contains(NormalisedNumber(name), terms.number))
    if not terms.number_lead:
        return whole
    return Q(Contains(NormalisedNumber(name), terms.number_lead)) & whole


def _text(name: str, terms: Terms) -> Q:
    """`name` contains the query, case folded: icontains (UPPER(col) LIKE UPPER('%q%'), the trigram
    index's expression), or for a short query the same test in a form no index is asked for."""
    if terms.short:
        return Q(GreaterThan(StrIndex(Upper(name), Upper(Value(terms.text))), 0))
    return Q(**{f"{name}__icontains": terms.text})


def _typed(terms: Terms, model, *, numbers=(), texts=(), found: Q = Q(), since: int | None = None) -> Q:
    """What the typed query matches in `model`'s own columns: normalised numbers, texts and `found`
    (what another table gave for the text). Short on a big table: among the newest rows only, and
    no numbers (see the module); `since` bounds a broad query the same way."""
    if terms.short:
        since = terms.since(model)
        if since is not None:
            numbers = ()
    match = _any(_number(name, terms) for name in numbers) | _any(_text(name, terms) for name in texts) | found
    return Q(pk__gt=since) & match if match and since is not None else match


def _ids(rows: QuerySet, column: str = "pk") -> list[int] | None:
    """The ids (`column`) of `rows`, or None past IDS_MAX of them."""
    ids = list(rows.order_by().values_list(column, flat=True)[: IDS_MAX + 1])
    return ids if len(ids) <= IDS_MAX else None


def _probed(queryset: QuerySet, terms: Terms, **typed) -> Q:
    """The typed match (see `_typed`) as the ids of the actor's rows it matches, up to IDS_MAX (read
    from the indexes, no sort); past that — broad — the same match among the newest rows only."""
    model = queryset.model
    match = _typed(terms, model, **typed)
    if not match or (terms.short and terms.since(model) is not None):
        return match  # nothing to look for, or already bounded to the newest rows
    ids = _ids(queryset.filter(match))
    if ids is not None:
        return Q(pk__in=ids) if ids else Q()
    return _typed(terms, model, **typed, since=terms.since(model))


def _found(queryset: QuerySet, here: Q, *elsewhere: Q) -> QuerySet:
    """The rows of the (scoped) `queryset` that match. `here` is conditions on the table's own columns,
    OR-ed: each is served by an index (trigram, primary key, the b-tree of a foreign key), which
    PostgreSQL combines in one bitmap. Each of `elsewhere` is a subquery: OR-ed with the rest it could
    use no index and would scan the whole table, so it finds its ids apart and the rows are
    `here` UNION ALL those. The scope and the order apply to the few rows found; nothing to match → none."""
    arms = [q for q in (here, *elsewhere) if q]
    if not arms:
        return queryset.none()
    if len(arms) == 1:
        return queryset.filter(arms[0])
    rows = queryset.model._base_manager.order_by()
    ids = [rows.filter(q).values("pk") for q in arms]
    return queryset.filter(pk__in=ids[0].union(*ids[1:], all=True))


def _listed(name: str, ids: list[int] | tuple[int, ...]) -> Q:
    return Q(**{f"{name}__in": ids}) if ids else Q()
