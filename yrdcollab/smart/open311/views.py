"""GeoReport v2 endpoints. Outside /api/v1: their own formats (.json/.xml), their own errors (a list
of {code, description}) and their own auth (api_key for POST; GETs are public per the spec), with
rate limits per key and per client address. Never a 500 for bad input."""

import logging
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from yrdcollab.core.errors import ApplicationError, RateLimited
from yrdcollab.platform.accounts.ratelimit import client_ip, enforce

from . import selectors, services
from .conf import SETTINGS
from .formats import Open311Error, render_errors, render_list, render_object
from .keys import api_key_check
from .serializers import created_out, request_out, service_definition_out, service_out

logger = logging.getLogger("yrdcollab.smart.open311")


def _limit(scope: str, ident: str, rate: tuple[int, int]) -> None:
    limit, window = rate
    enforce(scope, ident, limit=limit, window=window)


def open311_endpoint(view):
    @wraps(view)
    def wrapper(request, *args, fmt: str, **kwargs):
        try:
            if request.method == "GET":
                _limit("open311_get", client_ip(request), SETTINGS.YRD_OPEN311_GET_RATE)
            if request.method == "GET" and request.GET.get("jurisdiction_id", "").strip():
                selectors.division_for_jurisdiction(request.GET["jurisdiction_id"])
            return view(request, *args, fmt=fmt, **kwargs)
        except Open311Error as exc:
            return render_errors(fmt, [exc])
        except RateLimited:
            return render_errors(fmt, [Open311Error(429, _("请求过于频繁，请稍后再试。"))])
        except RequestDataTooBig:
            return render_errors(fmt, [Open311Error(413, _("请求体过大。"))])
        except MultiPartParserError:
            return render_errors(fmt, [Open311Error(400, _("请求体无法解析。"))])
        except ApplicationError as exc:
            return render_errors(fmt, [Open311Error(400, str(exc.message))])

    return login_not_required(wrapper)


@require_GET
@open311_endpoint
def services_index(request, fmt: str):
    return render_list(fmt, "services", "service", [service_out(m) for m in selectors.services_list()])


@require_GET
@open311_endpoint
def service_definition(request, code: str, fmt: str):
    matter = selectors.service_for_code(code)
    if matter is None:
        raise Open311Error(404, _("service_code %(c)s 不存在。") % {"c": code[:16]})
    return render_object(fmt, "service_definition", service_definition_out(matter))


def _post_request(request, fmt: str):
    _limit("open311_post_ip", client_ip(request), SETTINGS.YRD_OPEN311_POST_IP_RATE)
    key = api_key_check(request.POST.get("api_key", ""))
    if key is None:
        raise Open311Error(403, _("api_key 无效，无法创建服务请求。"))
    _limit("open311_post_key", key.prefix, SETTINGS.YRD_OPEN311_POST_RATE)
    created = services.service_request_create(api_key=key, fields=services.RequestFields.from_post(request.POST))
    return render_list(fmt, "service_requests", "request", [created_out(created)])


@csrf_exempt
@require_http_methods(["GET", "POST"])
@open311_endpoint
def requests_index(request, fmt: str):
    if request.method == "POST":
        return _post_request(request, fmt)
    params = {
        name: request.GET.get(name, "")[:20_000]
        for name in ("service_request_id", "service_code", "start_date", "end_date", "status", "jurisdiction_id")
    }
    rows = selectors.service_requests_query(**params)
    return render_list(fmt, "service_requests", "request", [request_out(r) for r in rows])


@require_GET
@open311_endpoint
def request_detail(request, request_id: str, fmt: str):
    return render_list(fmt, "service_requests", "request", [request_out(selectors.service_request_get(request_id))])
