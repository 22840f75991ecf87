"""Reads of the 严重失信主体名单 (SeriousListEntry.objects.visible_to). A published (or removed) entry is
shared with every CREDIT_QUERY holder; proposals, decisions not yet published and withdrawn
proposals are the determining agency's (and the command centre's) alone — anyone else gets 404."""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from dateutil.relativedelta import relativedelta
from django.db.models import Q, QuerySet
from django.utils import timezone

from yrdcollab.core.errors import PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import has_capability, require_capability
from yrdcollab.platform.access.roles import Capability

from ..models import SeriousListEntry
from ..permissions import sees_history
from ..states import ListStatus
from .records import Q_MAX

RULES_FILE = Path(__file__).resolve().parent.parent / "data" / "serious_list.json"


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
    return tuple(
        sorted(
            (
                (
                    date.fromisoformat(r["effective_from"]),
                    ListPeriod(r["code"], r["min_months"], r["max_months"], r["source"]),
                )
                for r in raw["regimes"]
            ),
            key=lambda pair: pair[0],
        )
    )


def list_period(listed_on: date) -> ListPeriod:
    applicable = [period for start, period in _periods() if start <= listed_on]
    return applicable[-1] if applicable else _periods()[0][1]


def entries_visible(actor) -> QuerySet[SeriousListEntry]:
    return SeriousListEntry.objects.visible_to(actor).select_related(
        "subject__created_by_agency", "agency__division", "proposed_by"
    )


def entry_is_published(entry: SeriousListEntry, today=None) -> bool:
    """Published and its period not yet over: a basis for joint measures."""
    return entry.status == ListStatus.PUBLISHED and not (
        entry.ends_on and entry.ends_on <= (today or timezone.localdate())
    )


def entry_list(*, actor, status: str = "", q: str = "", scope: str = "mine") -> QuerySet[SeriousListEntry]:
    """The actor's agency's entries (scope "mine"), or every shared entry of the four regions ("all")."""
    require_capability(actor, Capability.CREDIT_QUERY)
    if scope == "all":
        queryset = SeriousListEntry.objects.shared_with(actor).select_related(
            "subject__created_by_agency", "agency__division", "proposed_by"
        )
    else:
        queryset = entries_visible(actor).of_own_agency(actor)
    if status in ListStatus.values:
        queryset = queryset.filter(status=status)
    q = (q or "").strip()[:Q_MAX]
    if q:
        queryset = queryset.filter(
            Q(subject__name__icontains=q) | Q(subject__uscc__startswith=q.upper()) | Q(document_number__icontains=q)
        )
    return queryset


def entry_get(*, actor, entry_id) -> SeriousListEntry:
    """One entry the actor sees (404 otherwise, for a role without CREDIT_QUERY too: CONVENTIONS §5)."""
    entries = (
        entries_visible(actor) if has_capability(actor, Capability.CREDIT_QUERY) else SeriousListEntry.objects.none()
    )
    return get_by_public_id(entries, entry_id)


def entry_get_managed(*, actor, entry_id) -> SeriousListEntry:
    """An entry of the actor's own agency, for CREDIT_MANAGE holders (404 otherwise); without
    CREDIT_MANAGE 403 for an entry the actor reads, 404 for one it does not."""
    if not has_capability(actor, Capability.CREDIT_MANAGE):
        entry_get(actor=actor, entry_id=entry_id)
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_MANAGE)})
    return get_by_public_id(entries_visible(actor).of_own_agency(actor), entry_id)


def entry_detail_context(*, actor, entry: SeriousListEntry) -> dict:
    return {
        "basis_records": list(entry.basis_records.select_related("decision__matter", "agency")),
        "measures": list(entry.measures.select_related("measure", "agency")),
        "repairs": list(entry.repair_applications.select_related("filed_at")) if sees_history(actor, entry) else [],
        "period": list_period(entry.listed_on) if entry.listed_on else None,
    }
