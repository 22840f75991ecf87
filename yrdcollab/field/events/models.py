"""Major-event operations (重大活动执法保障): the event, its security zones, the agencies taking
part, reinforcement between agencies, incidents tagged by zone, and the compiled reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet
from yrdcollab.platform.geo.models import DrawnArea

from .states import EventLevel, EventStatus, IncidentSource, IncidentStatus, ReinforcementStatus, ReportKind, ZoneLevel


def _party_q(ids) -> Q:
    """Events led by or taking part in an agency of `ids`."""
    participants = MajorEvent.participants.through.objects.filter(agency_id__in=ids).values("majorevent_id")
    return Q(lead_agency_id__in=ids) | Q(pk__in=participants)


def _party_event_ids(scope: AgencyScope):
    """The ids of the events whose own data (incidents, reports, figures) the scope sees (as a subquery)."""
    return MajorEvent.objects.filter(_party_q(scope.ids)).values("id")


class MajorEventQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Its lead agency, its participating agencies, the agencies above them, an agency asked for
        reinforcement (which sees its own requests only) and the command centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        asked = ReinforcementRequest.objects.filter(provider_id__in=scope.ids).values("event_id")
        return self.filter(_party_q(scope.ids) | Q(pk__in=asked))

    def with_data_for(self, actor):
        """The events whose own data (incidents, reports, figures) the actor sees: those led by or taking
        part in its agency or one below it, and every event for the command centre — not an event the
        agency was only asked to reinforce."""
        scope = AgencyScope.for_actor(actor)
        return self.all() if scope.everything else self.filter(_party_q(scope.ids))


class SecurityZoneQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """The zones of the events the actor sees."""
        return self.filter(event__in=MajorEvent.objects.visible_to(actor).values("id"))


class ReinforcementQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Every request of an event the actor is a party to (or above one), and the requests its side
        made or was asked."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        return self.filter(
            Q(event__in=_party_event_ids(scope)) | Q(requester_id__in=scope.ids) | Q(provider_id__in=scope.ids)
        )


class EventDataQuerySet(ScopedQuerySet):
    """Incidents and reports: seen by the parties of their event, their superiors and the command centre."""

    def visible_to(self, actor):
        scope = AgencyScope.for_actor(actor)
        return self.all() if scope.everything else self.filter(event__in=_party_event_ids(scope))


class MajorEvent(TimestampedModel):
    code = models.SlugField(_("代码"), max_length=48, unique=True)
    name = models.CharField(_("活动名称"), max_length=128)
    edition = models.CharField(_("届次"), max_length=32, blank=True)
    host_city = models.ForeignKey(
        "directory.Division", on_delete=models.PROTECT, related_name="+", verbose_name=_("举办地")
    )
    venue = models.CharField(_("场馆"), max_length=200)
    venue_lon = models.FloatField(_("场馆经度（WGS-84）"), null=True, blank=True)
    venue_lat = models.FloatField(_("场馆纬度（WGS-84）"), null=True, blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    level = models.CharField(_("级别"), max_length=12, choices=EventLevel.choices)
    lead_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("牵头保障机构")
    )
    participants = models.ManyToManyField(
        "directory.Agency", related_name="+", blank=True, verbose_name=_("参与保障机构")
    )
    status = models.CharField(_("状态"), max_length=12, choices=EventStatus.choices, default=EventStatus.PLANNING)
    description = models.TextField(_("说明"), blank=True)
    source = models.CharField(_("资料来源"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MajorEventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "name"]
        verbose_name = _("重大活动")
        verbose_name_plural = _("重大活动")
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="event_period_order"),
        ]

    def __str__(self) -> str:
        return f"{self.name}{self.edition}"


class SecurityZone(TimestampedModel, DrawnArea):
    event = models.ForeignKey(MajorEvent, on_delete=models.CASCADE, related_name="zones")
    level = models.CharField(_("圈层"), max_length=8, choices=ZoneLevel.choices)
    name = models.CharField(_("名称"), max_length=100)
    # Matters not tolerated at all inside (e.g. 占道经营 in the core ring): a report is urgent.
    prohibited_matters = models.ManyToManyField(
        "catalogue.Matter", blank=True, related_name="+", verbose_name=_("区内严禁事项")
    )
    response_minutes = models.PositiveIntegerField(_("响应时限（分钟）"))

    objects = SecurityZoneQuerySet.as_manager()

    class Meta:
        ordering = ["event_id", "level", "name"]
        verbose_name = _("安保圈层")
        verbose_name_plural = _("安保圈层")
        constraints = [models.UniqueConstraint(fields=["event", "name"], name="security_zone_name_once")]

    def __str__(self) -> str:
        return self.name


class ReinforcementRequest(TimestampedModel):
    event = models.ForeignKey(MajorEvent, on_delete=models.PROTECT, related_name="reinforcements")
    number = models.CharField(_("文号"), max_length=64, unique=True)
    requester = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("请求机构")
    )
    provider = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("被请求机构")
    )
    officers_requested = models.PositiveIntegerField(_("请求警力（人）"))
    vehicles_requested = models.PositiveIntegerField(_("请求车辆（辆）"), default=0)
    starts_on = models.DateField(_("支援开始日期"))
    ends_on = models.DateField(_("支援结束日期"))
    purpose = models.TextField(_("支援任务"))
    status = models.CharField(
        _("状态"), max_length=16, choices=ReinforcementStatus.choices, default=ReinforcementStatus.PENDING
    )
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    officers_granted = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("派出人员")
    )
    vehicles_granted = models.PositiveIntegerField(_("派出车辆（辆）"), default=0)
    response_note = models.CharField(_("答复意见"), max_length=500, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("答复时间"), null=True, blank=True)

    objects = ReinforcementQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("增援请求")
        verbose_name_plural = _("增援请求")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="reinforcement_period_order"
            ),
            models.CheckConstraint(condition=~models.Q(requester=models.F("provider")), name="reinforcement_not_self"),
            models.CheckConstraint(
                condition=models.Q(officers_requested__gt=0) | models.Q(vehicles_requested__gt=0),
                name="reinforcement_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(vehicles_granted__lte=models.F("vehicles_requested")),
                name="reinforcement_vehicles_within_request",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class Incident(TimestampedModel):
    event = models.ForeignKey(MajorEvent, on_delete=models.PROTECT, related_name="incidents")
    source = models.CharField(_("来源"), max_length=8, choices=IncidentSource.choices)
    alert = models.OneToOneField(
        "sensing.Alert", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("感知预警")
    )
    reported_at = models.DateTimeField(_("上报时间"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reporter_agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("上报单位"),
    )
    matter = models.ForeignKey("catalogue.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    description = models.TextField(_("情况描述"))
    lon = models.FloatField(_("经度（WGS-84）"))
    lat = models.FloatField(_("纬度（WGS-84）"))
    # The innermost zone holding the point, or the nearest one within the "near" distance.
    zone = models.ForeignKey(
        SecurityZone,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("所在圈层"),
    )
    zone_distance_m = models.PositiveIntegerField(_("距圈层（米）"), null=True, blank=True)
    is_urgent = models.BooleanField(_("紧急"), default=False)
    respond_by = models.DateTimeField(_("响应时限"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=IncidentStatus.choices, default=IncidentStatus.OPEN)
    handled_by_agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处置单位"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处置人"),
    )
    claimed_at = models.DateTimeField(_("认领时间"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    resolution = models.CharField(_("处置结果"), max_length=500, blank=True)
    # A report sent from the phone's offline queue (core.replay): the phone's key, unique per
    # reporter, so a resend is recorded once; and the moment it was made (then also `reported_at`).
    client_id = models.UUIDField(_("离线记录编号"), null=True, blank=True, editable=False)
    made_at = models.DateTimeField(_("手机记录时间"), null=True, blank=True)

    objects = EventDataQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("现场事件")
        verbose_name_plural = _("现场事件")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lat__gte=-90, lat__lte=90) & models.Q(lon__gte=-180, lon__lte=180),
                name="incident_coordinates_range",
            ),
            models.UniqueConstraint(fields=["reported_by", "client_id"], name="incident_client_id_once"),
        ]
        indexes = [
            models.Index(fields=["event", "reported_at"], name="incident_event_idx"),
            models.Index(fields=["event", "status"], name="incident_event_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.matter_id} {self.reported_at:%Y-%m-%d %H:%M}"


class EventReport(TimestampedModel):
    """A 日报 or the post-event summary, compiled from the data of its day (or the whole event) and kept
    as issued: figures as JSON, the PDF in the content-addressed store."""

    event = models.ForeignKey(MajorEvent, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("类型"), max_length=8, choices=ReportKind.choices)
    day = models.DateField(_("日期"))  # the report's day; for a summary, the event's last day
    number = models.CharField(_("编号"), max_length=64, unique=True)
    figures = models.JSONField(_("数据"))
    pdf_sha256 = models.CharField(max_length=64)
    compiled_at = models.DateTimeField(_("生成时间"))
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = EventDataQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "kind"]
        verbose_name = _("保障报告")
        verbose_name_plural = _("保障报告")
        constraints = [models.UniqueConstraint(fields=["event", "kind", "day"], name="event_report_once")]

    def __str__(self) -> str:
        return self.number
