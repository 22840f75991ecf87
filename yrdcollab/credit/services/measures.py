"""Joint measures (联合惩戒措施): an agency applies a catalogue measure to a subject because of a
published credit record or a published 严重失信主体名单 entry. A measure must fit its basis: the
record's class, the matter, and "serious list only".

The moves of MEASURE_TRANSITIONS: `lift`, by the applying agency, one measure at a time
(measure_transition); `require_lift`, by the platform when the basis ends (a record repaired,
expired, withdrawn or reclassified, a list entry removed), for every measure of that basis at once
(measures_require_lift — a bulk update that moves only the rows the table lets move)."""

import json
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, PermissionDenied
from yrdcollab.core.tenancy import get_by_public_id
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability, Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.notifications.services import notify_later

from ..models import AppliedMeasure, CreditRecord, JointMeasure, SeriousListEntry, Severity
from ..permissions import may_lift
from ..selectors.measures import applied_get
from ..selectors.records import record_is_published
from ..selectors.serious_list import entry_is_published
from ..states import (
    MEASURE_LIFT_REQUIRED,
    MEASURE_OPEN,
    MEASURE_TRANSITIONS,
    Side,
)

CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "data" / "measures.json"
NOTE_MAX, REASON_MAX = 500, 500
# Who at an agency hears that a measure must be lifted.
MEASURE_ROLES = (Role.CREDIT_OFFICER, Role.BUREAU_LEADER)


def _invalid(field: str, message: str, code: str = "invalid_input", **details) -> InvalidInput:
    return InvalidInput(message, code=code, details={"field": field, **details})


def measures_catalogue_load(path: Path | None = None) -> dict:
    """Loads data/measures.json: creates or updates each measure by code; measures no longer in the
    file are deactivated (never deleted: applied measures keep pointing at them). Idempotent."""
    raw = json.loads((path or CATALOGUE_FILE).read_text(encoding="utf-8"))
    counts = {"created": 0, "updated": 0, "unchanged": 0, "deactivated": 0}
    codes = []
    with transaction.atomic():
        for order, row in enumerate(raw["measures"], start=1):
            codes.append(row["code"])
            values = {
                "name": row["name"],
                "description": row.get("description", ""),
                "legal_basis": row["legal_basis"],
                "severities": list(row["severities"]),
                "serious_list_only": bool(row.get("serious_list_only", False)),
                "matter_codes": list(row.get("matter_codes", [])),
                "active": True,
                "sort_order": order,
            }
            measure = JointMeasure.objects.filter(code=row["code"]).first()
            if measure is None:
                JointMeasure.objects.create(code=row["code"], **values)
                counts["created"] += 1
            elif any(getattr(measure, k) != v for k, v in values.items()):
                JointMeasure.objects.filter(pk=measure.pk).update(**values)
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
        counts["deactivated"] = JointMeasure.objects.exclude(code__in=codes).filter(active=True).update(active=False)
    return counts


def _matter_fits(measure: JointMeasure, matter_codes: list[str]) -> bool:
    if not measure.matter_codes:
        return True
    return any(code.startswith(prefix) for code in matter_codes for prefix in measure.matter_codes)


def measure_fit_problem(
    measure: JointMeasure, *, severity: str, matter_codes: list[str], on_list: bool
) -> InvalidInput | None:
    """Why `measure` may not follow a basis of this class and these matters (None when it may)."""
    rule = {
        "measure": measure.code,
        "rule": measure.legal_basis,
        "severities": measure.severities,
        "serious_list_only": measure.serious_list_only,
        "matter_codes": measure.matter_codes,
    }
    if not measure.active:
        return _invalid("measure", _("该惩戒措施已停用。"), code="measure_inactive", **rule)
    if measure.serious_list_only and not on_list:
        return _invalid(
            "measure",
            _("“%(m)s”仅适用于列入严重失信主体名单的主体。") % {"m": measure.name},
            code="measure_requires_serious_list",
            **rule,
        )
    if severity not in measure.severities:
        labels = "、".join(str(Severity(s).label) for s in measure.severities)
        return _invalid(
            "measure",
            _("“%(m)s”仅适用于失信程度为%(s)s的信息。") % {"m": measure.name, "s": labels},
            code="measure_not_applicable",
            **rule,
        )
    if not _matter_fits(measure, matter_codes):
        return _invalid(
            "measure", _("“%(m)s”不适用于该事项。") % {"m": measure.name}, code="measure_not_applicable", **rule
        )
    return None


def _measure(code: str) -> JointMeasure:
    measure = JointMeasure.objects.filter(code=(code or "").strip()).first()
    if measure is None:
        raise _invalid("measure", _("未知的惩戒措施。"), code="unknown_measure")
    return measure


def _record_basis(actor, record_id) -> CreditRecord:
    # 404 for another agency's record that was never published: its internal information.
    known = get_by_public_id(CreditRecord.objects.known_to(actor), record_id)
    record = CreditRecord.objects.select_for_update(of=("self",)).select_related("decision__matter").get(pk=known.pk)
    if not record_is_published(record):
        # Repaired, expired, withdrawn or never published: no longer used for punishment.
        raise InvalidTransition(
            _("该信用记录不在公示期内（%(s)s），不能据以实施惩戒。") % {"s": record.get_status_display()},
            code="record_not_published",
            details={"status": record.status},
        )
    return record


def _entry_basis(actor, entry_id) -> SeriousListEntry:
    # 404 for proposals and decisions not yet published: they are the determining agency's.
    shared = get_by_public_id(SeriousListEntry.objects.shared_with(actor), entry_id)
    entry = SeriousListEntry.objects.select_for_update(of=("self",)).get(pk=shared.pk)
    if not entry_is_published(entry):
        raise InvalidTransition(
            _("该名单信息未公布或已移出，不能据以实施惩戒。"),
            code="list_entry_not_published",
            details={"status": entry.status},
        )
    return entry


@transaction.atomic
def measure_apply(
    *, actor, measure_code: str, record_id=None, list_entry_id=None, note: str = "", applied_on: date | None = None
) -> AppliedMeasure:
    """Applies a catalogue measure (in force) because of a published record or list entry."""
    require_capability(actor, Capability.CREDIT_MEASURE)
    if getattr(actor, "agency_id", None) is None:
        raise PermissionDenied(_("账号未归属任何机构。"))
    if (record_id is None) == (list_entry_id is None):
        raise _invalid("record", _("请指定一条信用记录或一条严重失信主体名单作为实施依据（二者选一）。"))
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise _invalid("note", _("备注不能超过%(n)d个字符。") % {"n": NOTE_MAX})
    today = timezone.localdate()
    applied_on = applied_on or today
    if applied_on > today:
        raise _invalid("applied_on", _("实施日期不能晚于今天。"))
    measure = _measure(measure_code)
    record = entry = None
    ours = AppliedMeasure.objects.visible_to(actor).filter(measure=measure, status__in=MEASURE_OPEN)
    if record_id is not None:
        record = _record_basis(actor, record_id)
        subject_id = record.subject_id
        problem = measure_fit_problem(
            measure, severity=record.severity, matter_codes=[record.decision.matter.code], on_list=False
        )
        duplicate = ours.filter(record=record)
    else:
        entry = _entry_basis(actor, list_entry_id)
        subject_id = entry.subject_id
        matters = list(entry.basis_records.values_list("decision__matter__code", flat=True))
        problem = measure_fit_problem(measure, severity=Severity.SERIOUS, matter_codes=matters, on_list=True)
        duplicate = ours.filter(list_entry=entry)
    if problem is not None:
        raise problem
    if applied_on < (record.publicity_starts_on if record else entry.listed_on or today):
        raise _invalid("applied_on", _("实施日期不能早于据以实施的信息公示（列入）之日。"))
    already = _("本机构已对该主体实施“%(m)s”且尚未解除。") % {"m": measure.name}
    if duplicate.exists():
        raise Conflict(already, code="measure_already_applied")
    try:
        with transaction.atomic():
            applied = AppliedMeasure.objects.create(
                measure=measure,
                subject_id=subject_id,
                record=record,
                list_entry=entry,
                agency_id=actor.agency_id,
                applied_on=applied_on,
                applied_by=actor,
                note=note,
            )
    except IntegrityError:
        raise Conflict(already, code="measure_already_applied") from None
    basis = record.decision.decision_number if record else entry.document_number
    audit_record(
        actor=actor,
        action="credit.measure_applied",
        obj=applied,
        summary={
            "measure": measure.code,
            "subject": applied.subject.name,
            "basis": basis,
            "basis_kind": "record" if record else "list_entry",
            "applied_on": applied_on,
            "note": note,
        },
    )
    return applied


@transaction.atomic
def measure_transition(*, actor, applied_id, action: str, **payload) -> AppliedMeasure:
    """Runs one move of MEASURE_TRANSITIONS on one measure: 422 for an action the workflow does not
    have; 404 for a measure the actor does not see (another agency's, or a role that reads no
    measures); 403 without credit.measure; 409 when the table does not allow the move from its status
    (checked under the row lock); 403 for a move that is not the applying agency's (require_lift is
    the platform's: measures_require_lift); 422 on a bad payload."""
    action = MEASURE_TRANSITIONS.require_action(action)
    visible = applied_get(actor=actor, applied_id=applied_id)
    require_capability(actor, Capability.CREDIT_MEASURE)
    applied = (
        AppliedMeasure.objects.select_for_update(of=("self",)).select_related("measure", "subject").get(pk=visible.pk)
    )
    move = MEASURE_TRANSITIONS.move(applied.status, action)
    if move.by != Side.AGENCY or not may_lift(actor, applied):
        raise PermissionDenied(details={"action": move.action})
    return _lift(actor, applied, move, **payload)


def _lift(actor, applied: AppliedMeasure, move, *, reason: str = "") -> AppliedMeasure:
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("请填写解除原因。"))
    if len(reason) > REASON_MAX:
        raise _invalid("reason", _("解除原因不能超过%(n)d个字符。") % {"n": REASON_MAX})
    was = applied.status
    applied.status = move.target
    applied.lifted_at = timezone.now()
    applied.lifted_by = actor
    if not applied.lift_reason:
        applied.lift_reason = "manual"
    applied.save(update_fields=["status", "lifted_at", "lifted_by", "lift_reason", "updated_at"])
    audit_record(
        actor=actor,
        action="credit.measure_lifted",
        obj=applied,
        summary={
            "measure": applied.measure.code,
            "subject": applied.subject.name,
            "was": was,
            "lift_reason": applied.lift_reason,
            "reason": reason,
        },
    )
    return applied


def measures_require_lift(*, actor, measures, lift_reason: str) -> int:
    """The platform's require_lift move for every measure of `measures` the table lets move (those in
    force), in one update: their basis ended (`lift_reason`: repaired, expired, withdrawn,
    reclassified, removed). One audit entry per measure, under the name of whoever ended the basis;
    each applying agency is notified once. The caller holds the transaction."""
    now = timezone.now()
    flagged = list(
        measures.filter(status__in=MEASURE_LIFT_REQUIRED.sources)
        .select_for_update(of=("self",))
        .select_related("agency", "measure", "subject")
    )
    if not flagged:
        return 0
    AppliedMeasure.objects.filter(pk__in=[m.pk for m in flagged], status__in=MEASURE_LIFT_REQUIRED.sources).update(
        status=MEASURE_LIFT_REQUIRED.target, lift_required_at=now, lift_reason=lift_reason, updated_at=now
    )
    by_agency: dict[int, list[AppliedMeasure]] = {}
    for measure in flagged:
        audit_record(
            actor=actor,
            action="credit.measure_lift_required",
            obj=measure,
            agency=measure.agency,
            summary={"measure": measure.measure.code, "subject": measure.subject.name, "reason": lift_reason},
        )
        by_agency.setdefault(measure.agency_id, []).append(measure)
    for agency_id, measures in by_agency.items():
        _notify_lift(agency_id, measures)
    return len(flagged)


def _notify_lift(agency_id: int, measures: list[AppliedMeasure]) -> None:
    """One job row per applying agency; the worker composes the inbox and outbox rows after commit."""
    subjects = "、".join(sorted({m.subject.name for m in measures}))
    names = "、".join(sorted({m.measure.name for m in measures}))
    notify_later(
        agency_ids=[agency_id],
        roles=MEASURE_ROLES,
        kind="credit.measure_lift_required",
        title=_("请解除对%(s)s的联合惩戒措施") % {"s": subjects},
        body=_("据以实施“%(m)s”的信用信息已修复或期满，请及时解除并在平台登记。") % {"m": names},
        link=reverse("credit:measure_list") + "?status=" + MEASURE_LIFT_REQUIRED.target,
    )
