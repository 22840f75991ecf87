"""Monitoring devices (行政处罚法第四十一条), what they report, the rules that turn reports into alerts,
and the dead letters of messages that could not be accepted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import AgencyScope, ScopedQuerySet

from .states import ACTIVE, AlertStatus, CheckResult, DeviceType, IngestState, ReviewStatus, RoutingStatus

# Devices whose records serve as evidence for enforcement: their locations are published once approved.
ENFORCEMENT_TYPES = frozenset(
    {DeviceType.AI_CAMERA, DeviceType.TRUCK_GPS, DeviceType.NOISE_METER, DeviceType.DUST_METER, DeviceType.WATER_LEVEL}
)


def _coordinate_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(condition=models.Q(lat__gte=-90, lat__lte=90), name=f"{prefix}_lat_range"),
        models.CheckConstraint(condition=models.Q(lon__gte=-180, lon__lte=180), name=f"{prefix}_lon_range"),
    ]


class DeviceQuerySet(ScopedQuerySet):
    """A device belongs to one agency: seen by it, the agencies above it and the command centre."""

    scope_fields = ("agency",)


class Device(TimestampedModel):
    code = models.CharField(_("设备编码"), max_length=64, unique=True)
    type = models.CharField(_("设备类型"), max_length=16, choices=DeviceType.choices)
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("所属机构")
    )
    name = models.CharField(_("设备名称"), max_length=100)
    lon = models.FloatField(_("经度（WGS-84）"))
    lat = models.FloatField(_("纬度（WGS-84）"))
    address = models.CharField(_("设置地点"), max_length=200)
    purpose = models.CharField(_("设置目的和监测事项"), max_length=500, blank=True)
    # 行政处罚法第四十一条：法制和技术审核
    review_status = models.CharField(
        _("审核状态"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("审核人")
    )
    reviewed_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    review_opinion = models.CharField(_("审核意见"), max_length=1000, blank=True)
    published = models.BooleanField(_("已向社会公布"), default=False)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)
    secret_hash = models.CharField(max_length=64, editable=False)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)
    last_seen_at = models.DateTimeField(_("最近上报"), null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["agency_id", "code"]
        verbose_name = _("监控设备")
        verbose_name_plural = _("监控设备")
        indexes = [models.Index(fields=["published", "review_status"], name="device_public_idx")]
        constraints = [
            *_coordinate_constraints("device"),
            models.CheckConstraint(
                condition=models.Q(published=False) | models.Q(review_status=ReviewStatus.APPROVED),
                name="device_published_only_if_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_enforcement(self) -> bool:
        return self.type in ENFORCEMENT_TYPES


class DeviceEvent(models.Model):
    event_id = models.UUIDField(_("事件编号"), unique=True)
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="events")
    type = models.CharField(_("事件类型"), max_length=64)
    occurred_at = models.DateTimeField(_("发生时间"))
    lon = models.FloatField()
    lat = models.FloatField()
    confidence = models.FloatField(null=True, blank=True)
    media_sha256 = models.CharField(max_length=64, blank=True)
    digest = models.CharField(max_length=64)  # of the canonical payload: a replay must match it
    received_at = models.DateTimeField()
    via = models.CharField(max_length=8)  # mqtt | http
    replays = models.PositiveIntegerField(default=0)  # identical re-deliveries acknowledged since
    alert = models.ForeignKey("Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="events")

    class Meta:
        ordering = ["-occurred_at"]
        indexes = [models.Index(fields=["device", "occurred_at"], name="device_event_time_idx")]
        constraints = _coordinate_constraints("device_event")

    def __str__(self) -> str:
        return f"{self.type}@{self.device_id}"


class TelemetryReading(models.Model):
    reading_id = models.UUIDField(unique=True)
    device = models.ForeignKey(Device, on_delete=models.PROTECT, related_name="readings")
    metric = models.CharField(max_length=32)
    value = models.FloatField()
    unit = models.CharField(max_length=16, blank=True)
    measured_at = models.DateTimeField()
    digest = models.CharField(max_length=64)
    received_at = models.DateTimeField()
    replays = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-measured_at"]
        indexes = [models.Index(fields=["device", "metric", "measured_at"], name="telemetry_series_idx")]

    def __str__(self) -> str:
        return f"{self.metric}={self.value}"


class DeadLetter(models.Model):
    digest = models.CharField(max_length=64, blank=True, db_index=True)  # sha256(topic, payload): redeliveries
    topic = models.CharField(_("主题"), max_length=255)
    payload_excerpt = models.TextField(_("报文摘录"))
    payload_size = models.PositiveIntegerField(_("报文字节数"))
    reason_code = models.CharField(_("原因代码"), max_length=32, db_index=True)
    reason = models.CharField(_("原因"), max_length=300)
    detail = models.CharField(_("详情"), max_length=300, blank=True)
    device_code = models.CharField(_("设备编码"), max_length=64, blank=True)
    via = models.CharField(max_length=8)
    received_at = models.DateTimeField(_("接收时间"), db_index=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("死信")
        verbose_name_plural = _("死信")

    def __str__(self) -> str:
        return f"{self.reason_code}: {self.topic}"


class EventTypeRule(TimestampedModel):
    event_type = models.CharField(_("事件类型"), max_length=64, unique=True)
    matter = models.ForeignKey(
        "catalogue.Matter", on_delete=models.PROTECT, related_name="+", to_field="code", verbose_name=_("事项")
    )
    min_confidence = models.FloatField(_("最低置信度"), default=0.0)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["event_type"]
        verbose_name = _("事件规则")
        verbose_name_plural = _("事件规则")

    def __str__(self) -> str:
        return f"{self.event_type} → {self.matter_id}"


class TelemetryRule(TimestampedModel):
    name = models.CharField(_("规则名称"), max_length=100, unique=True)
    metric = models.CharField(_("指标"), max_length=32, db_index=True)
    threshold = models.FloatField(_("限值"))
    duration_minutes = models.PositiveIntegerField(_("持续分钟数"), default=0)
    window_start = models.TimeField(_("时段开始"), null=True, blank=True)
    window_end = models.TimeField(_("时段结束"), null=True, blank=True)
    matter = models.ForeignKey(
        "catalogue.Matter", on_delete=models.PROTECT, related_name="+", to_field="code", verbose_name=_("事项")
    )
    basis = models.CharField(_("依据"), max_length=300, blank=True)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["metric", "name"]
        verbose_name = _("监测阈值规则")
        verbose_name_plural = _("监测阈值规则")

    def __str__(self) -> str:
        return self.name


class AlertQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """An alert is seen by every agency it was routed to (candidate or informed), the agencies above
        them and the command centre."""
        scope = AgencyScope.for_actor(actor)
        if scope.everything:
            return self.all()
        return self.filter(pk__in=AlertAgency.objects.filter(scope.q_within("agency")).values("alert_id"))

    def live_visible_to(self, actor, *, status: str = ""):
        """The live alerts (open and claimed, or those of one live `status`) of visible_to, found through
        the live state their routing rows keep (AlertAgency.alert_active, live_status): the few live entries
        of the agency in alert_agency_live_idx instead of every routing row it ever had (hundreds of
        thousands in a busy agency). The same rows as `visible_to(actor).filter(status…)` as long as the
        alert services keep the rows in step (services.alerts; selectors.alert_routing_out_of_step)."""
        scope = AgencyScope.for_actor(actor)
        live = self.filter(status=status) if status else self.filter(status__in=ACTIVE)
        if scope.everything:
            return live
        routed = AlertAgency.objects.filter(scope.q_within("agency"), alert_active=True)
        if status:
            routed = routed.filter(live_status=status)
        return live.filter(pk__in=routed.values("alert_id"))


class Alert(TimestampedModel):
    matter = models.ForeignKey("catalogue.Matter", on_delete=models.PROTECT, related_name="+", verbose_name=_("事项"))
    title = models.CharField(_("标题"), max_length=200)
    details = models.JSONField(_("详情"), default=dict, blank=True)
    lon = models.FloatField(_("经度"))
    lat = models.FloatField(_("纬度"))
    division = models.ForeignKey(
        "directory.Division",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("所在区划"),
    )
    routing_status = models.CharField(_("管辖判定"), max_length=16, choices=RoutingStatus.choices)
    status = models.CharField(_("状态"), max_length=16, choices=AlertStatus.choices, default=AlertStatus.OPEN)
    count = models.PositiveIntegerField(_("合并次数"), default=1)
    first_occurred_at = models.DateTimeField(_("首次发生"))
    last_occurred_at = models.DateTimeField(_("最近发生"))
    source_kind = models.CharField(_("来源"), max_length=16)
    source_ref = models.CharField(_("来源标识"), max_length=100)
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True, related_name="alerts")
    handling_agency = models.ForeignKey(
        "directory.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("处置机构"),
    )
    handled_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    check_result = models.CharField(_("核查结果"), max_length=16, choices=CheckResult.choices, blank=True)
    resolution_note = models.CharField(_("处置说明"), max_length=2000, blank=True)
    transfer = models.ForeignKey(
        "transfers.ClueTransfer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("线索移送"),
    )
    agencies = models.ManyToManyField("directory.Agency", through="AlertAgency", related_name="+")

    objects = AlertQuerySet.as_manager()

    class Meta:
        ordering = ["-last_occurred_at", "-id"]
        verbose_name = _("预警")
        verbose_name_plural = _("预警")
        indexes = [
            models.Index(fields=["matter", "status", "last_occurred_at"], name="alert_dedupe_idx"),
            # The live alerts (a few thousand among millions): workbench and menu counts, cockpit figures and
            # map points (bench/command_centre.py).
            models.Index(
                fields=["last_occurred_at"],
                condition=models.Q(status__in=[AlertStatus.OPEN, AlertStatus.CLAIMED]),
                name="alert_live_idx",
            ),
            # the cockpit's live alerts by division and matter, index-only (ADR 0028; the id as a key column,
            # not INCLUDE, which SQLite does not have)
            models.Index(
                fields=["division", "matter", "id"],
                condition=models.Q(status__in=[AlertStatus.OPEN, AlertStatus.CLAIMED]),
                name="alert_live_cover_idx",
            ),
        ]
        constraints = _coordinate_constraints("alert")

    def __str__(self) -> str:
        return self.title


class AlertAgency(models.Model):
    """An agency the alert was routed to. Candidates may claim it; informed agencies (e.g. a truck's
    home agency) see it and are notified."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="agency_links")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, related_name="+")
    is_candidate = models.BooleanField(default=True)
    distance_m = models.FloatField(default=0)
    # The alert's live state, kept in step with Alert.status by the alert services in the same transaction
    # (services.alerts): whether it is live (open or claimed) and, while it is, its status ("" once closed).
    # The workbench, menu and list counts of live alerts read them in the partial index below (a few
    # entries per agency) instead of joining every routing row of the agency to the alerts. No defaults:
    # whoever makes a row says the state (a new alert's rows: live, open).
    alert_active = models.BooleanField(_("预警未结"))
    live_status = models.CharField(_("未结预警的状态"), max_length=16, choices=AlertStatus.choices, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "agency"], name="alert_agency_unique"),
            models.CheckConstraint(
                condition=models.Q(alert_active=True, live_status__in=sorted(status.value for status in ACTIVE))
                | models.Q(alert_active=False, live_status=""),
                name="alert_agency_live_state",
            ),
        ]
        indexes = [
            models.Index(
                fields=["agency", "live_status", "alert"],
                condition=models.Q(alert_active=True),
                name="alert_agency_live_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.alert_id}/{self.agency_id}"


class AlertLog(models.Model):
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="log")
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, related_name="+")
    agency = models.ForeignKey("directory.Agency", on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=16)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    note = models.CharField(max_length=2000, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        # the cockpit's responses of today and its nightly rollup read the log of a day (ADR 0028)
        indexes = [models.Index(fields=["at"], name="alert_log_time_idx")]

    def __str__(self) -> str:
        return f"{self.alert_id}: {self.action}"


__all__ = [
    "Device",
    "DeviceEvent",
    "TelemetryReading",
    "DeadLetter",
    "EventTypeRule",
    "TelemetryRule",
    "Alert",
    "AlertAgency",
    "AlertLog",
    "ENFORCEMENT_TYPES",
    "AlertStatus",
    "CheckResult",
]


class IngestLease(models.Model):
    """Who holds the deployment's one MQTT session (ADR 0020). A holder renews `expires_at`; a lease past
    it may be claimed by any instance with one conditional UPDATE, so exactly one instance wins."""

    name = models.CharField(max_length=64, primary_key=True)
    holder = models.CharField(max_length=100, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} → {self.holder or '—'}"


class IngestInstance(models.Model):
    """A running ingest process, as it last reported itself: what the monitor page and `ingest_status` show."""

    instance_id = models.CharField(max_length=100, unique=True)
    host = models.CharField(_("主机"), max_length=255)
    pid = models.PositiveIntegerField()
    broker = models.CharField(_("消息服务"), max_length=255)
    state = models.CharField(_("状态"), max_length=16, choices=IngestState.choices)
    holds_lease = models.BooleanField(_("持有会话"), default=False)
    started_at = models.DateTimeField(_("启动时间"))
    heartbeat_at = models.DateTimeField(_("最近心跳"), db_index=True)
    last_batch_at = models.DateTimeField(_("最近批次"), null=True, blank=True)
    received = models.PositiveBigIntegerField(default=0)
    accepted = models.PositiveBigIntegerField(default=0)
    replays = models.PositiveBigIntegerField(default=0)
    dead_letters = models.PositiveBigIntegerField(default=0)

    class Meta:
        ordering = ["host", "pid"]
        verbose_name = _("接入实例")
        verbose_name_plural = _("接入实例")

    def __str__(self) -> str:
        return f"{self.instance_id} ({self.state})"
