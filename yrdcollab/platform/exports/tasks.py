"""Worker tasks: the build of one export job, queued after the request's commit, and the sweep every
five minutes (stale jobs queued again or failed, expired files deleted — runner.export_sweep)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .runner import export_job_run, export_sweep


@db_task()
def export_job_build(job_id: int) -> str:
    return export_job_run(job_id)


@db_periodic_task(crontab(minute="*/5"))
def export_sweep_periodic() -> dict:
    result = export_sweep()
    for job_id in result["requeued"]:
        export_job_build(job_id)
    return result
