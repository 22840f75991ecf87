"""Maps ApplicationError to Django's HTML error pages for the accounts views."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404

from yrdcollab.core.errors import ApplicationError, NotFound, PermissionDenied


def raise_http(exc: ApplicationError):
    """NotFound → the 404 page, PermissionDenied → the 403 page; anything else propagates."""
    if isinstance(exc, NotFound):
        raise Http404 from exc
    if isinstance(exc, PermissionDenied):
        raise DjangoPermissionDenied from exc
    raise exc
