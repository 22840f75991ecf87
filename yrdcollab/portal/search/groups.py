"""The groups of the global search, in the order the page shows them. Each group starts from its own
app's scoped selector (the scope rules live there, once) and narrows it to the query; a group whose
selector refuses the actor (403) is left out. Each hit says what it is in Chinese and links to its page.

How a group finds its rows on a big database (PostgreSQL, millions of rows; bench/README.md):

* Every text a group matches has a trigram index on exactly the expression the query writes: the
  normalised number (core.numbers.NormalisedNumber) and UPPER(column) of `icontains`, created by the
  migrations of the apps owning the tables (core.pg_indexes.TrigramIndex).
* A group matches its own table's columns only, as one OR that PostgreSQL answers from one bitmap of
  its indexes. What another table knows (a party named in a clue, an alert's device code, a credit
  record's decision number) is looked up first, as ids; such a lookup that stays a subquery is a
  UNION arm (`_found`), never OR-ed (an OR across tables can use no index and reads every row).
* The big kinds (clues, requests, decisions and credit records, devices and alerts) are probed
  first: the ids of at most IDS_MAX + 1 matching rows, read from the indexes without sorting
  (`_probed`, `Terms.decision_ids`, `Terms.device_ids`). Up to IDS_MAX the group reads those rows
  by id. Beyond, the query is broad (`2025`, a word of many titles): on a kind of more than
  RECENT_ROWS rows the group then looks among its newest RECENT_ROWS rows only — a documented
  limit; sorting a million matches for the five newest took seconds, up to a minute.
* A query that gives the trigram index nothing to look up (`Terms.short`: `渣土`, `A1`, `3号`, see
  core.pg_indexes.trigram_searchable; the index would be read whole) is the other documented limit:
  on a kind of more than RECENT_ROWS rows it matches the titles, names and device codes of the
  newest RECENT_ROWS rows only, and no document numbers (TRANSLATE on every row costs too much).
  What the parties found is found in full either way (the party search itself is complete).
  Smaller kinds are always searched completely."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.assistance.selectors import assistance_visible_to
from yrdcollab.casework.bulletins.selectors import bulletins_visible_to
from yrdcollab.casework.recognition.selectors import decision_list
from yrdcollab.casework.supervision.selectors import supervision_order_list
from yrdcollab.casework.transfers.selectors import transfers_visible_to
from yrdcollab.credit.selectors.records import record_list
from yrdcollab.field.events.selectors import event_list
from yrdcollab.field.operations.selectors import authorization_list, campaign_list
from yrdcollab.platform.directory.selectors import AgencyFilters, agency_search
from yrdcollab.smart.sensing.selectors import DeviceFilters, alerts_visible_to, device_list

from .matching import Terms, _found, _ids, _listed, _number, _probed, _text, _typed

AGENCY_QUERY_MAX = 32  # the directory's own search box takes no more


@dataclass(frozen=True)
class Hit:
    title: str
    detail: str
    url: str


@dataclass(frozen=True)
class Group:
    key: str
    label: Any  # a lazy Chinese label
    find: Callable[[Any, Terms], QuerySet]
    hit: Callable[[Any], Hit]
    list_url: Callable[[str], str] | None = None  # the group's list page, pre-filtered by the query


def _url(name: str, **kwargs) -> str:
    return reverse(name, kwargs=kwargs)


def _with_query(name: str, **params) -> Callable[[str], str]:
    return lambda q: f"{reverse(name)}?{urlencode({**params, 'q': q})}"


def _join(*parts) -> str:
    return " · ".join(str(p) for p in parts if p)


# --- finders: the app's scoped selector, narrowed to the query ---------------------------------------


def _transfers(actor, terms: Terms) -> QuerySet:
    queryset = transfers_visible_to(actor)
    typed = _probed(queryset, terms, numbers=("doc_number", "decision_number"), texts=("title",))
    here, elsewhere = typed, Q()
    if terms.party_ids:  # the clues naming a party found (in full, whatever the query)
        links = queryset.model.parties.through.objects.filter(party_id__in=terms.party_ids)
        ids = _ids(links, "transfer_id")
        if ids is None:
            elsewhere = Q(pk__in=links.values("transfer_id"))
        else:
            here |= _listed("pk", ids)
    return _found(queryset, here, elsewhere).select_related("sender", "receiver").order_by("-created_at", "-id")


def _assistance(actor, terms: Terms) -> QuerySet:
    queryset = assistance_visible_to(actor)
    typed = _probed(queryset, terms, numbers=("doc_number", "reply_doc_number"), texts=("title",))
    return _found(queryset, typed).select_related("requester", "responder").order_by("-created_at", "-id")


def _supervision_orders(actor, terms: Terms) -> QuerySet:
    queryset = supervision_order_list(actor=actor).select_related(None)
    return _found(queryset, _typed(terms, queryset.model, numbers=("doc_number",))).select_related("issuing_agency")


def _bulletins(actor, terms: Terms) -> QuerySet:
    queryset = bulletins_visible_to(actor)
    here = _typed(terms, queryset.model, numbers=("doc_number",), texts=("title",))
    return _found(queryset, here).select_related("issuer").order_by("-created_at", "-id")


def _decisions(actor, terms: Terms) -> QuerySet:
    # Here and below: only what the hit shows is joined (select_related(None) drops the selector's).
    queryset = decision_list(actor=actor, scope="all").select_related(None).prefetch_related(None)
    ids = terms.decision_ids
    if ids is None:  # broad: among the newest decisions
        typed = _typed(terms, queryset.model, numbers=("decision_number",), since=terms.since(queryset.model))
    else:
        typed = _listed("pk", ids)
    here = typed | _listed("party_id", terms.party_ids)
    return _found(queryset, here).select_related("party", "agency").order_by("-decided_on", "-id")


def _credit_records(actor, terms: Terms) -> QuerySet:
    # By the ids of the decisions whose number matches (read once, see Terms.decision_ids) and of the
    # parties found: both columns of the record's own table.
    queryset = record_list(actor=actor).select_related(None)
    ids = terms.decision_ids
    if ids is None:  # broad: among the newest records, by their decision's number
        by_number = _number("decision__decision_number", terms)
        typed = _typed(terms, queryset.model, found=by_number, since=terms.since(queryset.model))
    else:
        typed = _listed("decision_id", ids)
    here = typed | _listed("subject_id", terms.party_ids)
    return _found(queryset, here).select_related("decision", "subject").order_by("-publicity_starts_on", "-id")


def _campaigns(actor, terms: Terms) -> QuerySet:
    queryset = campaign_list(actor=actor, scope="all")
    here = _typed(terms, queryset.model, numbers=("number",), texts=("title",))
    return _found(queryset, here).order_by("-starts_on", "-id")


def _authorizations(actor, terms: Terms) -> QuerySet:
    queryset = authorization_list(actor=actor, scope="all").select_related(None)
    return (
        _found(queryset, _typed(terms, queryset.model, numbers=("number",)))
        .select_related("grantor", "grantee")
        .order_by("-valid_from", "-id")
    )


def _events(actor, terms: Terms) -> QuerySet:
    return (
        event_list(actor=actor, q=terms.text).select_related(None).select_related("lead_agency").prefetch_related(None)
    )


def _devices(actor, terms: Terms) -> QuerySet:
    return device_list(actor=actor, filters=DeviceFilters(q=terms.text))


def _alerts(actor, terms: Terms) -> QuerySet:
    # The device's code is another table's column: the devices are looked up first (Terms.device_ids).
    queryset = alerts_visible_to(actor)
    devices = terms.device_ids
    by_device = _text("device__code", terms) if devices is None else _listed("device_id", devices)
    typed = _probed(queryset, terms, texts=("title", "source_ref"), found=by_device)
    return _found(queryset, typed).select_related("device").order_by("-last_occurred_at", "-id")


def _agencies(actor, terms: Terms) -> QuerySet:
    return agency_search(actor=actor, filters=AgencyFilters(q=terms.text[:AGENCY_QUERY_MAX]))


# --- the groups ---------------------------------------------------------------------------------------

# Parties come first on the page, but are found apart (an audited read, see selectors.party_hits).
PARTIES_KEY = "parties"
PARTIES_LABEL = _("当事人")


def party_hit(party) -> Hit:
    """Name, kind and the identifier as lists show it: USCC, plate, or the ID number masked."""
    return Hit(
        party.name,
        _join(party.get_kind_display(), party.identifier_display),
        _url("recognition:party", party_id=party.public_id),
    )


GROUPS: tuple[Group, ...] = (
    Group(
        "transfers",
        _("线索移送"),
        _transfers,
        lambda t: Hit(
            t.doc_number or str(_("（未编号）")),
            _join(t.title, f"{t.sender.name} → {t.receiver.name}", t.get_status_display()),
            _url("transfers:detail", public_id=t.public_id),
        ),
        _with_query("transfers:list"),
    ),
    Group(
        "assistance",
        _("协查请求"),
        _assistance,
        lambda a: Hit(
            a.doc_number or str(_("（未编号）")),
            _join(a.title, f"{a.requester.name} → {a.responder.name}", a.get_status_display()),
            _url("assistance:detail", public_id=a.public_id),
        ),
    ),
    Group(
        "supervision_orders",
        _("督办单"),
        _supervision_orders,
        lambda o: Hit(
            o.doc_number,
            _join(o.issuing_agency.name, o.get_status_display()),
            _url("supervision:order_detail", public_id=o.public_id),
        ),
    ),
    Group(
        "bulletins",
        _("工作通报"),
        _bulletins,
        lambda b: Hit(
            b.doc_number or b.title,
            _join(b.title if b.doc_number else "", b.issuer.name, b.get_status_display()),
            _url("bulletins:detail", public_id=b.public_id),
        ),
    ),
    Group(
        "decisions",
        _("行政处罚决定"),
        _decisions,
        lambda d: Hit(
            d.decision_number,
            _join(d.party.name, d.agency.name, d.decided_on),
            _with_query("recognition:list", scope="all")(d.decision_number),
        ),
        _with_query("recognition:list", scope="all"),
    ),
    Group(
        "credit_records",
        _("失信记录"),
        _credit_records,
        lambda r: Hit(
            r.decision.decision_number,
            _join(r.subject.name, r.get_severity_display(), r.get_status_display()),
            _url("credit:record_detail", record_id=r.public_id),
        ),
        _with_query("credit:record_list"),
    ),
    Group(
        "campaigns",
        _("联合执法行动"),
        _campaigns,
        lambda c: Hit(
            c.number,
            _join(c.title, c.initiator.name, c.get_status_display()),
            _url("operations:campaign_detail", public_id=c.public_id),
        ),
    ),
    Group(
        "authorizations",
        _("跨区域检查授权"),
        _authorizations,
        lambda a: Hit(
            a.number,
            _join(f"{a.grantor.name} → {a.grantee.name}", a.get_status_display()),
            _url("operations:authorization_detail", public_id=a.public_id),
        ),
    ),
    Group(
        "events",
        _("重大活动保障"),
        _events,
        lambda e: Hit(
            e.name,
            _join(e.edition, e.lead_agency.name, e.get_status_display()),
            _url("events:event_detail", public_id=e.public_id),
        ),
        _with_query("events:event_list"),
    ),
    Group(
        "devices",
        _("监控设备"),
        _devices,
        lambda d: Hit(
            d.code,
            _join(d.name, d.get_type_display(), d.agency.name),
            _url("sensing:device_detail", public_id=d.public_id),
        ),
        _with_query("sensing:device_list"),
    ),
    Group(
        "alerts",
        _("预警"),
        _alerts,
        lambda a: Hit(
            a.title,
            _join(a.device.code if a.device else "", a.get_status_display()),
            _url("sensing:alert_detail", public_id=a.public_id),
        ),
    ),
    Group(
        "agencies",
        _("执法机构"),
        _agencies,
        lambda a: Hit(
            a.name,
            _join(a.short_name if a.short_name != a.name else "", a.division.name),
            _url("directory:agency_detail", public_id=a.public_id),
        ),
        _with_query("directory:agency_list"),
    ),
)
