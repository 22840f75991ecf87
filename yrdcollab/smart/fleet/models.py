"""Muck trucks (渣土车), the approved disposal sites and routes, positions and the stops found in them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel
from yrdcollab.core.tenancy import ScopedQuerySet

from .states import PositionSource, StopKind


def _coordinate_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(condition=models.Q(lat__gte=-90, lat__lte=90), name=f"{prefix}_lat_range"),
        models.CheckConstraint(condition=models.Q(lon__gte=-180, lon__lte=180), name=f"{prefix}_lon_range"),
    ]


class TruckQuerySet(ScopedQuerySet):
    """A truck is seen by its home agency, the agencies above it and the command centre."""

    scope_fields = ("home_agency",)


class AgencyAreaQuerySet(ScopedQuerySet):
    """A disposal site or route is seen by the approving agency, the agencies above it and the command
    centre (a truck may legally stop at any agency's site: stop detection reads them all, unscoped)."""

    scope_fields = ("agency",)


class Truck(TimestampedModel):
    plate = models.CharField(_("号牌号码"), max_length=10, unique=True)
    owner_name = models.CharField(_("所属运输企业"), max_length=128)
    owner_uscc = models.CharField(_("企业统一社会信用代码"), max_length=18)
    home_agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记机构")
    )
    device = models.OneToOneField(
        "sensing.Device",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="truck",
        verbose_name=_("GPS 定位终端"),
    )
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )
    last_position_at = models.DateTimeField(_("最近定位时间"), null=True, blank=True)
    last_lon = models.FloatField(_("最近经度"), null=True, blank=True)
    last_lat = models.FloatField(_("最近纬度"), null=True, blank=True)

    objects = TruckQuerySet.as_manager()

    class Meta:
        ordering = ["plate"]
        verbose_name = _("渣土车")
        verbose_name_plural = _("渣土车")

    def __str__(self) -> str:
        return self.plate


class _AgencyArea(TimestampedModel):
    agency = models.ForeignKey(
        "directory.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("核准机构")
    )
    name = models.CharField(_("名称"), max_length=100)
    geometry = models.TextField(_("范围（GeoJSON，WGS-84）"))
    # Bounding box of `geometry`, so containment only tests the few shapes that can hold the point.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()
    is_active = models.BooleanField(_("启用"), default=True)
    created_by = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, related_name="+", verbose_name=_("登记人")
    )

    objects = AgencyAreaQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["agency_id", "name"]

    def __str__(self) -> str:
        return self.name


class DisposalSite(_AgencyArea):
    address = models.CharField(_("地址"), max_length=200, blank=True)
    valid_until = models.DateField(_("核准有效期至"), null=True, blank=True)

    class Meta(_AgencyArea.Meta):
        verbose_name = _("核准消纳场所")
        verbose_name_plural = _("核准消纳场所")
        indexes = [models.Index(fields=["is_active", "min_lon", "max_lon"], name="site_bbox_idx")]


class ApprovedRoute(_AgencyArea):
    # The line as drawn when the corridor was made by widening it; empty for a drawn corridor polygon.
    centerline = models.TextField(_("中心线（GeoJSON）"), blank=True)
    buffer_m = models.PositiveIntegerField(_("缓冲宽度（米）"), null=True, blank=True)
    trucks = models.ManyToManyField(Truck, blank=True, related_name="routes", verbose_name=_("核准车辆"))

    class Meta(_AgencyArea.Meta):
        verbose_name = _("核准运输线路")
        verbose_name_plural = _("核准运输线路")
        indexes = [models.Index(fields=["is_active", "min_lon", "max_lon"], name="route_bbox_idx")]


class TruckPosition(models.Model):
    truck = models.ForeignKey(Truck, on_delete=models.CASCADE, related_name="positions")
    at = models.DateTimeField(_("定位时间"))
    lon = models.FloatField(_("经度（WGS-84）"))
    lat = models.FloatField(_("纬度（WGS-84）"))
    source = models.CharField(_("来源"), max_length=8, choices=PositionSource.choices)
    received_at = models.DateTimeField(_("接收时间"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(fields=["truck", "at"], name="truck_position_once"),
            *_coordinate_constraints("truck_position"),
        ]

    def __str__(self) -> str:
        return f"{self.truck_id}@{self.at.isoformat()}"


class TruckStop(TimestampedModel):
    """Consecutive positions within the stop radius of the first one. Kept once it outlasts the
    threshold; a shorter pause is dropped when the truck moves on."""

    truck = models.ForeignKey(Truck, on_delete=models.CASCADE, related_name="stops")
    lon = models.FloatField(_("经度（WGS-84）"))
    lat = models.FloatField(_("纬度（WGS-84）"))
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("最近定位时间"))
    position_count = models.PositiveIntegerField(_("定位点数"), default=1)
    is_open = models.BooleanField(_("仍在停留"), default=True)
    kind = models.CharField(_("判定"), max_length=16, choices=StopKind.choices, default=StopKind.PENDING)
    site = models.ForeignKey(DisposalSite, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    route = models.ForeignKey(ApprovedRoute, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    alert = models.ForeignKey(
        "sensing.Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("预警")
    )

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("停留")
        verbose_name_plural = _("停留")
        constraints = [
            models.UniqueConstraint(fields=["truck"], condition=models.Q(is_open=True), name="truck_one_open_stop"),
            *_coordinate_constraints("truck_stop"),
        ]

    def __str__(self) -> str:
        return f"{self.truck_id}: {self.started_at.isoformat()} ({self.kind})"

    @property
    def minutes(self) -> int:
        return int((self.ended_at - self.started_at).total_seconds() // 60)
