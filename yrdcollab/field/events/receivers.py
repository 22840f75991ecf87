"""How major events react to what the apps below them announce (connected in EventsConfig.ready())."""

import logging

from .services.incidents import incident_from_alert

logger = logging.getLogger(__name__)


def incident_from_raised_alert(sender, *, alert_id: int, **kwargs) -> None:
    """A new alert inside or near a security zone becomes an incident of the event (sensing.hooks). A
    failure is logged, never passed back to the ingestion that raised the alert (the alert is kept)."""
    try:
        incident_from_alert(alert_pk=alert_id)
    except Exception:
        logger.exception("event incident from alert %s failed", alert_id)
