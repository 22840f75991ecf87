"""The "assistance" subject kind other apps (evidence, supervision) point at."""

from django.urls import reverse

from .selectors import access_assistance, assistance_side_of
from .states import CLOSED


def access(actor, public_id):
    return access_assistance(actor=actor, public_id=public_id)


def may_attach(actor, request) -> bool:
    """Handlers of the requesting or responding agency, while the request is still open."""
    return request.status not in CLOSED and assistance_side_of(actor, request) is not None


def url(request) -> str:
    return reverse("assistance:detail", args=[request.public_id])
