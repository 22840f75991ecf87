"""The published OpenAPI document tells the truth about names and errors (issue #13 item 3).

That every call of the test suite matches the document is checked by the conformance plugin
(`testing/openapi_conformance.py`) on every test; here: the document itself."""

import json

import pytest
from django.test import Client
from ninja import NinjaAPI, Router, Schema

from config.api import api
from yrdcollab.core.openapi import SchemaNameCollision, StrictOpenAPISchema


def _document() -> dict:
    return json.loads(json.dumps(api.get_openapi_schema()))  # as published: string status codes


def _body_schema(document: dict, path: str, method: str = "post") -> dict:
    ref = document["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    return document["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def test_a_second_class_of_the_same_name_is_refused():
    first, second = Router(), Router()

    class NoteIn(Schema):
        note: str

    @first.post("/a")
    def a(request, payload: NoteIn):
        return {}

    class NoteIn(Schema):  # type: ignore[no-redef]  # the same name, another shape
        ground: str
        reason: str

    @second.post("/b")
    def b(request, payload: NoteIn):
        return {}

    toy = NinjaAPI(urls_namespace="collision-test")
    toy.add_router("/one/", first)
    toy.add_router("/two/", second)
    with pytest.raises(SchemaNameCollision, match="NoteIn"):
        StrictOpenAPISchema(toy, "/")


def test_the_credit_record_withdraw_body_is_published_as_the_server_reads_it():
    """It was published as the bulletin's `{note}` while the server required `{ground, reason}`."""
    document = _document()
    schema = _body_schema(document, "/api/v1/credit/records/{record_id}/withdraw")
    assert set(schema["properties"]) == {"ground", "reason"}
    assert set(schema["required"]) == {"ground", "reason"}
    assert set(document["components"]["schemas"]["BulletinWithdrawIn"]["properties"]) == {"reason"}


def test_every_operation_documents_its_error_responses_with_the_error_body():
    document = _document()
    error_ref = "#/components/schemas/ErrorOut"
    assert set(document["components"]["schemas"]["ErrorOut"]["properties"]) == {"code", "message", "details"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"400", "404", "422", "429", "500"}
            if operation.get("security"):
                expected |= {"401", "403"}
            if method in ("post", "put", "patch", "delete"):
                expected |= {"409", "413"}
            missing = expected - set(responses)
            assert not missing, f"{method.upper()} {path} does not document {sorted(missing)}"
            for status in expected:
                schema = responses[status].get("content", {}).get("application/json", {}).get("schema", {})
                assert schema.get("$ref") == error_ref, f"{method.upper()} {path} {status} is not the error body"


def test_the_document_is_served_and_names_each_operation_once(db):
    served = Client().get("/api/v1/openapi.json")
    assert served.status_code == 200
    operation_ids = [op["operationId"] for ops in served.json()["paths"].values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids))
