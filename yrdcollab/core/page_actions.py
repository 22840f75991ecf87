"""Buttons on a page that call one service: a refused action (bad input, an illegal move) comes back
to the same page as an error message; "not found" and "not allowed" go to the error page instead
(ApplicationErrorMiddleware), so a page never hints at what the user may not see."""

from collections.abc import Callable

from django.contrib import messages

from .errors import ApplicationError, NotFound, PermissionDenied


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
