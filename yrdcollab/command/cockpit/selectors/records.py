"""The cockpit's list of the records behind a figure (cockpit:records/<source>), read through the
same scoped selector and filters as the figure (and the same `scope`, when the cockpit was narrowed),
so the list holds exactly as many rows as the figure counts (records under publicity: as many as
now, the figure may be a few minutes older). Bad filters are 422 invalid_filter naming the field."""

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.casework.assistance.states import Status as AssistanceStatus
from yrdcollab.casework.collaboration.deadlines import deadline_state
from yrdcollab.casework.supervision.filters import ItemFilters
from yrdcollab.casework.supervision.links import item_url
from yrdcollab.casework.supervision.selectors import tracked_items_visible
from yrdcollab.casework.transfers.states import Status as TransferStatus
from yrdcollab.core.dates import parse_bounded_date
from yrdcollab.core.errors import InvalidInput, NotFound, PermissionDenied
from yrdcollab.credit.models import Severity
from yrdcollab.credit.states import ListStatus
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.catalogue.models import Matter
from yrdcollab.platform.directory.models import Agency
from yrdcollab.smart.sensing.states import AlertStatus

from ..links import RECORD_SOURCES, detail_url
from ..periods import DEFAULT_PERIOD
from ..scopes import resolve_scope
from ._common import PROVINCES, View, agencies_by_id, province_name
from .credit import list_entries, published_records
from .exchanges import KINDS, TRANSFER, ExchangeFilters, exchange_rows, kind_label
from .smart import NO_DIVISION, live_alerts

_PROVINCE = re.compile(r"^\d{2}0000$")
MAX_SPAN_DAYS = 3660  # a list behind a figure covers at most ten years


@dataclass
class RecordList:
    """What the records page shows: a title, the filters in words, the rows and how one is shown."""

    title: str
    rows: Any  # a queryset (paginated by the view)
    present: Callable[[Any], dict]
    filters: list[str] = field(default_factory=list)


def _bad(name: str, message: str) -> InvalidInput:
    return InvalidInput(message, code="invalid_filter", details={"field": name})


def _choice(params: dict, name: str, choices) -> str:
    value = params.get(name) or ""
    if value and value not in choices:
        raise _bad(name, _("筛选条件无效。"))
    return value


def _province(params: dict, name: str, *, allow_none: bool = False) -> str:
    value = params.get(name) or ""
    if value and not (_PROVINCE.match(value) and value in PROVINCES) and not (allow_none and value == NO_DIVISION):
        raise _bad(name, _("省份须为六位省级区划代码，如 310000。"))
    return value


def _agency(params: dict, name: str) -> Agency | None:
    value = params.get(name) or ""
    if not value:
        return None
    try:
        public_id = uuid.UUID(value)
    except ValueError:
        raise _bad(name, _("机构编号无效。")) from None
    agency = Agency.objects.filter(public_id=public_id).first()
    if agency is None:
        raise _bad(name, _("机构不存在。"))
    return agency


def _day(params: dict, name: str) -> date:
    day = parse_bounded_date(params.get(name) or "")
    if day is None:
        raise _bad(name, _("请填写有效的日期（年-月-日）。"))
    return day


def _items(view: View, params: dict) -> RecordList:
    filters = ItemFilters.build(**params)
    rows = (
        view.narrow(tracked_items_visible(actor=view.actor, filters=filters, now=view.now), "sender", "receiver")
        .select_related("sender", "receiver", "waiting_on")
        .order_by(F("due_at").asc(nulls_last=True), "id")
    )
    labels = {"on_time": _("按期"), "due_soon": _("即将到期"), "overdue": _("已超期"), "none": _("无期限")}
    words = [_("办理中的协作事项")]
    if filters.deadline:
        words.append(labels[filters.deadline])
    if filters.receiver_province:
        words.append(_("承办方：%(p)s") % {"p": province_name(filters.receiver_province)})
    if filters.level is not None:
        words.append(_("督办级别：%(l)s") % {"l": filters.level})

    def present(item) -> dict:
        state = deadline_state(due_at=item.due_at, now=view.now)
        return {
            "kind": item.get_kind_display(),
            "number": item.doc_number,
            "title": item.title,
            "parties": f"{item.sender.short_name or item.sender.name} → {item.receiver.short_name or item.receiver.name}",
            "status": item.status_label,
            "waiting_on": (item.waiting_on.short_name or item.waiting_on.name) if item.waiting_on else "",
            "when": item.due_at,
            "deadline": labels[state.value],
            "overdue": state.value == "overdue",
            "url": item_url(item.kind, item.public_id),
        }

    return RecordList(_("协作事项"), rows, present, words)


def _exchanges(view: View, params: dict) -> RecordList:
    first_day, last_day = _day(params, "start"), _day(params, "end")
    if last_day < first_day or (last_day - first_day).days > MAX_SPAN_DAYS:
        raise _bad("end", _("日期范围无效。"))
    kind = _choice(params, "kind", KINDS)
    sender, receiver = _agency(params, "sender"), _agency(params, "receiver")
    matter_code = params.get("matter") or ""
    matter = Matter.objects.filter(code=matter_code).first() if matter_code else None
    if matter_code and matter is None:
        raise _bad("matter", _("事项不存在。"))
    filters = ExchangeFilters(
        first_day=first_day,
        last_day=last_day,
        kind=kind,
        from_province=_province(params, "from"),
        to_province=_province(params, "to"),
        sender=sender.pk if sender else None,
        receiver=receiver.pk if receiver else None,
        matter=matter.pk if matter else None,
    )
    words = [_("%(a)s 至 %(b)s 发出") % {"a": first_day.isoformat(), "b": last_day.isoformat()}]
    words += [kind_label(kind)] if kind else []
    if filters.from_province:
        words.append(_("发起方：%(p)s") % {"p": province_name(filters.from_province)})
    if filters.to_province:
        words.append(_("承办方：%(p)s") % {"p": province_name(filters.to_province)})
    words += [_("发起机构：%(a)s") % {"a": sender.name}] if sender else []
    words += [_("承办机构：%(a)s") % {"a": receiver.name}] if receiver else []
    words += [_("事项：%(m)s") % {"m": matter.name}] if matter else []
    statuses = {TRANSFER: dict(TransferStatus.choices), "assistance": dict(AssistanceStatus.choices)}

    def present(row) -> dict:
        public_id, doc_number, title, status, sent_at, matter_name, s_short, s_name, r_short, r_name, row_kind = row
        return {
            "kind": kind_label(row_kind),
            "number": doc_number,
            "title": title,
            "parties": f"{s_short or s_name} → {r_short or r_name}",
            "status": statuses[row_kind].get(status, status),
            "waiting_on": matter_name,
            "when": sent_at,
            "deadline": "",
            "overdue": False,
            "url": detail_url("transfers:detail" if row_kind == TRANSFER else "assistance:detail", public_id),
        }

    return RecordList(_("线索移送与协查请求"), exchange_rows(view, filters), present, words)


def _require_credit(view: View) -> View:
    if not view.may(Capability.CREDIT_QUERY):
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_QUERY)})
    return view


def _credit_records(view: View, params: dict) -> RecordList:
    _require_credit(view)
    severity = _choice(params, "severity", Severity.values)
    rows: QuerySet = published_records(view).select_related("agency", "decision", "decision__matter")
    if severity:
        rows = rows.filter(severity=severity)
    words = [_("公示中的信用记录")] + ([str(Severity(severity).label)] if severity else [])

    def present(record) -> dict:
        return {
            "kind": record.get_severity_display(),
            "number": record.decision.decision_number,
            "title": record.decision.matter.name,
            "parties": record.agency.short_name or record.agency.name,
            "status": record.get_status_display(),
            "waiting_on": "",
            "when": None,
            "day": record.publicity_starts_on,
            "deadline": "",
            "overdue": False,
            "url": detail_url("credit:record_detail", record.public_id),
        }

    return RecordList(_("信用记录"), rows.order_by("-publicity_starts_on", "-id"), present, words)


def _list_entries(view: View, params: dict) -> RecordList:
    _require_credit(view)
    status = _choice(params, "status", ListStatus.values)
    rows: QuerySet = list_entries(view).select_related("agency")
    if status:
        rows = rows.filter(status=status)
    words = [_("严重失信主体名单")] + ([str(ListStatus(status).label)] if status else [])

    def present(entry) -> dict:
        return {
            "kind": _("名单"),
            "number": entry.document_number,
            "title": entry.get_status_display(),
            "parties": entry.agency.short_name or entry.agency.name,
            "status": entry.get_status_display(),
            "waiting_on": "",
            "when": None,
            "day": entry.listed_on or timezone.localdate(entry.created_at),
            "deadline": "",
            "overdue": False,
            "url": detail_url("credit:list_detail", entry.public_id),
        }

    return RecordList(_("名单条目"), rows.order_by("-created_at", "-id"), present, words)


def _alerts(view: View, params: dict) -> RecordList:
    province = _province(params, "province", allow_none=True)
    matter_code = params.get("matter") or ""
    matter = Matter.objects.filter(code=matter_code).first() if matter_code else None
    if matter_code and matter is None:
        raise _bad("matter", _("事项不存在。"))
    rows: QuerySet = live_alerts(view).select_related("matter", "division", "handling_agency")
    if province == NO_DIVISION:
        rows = rows.filter(division__isnull=True)
    elif province:
        rows = rows.filter(division_id__startswith=province[:2])
    if matter is not None:  # the matter and its children, as the alert list's filter
        rows = rows.filter(Q(matter_id=matter.pk) | Q(matter__parent_id=matter.pk))
    words = [_("未办结的预警")] + (
        [province_name(province) if province != NO_DIVISION else _("未定位")] if province else []
    )
    words += [_("事项：%(m)s") % {"m": matter.name}] if matter else []
    statuses = dict(AlertStatus.choices)

    def present(alert) -> dict:
        return {
            "kind": alert.matter.name,
            "number": "",
            "title": alert.title,
            "parties": alert.division.name if alert.division else "",
            "status": statuses.get(alert.status, alert.status),
            "waiting_on": (alert.handling_agency.short_name or alert.handling_agency.name)
            if alert.handling_agency
            else "",
            "when": alert.last_occurred_at,
            "deadline": "",
            "overdue": False,
            "url": detail_url("sensing:alert_detail", alert.public_id),
        }

    return RecordList(_("预警"), rows.order_by("-last_occurred_at", "-id"), present, words)


_SOURCES: dict[str, Callable[[View, dict], RecordList]] = {
    "items": _items,
    "exchanges": _exchanges,
    "credit_records": _credit_records,
    "list_entries": _list_entries,
    "alerts": _alerts,
}
assert set(_SOURCES) == set(RECORD_SOURCES)


def _scope_words(view: View) -> list[str]:
    if not view.narrowed:
        return []
    if view.selection.province:
        return [_("范围：%(p)s") % {"p": province_name(view.selection.province)}]
    agency_id = view.selection.agency_id
    agency = agencies_by_id([agency_id]).get(agency_id) if agency_id is not None else None
    return [_("范围：%(a)s及下级机构") % {"a": agency.name}] if agency else []


def cockpit_records(*, actor, source: str, params: dict) -> RecordList:
    """The records behind one figure (COMMAND_VIEW; 404 for an unknown source), in the cockpit's scope
    (`scope`, scopes.py: 422, 403 or 404 as the cockpit itself)."""
    require_capability(actor, Capability.COMMAND_VIEW)
    if source not in _SOURCES:
        raise NotFound()
    view = View(actor, DEFAULT_PERIOD, choice=resolve_scope(actor, params.get("scope")))
    listing = _SOURCES[source](view, params)
    listing.filters = _scope_words(view) + listing.filters
    return listing
