"""Current problems of a roster, recomputed on every read (nothing stored goes stale): an assignment
whose certificate no longer covers the shift (revoked or shortened after the assignment), an officer
booked on overlapping shifts (an edit elsewhere, or rows written before the check existed), an
inactive member still assigned, and shifts still to come that are short of officers."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from yrdcollab.platform.accounts.models import OfficerCertificate
from yrdcollab.platform.accounts.rules import CERTIFICATE_VALID

from . import rules
from .models import Roster, ShiftAssignment
from .services.shifts import REASON_LABELS, shift_days


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    shift_id: str
    post: str
    starts_at: object
    officer: str = ""
    other_roster: str = ""


def _clashes(assignments: list[ShiftAssignment]):
    """(assignment, the earliest other assignment of the same officer overlapping it) for each roster
    assignment with one, anywhere on the platform. One query for every officer of the roster over the
    roster's assigned time span; the overlaps are compared in memory."""
    if not assignments:
        return
    window_start = min(a.starts_at for a in assignments)
    window_end = max(a.ends_at for a in assignments)
    others: dict[int, list[ShiftAssignment]] = {}
    for other in (
        ShiftAssignment.objects.filter(
            officer_id__in={a.officer_id for a in assignments}, starts_at__lt=window_end, ends_at__gt=window_start
        )
        .select_related("shift", "shift__roster")
        .order_by("starts_at", "id")
    ):
        others.setdefault(other.officer_id, []).append(other)
    for a in assignments:
        clash = next(
            (
                o
                for o in others.get(a.officer_id, ())
                if o.pk != a.pk and o.starts_at < a.ends_at and o.ends_at > a.starts_at
            ),
            None,
        )
        if clash is not None:
            yield a, clash


def roster_conflicts(roster: Roster) -> list[Problem]:
    problems: list[Problem] = []
    assignments = list(
        ShiftAssignment.objects.filter(shift__roster=roster)
        .select_related("shift", "officer", "certificate")
        .order_by("starts_at", "id")
    )
    officer_ids = {a.officer_id for a in assignments}
    certificates: dict[int, list] = {}
    if officer_ids:
        for cert in OfficerCertificate.objects.filter(holder_id__in=officer_ids):
            certificates.setdefault(cert.holder_id, []).append(cert)
    for a in assignments:
        first, last = shift_days(a.starts_at, a.ends_at)
        status = rules.certificate_for_period(a.certificate, first, last)
        if status != CERTIFICATE_VALID:
            better = rules.best_certificate(certificates.get(a.officer_id, []), first, last)
            note = (
                _("，另有有效执法证 %(n)s 可用") % {"n": better.certificate.number}
                if (better.status == CERTIFICATE_VALID)
                else ""
            )
            problems.append(
                Problem(
                    code="certificate_invalid",
                    shift_id=str(a.shift.public_id),
                    post=a.shift.post,
                    starts_at=a.starts_at,
                    officer=a.officer.full_name,
                    message=_("执法证 %(number)s %(reason)s%(note)s")
                    % {"number": a.certificate.number, "reason": REASON_LABELS.get(status, status), "note": note},
                )
            )
        if not a.officer.is_active:
            problems.append(
                Problem(
                    code="officer_inactive",
                    shift_id=str(a.shift.public_id),
                    post=a.shift.post,
                    starts_at=a.starts_at,
                    officer=a.officer.full_name,
                    message=_("人员账号已停用"),
                )
            )
    for a, clash in _clashes(assignments):
        problems.append(
            Problem(
                code="double_booked",
                shift_id=str(a.shift.public_id),
                post=a.shift.post,
                starts_at=a.starts_at,
                officer=a.officer.full_name,
                other_roster=clash.shift.roster.name,
                message=_("与“%(roster)s” %(post)s 班次时间重叠")
                % {"roster": clash.shift.roster.name, "post": clash.shift.post},
            )
        )
    upcoming = (
        roster.shifts.filter(ends_at__gt=timezone.now()).annotate(staffed=Count("assignments")).order_by("starts_at")
    )
    for shift in upcoming:
        if shift.staffed < shift.required_count:
            problems.append(
                Problem(
                    code="understaffed",
                    shift_id=str(shift.public_id),
                    post=shift.post,
                    starts_at=shift.starts_at,
                    message=_("需配 %(r)d 人，已排 %(s)d 人") % {"r": shift.required_count, "s": shift.staffed},
                )
            )
    return sorted(problems, key=lambda p: (p.starts_at, p.post, p.code))
