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
        "YRD_INGEST_DEPLOYMENT",
        "",
        str,
        "The deployment's name on the broker: MQTT client id <name>-ingest and queue <name>-ingest (ADR "
        "0020). Empty: derived from the database, so two deployments sharing a broker never share a session.",
    ),
    Setting(
        "YRD_INGEST_QUEUE",
        "",
        str,
        "The RabbitMQ quorum queue the amqp broker mode consumes (ADR 0020); empty: <deployment>-ingest.",
    ),
    Setting(
        "YRD_INGEST_LEASE_SECONDS",
        15,
        int,
        "How long the holder of the MQTT session may be silent before a standby instance takes the "
        "session over (ADR 0020): renewed every second, so 15 s rides out a pause of the holder and still "
        "hands an instance's stream to another within 15–17 s of its death.",
    ),
    Setting(
        "YRD_MQTT_SESSION_EXPIRY_SECONDS",
        24 * 3600,
        int,
        "The broker keeps an ingest session's subscription and unacknowledged messages this long while "
        "no consumer is connected (ADR 0015: 1 day), so a restart or an outage loses nothing.",
    ),
    Setting(
        "YRD_INGEST_MAX_EVENT_AGE_HOURS",
        168,
        int,
        "Event and reading times older than this are refused (reason time_out_of_window): a device that "
        "buffered through a weekend's network outage still delivers, a clock reset to 1970 or year 1 does not.",
    ),
    Setting(
        "YRD_INGEST_MAX_CLOCK_AHEAD_SECONDS",
        600,
        int,
        "Times more than this ahead of the server clock are refused (time_out_of_window): ten minutes "
        "covers the drift of a device without NTP, an hour-zone mistake does not pass.",
    ),
)
