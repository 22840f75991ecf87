"""Daily reminder of overdue acknowledgements, at 09:00 Shanghai time."""

from huey.contrib.djhuey import db_periodic_task

from yrdcollab.platform.workdays.tasks import at_nine_local


@db_periodic_task(at_nine_local)
def remind_overdue_acknowledgements() -> int:
    from .services import bulletin_remind_overdue

    return bulletin_remind_overdue()
