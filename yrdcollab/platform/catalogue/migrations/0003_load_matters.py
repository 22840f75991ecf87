from django.db import migrations


def load(apps, schema_editor):
    from yrdcollab.platform.catalogue.datafile import apply_matter_rows, read_matters_file

    apply_matter_rows(apps.get_model("catalogue", "Matter"), read_matters_file())


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_matter_scope_ref")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
