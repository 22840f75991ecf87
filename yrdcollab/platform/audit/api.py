"""GET /api/v1/audit/entries and /api/v1/audit/verification — auditors only (403 otherwise)."""

from ninja import Query, Router
from ninja.pagination import paginate

from yrdcollab.core.api_helpers import BoundedPageNumberPagination
from yrdcollab.core.schemas import ErrorOut

from .filters import AuditFilters
from .schemas import AuditEntryOut, AuditFilterQuery, AuditVerificationOut
from .selectors import audit_entry_list, audit_verification_latest
from .verify import BreakReason

router = Router(tags=["audit"])


@router.get(
    "/entries",
    response={200: list[AuditEntryOut], 403: ErrorOut, 422: ErrorOut},
    summary="List audit entries (newest first)",
)
@paginate(BoundedPageNumberPagination)
def list_entries(request, filters: Query[AuditFilterQuery]):
    parsed = AuditFilters.build(**filters.dict())
    return audit_entry_list(actor=request.auth, filters=parsed)


@router.get(
    "/verification",
    response={200: AuditVerificationOut, 403: ErrorOut},
    summary="Result of the last chain verification",
)
def last_verification(request):
    verification = audit_verification_latest(actor=request.auth)
    if verification is None:
        return {"verified": False}
    return {
        "verified": True,
        "started_at": verification.started_at,
        "trigger": verification.trigger,
        "rows_checked": verification.rows_checked,
        "ok": verification.ok,
        "broken_id": verification.broken_id,
        "reason": verification.reason or None,
        "reason_label": str(BreakReason(verification.reason).label) if verification.reason else None,
        "head_id": verification.head_id,
        "head_hash": verification.head_hash or None,
        "duration_ms": verification.duration_ms,
    }
