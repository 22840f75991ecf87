"""Trigram (pg_trgm) indexes for text searched with `LIKE '%…%'`, and what such an index can serve.

* `TrigramIndex(name=…, table=…, expression=…)`: a migration operation creating a GIN trigram index on
  an expression — on PostgreSQL only (elsewhere it does nothing: SQLite's data is small and it has no
  pg_trgm). It creates the pg_trgm extension when missing (a trusted extension since PostgreSQL 13:
  the database owner may create it). Reversible. The expression must be exactly what the query
  writes (core.numbers.number_sql / upper_sql), or the planner does not use the index.
* `trigram_searchable(text)`: whether the index can serve `LIKE '%text%'`. pg_trgm takes its
  trigrams from the runs of letters and digits of the pattern, a run padded with blanks where a
  non-letter bounds it; a run at either end of '%text%' meets a wildcard instead. `渣土`, `A1` or `3号`
  give no trigram at all: the index would then be read whole (slower than reading the table), so
  such a query must not be sent to it (portal.search bounds its work instead)."""

from django.db import router
from django.db.migrations.operations.base import Operation

EXTENSION = "pg_trgm"


def _trigrams_of_run(length: int, bounded_left: bool, bounded_right: bool) -> int:
    padded = length + (2 if bounded_left else 0) + (1 if bounded_right else 0)
    return max(0, padded - 2)


def trigram_searchable(text: str) -> bool:
    """True when pg_trgm extracts at least one trigram from the pattern '%text%' (see the module)."""
    runs, start = [], None
    for i, char in enumerate(text):
        if char.isalnum():
            start = i if start is None else start
        elif start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(text)))
    return any(_trigrams_of_run(end - begin, begin > 0, end < len(text)) > 0 for begin, end in runs)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class TrigramIndex(Operation):
    """CREATE INDEX name ON table USING gin ((expression) gin_trgm_ops), PostgreSQL only."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, *, name: str, table: str, expression: str):
        self.name = name
        self.table = table
        self.expression = expression

    def deconstruct(self):
        return self.__class__.__name__, [], {"name": self.name, "table": self.table, "expression": self.expression}

    def state_forwards(self, app_label, state):
        pass  # no model state: the index is the database's business, not a model's Meta

    def create_sql(self) -> str:
        return (
            f"CREATE INDEX IF NOT EXISTS {_quote(self.name)} ON {_quote(self.table)} "
            f"USING gin (({self.expression}) gin_trgm_ops)"
        )

    def drop_sql(self) -> str:
        return f"DROP INDEX IF EXISTS {_quote(self.name)}"

    def _applies(self, app_label, schema_editor) -> bool:
        connection = schema_editor.connection
        return connection.vendor == "postgresql" and router.allow_migrate(connection.alias, app_label)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if self._applies(app_label, schema_editor):
            schema_editor.execute(f"CREATE EXTENSION IF NOT EXISTS {EXTENSION}", params=None)
            schema_editor.execute(self.create_sql(), params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # The extension stays: other indexes (of other apps) may use it.
        if self._applies(app_label, schema_editor):
            schema_editor.execute(self.drop_sql(), params=None)

    def describe(self):
        return f"Create trigram index {self.name} on {self.table} (PostgreSQL only)"

    @property
    def migration_name_fragment(self):
        return self.name.lower()
