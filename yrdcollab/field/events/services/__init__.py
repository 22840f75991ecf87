"""Writes of the events app (one module per aggregate)."""

from .events import (
    EventInput,
    ZoneInput,
    event_create,
    event_participant_add,
    event_transition,
    event_update,
    zone_create,
    zone_delete,
    zone_update,
)
from .incidents import IncidentInput, incident_from_alert, incident_report, incident_transition, zone_for_point
from .reinforcements import ReinforcementInput, reinforcement_request, reinforcement_transition
from .reports import event_report_compile, report_compile_by, report_pdf, reports_compile_due

__all__ = [
    "EventInput",
    "IncidentInput",
    "ReinforcementInput",
    "ZoneInput",
    "event_create",
    "event_participant_add",
    "event_report_compile",
    "event_transition",
    "event_update",
    "incident_from_alert",
    "incident_report",
    "incident_transition",
    "reinforcement_request",
    "reinforcement_transition",
    "report_compile_by",
    "report_pdf",
    "reports_compile_due",
    "zone_create",
    "zone_delete",
    "zone_for_point",
    "zone_update",
]
