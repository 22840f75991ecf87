"""Every API call a test makes is held against the published OpenAPI document.

A pytest plugin (registered by the root conftest): while a test runs, each request of Django's test
client under /api/v1/ is recorded; when the test ends, each exchange must match the document:

* the operation (method and path) is published;
* the status is one the operation documents;
* a JSON response body validates against the schema documented for that status;
* a JSON request body that the server accepted (2xx) validates against the request schema.

So the whole suite's real traffic checks that the document tells the truth, and a test whose call
disagrees with it fails with the mismatch. A test that must make a call outside the document on
purpose says why with `@pytest.mark.openapi_exempt("why")`."""

import json
import re
from dataclasses import dataclass
from functools import cache

import jsonschema_rs
import pytest
from django.test import Client

API_PREFIX = "/api/v1/"
DOCUMENT_PATHS = frozenset({"/api/v1/openapi.json", "/api/v1/docs"})  # the document itself
_PARAMETER = re.compile(r"\{[^}]+\}")


@dataclass(frozen=True)
class ApiExchange:
    method: str
    path: str
    request_type: str
    request_body: bytes
    status: int
    response_type: str
    response_body: bytes

    @classmethod
    def of(cls, request: dict, response) -> "ApiExchange":
        try:
            body = response.wsgi_request.body
        except Exception:  # a multipart body already read as a stream
            body = b""
        streamed = getattr(response, "streaming", False)
        return cls(
            method=request["REQUEST_METHOD"].upper(),
            path=request["PATH_INFO"],
            request_type=request.get("CONTENT_TYPE", "").split(";")[0].strip(),
            request_body=body,
            status=response.status_code,
            response_type=response.get("Content-Type", "").split(";")[0].strip(),
            response_body=b"" if streamed else response.content,
        )


class PublishedDocument:
    def __init__(self, document: dict):
        self.document = document
        self.components = document.get("components", {})
        # The most literal template first, so /transfers/suggest wins over /transfers/{id}.
        templates = sorted(document["paths"], key=lambda t: (-len(_PARAMETER.sub("", t)), t))
        self.routes = [(self._pattern(t), t) for t in templates]

    @staticmethod
    def _pattern(template: str) -> re.Pattern:
        parts = _PARAMETER.split(template)
        return re.compile("^" + "[^/]+".join(re.escape(p) for p in parts) + "$")

    def operation(self, method: str, path: str) -> tuple[str, dict | None] | None:
        """(template, operation) of the request; the operation is None when the path is published but
        not with this method."""
        matches = [template for pattern, template in self.routes if pattern.match(path)]
        for template in matches:
            operation = self.document["paths"][template].get(method.lower())
            if operation is not None:
                return template, operation
        return (matches[0], None) if matches else None

    @cache  # noqa: B019 — one document per session
    def validator(self, pointer: str):
        schema = self._resolve(pointer)
        return jsonschema_rs.validator_for({**schema, "components": self.components}, validate_formats=True)

    def _resolve(self, pointer: str) -> dict:
        node: object = self.document
        for part in pointer.split("/")[1:]:
            node = node[part.replace("~1", "/").replace("~0", "~")]  # type: ignore[index]
        assert isinstance(node, dict)
        return node

    def problems(self, exchange: ApiExchange) -> list[str]:
        found = self.operation(exchange.method, exchange.path)
        where = f"{exchange.method} {exchange.path} → {exchange.status}"
        if found is None:
            return [f"{where}: the operation is not in the published document"]
        template, operation = found
        if operation is None:
            if exchange.status != 405:
                return [f"{where}: the method is not published for this path, and the answer is not 405"]
            return self._check("#/components/schemas/ErrorOut", exchange.response_body, f"{where} response")
        base = "#/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + exchange.method.lower()
        problems = []
        documented = operation.get("responses", {})
        if str(exchange.status) not in documented:
            problems.append(f"{where}: status not documented (documented: {', '.join(sorted(documented))})")
        else:
            content = documented[str(exchange.status)].get("content", {})
            if exchange.response_type == "application/json" and exchange.response_body:
                if "application/json" not in content:
                    problems.append(f"{where}: a JSON body where the document has none")
                else:
                    pointer = f"{base}/responses/{exchange.status}/content/application~1json/schema"
                    problems += self._check(pointer, exchange.response_body, f"{where} response")
        if 200 <= exchange.status < 300 and exchange.request_type == "application/json" and _has_content(exchange):
            if "application/json" not in operation.get("requestBody", {}).get("content", {}):
                problems.append(f"{where}: a JSON request body where the document takes none")
            else:
                pointer = f"{base}/requestBody/content/application~1json/schema"
                problems += self._check(pointer, exchange.request_body, f"{where} request")
        return problems

    def _check(self, pointer: str, body: bytes, what: str) -> list[str]:
        try:
            instance = json.loads(body)
        except ValueError:
            return [f"{what}: not JSON"]
        return [
            f"{what}: {'/'.join(str(p) for p in error.instance_path) or '(body)'}: {error.message}"
            for error in self.validator(pointer).iter_errors(instance)
        ][:5]


def _has_content(exchange: ApiExchange) -> bool:
    """An empty JSON object sent to an operation without a body is nothing, as an empty body is."""
    return exchange.request_body.strip() not in (b"", b"{}")


@cache
def published_document() -> PublishedDocument:
    from config.api import api

    return PublishedDocument(json.loads(json.dumps(api.get_openapi_schema())))


def pytest_configure(config):
    config.addinivalue_line("markers", "openapi_exempt(reason): calls that leave the published API document")


@pytest.fixture(autouse=True)
def openapi_conformance(request, monkeypatch):
    if request.node.get_closest_marker("openapi_exempt"):
        yield
        return
    exchanges: list[ApiExchange] = []
    original = Client.request

    def recording(self, **wsgi):
        response = original(self, **wsgi)
        path = wsgi.get("PATH_INFO", "")
        if path.startswith(API_PREFIX) and path not in DOCUMENT_PATHS:
            exchanges.append(ApiExchange.of(wsgi, response))
        return response

    monkeypatch.setattr(Client, "request", recording)
    yield
    if not exchanges:
        return
    document = published_document()
    problems = [problem for exchange in exchanges for problem in document.problems(exchange)]
    if problems:
        pytest.fail("the API answered outside its published document:\n  " + "\n  ".join(problems[:20]), False)
