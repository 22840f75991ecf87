"""Seeds every year the installed `chinese-calendar` package knows, so a fresh database (and every
test database) has the official schedules. Later package years: `manage.py calendar_seed`."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from yrdcollab.platform.workdays.seed import seed_from_package

    seed_from_package(apps.get_model("workdays", "CalendarYear"), apps.get_model("workdays", "CalendarDay"),
                      now=timezone.now())


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
