"""Sensing settings, each with the reason for its default (core.conf). Where the MQTT broker is
(YRD_MQTT_HOST, YRD_MQTT_PORT) belongs to the deployment and is read in config/settings/base.py."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_DEVICE_OFFLINE_MINUTES",
        10,
        int,
        "A device with no heartbeat or report for this long is shown offline (ADR 0015): long enough "
        "for a missed heartbeat, short enough that a dead camera is noticed the same shift.",
    ),
    Setting(
        "YRD_INGEST_MAX_PAYLOAD_BYTES",
        16 * 1024,
        int,
        "Larger MQTT payloads are dead-lettered and larger HTTP bodies get 413 (ADR 0015). A message "
        "carries a media hash, never the media, so 16 KiB is ample and bounds the parsing cost.",
    ),
    Setting(
        "YRD_INGEST_BATCH_SIZE",
        200,
        int,
        "Messages the MQTT consumer takes per poll and writes in one database transaction, acknowledged "
        "together after the commit (ADR 0015): the throughput comes from this batching.",
    ),
    Setting(
        "YRD_ALERT_DEDUPE_METRES",
        200.0,
        float,
        "An open or claimed alert of the same matter within this distance absorbs a new occurrence "
        "(count + 1) instead of a new alert: one dumping spot seen repeatedly is one alert to handle.",
    ),
    Setting(
        "YRD_ALERT_DEDUPE_MINUTES",
        30,
        int,
        "… when the occurrences lie within this many minutes of each other; later, the same spot is a new alert.",
    ),
    Setting(
        "YRD_MQTT_TOPIC_ROOT",
        "yrd/v1",
        str,
        "Devices publish to <root>/<division code>/<device code>/<channel> (ADR 0015); the version in "
        "the root lets a later payload format run beside this one.",
    ),
    Setting(
        "YRD_MQTT_SHARE_GROUP",
        "yrd-ingest",
        str,
        "MQTT 5 shared-subscription group ($share/<group>/<root>/#): the ingest processes split the "
        "stream, each message goes to one of them (ADR 0015).",
    ),
    Setting(
        "YRD_MQTT_SESSION_EXPIRY_SECONDS",
        24 * 3600,
        int,
        "The broker keeps an ingest session's subscription and unacknowledged messages this long while "
        "no consumer is connected (ADR 0015: 1 day), so a restart or an outage loses nothing.",
    ),
)
