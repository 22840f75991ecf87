"""Opening and ending credit records. A record opens when a penalty decision is recorded (on the
platform or by import); it ends by repair, by expiry of its window, or by withdrawal of the
decision. When it ends, every measure applied because of it becomes "to be lifted" and the applying
agencies are told, so a repaired or expired record stops being used for punishment."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.core.errors import InvalidTransition
from yrdcollab.platform.access.roles import Role
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.parties.models import PartyKind

from ..models import AppliedMeasure, CreditRecord, MeasureStatus, RecordStatus
from ..publicity import publicity_window
from ..states import RECORD_TRANSITIONS, move_allowed

# Who at an agency hears that a measure must be lifted.
MEASURE_ROLES = (Role.CREDIT_OFFICER, Role.BUREAU_LEADER)


def credit_record_open(*, actor, decision, severity: str | None = None, special_sector: bool = False,
                       publicity_ends_on: date | None = None, source: str = "platform") -> CreditRecord | None:
    """The credit record of a decision just recorded (same transaction as the decision). A vehicle
    is not a credit subject: a decision naming only a plate opens none."""
    if decision.party.kind == PartyKind.VEHICLE:
        return None
    window = publicity_window(decided_on=decision.decided_on, penalty_types=decision.penalty_types,
                              severity=severity, special_sector=special_sector, ends_on=publicity_ends_on)
    now = timezone.now()
    status = RecordStatus.PUBLISHED if window.published else RecordStatus.NOT_PUBLISHED
    if window.published and window.ends_on <= timezone.localdate():
        status = RecordStatus.EXPIRED  # a decision recorded after its window already ran out
    record = CreditRecord.objects.create(
        decision=decision, subject_id=decision.party_id, agency_id=decision.agency_id, regime=window.regime,
        severity=window.severity, special_sector=special_sector, publicity_starts_on=window.starts_on,
        repairable_from=window.repairable_from, publicity_ends_on=window.ends_on, status=status,
        status_changed_at=now, recorded_by=actor if getattr(actor, "pk", None) else None, source=source)
    audit_record(actor=actor, action="credit.record_opened", obj=record,
                 summary={"decision_number": decision.decision_number, "regime": window.regime,
                          "severity": window.severity, "status": status,
                          "publicity_ends_on": window.ends_on, "repairable_from": window.repairable_from})
    return record


def credit_record_end(*, actor, record: CreditRecord, action: str, reason: str = "") -> CreditRecord:
    """Moves a record out of publication ("repair", "expire", "withdraw") and flags its measures.
    The caller holds the transaction; the record row is locked here."""
    record = CreditRecord.objects.select_for_update().get(pk=record.pk)
    new_status = move_allowed(RECORD_TRANSITIONS, record.status, action)
    if new_status is None:
        raise InvalidTransition(_("该信用记录当前状态为“%(s)s”，不能执行此操作。") % {"s": record.get_status_display()},
                                code="illegal_record_transition", details={"status": record.status, "action": action})
    now = timezone.now()
    record.status = new_status
    record.status_changed_at = now
    if new_status == RecordStatus.REPAIRED:
        record.repaired_at = now
    record.save(update_fields=["status", "status_changed_at", "repaired_at", "updated_at"])
    audit_record(actor=actor, action=f"credit.record_{new_status}", obj=record,
                 summary={"decision_number": record.decision.decision_number, "reason": reason})
    measures_require_lift(actor=actor, measures=AppliedMeasure.objects.filter(record=record),
                          lift_reason=new_status)
    return record


def measures_require_lift(*, actor, measures, lift_reason: str) -> int:
    """Marks the measures in force "to be lifted" and notifies each applying agency once."""
    now = timezone.now()
    in_force = list(measures.filter(status=MeasureStatus.IN_FORCE).select_related("agency", "measure", "subject"))
    if not in_force:
        return 0
    AppliedMeasure.objects.filter(pk__in=[m.pk for m in in_force]).update(
        status=MeasureStatus.LIFT_REQUIRED, lift_required_at=now, lift_reason=lift_reason, updated_at=now)
    for measure in in_force:
        audit_record(actor=actor, action="credit.measure_lift_required", obj=measure, agency=measure.agency,
                     summary={"measure": measure.measure.code, "subject": measure.subject.name,
                              "reason": lift_reason})
    by_agency: dict[int, list[AppliedMeasure]] = {}
    for measure in in_force:
        by_agency.setdefault(measure.agency_id, []).append(measure)
    for measures_of_agency in by_agency.values():
        transaction.on_commit(_notify_lift(measures_of_agency[0].agency_id, [m.pk for m in measures_of_agency]))
    return len(in_force)


def _notify_lift(agency_id: int, measure_pks: list[int]):
    def send():
        from yrdcollab.platform.directory.models import Agency
        from yrdcollab.platform.notifications.services import notify_agency_roles

        measures = list(AppliedMeasure.objects.filter(pk__in=measure_pks).select_related("measure", "subject"))
        if not measures:
            return
        subjects = "、".join(sorted({m.subject.name for m in measures}))
        names = "、".join(sorted({m.measure.name for m in measures}))
        notify_agency_roles(agency=Agency.objects.get(pk=agency_id), roles=MEASURE_ROLES,
                            kind="credit.measure_lift_required",
                            title=_("请解除对%(s)s的联合惩戒措施") % {"s": subjects},
                            body=_("据以实施“%(m)s”的信用信息已修复或期满，请及时解除并在平台登记。") % {"m": names},
                            link=reverse("credit:measure_list") + "?status=lift_required")

    return send
