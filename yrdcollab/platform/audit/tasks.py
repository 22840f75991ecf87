"""Background verification of the audit chain: nightly at 02:30 Beijing time, and on request
when the chain is too long to verify within a page load."""

import logging
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import HUEY, db_periodic_task, db_task

logger = logging.getLogger("yrdcollab.platform.audit")

_at_0230 = crontab(minute="30", hour="2")


def nightly_at_0230_local(timestamp: datetime) -> bool:
    """Huey hands its scheduler naive UTC when `utc` is on (the default) and naive server time
    otherwise; either way the question is asked in the platform's time zone (Asia/Shanghai)."""
    source = UTC if HUEY.utc else None
    aware = timestamp.replace(tzinfo=source) if source else timestamp.astimezone()
    local = aware.astimezone(ZoneInfo(settings.TIME_ZONE)).replace(tzinfo=None)
    return _at_0230(local)


def _log(verification) -> None:
    if verification.ok:
        logger.info("audit chain intact", extra={"rows": verification.rows_checked})
    else:
        logger.error(
            "audit chain broken",
            extra={
                "rows": verification.rows_checked,
                "broken_id": verification.broken_id,
                "reason": verification.reason,
            },
        )


@db_periodic_task(nightly_at_0230_local)
def audit_verify_nightly():
    from .services import audit_verification_run

    verification = audit_verification_run(actor=None, trigger="nightly")
    _log(verification)
    return verification.ok


@db_task()
def audit_verify_task(requested_by_id: int | None = None):
    from django.contrib.auth import get_user_model

    from .services import audit_verification_run

    actor = get_user_model().objects.filter(pk=requested_by_id).first() if requested_by_id else None
    verification = audit_verification_run(actor=actor, trigger="manual")
    _log(verification)
    return verification.ok
