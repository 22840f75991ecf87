"""Trigram indexes for the global search (portal.search, issue #14): the normalised document and
decision numbers and the upper-cased title, on exactly the expressions the search writes
(core.numbers), so PostgreSQL answers `LIKE '%…%'` from the index instead of reading every clue.
PostgreSQL only; nothing on SQLite (core.pg_indexes.TrigramIndex)."""

from django.db import migrations

from yrdcollab.core.numbers import number_sql, upper_sql
from yrdcollab.core.pg_indexes import TrigramIndex

TABLE = "transfers_cluetransfer"


class Migration(migrations.Migration):
    dependencies = [("transfers", "0001_initial")]

    operations = [
        TrigramIndex(name="transfer_doc_number_trgm", table=TABLE, expression=number_sql("doc_number")),
        TrigramIndex(name="transfer_decision_number_trgm", table=TABLE, expression=number_sql("decision_number")),
        TrigramIndex(name="transfer_title_trgm", table=TABLE, expression=upper_sql("title")),
    ]
