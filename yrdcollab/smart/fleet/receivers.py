"""How fleet reacts to what sensing announces (connected in FleetConfig.ready())."""

from .tracking import truck_position_record


def record_tracker_position(sender, *, device_code: str, lon: float, lat: float, at, **kwargs) -> None:
    """A muck-truck tracker's position report feeds the truck's stop detection."""
    truck_position_record(device_code=device_code, lon=lon, lat=lat, at=at)
