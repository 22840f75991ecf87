"""Reads of 信用修复 applications, scoped to the actor. An application is seen by the window agency
that filed it and by the determining agency it was routed to (and the agencies above them, and the
command centre: collaboration.visibility); anyone else gets 404, indistinguishable from absent."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.collaboration.visibility import agency_subtree_ids, visible_q
from yrdcollab.casework.evidence.store import StoredFileMissing, store_get
from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from ..models import CreditRecord, RepairApplication, RepairAttachment, RepairStatus, SeriousListEntry
from ..states import REPAIR_TRANSITIONS

# Anyone whose work touches credit may read the applications of their own agency.
READ_CAPABILITIES = (Capability.CREDIT_REPAIR_FILE, Capability.CREDIT_MANAGE, Capability.CREDIT_QUERY)
BOXES = ("all", "filed", "routed")  # everything visible / filed at our window / routed to us to decide


def may_read_repairs(actor) -> bool:
    return any(has_capability(actor, c) for c in READ_CAPABILITIES)


def require_read(actor) -> None:
    if not may_read_repairs(actor):
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_REPAIR_FILE)})


def repairs_visible_to(actor) -> QuerySet[RepairApplication]:
    return RepairApplication.objects.filter(visible_q(actor, "filed_at", "determining_agency"))


def _not_found_on_bad_id(func):
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except (ValueError, TypeError):
            raise NotFound() from None
        except Exception as exc:  # a malformed UUID surfaces as ValidationError on some backends
            if exc.__class__.__name__ == "ValidationError":
                raise NotFound() from None
            raise
    return wrapper


@_not_found_on_bad_id
def access_repair(*, actor, public_id) -> RepairApplication:
    require_read(actor)
    application = repairs_visible_to(actor).select_related(
        "subject", "record", "record__decision", "record__agency", "list_entry", "filed_at", "filed_by",
        "determining_agency", "handled_by").filter(public_id=public_id).first()
    if application is None:
        raise NotFound()
    return application


@dataclass(frozen=True)
class RepairFilters:
    status: str = ""
    box: str = "all"


def repair_list(*, actor, filters: RepairFilters = RepairFilters()) -> QuerySet[RepairApplication]:
    """Applications filed at the actor's window or routed to the actor's agency (their subtrees)."""
    require_read(actor)
    if filters.status and filters.status not in RepairStatus.values:
        raise InvalidInput(code="invalid_filter", details={"field": "status"})
    if filters.box not in BOXES:
        raise InvalidInput(code="invalid_filter", details={"field": "box"})
    queryset = repairs_visible_to(actor)
    if filters.box != "all":
        own = agency_subtree_ids(actor.agency_id) if actor.agency_id else set()
        queryset = queryset.filter(Q(filed_at_id__in=own) if filters.box == "filed"
                                   else Q(determining_agency_id__in=own))
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related("subject", "filed_at", "determining_agency").order_by("-created_at", "-id")


@_not_found_on_bad_id
def repair_target_record(*, actor, record_id) -> CreditRecord:
    """Any agency's credit record, for a window filing an application (谁认定、谁修复: it is routed)."""
    require_read(actor)
    record = CreditRecord.objects.select_related("decision", "decision__matter", "subject", "agency").filter(
        public_id=record_id).first()
    if record is None:
        raise NotFound()
    return record


@_not_found_on_bad_id
def repair_target_list_entry(*, actor, entry_id) -> SeriousListEntry:
    require_read(actor)
    entry = SeriousListEntry.objects.select_related("subject", "agency").filter(public_id=entry_id).first()
    if entry is None:
        raise NotFound()
    return entry


@_not_found_on_bad_id
def repair_attachment_download(*, actor, application_id, attachment_id) -> tuple[RepairAttachment, bytes]:
    """A file of a visible application; the bytes are re-hashed on read (an altered file is 409)."""
    application = access_repair(actor=actor, public_id=application_id)
    attachment = application.attachments.filter(public_id=attachment_id).first()
    if attachment is None:
        raise NotFound()
    try:
        blob = store_get(attachment.sha256)
    except StoredFileMissing:
        raise NotFound(code="file_missing") from None
    if blob.sha256 != attachment.sha256:
        raise Conflict(code="file_altered", details={"sha256": attachment.sha256})
    return attachment, blob.data


EVENT_LABELS = {"filed": _("窗口受理登记"), "routed": _("转至认定机构"), "accept": _("受理"), "reject": _("不予受理"),
                "approve": _("准予修复"), "deny": _("不予修复")}
DECIDING_ACTIONS = ("accept", "reject", "approve", "deny")


def repair_actions(*, actor, application: RepairApplication) -> list[str]:
    """The moves the actor may make now: only credit.manage staff of the determining agency itself."""
    if actor.agency_id != application.determining_agency_id or not has_capability(actor, Capability.CREDIT_MANAGE):
        return []
    return [action for (status, action) in REPAIR_TRANSITIONS if status == application.status]


def repair_current_deadline(application: RepairApplication) -> tuple[str, object, bool]:
    """(step, due_at, provisional) of the step now running; ("", None, False) once decided."""
    if application.status == RepairStatus.SUBMITTED:
        return "accept", application.accept_due_at, application.accept_due_provisional
    if application.status == RepairStatus.ACCEPTED:
        return "decide", application.decide_due_at, application.decide_due_provisional
    return "", None, False
