"""The overdue sweep runs every 10 minutes in the worker."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .sweep import supervision_sweep


@db_periodic_task(crontab(minute="*/10"))
def supervision_sweep_periodic() -> dict:
    return supervision_sweep().as_dict()
