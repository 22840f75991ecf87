"""Reads of 信用修复 applications, scoped to the actor (RepairApplication.objects.visible_to). An
application is seen by the window agency that filed it and by the determining agency it was routed
to (and the agencies above them, and the command centre); anyone else gets 404, indistinguishable
from absent."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from yrdcollab.casework.evidence.store import StoredFileMissing, store_get
from yrdcollab.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from yrdcollab.core.tenancy import AgencyScope, get_by_public_id, unscoped
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from ..models import CreditRecord, RepairApplication, RepairAttachment, SeriousListEntry
from ..states import REPAIR_STEP_OF_STATUS, RepairStatus

# Anyone whose work touches credit may read the applications of their own agency.
READ_CAPABILITIES = (Capability.CREDIT_REPAIR_FILE, Capability.CREDIT_MANAGE, Capability.CREDIT_QUERY)
BOXES = ("all", "filed", "routed")  # everything visible / filed at our window / routed to us to decide
EVENT_LABELS = {
    "filed": _("窗口受理登记"),
    "routed": _("转至认定机构"),
    "accept": _("受理"),
    "reject": _("不予受理"),
    "approve": _("准予修复"),
    "deny": _("不予修复"),
}


def may_read_repairs(actor) -> bool:
    return any(has_capability(actor, c) for c in READ_CAPABILITIES)


def require_read(actor) -> None:
    if not may_read_repairs(actor):
        raise PermissionDenied(details={"capability": str(Capability.CREDIT_REPAIR_FILE)})


def access_repair(*, actor, public_id) -> RepairApplication:
    """One application the actor sees; 404 otherwise, for a role that reads no repairs too (CONVENTIONS §5)."""
    applications = (
        RepairApplication.objects.visible_to(actor) if may_read_repairs(actor) else RepairApplication.objects.none()
    )
    return get_by_public_id(
        applications.select_related(
            "subject",
            "record",
            "record__decision",
            "record__agency",
            "list_entry",
            "filed_at",
            "filed_by",
            "determining_agency",
            "handled_by",
        ),
        public_id,
    )


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
    queryset = RepairApplication.objects.visible_to(actor)
    if filters.box != "all":
        queryset = queryset.filter(
            AgencyScope.for_actor(actor).q_within("filed_at" if filters.box == "filed" else "determining_agency")
        )
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    return queryset.select_related("subject", "filed_at", "determining_agency").order_by("-created_at", "-id")


@unscoped("谁认定、谁修复: a window files a repair for a record of any agency, routed to the determining agency")
def repair_target_record(*, actor, record_id) -> CreditRecord:
    """Any agency's credit record, for a window filing an application: 谁认定、谁修复 — the window
    files for a record of any agency, and the application is routed to its determining agency."""
    require_read(actor)
    return get_by_public_id(
        CreditRecord.objects.select_related("decision", "decision__matter", "subject", "agency"), record_id
    )


@unscoped("谁认定、谁修复: a window files a repair for a list entry of any agency, routed to the determining agency")
def repair_target_list_entry(*, actor, entry_id) -> SeriousListEntry:
    """Any agency's list entry, for a window filing an application to remove it (routed as above)."""
    require_read(actor)
    return get_by_public_id(SeriousListEntry.objects.select_related("subject", "agency"), entry_id)


def repair_attachment_download(*, actor, application_id, attachment_id) -> tuple[RepairAttachment, bytes]:
    """A file of a visible application; the bytes are re-hashed on read (an altered file is 409)."""
    application = access_repair(actor=actor, public_id=application_id)
    attachment = get_by_public_id(application.attachments.all(), attachment_id)
    try:
        blob = store_get(attachment.sha256)
    except StoredFileMissing:
        raise NotFound(code="file_missing") from None
    if blob.sha256 != attachment.sha256:
        raise Conflict(code="file_altered", details={"sha256": attachment.sha256})
    return attachment, blob.data


def repair_current_deadline(application: RepairApplication) -> tuple[str, object, bool]:
    """(step, due_at, provisional) of the step now running; ("", None, False) once decided."""
    step = REPAIR_STEP_OF_STATUS.get(application.status, "")
    if step == "accept":
        return step, application.accept_due_at, application.accept_due_provisional
    if step == "decide":
        return step, application.decide_due_at, application.decide_due_provisional
    return "", None, False
