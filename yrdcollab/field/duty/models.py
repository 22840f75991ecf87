"""Joint duty (联勤联动): rosters mixing officers of several agencies, shifts, assignments and patrol
check-ins with time, place and photo."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet
from yrdcollab.platform.access.permissions import has_capability
from yrdcollab.platform.access.roles import Capability
from yrdcollab.platform.geo.models import DrawnArea

from .states import CheckInFlag, MemberSource, RosterKind


def _rosters_q(actor) -> Q | None:
    """A filter on Roster admitting what the actor sees (subqueries, so no duplicate rows); None for
    every roster (the command centre, read-only). An actor without an agency sees none."""
    scope = AgencyScope.for_actor(actor)
    if scope.agency_id is None:
        return Q(pk__in=[])
    if scope.everything:
        return None
    condition = Q(id__in=RosterMember.objects.filter(officer_id=actor.pk).values("roster_id"))
    if has_capability(actor, Capability.DUTY_MANAGE):
        condition |= Q(organiser_id__in=scope.ids)
        condition |= Q(id__in=Roster.agencies.through.objects.filter(agency_id__in=scope.ids).values("roster_id"))
    return condition


class RosterQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The command centre sees every roster; a duty manager those its agency (or one below it)
        organises or takes part in; an officer those he is a member of."""
        condition = _rosters_q(actor)
        return self.all() if condition is None else self.filter(condition)


class RosterRowQuerySet(ScopedQuerySet):
    """Shifts and check-ins: seen with their roster."""

    def visible_to(self, actor):
        condition = _rosters_q(actor)
        return (
            self.all() if condition is None else self.filter(roster__in=Roster.objects.filter(condition).values("id"))
        )


class Roster(TimestampedModel, DrawnArea):
    name = models.CharField(_("勤务表名称"), max_length=128)
    kind = models.CharField(_("类型"), max_length=12, choices=RosterKind.choices)
    organiser = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("编排单位")
    )
    agencies = models.ManyToManyField("directory.Agency", related_name="+", verbose_name=_("参勤单位"))
    campaign = models.ForeignKey(
        "operations.Campaign",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rosters",
        verbose_name=_("整治行动"),
    )
    event = models.ForeignKey(
        "events.MajorEvent",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rosters",
        verbose_name=_("重大活动"),
    )
    area_divisions = models.ManyToManyField(
        "directory.Division", blank=True, related_name="+", verbose_name=_("勤务区域")
    )
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = RosterQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("联勤勤务表")
        verbose_name_plural = _("联勤勤务表")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="roster_period_order"),
            models.CheckConstraint(
                condition=~(models.Q(campaign__isnull=False) & models.Q(event__isnull=False)), name="roster_one_context"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RosterMember(models.Model):
    """An officer available to the roster: nominated by an agency, or sent as reinforcement."""

    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="members")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(_("来源"), max_length=16, choices=MemberSource.choices, default=MemberSource.NOMINATED)
    reinforcement = models.ForeignKey(
        "events.ReinforcementRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("增援请求"),
    )
    added_at = models.DateTimeField(_("加入时间"), auto_now_add=True)

    class Meta:
        ordering = ["roster_id", "id"]
        constraints = [models.UniqueConstraint(fields=["roster", "officer"], name="roster_member_once")]

    def __str__(self) -> str:
        return f"{self.roster_id}:{self.officer_id}"


class Shift(TimestampedModel, DrawnArea):
    roster = models.ForeignKey(Roster, on_delete=models.CASCADE, related_name="shifts")
    post = models.CharField(_("岗位"), max_length=100)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    required_count = models.PositiveIntegerField(_("需配人数"), default=1)

    objects = RosterRowQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "post"]
        verbose_name = _("班次")
        verbose_name_plural = _("班次")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_period_order"),
        ]
        indexes = [models.Index(fields=["roster", "starts_at"], name="shift_roster_idx")]

    def __str__(self) -> str:
        return f"{self.post} {self.starts_at:%Y-%m-%d %H:%M}"


class ShiftAssignment(models.Model):
    """An officer on a shift. The shift's times are copied here so the double-booking check is one
    indexed range query over the officer's assignments."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="assignments")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    certificate = models.ForeignKey(
        "accounts.OfficerCertificate", on_delete=models.PROTECT, related_name="+", verbose_name=_("执法证")
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("排班时间"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["shift", "officer"], name="shift_assignment_once")]
        indexes = [models.Index(fields=["officer", "starts_at", "ends_at"], name="assignment_officer_idx")]

    def __str__(self) -> str:
        return f"{self.shift_id}:{self.officer_id}"


class CheckIn(models.Model):
    """A patrol check-in (巡查打卡). One from far outside the assigned area is kept and flagged, never
    refused: the officer may have had a reason."""

    public_id = models.UUIDField(_("公开编号"), default=uuid.uuid4, unique=True, editable=False)
    assignment = models.ForeignKey(ShiftAssignment, on_delete=models.PROTECT, related_name="check_ins")
    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="check_ins")
    # Copied from the shift so dashboards count/group check-ins per roster and day on one index.
    roster = models.ForeignKey(Roster, on_delete=models.PROTECT, related_name="check_ins")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("打卡时间"))
    lon = models.FloatField(_("经度（WGS-84）"))
    lat = models.FloatField(_("纬度（WGS-84）"))
    accuracy_m = models.PositiveIntegerField(_("定位精度（米）"), null=True, blank=True)
    photo_sha256 = models.CharField(_("现场照片"), max_length=64, blank=True)
    photo_content_type = models.CharField(max_length=32, blank=True)
    note = models.CharField(_("说明"), max_length=300, blank=True)
    distance_m = models.PositiveIntegerField(_("距责任区域（米）"), default=0)
    flag = models.CharField(_("异常"), max_length=16, choices=CheckInFlag.choices, blank=True, default="")
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)
    # A check-in sent from the phone's offline queue (core.replay): the phone's key, unique per
    # officer, so a resend is recorded once; and the moment it was made (then also its `at`).
    client_id = models.UUIDField(_("离线记录编号"), null=True, blank=True, editable=False)
    made_at = models.DateTimeField(_("手机记录时间"), null=True, blank=True)

    objects = RosterRowQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("巡查打卡")
        verbose_name_plural = _("巡查打卡")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__gte=-90, lat__lte=90) & models.Q(lon__gte=-180, lon__lte=180),
                name="check_in_coordinates_range",
            ),
            models.UniqueConstraint(fields=["officer", "client_id"], name="check_in_client_id_once"),
        ]
        indexes = [
            models.Index(fields=["shift", "at"], name="check_in_shift_idx"),
            models.Index(fields=["officer", "at"], name="check_in_officer_idx"),
            models.Index(fields=["roster", "at"], name="check_in_roster_idx"),
            models.Index(fields=["agency", "at"], name="check_in_agency_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id}@{self.at.isoformat()}"
