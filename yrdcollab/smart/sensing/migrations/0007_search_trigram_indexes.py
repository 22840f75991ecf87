"""Trigram indexes for the global search (portal.search, issue #14): the upper-cased alert title and
source reference; the device code (the search looks devices up by code first, then their alerts
by device), name and address (selectors.device_list, the devices group). PostgreSQL only; nothing
on SQLite (core.pg_indexes.TrigramIndex)."""

from django.db import migrations

from yrdcollab.core.numbers import upper_sql
from yrdcollab.core.pg_indexes import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("sensing", "0006_alert_active_on_routing")]

    operations = [
        TrigramIndex(name="alert_title_trgm", table="sensing_alert", expression=upper_sql("title")),
        TrigramIndex(name="alert_source_ref_trgm", table="sensing_alert", expression=upper_sql("source_ref")),
        TrigramIndex(name="device_code_trgm", table="sensing_device", expression=upper_sql("code")),
        TrigramIndex(name="device_name_trgm", table="sensing_device", expression=upper_sql("name")),
        TrigramIndex(name="device_address_trgm", table="sensing_device", expression=upper_sql("address")),
    ]
