"""The one NinjaAPI at /api/v1/: authentication, error mapping, and the routers of every app."""

import logging
import math

from django.http import Http404
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.renderers import JSONRenderer

from yrdcollab.core.errors import ApplicationError, RateLimited
from yrdcollab.core.middleware import REQUEST_PARSER_ERRORS, request_error
from yrdcollab.core.openapi import StrictOpenAPISchema
from yrdcollab.platform.accounts.auth import BearerTokenAuth, SessionUserAuth

logger = logging.getLogger("yrdcollab.api")


class Utf8JSONRenderer(JSONRenderer):
    """Chinese text as UTF-8, not \\u escapes: smaller, and readable in logs and curl."""

    json_dumps_params = {"ensure_ascii": False}


class YrdNinjaAPI(NinjaAPI):
    """Publishes a document with one name per schema and the error responses of every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return StrictOpenAPISchema(self, path_prefix)


api = YrdNinjaAPI(
    renderer=Utf8JSONRenderer(),
    title="长三角城管执法协作平台 API",
    version="1.0.0",
    description="YRD urban-management enforcement collaboration platform — REST API v1. "
    "Authenticate with a personal token (`Authorization: Bearer yrd_…`) or a browser session.",
    auth=[BearerTokenAuth(), SessionUserAuth()],
    urls_namespace="api-v1",
)


def _error(request, status: int, code: str, message, details: dict | None = None):
    return api.create_response(
        request, {"code": code, "message": str(message), "details": details or {}}, status=status
    )


@api.exception_handler(ApplicationError)
def on_application_error(request, exc: ApplicationError):
    return _error(request, exc.status, exc.code, exc.message, exc.details)


@api.exception_handler(RateLimited)
def on_rate_limited(request, exc: RateLimited):
    """As any ApplicationError, plus the `Retry-After` header when the refusal says when to retry."""
    response = on_application_error(request, exc)
    if exc.retry_after_seconds is not None:
        response["Retry-After"] = str(exc.retry_after_seconds)
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors = [
        {"loc": [str(part) for part in err.get("loc", [])], "type": err.get("type", ""), "msg": err.get("msg", "")}
        for err in exc.errors
    ]
    return _error(request, 422, "invalid_input", _("输入内容有误，请检查后重试。"), {"errors": errors})


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _error(request, 401, "not_authenticated", _("未登录或凭证无效。"))


@api.exception_handler(Throttled)
def on_throttled(request, exc):
    """ninja's own throttles (login and token endpoints): the same body and header as RateLimited."""
    wait = max(1, math.ceil(exc.wait)) if getattr(exc, "wait", None) else None
    response = _error(
        request, 429, "rate_limited", _("请求过于频繁，请稍后再试。"), {"retry_after_seconds": wait} if wait else {}
    )
    if wait:
        response["Retry-After"] = str(wait)
    return response


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return _error(request, 404, "not_found", _("对象不存在或您无权查看。"))


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    if exc.status_code == 400:
        return _error(request, 400, "malformed_request", _("请求格式错误（无法解析的 JSON 等）。"))
    return _error(request, exc.status_code, "http_error", exc.message)


def on_request_error(request, exc):
    """What Django's parsers refuse — a body too large (413), too many fields or files, a broken
    multipart body, an unreadable body — is the client's: 4xx with the error body, as on the HTML
    side (core.middleware.request_error is the one mapping)."""
    error = request_error(exc)
    if error is None:  # pragma: no cover — registered only for the classes request_error maps
        return on_unexpected(request, exc)
    return _error(request, error.status, error.code, error.message, error.details)


for _parser_error in REQUEST_PARSER_ERRORS:
    api.add_exception_handler(_parser_error, on_request_error)


@api.exception_handler(Exception)
def on_unexpected(request, exc):
    logger.exception("unhandled API error")
    return _error(request, 500, "internal_error", _("服务器内部错误，请联系平台管理员。"))


def _register_routers() -> None:
    from yrdcollab.casework.assistance.api import router as assistance_router
    from yrdcollab.casework.bulletins.api import router as bulletins_router
    from yrdcollab.casework.evidence.api import router as evidence_router
    from yrdcollab.casework.recognition.api import router as recognition_router
    from yrdcollab.casework.supervision.api import router as supervision_router
    from yrdcollab.casework.transfers.api import router as transfers_router
    from yrdcollab.command.cockpit.api import router as cockpit_router
    from yrdcollab.command.evaluation.api import router as evaluation_router
    from yrdcollab.command.workbench.api import router as workbench_router
    from yrdcollab.credit.api import router as credit_router
    from yrdcollab.field.duty.api import router as duty_router
    from yrdcollab.field.events.api import router as events_router
    from yrdcollab.field.operations.api import router as operations_router
    from yrdcollab.platform.accounts.api import router as accounts_router
    from yrdcollab.platform.assignments.api import router as assignments_router
    from yrdcollab.platform.audit.api import router as audit_router
    from yrdcollab.platform.catalogue.api import router as catalogue_router
    from yrdcollab.platform.directory.api import router as directory_router
    from yrdcollab.platform.exports.api import router as exports_router
    from yrdcollab.platform.geo.api import router as geo_router
    from yrdcollab.platform.notifications.api import router as notifications_router
    from yrdcollab.platform.parties.api import router as parties_router
    from yrdcollab.platform.workdays.api import router as workdays_router
    from yrdcollab.portal.api import router as portal_router
    from yrdcollab.portal.search.api import router as search_router
    from yrdcollab.smart.fleet.api import router as fleet_router
    from yrdcollab.smart.sensing.api import router as sensing_router

    api.add_router("/", portal_router)
    api.add_router("/search", search_router)
    api.add_router("/directory/", directory_router)
    api.add_router("/accounts/", accounts_router)
    api.add_router("/audit/", audit_router)
    api.add_router("/notifications/", notifications_router)
    api.add_router("/calendar/", workdays_router)
    api.add_router("/matters/", catalogue_router)
    api.add_router("/parties/", parties_router)
    api.add_router("/evidence/", evidence_router)
    api.add_router("/transfers/", transfers_router)
    api.add_router("/assistance/", assistance_router)
    api.add_router("/recognition/", recognition_router)
    api.add_router("/bulletins/", bulletins_router)
    api.add_router("/supervision/", supervision_router)
    api.add_router("/credit/", credit_router)
    api.add_router("/geo/", geo_router)
    api.add_router("/sensing/", sensing_router)
    api.add_router("/fleet/", fleet_router)
    api.add_router("/operations/", operations_router)
    api.add_router("/duty/", duty_router)
    api.add_router("/events/", events_router)
    api.add_router("/workbench/", workbench_router)
    api.add_router("/cockpit/", cockpit_router)
    api.add_router("/evaluation/", evaluation_router)
    api.add_router("/assignments/", assignments_router)
    api.add_router("/exports/", exports_router)


_register_routers()
