from django.core.management.base import BaseCommand

from yrdcollab.platform.notifications.delivery import deliver_due
from yrdcollab.platform.notifications.jobs import notification_jobs_compose
from yrdcollab.platform.notifications.selectors import outbox_backlog


class Command(BaseCommand):
    help = (
        "Compose every pending notification job and deliver every due e-mail outbox message once (what "
        "the worker does each minute) and print counts."
    )

    def handle(self, *args, **options):
        jobs = notification_jobs_compose()
        self.stdout.write(f"jobs: composed={jobs['composed']} failed={jobs['failed']}")
        report = deliver_due()
        self.stdout.write(
            f"claimed={report.claimed} sent={report.sent} failed={report.failed} dead={report.dead} "
            f"lost_claim={report.lost_claim}"
        )
        backlog = outbox_backlog()
        self.stdout.write(f"queue: waiting={backlog['waiting']} dead={backlog['dead']} jobs={backlog['jobs']}")
