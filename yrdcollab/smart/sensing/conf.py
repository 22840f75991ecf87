"""Sensing settings with their defaults (the lead adds them to config/settings/base.py)."""

from django.conf import settings

DEFAULTS = {
    "YRD_DEVICE_OFFLINE_MINUTES": 10,  # no heartbeat/report for this long → offline
    "YRD_INGEST_MAX_PAYLOAD_BYTES": 16 * 1024,  # larger MQTT/HTTP payloads are dead-lettered / 413
    "YRD_ALERT_DEDUPE_METRES": 200,  # same matter within this distance …
    "YRD_ALERT_DEDUPE_MINUTES": 30,  # … and this many minutes merges into one alert
    "YRD_MQTT_HOST": "127.0.0.1",
    "YRD_MQTT_PORT": 1883,
    "YRD_MQTT_TOPIC_ROOT": "yrd/v1",
    "YRD_MQTT_SHARE_GROUP": "yrd-ingest",
    "YRD_MQTT_SESSION_EXPIRY_SECONDS": 24 * 3600,
    "YRD_INGEST_BATCH_SIZE": 200,  # messages per database transaction in the MQTT consumer
}


def setting(name: str):
    return getattr(settings, name, DEFAULTS[name])
