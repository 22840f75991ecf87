"""Where each figure clicks through to: the list of the records behind it, with the filters that
select exactly those records. An existing list page when one selects them for this actor (the
supervision dashboard for the command centre, the alert list, the repair list, the event list);
otherwise the cockpit's own list of records (cockpit:records), read through the same selector as the
figure. A list the actor may not open gives no link ("").

A figure set has hundreds of links (a map point each): every URL name is reversed once per URL
configuration and script prefix, and a detail link is that address with the id put in."""

from datetime import date
from functools import lru_cache
from urllib.parse import urlencode

from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDER = "00000000-0000-0000-0000-000000000000"


@lru_cache(maxsize=128)
def _reversed(name: str, args: tuple, prefix: str, urlconf) -> str:
    return reverse(name, urlconf=urlconf, args=list(args))


def _url(name: str, *args) -> str:
    return _reversed(name, args, get_script_prefix(), get_urlconf())


RECORD_SOURCES = ("items", "exchanges", "credit_records", "list_entries", "alerts")


def with_query(url: str, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{url}?{query}" if query else url


def records_url(source: str, **params) -> str:
    """The cockpit's list of the records of one figure."""
    return with_query(_url("cockpit:records", source), **params)


def items_url(*, supervises: bool, **params) -> str:
    """Open collaboration items (supervision's ItemFilters: kind, deadline, receiver_province,
    waiting_on, level): the supervision dashboard for the command centre, the cockpit's list for an
    agency (the dashboard is the command centre's)."""
    if supervises:
        return with_query(_url("supervision:dashboard"), **params)
    return records_url("items", **params)


def exchanges_url(*, first_day: date, last_day: date, **params) -> str:
    """Transfers and assistance requests sent between two days (included), further filtered by
    kind, from/to (province codes), sender/receiver (agency public ids) and matter (group code)."""
    return records_url("exchanges", start=first_day.isoformat(), end=last_day.isoformat(), **params)


def alert_list_url(**params) -> str:
    return with_query(_url("sensing:alert_list"), **params)


def repair_list_url(status: str) -> str:
    return with_query(_url("credit:repair_list"), status=status, box="all")


def event_list_url(status: str) -> str:
    return with_query(_url("events:event_list"), status=status)


def campaign_list_url() -> str:
    return with_query(_url("operations:campaign_list"), scope="all")


def detail_url(name: str, public_id) -> str:
    return _url(name, _PLACEHOLDER).replace(_PLACEHOLDER, str(public_id))
