"""Trigram indexes for the global search (portal.search, issue #14): the normalised request and reply
numbers and the upper-cased title, on exactly the expressions the search writes (core.numbers).
PostgreSQL only; nothing on SQLite (core.pg_indexes.TrigramIndex)."""

from django.db import migrations

from yrdcollab.core.numbers import number_sql, upper_sql
from yrdcollab.core.pg_indexes import TrigramIndex

TABLE = "assistance_assistancerequest"


class Migration(migrations.Migration):
    dependencies = [("assistance", "0001_initial")]

    operations = [
        TrigramIndex(name="assist_doc_number_trgm", table=TABLE, expression=number_sql("doc_number")),
        TrigramIndex(name="assist_reply_doc_number_trgm", table=TABLE, expression=number_sql("reply_doc_number")),
        TrigramIndex(name="assist_title_trgm", table=TABLE, expression=upper_sql("title")),
    ]
