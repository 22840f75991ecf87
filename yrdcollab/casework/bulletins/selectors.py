"""Reads of bulletins, scoped to the actor. A bulletin is visible to the agencies that received it,
to its issuing agency (drafts included) and to the command centre (anything published); for everyone
else it does not exist (404)."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidInput, NotFound, PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.directory.models import Agency, Division, DivisionLevel, Zone
from yrdcollab.platform.directory.selectors import AgencyFilters, agency_search

from .files import SHA256_PATTERN
from .models import Bulletin, BulletinAttachment, BulletinKind, BulletinRecipient
from .permissions import may_draft, may_view_receipts
from .states import BulletinStatus

BOXES = ("all", "received", "to_acknowledge", "issued")  # to_acknowledge: received, asked to confirm, not yet


def bulletins_visible_to(actor) -> QuerySet[Bulletin]:
    """The issuing agency (drafts included), the receiving agencies and the command centre
    (published ones): BulletinQuerySet.visible_to."""
    return Bulletin.objects.visible_to(actor)


def bulletin_get(*, actor, public_id) -> Bulletin:
    return get_by_public_id(
        bulletins_visible_to(actor).select_related("issuer", "audience_zone", "published_by"), public_id
    )


def bulletin_get_for_update(*, actor, public_id) -> Bulletin:
    """The bulletin the actor may see, locked for a move (inside the caller's transaction): the scoped
    look-up (404), the row lock (of the bulletin only) and its related rows, in one query."""
    return get_by_public_id(
        bulletins_visible_to(actor)
        .select_related("issuer", "audience_zone", "published_by")
        .select_for_update(of=("self",)),
        public_id,
    )


def bulletin_list_for(*, actor, box: str = "all", kind: str = "") -> QuerySet[Bulletin]:
    """Newest first, each row annotated with the actor's agency receipt (my_read_at, my_acknowledged_at)
    and, for issued ones, recipient counts."""
    if box not in BOXES:
        raise InvalidInput(_("列表类型无效。"), details={"field": "box", "allowed": list(BOXES)})
    if kind and kind not in BulletinKind.values:
        raise InvalidInput(_("通报类别无效。"), details={"field": "kind", "allowed": BulletinKind.values})
    qs = bulletins_visible_to(actor).select_related("issuer")
    mine = BulletinRecipient.objects.filter(bulletin=OuterRef("pk"), agency_id=actor.agency_id)
    if box == "received":
        qs = qs.filter(Exists(mine))
    elif box == "to_acknowledge":
        qs = qs.filter(
            Exists(mine.filter(acknowledged_at__isnull=True)), requires_ack=True, status=BulletinStatus.PUBLISHED
        )
    elif box == "issued":
        qs = qs.filter(issuer_id=actor.agency_id)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.annotate(
        is_received=Exists(mine),
        my_read_at=Subquery(mine.values("read_at")[:1]),
        my_acknowledged_at=Subquery(mine.values("acknowledged_at")[:1]),
        recipient_count=Count("recipients", distinct=True),
        read_count=Count("recipients", filter=Q(recipients__read_at__isnull=False), distinct=True),
        ack_count=Count("recipients", filter=Q(recipients__acknowledged_at__isnull=False), distinct=True),
    ).order_by("-published_at", "-created_at", "-id")


def bulletin_unread_count(*, actor) -> int:
    """Published bulletins the actor's agency received and nobody there has opened yet."""
    if not getattr(actor, "is_authenticated", False) or actor.agency_id is None:
        return 0
    return BulletinRecipient.objects.filter(
        agency_id=actor.agency_id, read_at__isnull=True, bulletin__status=BulletinStatus.PUBLISHED
    ).count()


def _is_overdue(bulletin, receipt, today) -> bool:
    return (
        bulletin.requires_ack
        and bulletin.status == BulletinStatus.PUBLISHED
        and bulletin.ack_due_on is not None
        and receipt.acknowledged_at is None
        and today > bulletin.ack_due_on
    )


def receipt_of(*, actor, bulletin) -> BulletinRecipient | None:
    """The actor's agency's receipt (None for the issuer: it is never among the recipients)."""
    if actor.agency_id is None or actor.agency_id == bulletin.issuer_id:
        return None
    return (
        BulletinRecipient.objects.select_related("read_by", "acknowledged_by")
        .filter(bulletin=bulletin, agency_id=actor.agency_id)
        .first()
    )


def bulletin_receipts(*, actor, public_id) -> dict:
    """Per recipient agency: read and acknowledgement status; who has not read or not acknowledged;
    the counts; overdue acknowledgements flagged. For the issuer and the command centre."""
    bulletin = bulletin_get(actor=actor, public_id=public_id)
    if not may_view_receipts(actor, bulletin):
        raise PermissionDenied(_("只有发布机构和指挥中心可以查看回执。"))
    return receipts_of(bulletin)


def receipts_of(bulletin) -> dict:
    today = timezone.localdate()
    rows = list(
        bulletin.recipients.select_related("agency", "read_by", "acknowledged_by").order_by(
            "agency__division_id", "agency__name"
        )
    )
    for row in rows:
        row.overdue = _is_overdue(bulletin, row, today)
    not_read = [row.agency for row in rows if row.read_at is None]
    not_acknowledged = [row.agency for row in rows if bulletin.requires_ack and row.acknowledged_at is None]
    return {
        "bulletin": bulletin,
        "rows": rows,
        "not_read": not_read,
        "not_acknowledged": not_acknowledged,
        "overdue": [row.agency for row in rows if row.overdue],
        "counts": {
            "recipients": len(rows),
            "read": len(rows) - len(not_read),
            "acknowledged": sum(1 for row in rows if row.acknowledged_at is not None),
            "late": sum(1 for row in rows if row.ack_late),
            "overdue": sum(1 for row in rows if row.overdue),
        },
    }


def attachment_get(*, actor, public_id, sha256: str) -> BulletinAttachment:
    """A file of a bulletin the actor may see (its recipients, its issuer, the command centre)."""
    if not SHA256_PATTERN.match(str(sha256 or "")):
        raise NotFound()
    bulletin = bulletin_get(actor=actor, public_id=public_id)
    attachment = bulletin.attachments.filter(sha256=sha256).first()
    if attachment is None:
        raise NotFound()
    return attachment


def audience_choices(*, actor) -> dict:
    """Options of the audience picker: provinces and zones of the directory."""
    if not may_draft(actor):
        raise PermissionDenied(_("您没有发布执法通报的权限。"))
    return {
        "provinces": list(Division.objects.filter(level=DivisionLevel.PROVINCE).order_by("code")),
        "zones": list(Zone.objects.order_by("id")),
    }


def agency_options(*, actor, q: str, limit: int = 30) -> list:
    """Agencies matching a name fragment, for the audience picker's search."""
    if not may_draft(actor):
        raise PermissionDenied(_("您没有发布执法通报的权限。"))
    q = (q or "").strip()[:64]
    if not q:
        return []
    return list(agency_search(actor=actor, filters=AgencyFilters(q=q)).filter(is_active=True)[:limit])


def agencies_by_ids(*, actor, ids) -> list:
    """The agencies already picked in the form, to show them again with their names."""
    ids = list(ids or ())
    if not ids:
        return []
    return list(Agency.objects.filter(public_id__in=ids).order_by("division_id", "name"))
