"""Reads of the 严重失信主体名单. A published (or removed) entry is shared with every CREDIT_QUERY
holder; proposals, decisions not yet published and withdrawn proposals are the determining agency's
(and the command centre's) alone — anyone else gets 404."""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet

from yrdcollab.core.errors import NotFound
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from ..models import ListStatus, SeriousListEntry
from .records import Q_MAX, _uuid

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "serious_list.json"
SHARED = (ListStatus.PUBLISHED, ListStatus.REMOVED)
OPEN = (ListStatus.PROPOSED, ListStatus.DECIDED, ListStatus.PUBLISHED)


@dataclass(frozen=True)
class ListPeriod:
    code: str
    min_months: int
    max_months: int
    source: str

    def bounds(self, listed_on: date) -> tuple[date, date]:
        return listed_on + relativedelta(months=self.min_months), listed_on + relativedelta(months=self.max_months)


@cache
def _periods() -> tuple[tuple[date, ListPeriod], ...]:
    raw = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    return tuple(sorted(((date.fromisoformat(r["effective_from"]),
                          ListPeriod(r["code"], r["min_months"], r["max_months"], r["source"]))
                         for r in raw["regimes"]), key=lambda pair: pair[0]))


def list_period(listed_on: date) -> ListPeriod:
    applicable = [period for start, period in _periods() if start <= listed_on]
    return applicable[-1] if applicable else _periods()[0][1]


def entries_base() -> QuerySet[SeriousListEntry]:
    return SeriousListEntry.objects.select_related("subject__created_by_agency", "agency__division", "proposed_by")


def _sees_internal(actor, entry: SeriousListEntry) -> bool:
    return has_capability(actor, Capability.COLLABORATION_SUPERVISE) or entry.agency_id == getattr(
        actor, "agency_id", None)


def may_manage_entry(actor, entry: SeriousListEntry) -> bool:
    return entry.agency_id == getattr(actor, "agency_id", None) and has_capability(actor, Capability.CREDIT_MANAGE)


def entry_list(*, actor, status: str = "", q: str = "", scope: str = "mine") -> QuerySet[SeriousListEntry]:
    """The actor's agency's entries (scope "mine"), or every shared entry of the four regions ("all")."""
    require_capability(actor, Capability.CREDIT_QUERY)
    if scope == "all":
        queryset = entries_base().filter(Q(status__in=SHARED) | Q(agency_id=actor.agency_id))
    else:
        queryset = entries_base().filter(agency_id=actor.agency_id) if actor.agency_id else entries_base().none()
    if status in ListStatus.values:
        queryset = queryset.filter(status=status)
    q = (q or "").strip()[:Q_MAX]
    if q:
        queryset = queryset.filter(Q(subject__name__icontains=q) | Q(subject__uscc__startswith=q.upper())
                                   | Q(document_number__icontains=q))
    return queryset


def entry_get(*, actor, entry_id) -> SeriousListEntry:
    require_capability(actor, Capability.CREDIT_QUERY)
    entry = entries_base().filter(public_id=_uuid(entry_id)).first()
    if entry is None or not (entry.status in SHARED or _sees_internal(actor, entry)):
        raise NotFound()
    return entry


def entry_get_managed(*, actor, entry_id, lock: bool = False) -> SeriousListEntry:
    """An entry of the actor's own agency, for CREDIT_MANAGE holders (403 without, 404 otherwise)."""
    require_capability(actor, Capability.CREDIT_MANAGE)
    queryset = SeriousListEntry.objects.select_for_update() if lock else entries_base()
    entry = queryset.filter(public_id=_uuid(entry_id), agency_id=getattr(actor, "agency_id", None)).first()
    if entry is None:
        raise NotFound()
    return entry


def entry_detail_context(*, actor, entry: SeriousListEntry) -> dict:
    from ..models import AppliedMeasure

    return {"basis_records": list(entry.basis_records.select_related("decision__matter", "agency")),
            "measures": list(AppliedMeasure.objects.filter(list_entry=entry).select_related("measure", "agency")),
            "repairs": list(entry.repair_applications.select_related("filed_at")) if _sees_internal(actor, entry)
            else [],
            "period": list_period(entry.listed_on) if entry.listed_on else None,
            "can_manage": may_manage_entry(actor, entry)}
