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
from .reinforcements import (
    GrantInput,
    ReinforcementInput,
    reinforcement_decline,
    reinforcement_grant,
    reinforcement_request,
    reinforcement_withdraw,
)
from .reports import event_report_compile, report_compile_by, report_pdf, reports_compile_due

__all__ = [
    "EventInput", "GrantInput", "IncidentInput", "ReinforcementInput", "ZoneInput", "event_create",
    "event_participant_add", "event_report_compile", "event_transition", "event_update", "incident_from_alert",
    "incident_report", "incident_transition", "reinforcement_decline", "reinforcement_grant",
    "reinforcement_request", "reinforcement_withdraw", "report_compile_by", "report_pdf", "reports_compile_due",
    "zone_create", "zone_delete", "zone_for_point", "zone_update",
]
