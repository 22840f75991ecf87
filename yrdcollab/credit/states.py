"""The credit workflows' transition tables (pure, no database): the 严重失信主体名单, repair
applications and applied measures. Every move in a service goes through `move_allowed`; any other
move is an InvalidTransition (409)."""

from .models import ListStatus, MeasureStatus, RecordStatus, RepairStatus

# 严重失信主体名单: every step by the determining agency.
LIST_TRANSITIONS: dict[tuple[str, str], str] = {
    (ListStatus.PROPOSED, "decide"): ListStatus.DECIDED,
    (ListStatus.PROPOSED, "withdraw"): ListStatus.WITHDRAWN,
    (ListStatus.DECIDED, "publish"): ListStatus.PUBLISHED,
    (ListStatus.DECIDED, "remove"): ListStatus.REMOVED,
    (ListStatus.PUBLISHED, "remove"): ListStatus.REMOVED,
}

# 信用修复申请: filed at any window (submitted), then the determining agency checks completeness
# (accept / reject) and decides (approve / deny).
REPAIR_TRANSITIONS: dict[tuple[str, str], str] = {
    (RepairStatus.SUBMITTED, "accept"): RepairStatus.ACCEPTED,
    (RepairStatus.SUBMITTED, "reject"): RepairStatus.REJECTED,
    (RepairStatus.ACCEPTED, "approve"): RepairStatus.APPROVED,
    (RepairStatus.ACCEPTED, "deny"): RepairStatus.DENIED,
}
REPAIR_OPEN = frozenset({RepairStatus.SUBMITTED, RepairStatus.ACCEPTED})

# Credit records: published ones end by repair, expiry or withdrawal of the decision.
RECORD_TRANSITIONS: dict[tuple[str, str], str] = {
    (RecordStatus.PUBLISHED, "repair"): RecordStatus.REPAIRED,
    (RecordStatus.NOT_PUBLISHED, "repair"): RecordStatus.REPAIRED,
    (RecordStatus.PUBLISHED, "expire"): RecordStatus.EXPIRED,
    (RecordStatus.PUBLISHED, "withdraw"): RecordStatus.WITHDRAWN,
    (RecordStatus.NOT_PUBLISHED, "withdraw"): RecordStatus.WITHDRAWN,
}

# Applied measures: the basis ending makes a measure "to be lifted"; the applying agency lifts it.
MEASURE_TRANSITIONS: dict[tuple[str, str], str] = {
    (MeasureStatus.IN_FORCE, "require_lift"): MeasureStatus.LIFT_REQUIRED,
    (MeasureStatus.IN_FORCE, "lift"): MeasureStatus.LIFTED,
    (MeasureStatus.LIFT_REQUIRED, "lift"): MeasureStatus.LIFTED,
}


def move_allowed(table: dict[tuple[str, str], str], status: str, action: str) -> str | None:
    """The new status, or None when the table has no such move."""
    return table.get((str(status), action))
