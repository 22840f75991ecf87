"""Worker tasks: a prompt delivery queued by `notify` after commit, and a sweep every minute that
delivers whatever is due (first attempts the prompt run missed, retries after backoff)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .delivery import deliver_due


@db_task()
def deliver_outbox(ids=None) -> dict:
    return deliver_due(ids=list(ids) if ids is not None else None).as_dict()


@db_periodic_task(crontab(minute="*"))
def drain_outbox() -> dict:
    return deliver_due().as_dict()
