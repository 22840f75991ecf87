"""Daily reminder of overdue acknowledgements, at 09:00 Shanghai time."""

from huey.contrib.djhuey import db_periodic_task

from yrdcollab.platform.workdays.tasks import at_nine_local

from .services import bulletin_remind_overdue


@db_periodic_task(at_nine_local)
def remind_overdue_acknowledgements() -> int:
    return bulletin_remind_overdue()
