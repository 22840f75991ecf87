"""Settings of the evaluation of collaboration (core.conf)."""

from yrdcollab.core.conf import AppSettings, Setting

SETTINGS = AppSettings(
    Setting(
        "YRD_EVALUATION_PEER_MIN",
        5,
        int,
        "The band of peers (p25–median–p75 of agencies of the same level) is drawn only when at least this "
        "many peers have a value: with fewer, the band would disclose single agencies' figures, and the "
        "evaluation compares an agency with its peers' band instead of ranking them.",
    ),
    Setting(
        "YRD_EVALUATION_TREND_PERIODS",
        6,
        int,
        "Periods of the trend line on the evaluation page (six months, quarters or years ending with the "
        "chosen one): long enough to see a direction, short enough to compute on every visit.",
    ),
    Setting(
        "YRD_EVALUATION_DRILL_ROWS",
        200,
        int,
        "Records listed per base measure on the drill-down page and in its API answer; the count above "
        "the list is always complete.",
    ),
    Setting(
        "YRD_EVALUATION_MONTH_SETTLE_MINUTES",
        60,
        int,
        "A month enters the monthly measures table only this long after it ended (until then it is "
        "computed live): a record dated in the month's last moments may be committed a little later by "
        "a long transaction. The nightly refresh recomputes the previous month anyway.",
    ),
)
