"""Worker tasks: a prompt delivery queued by `notify` after commit, and a sweep every minute that
delivers whatever is due (first attempts the prompt run missed, retries after backoff); likewise the
prompt composition of a job `notify_later` wrote, and a sweep every minute for the jobs it missed."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .delivery import deliver_due
from .jobs import notification_jobs_compose


@db_task()
def deliver_outbox(ids=None) -> dict:
    return deliver_due(ids=list(ids) if ids is not None else None).as_dict()


@db_periodic_task(crontab(minute="*"))
def drain_outbox() -> dict:
    return deliver_due().as_dict()


@db_task()
def compose_notifications(ids=None) -> dict:
    return notification_jobs_compose(ids=list(ids) if ids is not None else None)


@db_periodic_task(crontab(minute="*"))
def compose_pending_notifications() -> dict:
    return notification_jobs_compose()
