"""Extreme input never makes a 5xx (issue #13 item 1).

The walker reads the published OpenAPI schema and sends every GET operation, one parameter at a
time, the values that used to reach the database or Python's date arithmetic and fail there: offsets
and pages beyond 64 bits, negative numbers, dates in year 1 and 9999 and UTC offsets of almost a day.
Every answer must be below 500 — a 4xx with the error body, or the normal answer.

The targeted tests below cover what a walk of GETs cannot: request bodies the framework's parsers
refuse (too many query or form fields, a multipart body without boundary or with an endless part
header, too many files, unreadable or malformed bodies) on the API and on the HTML pages, dates in
request bodies, and the JSON 405 of the API."""

import re
import time
import uuid
from datetime import date

import pytest
from django.test import Client

from yrdcollab.core.api_helpers import API_MAX_OFFSET, API_MAX_PAGE
from yrdcollab.core.dates import DATE_MAX, DATE_MIN
from yrdcollab.testing import personas

HUGE_INTEGERS = [str(2**63), str(10**30), "-1"]
EXTREME_DATES = ["0001-01-01", "9999-12-31", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"]
DATE_LOOKING = re.compile(r"(^|_)(since|until|day|date|start|end|from|to|on|at)(_|$)")

# Path parameters that are not public ids (UUIDs) get a value of their own shape.
PATH_VALUES = {"code": "310118", "sha256": "0" * 64, "year": "2026", "key_id": "k1"}


@pytest.fixture(scope="module")
def walker(module_db):
    """A user of the command centre's agency holding every role: the broadest read access."""
    user = personas.make_user(personas.ALL_ROLES, "sh", username="extreme_walker")
    for key in ("qingpu", "wujiang", "jiashan", "hefei"):
        personas.agency(key)
    return Client(HTTP_AUTHORIZATION=personas.bearer_for(user))


def _schema_type(schema: dict) -> tuple[set[str], set[str]]:
    options = schema.get("anyOf", [schema])
    return {o.get("type", "") for o in options}, {o.get("format", "") for o in options}


def _operations(client) -> list[tuple[str, list[dict]]]:
    schema = client.get("/api/v1/openapi.json").json()
    return [
        (path, op.get("parameters", []))
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if method == "get"
    ]


def _url(path: str, parameters: list[dict], override: tuple[str, str] | None = None) -> str:
    for p in parameters:
        if p["in"] == "path":
            value = PATH_VALUES.get(p["name"], str(uuid.uuid4()))
            if override and override[0] == p["name"]:
                value = override[1]
            path = path.replace("{" + p["name"] + "}", value)
    return path


def _cases(parameters: list[dict]):
    for p in parameters:
        types, formats = _schema_type(p.get("schema", {}))
        if "integer" in types or "number" in types:
            values = HUGE_INTEGERS
        elif formats & {"date", "date-time"} or ("string" in types and DATE_LOOKING.search(p["name"])):
            values = EXTREME_DATES
        else:
            continue
        for value in values:
            yield p, value


def test_every_get_operation_survives_extreme_values(db, walker):
    started = time.monotonic()
    operations = _operations(walker)
    assert len(operations) > 100
    failures, sent = [], 0
    for path, parameters in operations:
        requests = [(_url(path, parameters), {})]
        for p, value in _cases(parameters):
            if p["in"] == "path":
                requests.append((_url(path, parameters, (p["name"], value)), {}))
            elif p["in"] == "query":
                requests.append((_url(path, parameters), {p["name"]: value}))
        for url, query in requests:
            response = walker.get(url, query)
            sent += 1
            if response.status_code >= 500:
                failures.append(f"{response.status_code} GET {url} {query}")
            elif response.status_code >= 400 and response["Content-Type"].startswith("application/json"):
                body = response.json()
                assert {"code", "message", "details"} <= set(body), (url, query, body)
    assert not failures, "\n".join(failures)
    assert sent > 300
    assert time.monotonic() - started < 120


def test_every_numeric_query_parameter_is_bounded(db, walker):
    """A new list endpoint must bound its numbers at the schema (the walk would find it; this says
    where): every integer query parameter has a maximum."""
    unbounded = [
        f"{path} {p['name']}"
        for path, parameters in _operations(walker)
        for p in parameters
        if p["in"] in ("query", "path")
        and "integer" in _schema_type(p.get("schema", {}))[0]
        and all("maximum" not in option for option in p["schema"].get("anyOf", [p["schema"]]))
    ]
    assert not unbounded, unbounded


def test_bounds_are_what_the_platform_documents():
    assert API_MAX_OFFSET < 2**31 and API_MAX_PAGE < 2**31
    assert DATE_MIN == date(1900, 1, 1) and DATE_MAX == date(2100, 12, 31)


# --- the framework's parsers: a 4xx with the error body, on the API and on the pages --------------

EVIDENCE_ITEMS = "/api/v1/evidence/items"
HTML_FORM = "/evidence/items/new/"


@pytest.fixture
def officer_client(officer):
    return Client(HTTP_AUTHORIZATION=personas.bearer_for(officer))


@pytest.fixture
def officer_browser(officer):
    client = Client()
    client.force_login(officer)
    return client


def _api_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    body = response.json()
    assert body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), "message must be Chinese by default"
    return body


def _page_error(response, status: int) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("text/html")
    assert "error-card" in response.content.decode()


def _multipart(parts: list[str], boundary: str = "B0UNDARY") -> bytes:
    body = "".join(f"--{boundary}\r\n{part}\r\n" for part in parts) + f"--{boundary}--\r\n"
    return body.encode()


def _field(name: str, value: str = "x") -> str:
    return f'Content-Disposition: form-data; name="{name}"\r\n\r\n{value}'


def _file(index: int) -> str:
    return f'Content-Disposition: form-data; name="files"; filename="f{index}.txt"\r\nContent-Type: text/plain\r\n\r\nx'


TOO_MANY_QUERY = {f"p{i}": "1" for i in range(1001)}


def test_too_many_query_parameters_api(officer_client):
    body = _api_error(officer_client.get("/api/v1/me", TOO_MANY_QUERY), 400, "too_many_fields")
    assert body["details"]["limit"] == 1000


def test_too_many_query_parameters_page(officer_browser):
    _page_error(officer_browser.get("/", TOO_MANY_QUERY), 400)


@pytest.mark.parametrize(
    ("case", "content_type", "body", "code"),
    [
        ("missing-boundary", "multipart/form-data", b"--x\r\n\r\n", "malformed_request"),
        (
            "long-part-header",
            "multipart/form-data; boundary=B0UNDARY",
            _multipart([f'Content-Disposition: form-data; name="title"\r\nX-Long: {"a" * 4000}\r\n\r\nx']),
            "malformed_request",
        ),
        (
            "too-many-files",
            "multipart/form-data; boundary=B0UNDARY",
            _multipart([_file(i) for i in range(101)]),
            "too_many_files",
        ),
        (
            "too-many-fields",
            "multipart/form-data; boundary=B0UNDARY",
            _multipart([_field(f"f{i}") for i in range(1001)]),
            "too_many_fields",
        ),
        (
            "too-many-urlencoded",
            "application/x-www-form-urlencoded",
            "&".join(f"f{i}=1" for i in range(1001)),
            "too_many_fields",
        ),
    ],
)
def test_refused_bodies(officer_client, officer_browser, case, content_type, body, code):
    from yrdcollab.platform.audit.models import AuditEntry

    audit_before = AuditEntry.objects.count()
    _api_error(officer_client.post(EVIDENCE_ITEMS, body, content_type=content_type), 400, code)
    _page_error(officer_browser.post(HTML_FORM, body, content_type=content_type), 400)
    assert AuditEntry.objects.count() == audit_before


def test_body_too_large_is_413(officer_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = _api_error(
        officer_client.post(EVIDENCE_ITEMS, "a=" + "x" * 2000, content_type="application/x-www-form-urlencoded"),
        413,
        "request_too_large",
    )
    assert body["details"]["limit_bytes"] == 1000


def test_unreadable_body_is_400(rf):
    from django.http import UnreadablePostError

    from yrdcollab.core.middleware import ApplicationErrorMiddleware, request_error

    assert request_error(UnreadablePostError("connection reset")).status == 400
    response = ApplicationErrorMiddleware(lambda r: None).process_exception(
        rf.get("/transfers/"), UnreadablePostError("connection reset")
    )
    assert response.status_code == 400


def test_unknown_method_is_a_json_405(officer_client):
    response = officer_client.delete("/api/v1/me")
    body = _api_error(response, 405, "method_not_allowed")
    assert body["details"]["allowed"] == ["GET"]
    assert response["Allow"] == "GET"


def test_english_on_request(officer_client):
    response = officer_client.get("/api/v1/me", TOO_MANY_QUERY, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "\u4e00" > max(response.json()["message"])  # no Chinese left


# --- values that used to be stored, and then broke the pages that show them ----------------------


def test_a_roster_dated_9999_is_refused_before_it_is_stored(db):
    from yrdcollab.core.errors import InvalidInput
    from yrdcollab.field.duty.models import Roster
    from yrdcollab.field.duty.services.rosters import RosterInput, roster_create
    from yrdcollab.testing import duty as factories

    manager = factories.user_with_certificate("squad_leader", "qingpu", "x_qp_squad")
    client = Client(HTTP_AUTHORIZATION=personas.bearer_for(manager))
    body = {"name": "远期勤务", "kind": "border", "starts_on": "9999-12-25", "ends_on": "9999-12-31"}
    response = client.post("/api/v1/duty/rosters", body, content_type="application/json")
    body = _api_error(response, 422, "invalid_input")
    assert {e["type"] for e in body["details"]["errors"]} == {"date_out_of_range"}
    # the page's form reaches the same service
    with pytest.raises(InvalidInput) as refused:
        roster_create(
            actor=manager,
            data=RosterInput(name="远期勤务", kind="border", starts_on=date(9999, 12, 25), ends_on=date(9999, 12, 31)),
        )
    assert refused.value.code == "date_out_of_range" and refused.value.details["field"] == "starts_on"
    assert not Roster.objects.filter(name="远期勤务").exists()


@pytest.mark.parametrize("field", ["audience_type", "provinces", "agencies", "kind", "title", "requires_ack"])
def test_a_bulletin_patch_may_leave_out_but_not_null_its_audience(officer_client, field):
    response = officer_client.patch(f"/api/v1/bulletins/{uuid.uuid4()}", {field: None}, content_type="application/json")
    body = _api_error(response, 422, "invalid_input")
    assert body["details"]["errors"][0]["type"] == "null_not_allowed"


@pytest.mark.parametrize(
    "value", ["9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59", "2026-11-27T08:00:00+15:00"]
)
def test_body_datetimes_out_of_range_are_422(officer_client, value):
    """Every InputSchema bounds its dates; a multipart form (Form[...]) too."""
    response = officer_client.post(
        EVIDENCE_ITEMS,
        {
            "subject_kind": "transfer",
            "subject_id": str(uuid.uuid4()),
            "kind": "photo",
            "title": "t",
            "collected_by": "c",
            "collected_at": value,
            "collected_place": "p",
            "collection_method": "m",
        },
    )
    body = _api_error(response, 422, "invalid_input")
    types = {e["type"] for e in body["details"]["errors"] if e["loc"][-1] == "collected_at"}
    assert types and types <= {"date_out_of_range", "utc_offset_out_of_range"}, body


def test_huge_integers_in_bodies_are_422(officer_client):
    response = officer_client.post(
        "/api/v1/events/",
        {"name": "x", "level": "major", "starts_on": "2026-11-27", "ends_on": "2026-11-28", "response_minutes": 2**63},
        content_type="application/json",
    )
    assert response.status_code in (403, 422)  # the officer may not create events; never a 500


def test_html_date_filters_ignore_or_refuse_extreme_dates(officer_browser):
    for url in (
        "/credit/exchange/changes.csv?since=0001-01-01",
        "/audit/?date_from=0001-01-01&date_to=9999-12-31",
        "/calendar/calculate/?start=9999-12-31&period=三日",
        "/calendar/calculate/?start=0001-01-01&period=三日",
        "/open311/v2/requests.json?start_date=9999-12-31T23:59:59-23:59",
        "/open311/v2/requests.json?end_date=0001-01-01T00:00:00%2B23:59",
    ):
        assert officer_browser.get(url).status_code < 500, url
