"""County-level boundaries (GeoJSON text, no PostGIS) and who is responsible for a matter at a place."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from yrdcollab.core.models import TimestampedModel


class Boundary(TimestampedModel):
    """The polygon of one county-level division, in WGS-84 (lon, lat) as GeoJSON geometry text."""

    division = models.OneToOneField(
        "directory.Division", on_delete=models.PROTECT, related_name="boundary", verbose_name=_("区划")
    )
    geometry = models.TextField(_("边界（GeoJSON 几何）"))
    source = models.CharField(_("数据来源"), max_length=200)
    # Bounding box, for cheap filtering without parsing the geometry.
    min_lon = models.FloatField()
    min_lat = models.FloatField()
    max_lon = models.FloatField()
    max_lat = models.FloatField()

    class Meta:
        ordering = ["division_id"]
        verbose_name = _("行政区划边界")
        verbose_name_plural = _("行政区划边界")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_lon__lte=models.F("max_lon"), min_lat__lte=models.F("max_lat")),
                name="geo_boundary_bbox_ordered",
            ),
        ]

    def __str__(self) -> str:
        return str(self.division_id)


class BoundaryVersion(models.Model):
    """One row, re-stamped in the same transaction as every boundary change, so each process can
    tell cheaply that its in-memory index (geo/index.py) is stale. A random stamp rather than a
    counter: a rolled-back change can never reuse the value of a committed one."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    stamp = models.UUIDField(default=uuid.uuid4)
    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="geo_boundaryversion_singleton")]

    def __str__(self) -> str:
        return f"v{self.version}"


class JurisdictionLevel(models.TextChoices):
    COUNTY = "county", _("县级（区县执法部门）")
    CITY = "city", _("市级（设区的市执法部门）")


class MatterJurisdiction(TimestampedModel):
    """A matter for which the city-level agency, not the county's, is responsible. Absent = county."""

    matter = models.OneToOneField(
        "catalogue.Matter", on_delete=models.CASCADE, related_name="jurisdiction", verbose_name=_("事项")
    )
    level = models.CharField(
        _("管辖层级"), max_length=16, choices=JurisdictionLevel.choices, default=JurisdictionLevel.CITY
    )
    note = models.CharField(_("依据/说明"), max_length=300, blank=True)

    class Meta:
        ordering = ["matter__code"]
        verbose_name = _("事项管辖层级")
        verbose_name_plural = _("事项管辖层级")

    def __str__(self) -> str:
        return f"{self.matter_id}:{self.level}"


class DrawnArea(models.Model):
    """A polygon drawn on the map (geo.shapes.polygon_parse → to_geojson), with its bounding box so
    containment tests only the few shapes that can hold a point. Empty when no area was drawn."""

    area_geometry = models.TextField(_("绘制范围（GeoJSON，WGS-84）"), blank=True)
    area_min_lon = models.FloatField(null=True, blank=True)
    area_min_lat = models.FloatField(null=True, blank=True)
    area_max_lon = models.FloatField(null=True, blank=True)
    area_max_lat = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True

    def set_area(self, geometry) -> None:
        """Stores a shapely geometry from geo.shapes (or clears the area when None)."""
        from .shapes import to_geojson

        if geometry is None:
            self.area_geometry = ""
            self.area_min_lon = self.area_min_lat = self.area_max_lon = self.area_max_lat = None
            return
        self.area_geometry = to_geojson(geometry)
        self.area_min_lon, self.area_min_lat, self.area_max_lon, self.area_max_lat = geometry.bounds
