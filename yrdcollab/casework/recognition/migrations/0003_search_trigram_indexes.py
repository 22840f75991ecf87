"""Trigram index for the global search (portal.search, issue #14): the normalised decision number, on
exactly the expression the search writes (core.numbers); the decisions and the credit records groups
both find decisions by it. PostgreSQL only; nothing on SQLite (core.pg_indexes.TrigramIndex)."""

from django.db import migrations

from yrdcollab.core.numbers import number_sql
from yrdcollab.core.pg_indexes import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("recognition", "0002_alter_penaltydecision_source_kind")]

    operations = [
        TrigramIndex(
            name="decision_number_trgm",
            table="recognition_penaltydecision",
            expression=number_sql("decision_number"),
        ),
    ]
