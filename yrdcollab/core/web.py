"""What every HTML view shares: one page size, paging, choice parameters from the query string, a
form that calls one service, and a button that calls one service.

A refused action (bad input, an illegal move) comes back to the same page — as a form error or a
message; "not found" and "not allowed" go to the error page instead (ApplicationErrorMiddleware), so a
page never hints at what the user may not see."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils.translation import gettext

from .errors import ApplicationError, NotFound, PermissionDenied

PAGE_SIZE = 30  # rows of an HTML list page (lists on phones stay short enough to scroll)


def paginate(request, rows, *, per_page: int = PAGE_SIZE) -> Page:
    """The page the query string asks for (?page=N); out-of-range or garbage gives the nearest page."""
    return Paginator(rows, per_page).get_page(request.GET.get("page"))


def choice_param(request, name: str, choices, default: str = "") -> str:
    """A query parameter that must be one of `choices` (a TextChoices class, or values); anything
    else (absent, unknown, overlong) is the default — a filter never fails a page."""
    value = request.GET.get(name, default)
    allowed = getattr(choices, "values", choices)
    return value if value in allowed else default


def text_param(request, name: str, *, max_length: int = 64) -> str:
    """A free-text query parameter, stripped and cut to `max_length`."""
    return request.GET.get(name, "").strip()[:max_length]


def form_submit(
    request,
    form,
    template: str,
    context: dict,
    call: Callable[[dict], Any],
    *,
    on_error: Callable[[ApplicationError, dict], dict] | None = None,
):
    """Validates `form` and runs `call(cleaned_data)`. Returns (result, None) on success, or
    (None, response) with the form re-rendered: 422 for invalid fields, the service error's status
    with its message on the field it names. `on_error` may add context for a service error."""
    if not form.is_valid():
        return None, render(request, template, {**context, "form": form}, status=422)
    try:
        return call(form.cleaned_data), None
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        field = exc.details.get("field", "")
        form.add_error(field if field in form.fields else None, str(exc.message))
        if on_error is not None:
            context = on_error(exc, context)
        return None, render(request, template, {**context, "form": form}, status=exc.status)


def action_done(request, label: str) -> None:
    """The one success message of a workflow action on every page: 已完成“签收”。 (issue #15 item 6: the
    platform said 操作成功：…, 已办理：…, 已完成：… and 已办理。 for the same thing)."""
    messages.success(request, gettext("已完成“%(action)s”。") % {"action": label})


def page_action(request, call: Callable[[], object]) -> bool:
    """Runs `call`; True when it succeeded, False when its refusal was put on the page as a message."""
    try:
        call()
    except (NotFound, PermissionDenied):
        raise
    except ApplicationError as exc:
        messages.error(request, str(exc.message))
        return False
    return True
