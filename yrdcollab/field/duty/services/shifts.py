"""Shifts and assignments. A shift lies inside the roster's period (and the campaign's or event's); an
officer on it needs a certificate valid for its dates and no other assignment overlapping it."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yrdcollab.core.errors import Conflict, InvalidInput
from yrdcollab.core.validation import invalid, is_uuid, text
from yrdcollab.platform.accounts.rules import CERTIFICATE_VALID
from yrdcollab.platform.audit.services import audit_record
from yrdcollab.platform.geo import shapes

from .. import contexts, permissions, rules
from ..models import RosterMember, Shift, ShiftAssignment
from ..selectors import access_roster, access_shift_for_update
from .locks import lock_officers

POST_MAX = 100
MAX_REQUIRED = 500
MAX_SHIFT_HOURS = 24

REASON_LABELS = {
    "expired": gettext_lazy("已过期"),
    "revoked": gettext_lazy("已吊销"),
    "not_yet_valid": gettext_lazy("尚未生效"),
    rules.CERTIFICATE_NONE: gettext_lazy("未登记执法证"),
}


@dataclass
class ShiftInput:
    post: str
    starts_at: datetime
    ends_at: datetime
    required_count: int = 1
    geometry: str = ""
    crs: str = "wgs84"


def _aware(value: datetime, field_name: str) -> datetime:
    if not isinstance(value, datetime):
        raise invalid(field_name, _("请填写时间。"), "required")
    if timezone.is_naive(value):
        value = timezone.make_aware(value, timezone.get_current_timezone())
    return value


def shift_days(starts_at: datetime, ends_at: datetime):
    """The local calendar days a shift touches (a shift ending at 00:00 ends on the day before)."""
    first = timezone.localtime(starts_at).date()
    last = timezone.localtime(ends_at - timedelta(microseconds=1)).date()
    return first, last


def _check_period(roster, starts_at: datetime, ends_at: datetime) -> None:
    """Inside the roster's period and its campaign's or event's, which must not have ended (409)."""
    contexts.require_roster_context_open(roster)
    first, last = shift_days(starts_at, ends_at)
    if roster.campaign_id:
        campaign = roster.campaign
        if not (campaign.starts_on <= first and last <= campaign.ends_on):
            raise invalid(
                "starts_at",
                _("班次须在整治行动期间（%(s)s 至 %(e)s）之内。") % {"s": campaign.starts_on, "e": campaign.ends_on},
                "outside_campaign_period",
            )
    if roster.event_id:
        event = roster.event
        if not (event.starts_on <= first and last <= event.ends_on):
            raise invalid(
                "starts_at",
                _("班次须在活动期间（%(s)s 至 %(e)s）之内。") % {"s": event.starts_on, "e": event.ends_on},
                "outside_event_period",
            )
    if not (roster.starts_on <= first and last <= roster.ends_on):
        raise invalid(
            "starts_at",
            _("班次须在勤务表期间（%(s)s 至 %(e)s）之内。") % {"s": roster.starts_on, "e": roster.ends_on},
            "outside_roster_period",
        )


def _clean(roster, data: ShiftInput) -> dict:
    post = text(" ".join(str(data.post or "").split()), "post", max_length=POST_MAX, label=_("岗位"))
    starts_at, ends_at = _aware(data.starts_at, "starts_at"), _aware(data.ends_at, "ends_at")
    if ends_at <= starts_at:
        raise invalid("ends_at", _("结束时间须晚于开始时间。"), "period_order")
    if ends_at - starts_at > timedelta(hours=MAX_SHIFT_HOURS):
        raise invalid("ends_at", _("一个班次不超过 %(n)d 小时。") % {"n": MAX_SHIFT_HOURS}, "shift_too_long")
    try:
        required = int(data.required_count)
    except (TypeError, ValueError):
        required = 0
    if not 1 <= required <= MAX_REQUIRED:
        raise invalid("required_count", _("需配人数须在 1 至 %(n)d 之间。") % {"n": MAX_REQUIRED}, "out_of_range")
    _check_period(roster, starts_at, ends_at)
    area = (
        shapes.polygon_parse(data.geometry, crs=data.crs or "wgs84", field="geometry")
        if (data.geometry or "").strip()
        else None
    )
    return {"post": post, "starts_at": starts_at, "ends_at": ends_at, "required_count": required, "area": area}


@transaction.atomic
def shift_create(*, actor, roster_id, data: ShiftInput) -> Shift:
    roster = access_roster(actor=actor, public_id=roster_id)
    permissions.require(permissions.manages_roster(actor, roster))
    values = _clean(roster, data)
    area = values.pop("area")
    shift = Shift(roster=roster, **values)
    shift.set_area(area)
    shift.save()
    audit_record(
        actor=actor,
        action="duty.shift_created",
        obj=shift,
        summary={
            "roster": roster.name,
            "post": shift.post,
            "starts_at": shift.starts_at.isoformat(),
            "ends_at": shift.ends_at.isoformat(),
            "required": shift.required_count,
        },
    )
    return shift


def _lock_shift(actor, shift_id) -> Shift:
    return access_shift_for_update(actor=actor, public_id=shift_id)


def _require_no_check_ins(shift: Shift) -> None:
    if shift.check_ins.exists():
        raise Conflict(
            _("该班次已有巡查打卡，不能再修改或删除。"),
            code="shift_has_check_ins",
            details={"shift": str(shift.public_id)},
        )


@transaction.atomic
def shift_update(*, actor, shift_id, data: ShiftInput) -> Shift:
    """Editable while nobody has checked in. New times are checked again for every assigned officer
    (certificate and double booking), and copied onto the assignments. The officers' rows are locked
    first, as assignment_create locks them, so no booking elsewhere slips in between check and write."""
    shift = _lock_shift(actor, shift_id)
    permissions.require(permissions.manages_roster(actor, shift.roster))
    _require_no_check_ins(shift)
    values = _clean(shift.roster, data)
    area = values.pop("area")
    lock_officers(shift.assignments.values_list("officer_id", flat=True))
    assignments = list(shift.assignments.select_related("officer").order_by("officer_id"))
    for assignment in assignments:
        certificate = _valid_certificate(assignment.officer, values["starts_at"], values["ends_at"])
        _check_overlap(assignment.officer, values["starts_at"], values["ends_at"], exclude_shift=shift)
        assignment.certificate = certificate
        assignment.starts_at, assignment.ends_at = values["starts_at"], values["ends_at"]
        assignment.save(update_fields=["certificate", "starts_at", "ends_at"])
    for name, value in values.items():
        setattr(shift, name, value)
    shift.set_area(area)
    shift.save()
    audit_record(
        actor=actor,
        action="duty.shift_updated",
        obj=shift,
        summary={
            "post": shift.post,
            "starts_at": shift.starts_at.isoformat(),
            "ends_at": shift.ends_at.isoformat(),
            "required": shift.required_count,
        },
    )
    return shift


@transaction.atomic
def shift_delete(*, actor, shift_id) -> None:
    shift = _lock_shift(actor, shift_id)
    permissions.require(permissions.manages_roster(actor, shift.roster))
    _require_no_check_ins(shift)
    summary = {
        "roster": shift.roster.name,
        "post": shift.post,
        "starts_at": shift.starts_at.isoformat(),
        "assigned": list(shift.assignments.values_list("officer__full_name", flat=True)),
    }
    audit_record(actor=actor, action="duty.shift_deleted", obj=shift, summary=summary)
    shift.delete()


def _valid_certificate(officer, starts_at: datetime, ends_at: datetime):
    first, last = shift_days(starts_at, ends_at)
    check = rules.best_certificate(list(officer.certificates.all()), first, last)
    if check.status == CERTIFICATE_VALID:
        return check.certificate
    cert = check.certificate
    reason = REASON_LABELS.get(check.status, check.status)
    if cert is None:
        message = _("%(name)s 未登记执法证，不能排班。") % {"name": officer.full_name}
    else:
        message = _(
            "%(name)s 的执法证 %(number)s %(reason)s（有效期 %(from)s 至 %(to)s），不能排入 %(first)s 至 %(last)s 的班次。"
        ) % {
            "name": officer.full_name,
            "number": cert.number,
            "reason": reason,
            "from": cert.valid_from,
            "to": cert.valid_to,
            "first": first,
            "last": last,
        }
    raise InvalidInput(
        message,
        code="certificate_invalid",
        details={
            "field": "officer",
            "officer": str(officer.public_id),
            "reason": check.status,
            "certificate": cert.number if cert else "",
            "valid_from": str(cert.valid_from) if cert else "",
            "valid_to": str(cert.valid_to) if cert else "",
        },
    )


def _check_overlap(officer, starts_at: datetime, ends_at: datetime, *, exclude_shift=None) -> None:
    """One indexed range query over the officer's assignments, everywhere on the platform."""
    clash = (
        ShiftAssignment.objects.filter(officer=officer, starts_at__lt=ends_at, ends_at__gt=starts_at)
        .select_related("shift", "shift__roster")
        .order_by("starts_at")
    )
    if exclude_shift is not None:
        clash = clash.exclude(shift=exclude_shift)
    other = clash.first()
    if other is None:
        return
    raise Conflict(
        _("%(name)s 在同一时段已排入“%(roster)s”的 %(post)s 班次（%(start)s 至 %(end)s），不能重复排班。")
        % {
            "name": officer.full_name,
            "roster": other.shift.roster.name,
            "post": other.shift.post,
            "start": timezone.localtime(other.starts_at).strftime("%Y-%m-%d %H:%M"),
            "end": timezone.localtime(other.ends_at).strftime("%Y-%m-%d %H:%M"),
        },
        code="double_booked",
        details={
            "field": "officer",
            "officer": str(officer.public_id),
            "shift": str(other.shift.public_id),
            "post": other.shift.post,
            "roster": other.shift.roster.name,
            "roster_id": str(other.shift.roster.public_id),
            "starts_at": other.starts_at.isoformat(),
            "ends_at": other.ends_at.isoformat(),
        },
    )


def _member(shift: Shift, officer_id) -> RosterMember | None:
    if not is_uuid(officer_id):
        return None
    return (
        RosterMember.objects.select_related("officer")
        .filter(roster=shift.roster_id, officer__public_id=officer_id)
        .first()
    )


@transaction.atomic
def assignment_create(*, actor, shift_id, officer_id) -> ShiftAssignment:
    shift = _lock_shift(actor, shift_id)
    roster = shift.roster
    permissions.require(permissions.takes_part(actor, roster))
    contexts.require_roster_context_open(roster)
    member = _member(shift, officer_id)
    if member is None:
        raise invalid("officer", _("只能排入本勤务表上的人员。"), "not_a_member")
    officer = lock_officers([member.officer_id])[0]  # one booking per officer at a time
    if not RosterMember.objects.filter(pk=member.pk).exists():  # removed from the roster meanwhile
        raise invalid("officer", _("只能排入本勤务表上的人员。"), "not_a_member")
    permissions.require(permissions.may_manage_officer_on(actor, roster, officer))
    certificate = _valid_certificate(officer, shift.starts_at, shift.ends_at)
    if shift.assignments.filter(officer=officer).exists():
        raise Conflict(
            _("%(name)s 已在该班次上。") % {"name": officer.full_name},
            code="already_assigned",
            details={"field": "officer"},
        )
    _check_overlap(officer, shift.starts_at, shift.ends_at)
    assignment = ShiftAssignment.objects.create(
        shift=shift,
        officer=officer,
        certificate=certificate,
        starts_at=shift.starts_at,
        ends_at=shift.ends_at,
        assigned_by=actor,
    )
    audit_record(
        actor=actor,
        action="duty.officer_assigned",
        obj=shift,
        summary={
            "officer": officer.full_name,
            "certificate": certificate.number,
            "post": shift.post,
            "starts_at": shift.starts_at.isoformat(),
        },
    )
    return assignment


@transaction.atomic
def assignment_remove(*, actor, shift_id, officer_id) -> None:
    shift = _lock_shift(actor, shift_id)
    roster = shift.roster
    permissions.require(permissions.takes_part(actor, roster))
    assignment = (
        ShiftAssignment.objects.select_related("officer").filter(shift=shift, officer__public_id=officer_id).first()
        if is_uuid(officer_id)
        else None
    )
    if assignment is None:
        raise invalid("officer", _("该人员未排入此班次。"), "not_assigned")
    permissions.require(permissions.may_manage_officer_on(actor, roster, assignment.officer))
    if assignment.check_ins.exists():
        raise Conflict(
            _("%(name)s 已在该班次打卡，不能取消排班。") % {"name": assignment.officer.full_name},
            code="assignment_has_check_ins",
            details={"field": "officer"},
        )
    assignment.delete()
    audit_record(
        actor=actor,
        action="duty.officer_unassigned",
        obj=shift,
        summary={"officer": assignment.officer.full_name, "post": shift.post},
    )
