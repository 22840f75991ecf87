"""Where each figure clicks through to: the list of the records behind it, with the filters that
select exactly those records. An existing list page when one selects them for this actor (the
supervision dashboard for the command centre, the alert list, the repair list, the event list);
otherwise the cockpit's own list of records (cockpit:records), read through the same selector as the
figure. A list the actor may not open gives no link ("")."""

from datetime import date
from urllib.parse import urlencode

from django.urls import reverse

RECORD_SOURCES = ("items", "exchanges", "credit_records", "list_entries", "alerts")


def with_query(url: str, **params) -> str:
    query = urlencode({key: value for key, value in params.items() if value not in (None, "")})
    return f"{url}?{query}" if query else url


def records_url(source: str, **params) -> str:
    """The cockpit's list of the records of one figure."""
    return with_query(reverse("cockpit:records", args=[source]), **params)


def items_url(*, supervises: bool, **params) -> str:
    """Open collaboration items (supervision's ItemFilters: kind, deadline, receiver_province,
    waiting_on, level): the supervision dashboard for the command centre, the cockpit's list for an
    agency (the dashboard is the command centre's)."""
    if supervises:
        return with_query(reverse("supervision:dashboard"), **params)
    return records_url("items", **params)


def exchanges_url(*, first_day: date, last_day: date, **params) -> str:
    """Transfers and assistance requests sent between two days (included), further filtered by
    kind, from/to (province codes), sender/receiver (agency public ids) and matter (group code)."""
    return records_url("exchanges", start=first_day.isoformat(), end=last_day.isoformat(), **params)


def alert_list_url(**params) -> str:
    return with_query(reverse("sensing:alert_list"), **params)


def repair_list_url(status: str) -> str:
    return with_query(reverse("credit:repair_list"), status=status, box="all")


def event_list_url(status: str) -> str:
    return with_query(reverse("events:event_list"), status=status)


def campaign_list_url() -> str:
    return with_query(reverse("operations:campaign_list"), scope="all")


def detail_url(name: str, public_id) -> str:
    return reverse(name, args=[public_id])
