"""Entry points other apps call without importing events at module level."""

import logging

logger = logging.getLogger(__name__)


def alert_raised(alert_pk: int) -> None:
    """sensing.services.alerts.alert_raise schedules this after a new alert commits. A failure here is
    logged, never passed back to the ingestion that raised the alert (the alert itself is kept)."""
    from .services.incidents import incident_from_alert

    try:
        incident_from_alert(alert_pk=alert_pk)
    except Exception:
        logger.exception("event incident from alert %s failed", alert_pk)
