"""The "transfer" subject kind other apps (evidence, supervision) point at."""

from django.urls import reverse

from yrdcollab.casework.collaboration.visibility import may_act_for

from .selectors import access_transfer
from .states import TERMINAL


def access(actor, public_id):
    return access_transfer(actor=actor, public_id=public_id)


def may_attach(actor, transfer) -> bool:
    """Handlers of the sending or receiving agency, while the clue is still open."""
    if transfer.status in TERMINAL:
        return False
    return may_act_for(actor, transfer.sender_id) or may_act_for(actor, transfer.receiver_id)


def url(transfer) -> str:
    return reverse("transfers:detail", args=[transfer.public_id])
