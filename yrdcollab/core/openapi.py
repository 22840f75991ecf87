"""The published OpenAPI document: one name per schema, and the error responses of every operation.

ninja merges the JSON-schema definitions of every operation into `components.schemas` by class
name, so two classes of one name overwrite each other without a word (the credit-record withdraw
body was once published as the bulletin's `{note}`). `StrictOpenAPISchema` refuses such a document
when it is built, and documents the error body (`core.schemas.ErrorOut`) under every status an
operation can answer besides its own (`config/api.py` maps the exceptions to those statuses)."""

from ninja.openapi.schema import REF_TEMPLATE, OpenAPISchema

from .schemas import ErrorOut

ERROR_SCHEMA_NAME = "ErrorOut"

# status → description, in the order a reader meets them.
ERROR_DESCRIPTIONS = {
    400: "请求格式错误（无法解析的 JSON、损坏的 multipart 等） / Malformed request",
    401: "未登录或凭证无效 / Not authenticated",
    403: "无权执行此操作 / Permission denied",
    404: "对象不存在或无权查看 / Not found (or not visible to you)",
    409: "状态不允许此操作或与现有数据冲突 / Conflict or invalid transition",
    413: "请求体或文件过大 / Request body too large",
    422: "输入内容有误 / Invalid input",
    429: "请求过于频繁（见 Retry-After） / Rate limited (see Retry-After)",
    500: "服务器内部错误（已记录） / Internal error (logged)",
}
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class SchemaNameCollision(Exception):
    """Two different schema classes publish under one component name; rename one of them."""


def error_statuses(*, methods: set[str], authenticated: bool, has_path_params: bool) -> list[int]:
    """The error statuses an operation can answer. Every one: a malformed or invalid request, an
    object it names (in the path, the query or the body) that is missing or not visible (404), the
    rate limit, and the generic 500. An authenticated one: 401 and 403. A write: a body too large
    (413) and a state that forbids it (409); a read of one object can meet 409 too (a transfer's
    letter before it is sent)."""
    statuses = [400, 404, 422, 429, 500]
    if authenticated:
        statuses += [401, 403]
    if methods & WRITE_METHODS:
        statuses += [409, 413]
    elif has_path_params:
        statuses.append(409)
    return sorted(statuses)


class StrictOpenAPISchema(OpenAPISchema):
    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                raise SchemaNameCollision(
                    f"two schema classes publish as {name!r}: properties {sorted(known.get('properties', {}))} "
                    f"and {sorted(definition.get('properties', {}))}; give one of them a distinct class name"
                )
        super().add_schema_definitions(definitions)

    def responses(self, operation) -> dict:
        result = super().responses(operation)
        self.schemas.setdefault(
            ERROR_SCHEMA_NAME, ErrorOut.model_json_schema(ref_template=REF_TEMPLATE, mode="serialization")
        )
        error_content = {
            self.api.renderer.media_type: {"schema": {"$ref": REF_TEMPLATE.format(model=ERROR_SCHEMA_NAME)}}
        }
        parameters = self.operation_parameters(operation)
        statuses = error_statuses(
            methods=set(operation.methods),
            authenticated=bool(operation.auth_callbacks),
            has_path_params=any(p.get("in") == "path" for p in parameters),
        )
        for status in statuses:
            result.setdefault(status, {"description": ERROR_DESCRIPTIONS[status], "content": error_content})
        return result
