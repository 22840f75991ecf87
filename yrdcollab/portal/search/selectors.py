"""The global search: one query, the groups of groups.GROUPS, at most PER_GROUP hits each.

A query of fewer than MIN_LENGTH characters is refused before any read (422 `query_too_short`).
Parties are looked up once, through the parties app's recorded search: a complete ID number is then
an audited, throttled read and every identifier is shown masked; the parties found also find the
penalty decisions, credit records and transfers that name them. How the groups stay fast on millions
of rows (trigram indexes, ids first) and the documented limits of broad and two-character queries:
groups.py."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from yrdcollab.core.errors import InvalidInput, PermissionDenied
from yrdcollab.core.numbers import normalise_number
from yrdcollab.core.personal_data import mask_id_number
from yrdcollab.platform.parties.selectors import full_id_number
from yrdcollab.platform.parties.services import party_search_recorded

from .groups import GROUPS, PARTIES_KEY, PARTIES_LABEL, Hit, party_hit
from .matching import Terms

MIN_LENGTH = 2
MAX_LENGTH = 64
PER_GROUP = 5


@dataclass(frozen=True)
class ResultGroup:
    key: str
    label: str
    hits: list[Hit]
    has_more: bool
    list_url: str | None = None


@dataclass(frozen=True)
class SearchResult:
    q: str  # as shown back: a complete ID number masked, like every identifier the search shows
    groups: list[ResultGroup] = field(default_factory=list)
    # The query is too short for the indexes (groups.Terms.short): big kinds were searched among their
    # newest rows only, and document numbers not at all; the page says so.
    bounded: bool = False

    @property
    def count(self) -> int:
        return sum(len(g.hits) for g in self.groups)


def search_query(q: str | None) -> str:
    """The query as searched: stripped and cut to MAX_LENGTH; too short → 422 `query_too_short`."""
    q = (q or "").strip()[:MAX_LENGTH]
    if len(q) < MIN_LENGTH:
        raise InvalidInput(
            _("请至少输入 %(n)d 个字符再搜索。") % {"n": MIN_LENGTH},
            code="query_too_short",
            details={"field": "q", "min_length": MIN_LENGTH},
        )
    return q


def _group(key: str, label, rows: list, hit, list_url: str | None) -> ResultGroup | None:
    if not rows:
        return None
    return ResultGroup(key, str(label), [hit(row) for row in rows[:PER_GROUP]], len(rows) > PER_GROUP, list_url)


def shown_query(q: str) -> str:
    """The query as a page or an answer may repeat it: a complete ID number masked."""
    number = full_id_number(q)
    return mask_id_number(number) if number else q


def search_everything(*, actor, q: str | None) -> SearchResult:
    """What the actor may see that matches `q`, grouped by type (groups without a hit left out)."""
    q = search_query(q)
    try:
        parties = party_search_recorded(actor=actor, q=q)
    except PermissionDenied:
        parties = []
    terms = Terms(text=q, number=normalise_number(q), party_ids=tuple(p.pk for p in parties))
    groups = [_group(PARTIES_KEY, PARTIES_LABEL, parties, party_hit, None)]
    for group in GROUPS:
        try:
            rows = list(group.find(actor, terms)[: PER_GROUP + 1])
        except PermissionDenied:  # the app's selector refuses this role: the group is not the actor's
            continue
        groups.append(_group(group.key, group.label, rows, group.hit, group.list_url(q) if group.list_url else None))
    return SearchResult(q=shown_query(q), groups=[g for g in groups if g is not None], bounded=terms.short)
