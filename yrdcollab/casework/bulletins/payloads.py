"""Bulletins as the API returns them (reads only; the endpoints stay free of ORM calls)."""

from .audience import audience_label
from .models import AudienceType
from .presenters import bulletin_actions
from .selectors import receipt_of


def agency_ref(agency) -> dict:
    return {"id": agency.public_id, "name": agency.name}


def _name(user) -> str | None:
    return user.get_full_name() if user else None


def receipt_payload(row) -> dict:
    return {
        "agency": agency_ref(row.agency),
        "read_at": row.read_at,
        "read_by": _name(row.read_by),
        "acknowledged_at": row.acknowledged_at,
        "acknowledged_by": _name(row.acknowledged_by),
        "ack_note": row.ack_note,
        "ack_late": row.ack_late,
        "overdue": getattr(row, "overdue", False),
    }


def attachment_payload(attachment) -> dict:
    return {
        "sha256": attachment.sha256,
        "name": attachment.display_name,
        "size": attachment.size,
        "content_type": attachment.content_type,
        "uploaded_at": attachment.uploaded_at,
    }


def summary_payload(bulletin) -> dict:
    received = bool(getattr(bulletin, "is_received", False))
    return {
        "id": bulletin.public_id,
        "doc_number": bulletin.doc_number,
        "kind": bulletin.kind,
        "title": bulletin.title,
        "status": bulletin.status,
        "issuer": agency_ref(bulletin.issuer),
        "published_at": bulletin.published_at,
        "requires_ack": bulletin.requires_ack,
        "ack_due_on": bulletin.ack_due_on,
        "received": received,
        "read": bulletin.my_read_at is not None if received else None,
        "acknowledged": bulletin.my_acknowledged_at is not None if received else None,
    }


_UNKNOWN = object()


def bulletin_payload(*, actor, bulletin, receipt=_UNKNOWN) -> dict:
    """One bulletin as the actor sees it. The actor's agency's receipt: `receipt`, or the one the
    service that returned the bulletin had in hand (`my_receipt`; None: it has none), else read."""
    if receipt is _UNKNOWN:
        receipt = vars(bulletin).get("my_receipt", _UNKNOWN)
    if receipt is _UNKNOWN:
        receipt = receipt_of(actor=actor, bulletin=bulletin)
    return {
        "id": bulletin.public_id,
        "doc_number": bulletin.doc_number,
        "kind": bulletin.kind,
        "title": bulletin.title,
        "body": bulletin.body,
        "status": bulletin.status,
        "issuer": agency_ref(bulletin.issuer),
        "audience_type": bulletin.audience_type,
        "audience": audience_label(bulletin),
        "provinces": list(bulletin.audience_provinces or []),
        "zone": bulletin.audience_zone.kind if bulletin.audience_zone_id else "",
        "agencies": [agency_ref(a) for a in bulletin.audience_agencies.order_by("division_id", "name")]
        if bulletin.audience_type == AudienceType.AGENCIES
        else [],  # only a list audience names agencies
        "requires_ack": bulletin.requires_ack,
        "ack_due_on": bulletin.ack_due_on,
        "created_at": bulletin.created_at,
        "published_at": bulletin.published_at,
        "withdrawn_at": bulletin.withdrawn_at,
        "withdraw_reason": bulletin.withdraw_reason,
        "attachments": [attachment_payload(a) for a in bulletin.attachments.all()],
        "my_receipt": receipt_payload(receipt) if receipt else None,
        "actions": bulletin_actions(actor=actor, bulletin=bulletin, receipt=receipt),
    }


def receipts_payload(receipts: dict) -> dict:
    bulletin = receipts["bulletin"]
    return {
        "bulletin": bulletin.public_id,
        "requires_ack": bulletin.requires_ack,
        "ack_due_on": bulletin.ack_due_on,
        "counts": receipts["counts"],
        "receipts": [receipt_payload(r) for r in receipts["rows"]],
        "not_read": [agency_ref(a) for a in receipts["not_read"]],
        "not_acknowledged": [agency_ref(a) for a in receipts["not_acknowledged"]],
        "overdue": [agency_ref(a) for a in receipts["overdue"]],
    }
