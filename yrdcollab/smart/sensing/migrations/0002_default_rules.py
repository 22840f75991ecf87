from django.db import migrations


def seed(apps, schema_editor):
    from yrdcollab.smart.sensing.default_rules import rules_load

    rules_load(apps.get_model("sensing", "EventTypeRule"), apps.get_model("sensing", "TelemetryRule"),
               apps.get_model("catalogue", "Matter"))


class Migration(migrations.Migration):
    dependencies = [("sensing", "0001_initial"), ("catalogue", "0003_load_matters")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
