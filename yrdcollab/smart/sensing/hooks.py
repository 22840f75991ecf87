"""What sensing announces to the apps above it. Receivers connect in their AppConfig.ready()
(Django signals)."""

from django.dispatch import Signal

# Sent after a new alert has committed, with `alert_id`. Receivers must not raise: the alert is kept
# whatever they do (major events turn alerts in a security zone into incidents).
alert_raised = Signal()

# Sent while ingesting a position report of a muck-truck tracker, with `device_code`, `lon`, `lat` and
# `at`, inside the ingestion's savepoint: a receiver's error dead-letters nothing, the event stays
# stored (the fleet app detects suspicious stops here).
tracker_position = Signal()
