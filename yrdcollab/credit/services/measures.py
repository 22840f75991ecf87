"""Joint measures (联合惩戒措施): an agency applies a catalogue measure to a subject because of a
published credit record or a published 严重失信主体名单 entry, and lifts it (always by the applying
agency). A measure must fit its basis: the record's class, the matter, and "serious list only"."""

import json
from datetime import date
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import Conflict, InvalidInput, InvalidTransition, NotFound, PermissionDenied
from yrdcollab.platform.access.permissions import require_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.audit.services import audit_record

from ..models import (
    AppliedMeasure,
    CreditRecord,
    JointMeasure,
    ListStatus,
    MeasureStatus,
    RecordStatus,
    SeriousListEntry,
    Severity,
)
from ..selectors.records import _uuid, record_is_published, sees_history
from ..states import MEASURE_TRANSITIONS, move_allowed

CATALOGUE_FILE = Path(__file__).resolve().parent.parent / "data" / "measures.json"
NOTE_MAX, REASON_MAX = 500, 500
OPEN = (MeasureStatus.IN_FORCE, MeasureStatus.LIFT_REQUIRED)


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
            values = {"name": row["name"], "description": row.get("description", ""),
                      "legal_basis": row["legal_basis"], "severities": list(row["severities"]),
                      "serious_list_only": bool(row.get("serious_list_only", False)),
                      "matter_codes": list(row.get("matter_codes", [])), "active": True, "sort_order": order}
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


def measure_fit_problem(measure: JointMeasure, *, severity: str, matter_codes: list[str],
                        on_list: bool) -> InvalidInput | None:
    """Why `measure` may not follow a basis of this class and these matters (None when it may)."""
    rule = {"measure": measure.code, "rule": measure.legal_basis, "severities": measure.severities,
            "serious_list_only": measure.serious_list_only, "matter_codes": measure.matter_codes}
    if not measure.active:
        return _invalid("measure", _("该惩戒措施已停用。"), code="measure_inactive", **rule)
    if measure.serious_list_only and not on_list:
        return _invalid("measure", _("“%(m)s”仅适用于列入严重失信主体名单的主体。") % {"m": measure.name},
                        code="measure_requires_serious_list", **rule)
    if severity not in measure.severities:
        labels = "、".join(str(Severity(s).label) for s in measure.severities)
        return _invalid("measure", _("“%(m)s”仅适用于失信程度为%(s)s的信息。") % {"m": measure.name, "s": labels},
                        code="measure_not_applicable", **rule)
    if not _matter_fits(measure, matter_codes):
        return _invalid("measure", _("“%(m)s”不适用于该事项。") % {"m": measure.name},
                        code="measure_not_applicable", **rule)
    return None


def _measure(code: str) -> JointMeasure:
    measure = JointMeasure.objects.filter(code=(code or "").strip()).first()
    if measure is None:
        raise _invalid("measure", _("未知的惩戒措施。"), code="unknown_measure")
    return measure


def _record_basis(actor, record_id) -> CreditRecord:
    record = CreditRecord.objects.select_for_update().filter(public_id=_uuid(record_id)).first()
    if record is None or (record.status == RecordStatus.NOT_PUBLISHED and not sees_history(actor, record)):
        raise NotFound()  # never shared: another agency's internal information
    if not record_is_published(record):
        # Repaired, expired, withdrawn or never published: no longer used for punishment.
        raise InvalidTransition(_("该信用记录不在公示期内（%(s)s），不能据以实施惩戒。")
                                % {"s": record.get_status_display()},
                                code="record_not_published", details={"status": record.status})
    return record


def _entry_basis(actor, entry_id) -> SeriousListEntry:
    entry = SeriousListEntry.objects.select_for_update().filter(public_id=_uuid(entry_id)).first()
    shared = entry is not None and entry.status in (ListStatus.PUBLISHED, ListStatus.REMOVED)
    if entry is None or not (shared or entry.agency_id == actor.agency_id):
        raise NotFound()  # proposals and decisions not yet published are the determining agency's
    if entry.status != ListStatus.PUBLISHED or (entry.ends_on and entry.ends_on <= timezone.localdate()):
        raise InvalidTransition(_("该名单信息未公布或已移出，不能据以实施惩戒。"), code="list_entry_not_published",
                                details={"status": entry.status})
    return entry


@transaction.atomic
def measure_apply(*, actor, measure_code: str, record_id=None, list_entry_id=None, note: str = "",
                  applied_on: date | None = None) -> AppliedMeasure:
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
    if record_id is not None:
        record = _record_basis(actor, record_id)
        subject_id = record.subject_id
        problem = measure_fit_problem(measure, severity=record.severity,
                                      matter_codes=[record.decision.matter.code], on_list=False)
        duplicate = AppliedMeasure.objects.filter(measure=measure, record=record, agency_id=actor.agency_id,
                                                  status__in=OPEN)
    else:
        entry = _entry_basis(actor, list_entry_id)
        subject_id = entry.subject_id
        matters = list(entry.basis_records.values_list("decision__matter__code", flat=True))
        problem = measure_fit_problem(measure, severity=Severity.SERIOUS, matter_codes=matters, on_list=True)
        duplicate = AppliedMeasure.objects.filter(measure=measure, list_entry=entry, agency_id=actor.agency_id,
                                                  status__in=OPEN)
    if problem is not None:
        raise problem
    if applied_on < (record.publicity_starts_on if record else entry.listed_on or today):
        raise _invalid("applied_on", _("实施日期不能早于据以实施的信息公示（列入）之日。"))
    already = _("本机构已对该主体实施“%(m)s”且尚未解除。") % {"m": measure.name}
    if duplicate.exists():
        raise Conflict(already, code="measure_already_applied")
    try:
        with transaction.atomic():
            applied = AppliedMeasure.objects.create(measure=measure, subject_id=subject_id, record=record,
                                                    list_entry=entry, agency_id=actor.agency_id,
                                                    applied_on=applied_on, applied_by=actor, note=note)
    except IntegrityError:
        raise Conflict(already, code="measure_already_applied") from None
    basis = record.decision.decision_number if record else entry.document_number
    audit_record(actor=actor, action="credit.measure_applied", obj=applied,
                 summary={"measure": measure.code, "subject": applied.subject.name, "basis": basis,
                          "basis_kind": "record" if record else "list_entry", "applied_on": applied_on,
                          "note": note})
    return applied


@transaction.atomic
def measure_lift(*, actor, applied_id, reason: str) -> AppliedMeasure:
    """Lifts a measure of the actor's own agency (404 for another agency's), in force or to be lifted."""
    require_capability(actor, Capability.CREDIT_MEASURE)
    applied = AppliedMeasure.objects.select_for_update().filter(
        public_id=_uuid(applied_id), agency_id=getattr(actor, "agency_id", None)).first()
    if applied is None:
        raise NotFound()
    reason = (reason or "").strip()
    if not reason:
        raise _invalid("reason", _("请填写解除原因。"))
    if len(reason) > REASON_MAX:
        raise _invalid("reason", _("解除原因不能超过%(n)d个字符。") % {"n": REASON_MAX})
    new_status = move_allowed(MEASURE_TRANSITIONS, applied.status, "lift")
    if new_status is None:
        raise InvalidTransition(_("该惩戒措施已解除。"), code="illegal_measure_transition",
                                details={"status": applied.status, "action": "lift"})
    was = applied.status
    applied.status = new_status
    applied.lifted_at = timezone.now()
    applied.lifted_by = actor
    if not applied.lift_reason:
        applied.lift_reason = "manual"
    applied.save(update_fields=["status", "lifted_at", "lifted_by", "lift_reason", "updated_at"])
    audit_record(actor=actor, action="credit.measure_lifted", obj=applied,
                 summary={"measure": applied.measure.code, "subject": applied.subject.name, "was": was,
                          "lift_reason": applied.lift_reason, "reason": reason})
    return applied
