"""What the bulletin page and the API show of one bulletin, including the moves open to the actor
(from the transition table, filtered by permission)."""

from dataclasses import dataclass

from .audience import audience_label
from .models import Bulletin, BulletinRecipient
from .permissions import is_issuer, may_acknowledge, may_manage, may_view_receipts
from .selectors import receipt_of, receipts_of
from .states import TRANSITIONS, BulletinAction, BulletinStatus


def bulletin_actions(*, actor, bulletin, receipt) -> dict:
    """What the actor may do now — the page shows only these buttons."""
    manage = may_manage(actor, bulletin)
    return {
        "edit": manage and TRANSITIONS.allows(bulletin.status, BulletinAction.EDIT),
        "publish": manage and TRANSITIONS.allows(bulletin.status, BulletinAction.PUBLISH),
        "withdraw": manage and TRANSITIONS.allows(bulletin.status, BulletinAction.WITHDRAW),
        "acknowledge": bool(
            receipt
            and bulletin.requires_ack
            and receipt.acknowledged_at is None
            and may_acknowledge(actor)
            and TRANSITIONS.allows(bulletin.status, BulletinAction.ACKNOWLEDGE)
        ),
        "receipts": may_view_receipts(actor, bulletin) and bulletin.status != BulletinStatus.DRAFT,
    }


@dataclass(frozen=True)
class BulletinView:
    bulletin: Bulletin
    attachments: list
    receipt: BulletinRecipient | None
    actions: dict
    receipts: dict | None
    is_issuer: bool
    consequences: dict  # action → what the confirmation dialog says (states.TRANSITIONS)
    audience: str  # whom publishing or withdrawing reaches (for the dialog; "" when neither is offered)


def bulletin_view(*, actor, bulletin) -> BulletinView:
    """Everything the detail page shows, for a bulletin the actor already has (see bulletin_get)."""
    receipt = receipt_of(actor=actor, bulletin=bulletin)
    actions = bulletin_actions(actor=actor, bulletin=bulletin, receipt=receipt)
    return BulletinView(
        bulletin=bulletin,
        attachments=list(bulletin.attachments.all()),
        receipt=receipt,
        actions=actions,
        receipts=receipts_of(bulletin) if actions["receipts"] else None,
        is_issuer=is_issuer(actor, bulletin),
        consequences=TRANSITIONS.consequences(),
        audience=audience_label(bulletin) if actions["publish"] or actions["withdraw"] else "",
    )
