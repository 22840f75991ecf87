"""The alert's live state on its routing rows (AlertAgency.alert_active, live_status) with a partial index
of the live entries: the workbench, menu and list counts of live alerts read a few index entries per agency
instead of joining every routing row of the agency to the alerts (bench/README, issue #14).

The columns are added as closed (false, ""): PostgreSQL adds a column with a constant default without
rewriting the table, so millions of routing rows cost nothing. One statement then marks the rows of the
live alerts (open, claimed: a few thousand); the check constraint (validated over the table) keeps the two
columns of a row in agreement."""

from django.db import migrations, models

LIVE = ("claimed", "open")  # states.ACTIVE as of this migration
STATUSES = [
    ("open", "待处置"),
    ("claimed", "已认领"),
    ("transferred", "已转线索移送"),
    ("checked", "已现场核查"),
    ("dismissed", "已排除（误报）"),
]


def mark_live(apps, schema_editor):
    links = schema_editor.quote_name(apps.get_model("sensing", "AlertAgency")._meta.db_table)
    alerts = schema_editor.quote_name(apps.get_model("sensing", "Alert")._meta.db_table)
    marks = ", ".join(["%s"] * len(LIVE))
    if schema_editor.connection.vendor == "postgresql":
        sql = (
            f"UPDATE {links} SET alert_active = TRUE, live_status = a.status FROM {alerts} a"
            f" WHERE a.id = {links}.alert_id AND a.status IN ({marks})"
        )
    else:  # portable (SQLite): a correlated subquery for the status
        sql = (
            f"UPDATE {links} SET alert_active = TRUE,"
            f" live_status = (SELECT a.status FROM {alerts} a WHERE a.id = {links}.alert_id)"
            f" WHERE alert_id IN (SELECT id FROM {alerts} WHERE status IN ({marks}))"
        )
    schema_editor.execute(sql, list(LIVE))


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_zones_pairings_search"),
        ("sensing", "0005_alert_live_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="alertagency",
            name="alert_active",
            field=models.BooleanField(default=False, verbose_name="预警未结"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="alertagency",
            name="live_status",
            field=models.CharField(blank=True, choices=STATUSES, max_length=16, verbose_name="未结预警的状态"),
        ),
        migrations.RunPython(mark_live, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="alertagency",
            index=models.Index(
                condition=models.Q(("alert_active", True)),
                fields=["agency", "live_status", "alert"],
                name="alert_agency_live_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="alertagency",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("alert_active", True), ("live_status__in", list(LIVE))),
                    models.Q(("alert_active", False), ("live_status", "")),
                    _connector="OR",
                ),
                name="alert_agency_live_state",
            ),
        ),
    ]
