"""Trigram index for the party search (selectors.party_search_q, used by the global search): the
upper-cased name, the expression of `name__icontains`. The USCC and plate prefixes already have
their b-tree (`…_like`) indexes. PostgreSQL only; nothing on SQLite (core.pg_indexes.TrigramIndex)."""

from django.db import migrations

from yrdcollab.core.numbers import upper_sql
from yrdcollab.core.pg_indexes import TrigramIndex


class Migration(migrations.Migration):
    dependencies = [("parties", "0004_existing_names_pending_review")]

    operations = [
        TrigramIndex(name="party_name_trgm", table="parties_party", expression=upper_sql("name")),
    ]
