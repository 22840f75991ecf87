"""Sensing services; fleet and Open311 call alerts.alert_raise (contract_sensing.md)."""

from .alerts import alert_raise, alert_transition

__all__ = ["alert_raise", "alert_transition"]
