from django.db import migrations


def seed(apps, schema_editor):
    from yrdcollab.collaboration.default_rules import DEFAULT_RULES

    DeadlineRule = apps.get_model("collaboration", "DeadlineRule")
    for workflow, step, amount, unit, basis in DEFAULT_RULES:
        DeadlineRule.objects.update_or_create(workflow=workflow, step=step, matter=None,
                                              defaults={"amount": amount, "unit": unit, "legal_basis": basis})


class Migration(migrations.Migration):
    dependencies = [("collaboration", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
