"""The determining agency's own changes to a credit record: reclassification (class, special sector,
end of the window, recomputed by the publicity rules) and withdrawal when the penalty decision was
changed or revoked (行政处罚法第四十八条: the information is withdrawn within three working days)."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.core.errors import InvalidInput, InvalidTransition
from yrdcollab.platform.audit.services import audit_record

from ..models import AppliedMeasure, CreditRecord, MeasureStatus, RecordStatus
from ..publicity import publicity_window
from ..selectors.records import record_get_managed
from .measures import measure_fit_problem
from .records import credit_record_end, measures_require_lift
from .serious_list import list_entries_after_record_ended

REASON_MAX = 500
RECLASSIFIABLE = (RecordStatus.PUBLISHED, RecordStatus.NOT_PUBLISHED)
WITHDRAWAL_GROUNDS = {
    "changed": gettext_lazy("处罚决定被依法变更"),
    "revoked": gettext_lazy("处罚决定被依法撤销"),
    "confirmed_illegal": gettext_lazy("处罚决定被确认违法"),
    "confirmed_void": gettext_lazy("处罚决定被确认无效"),
}
WITHDRAWAL_BASIS = gettext_lazy("《中华人民共和国行政处罚法》第四十八条第二款：公开的行政处罚决定被依法变更、撤销、"
                                "确认违法或者确认无效的，行政机关应当在三日内撤回行政处罚决定信息并公开说明理由。")


def _reason(value: str, field: str = "reason") -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(_("请填写理由。"), details={"field": field})
    if len(value) > REASON_MAX:
        raise InvalidInput(_("理由不能超过%(n)d个字符。") % {"n": REASON_MAX}, details={"field": field})
    return value


@transaction.atomic
def credit_record_reclassify(*, actor, record_id, reason: str, severity: str | None = None,
                             special_sector: bool | None = None,
                             publicity_ends_on: date | None = None) -> CreditRecord:
    """Recomputes the window with the new class / special-sector flag / end date. Allowed while the
    record is published or not published. A window that no longer publishes, or a class a measure
    no longer fits, flags the measures applied because of the record (to be lifted)."""
    record = record_get_managed(actor=actor, record_id=record_id, lock=True)
    if record.status not in RECLASSIFIABLE:
        raise InvalidTransition(_("该信用记录当前状态为“%(s)s”，不能调整。") % {"s": record.get_status_display()},
                                code="illegal_record_transition", details={"status": record.status,
                                                                           "action": "reclassify"})
    reason = _reason(reason)
    decision = record.decision
    special = record.special_sector if special_sector is None else bool(special_sector)
    window = publicity_window(decided_on=decision.decided_on, penalty_types=decision.penalty_types,
                              severity=severity or record.severity, special_sector=special,
                              ends_on=publicity_ends_on)
    before = {"severity": record.severity, "special_sector": record.special_sector,
              "publicity_ends_on": record.publicity_ends_on, "repairable_from": record.repairable_from,
              "status": record.status}
    record.severity = window.severity
    record.special_sector = special
    record.repairable_from = window.repairable_from
    record.publicity_ends_on = window.ends_on
    new_status = RecordStatus.PUBLISHED if window.published else RecordStatus.NOT_PUBLISHED
    if new_status != record.status:
        record.status = new_status
        record.status_changed_at = timezone.now()
    record.save(update_fields=["severity", "special_sector", "repairable_from", "publicity_ends_on", "status",
                               "status_changed_at", "updated_at"])
    after = {"severity": record.severity, "special_sector": special, "publicity_ends_on": record.publicity_ends_on,
             "repairable_from": record.repairable_from, "status": record.status}
    audit_record(actor=actor, action="credit.record_reclassified", obj=record,
                 summary={"decision_number": decision.decision_number, "before": before, "after": after,
                          "reason": reason, "rule": window.source})
    in_force = AppliedMeasure.objects.filter(record=record, status=MeasureStatus.IN_FORCE).select_related("measure")
    if record.status == RecordStatus.NOT_PUBLISHED:
        measures_require_lift(actor=actor, measures=in_force, lift_reason="reclassified")
    else:
        unfit = [m.pk for m in in_force if measure_fit_problem(
            m.measure, severity=record.severity, matter_codes=[decision.matter.code], on_list=False) is not None]
        if unfit:
            measures_require_lift(actor=actor, measures=AppliedMeasure.objects.filter(pk__in=unfit),
                                  lift_reason="reclassified")
        if record.publicity_ends_on <= timezone.localdate():
            record = credit_record_end(actor=actor, record=record, action="expire", reason=reason)
    return record


@transaction.atomic
def credit_record_withdraw(*, actor, record_id, ground: str, reason: str) -> CreditRecord:
    """撤回: the decision was changed, revoked, confirmed illegal or void. The record leaves
    publication for good (internal history keeps it), its measures are flagged, and a list entry
    left without a published basis ends."""
    record = record_get_managed(actor=actor, record_id=record_id, lock=True)
    if ground not in WITHDRAWAL_GROUNDS:
        raise InvalidInput(_("请选择撤回的法定情形。"), code="invalid_ground", details={"field": "ground"})
    reason = _reason(reason)
    record = credit_record_end(actor=actor, record=record, action="withdraw",
                               reason=f"{WITHDRAWAL_GROUNDS[ground]}：{reason}")
    list_entries_after_record_ended(actor=actor, record=record)
    return record
