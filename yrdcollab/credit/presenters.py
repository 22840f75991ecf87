"""What the credit pages and the API show beyond the rows themselves: the moves the actor may make
now — exactly the moves of the transition tables (states.py) that are the actor's to make — and the
catalogue measures that fit a basis (the same rule measure_apply enforces)."""

from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability

from .models import CreditRecord, JointMeasure, RemovalReason, RepairApplication, SeriousListEntry, Severity
from .permissions import may_apply_measures, may_decide_repair, may_file_repair, may_lift, may_manage
from .selectors.measures import catalogue
from .selectors.records import record_detail_context
from .selectors.repair import EVENT_LABELS, repair_current_deadline
from .selectors.serious_list import entry_detail_context, entry_is_published
from .services.measures import measure_fit_problem
from .services.serious_list import MANUAL_REMOVAL
from .states import (
    LIST_TRANSITIONS,
    MEASURE_TRANSITIONS,
    RECORD_TRANSITIONS,
    REPAIR_TRANSITIONS,
    ListAction,
    MeasureAction,
    RecordAction,
    RepairAction,
    Side,
)


def fitting_measures(actor, *, severity: str, matter_codes: list[str], on_list: bool) -> list[JointMeasure]:
    """The active catalogue measures the actor's agency may apply on a basis of this class and these
    matters (none for someone who may not apply measures)."""
    if not may_apply_measures(actor):
        return []
    return [
        m
        for m in catalogue(actor=actor)
        if measure_fit_problem(m, severity=severity, matter_codes=matter_codes, on_list=on_list) is None
    ]


# --- credit records ------------------------------------------------------------------------------


def record_actions(actor, record: CreditRecord) -> list[str]:
    """The moves of RECORD_TRANSITIONS the actor may ask for on this record's page: the determining
    agency's reclassify and withdraw (a repair is asked for by filing an application, below)."""
    if not may_manage(actor, record):
        return []
    return [a for a in RECORD_TRANSITIONS.actions_from(record.status, by=Side.AGENCY) if a != RecordAction.REPAIR]


def record_page(*, actor, record: CreditRecord) -> dict:
    context = record_detail_context(actor=actor, record=record)
    manage, actions = may_manage(actor, record), record_actions(actor, record)
    published_now = context["published_now"]
    return {
        "record": record,
        **context,
        "may_manage": manage,
        "actions": actions,
        "can_change": RecordAction.RECLASSIFY in actions,
        "can_withdraw": RecordAction.WITHDRAW in actions,
        "can_propose": manage and published_now and record.severity == Severity.SERIOUS,
        # 谁认定、谁修复: any window may file for any agency's record the table still lets be repaired.
        "can_file_repair": may_file_repair(actor) and RECORD_TRANSITIONS.allows(record.status, RecordAction.REPAIR),
        "fitting_measures": fitting_measures(
            actor, severity=record.severity, matter_codes=[record.decision.matter.code], on_list=False
        )
        if published_now
        else [],
    }


# --- 严重失信主体名单 ----------------------------------------------------------------------------


def list_entry_actions(actor, entry: SeriousListEntry) -> list[str]:
    """The moves of LIST_TRANSITIONS that are the determining agency's (expiry is the platform's)."""
    if not may_manage(actor, entry):
        return []
    return LIST_TRANSITIONS.actions_from(entry.status, by=Side.AGENCY)


def list_entry_page(*, actor, entry: SeriousListEntry) -> dict:
    context = entry_detail_context(actor=actor, entry=entry)
    matters = [r.decision.matter.code for r in context["basis_records"]]
    return {
        "entry": entry,
        **context,
        "actions": list_entry_actions(actor, entry),
        "action_labels": dict(ListAction.choices),
        "removal_reasons": [(v, label) for v, label in RemovalReason.choices if v in MANUAL_REMOVAL],
        "fitting_measures": fitting_measures(actor, severity=Severity.SERIOUS, matter_codes=matters, on_list=True)
        if entry_is_published(entry)
        else [],
    }


# --- applied measures ----------------------------------------------------------------------------


def measure_rows(actor, rows) -> list:
    """The rows of a measure list, each with `may_lift`: the applying agency may still lift it."""
    rows = list(rows)
    for applied in rows:
        applied.may_lift = may_lift(actor, applied) and MEASURE_TRANSITIONS.allows(applied.status, MeasureAction.LIFT)
    return rows


# --- 信用修复 applications -----------------------------------------------------------------------


def repair_actions(*, actor, application: RepairApplication) -> list[str]:
    """The moves the actor may make now: only credit.manage staff of the determining agency itself."""
    if not may_decide_repair(actor, application):
        return []
    return REPAIR_TRANSITIONS.actions_from(application.status, by=Side.AGENCY)


def repair_events(application: RepairApplication) -> list[dict]:
    return [
        {
            "at": e.at,
            "action": e.action,
            "label": EVENT_LABELS.get(e.action, e.action),
            "agency": e.agency.name if e.agency else "",
            "actor": e.actor.get_full_name() if e.actor else "",
            "note": e.note,
        }
        for e in application.events.select_related("agency", "actor")
    ]


def repair_page(*, actor, application: RepairApplication) -> dict:
    step, due_at, provisional = repair_current_deadline(application)
    return {
        "application": application,
        "step": step,
        "due_at": due_at,
        "due_provisional": provisional,
        "may_reveal_phone": has_capability(actor, Capability.PERSONAL_DATA_FULL),
        "attachments": list(application.attachments.all()),
        "events": repair_events(application),
        "actions": [(a, RepairAction(a).label) for a in repair_actions(actor=actor, application=application)],
    }
