"""`flush` that lifts the audit table's append-only guard while it empties the database. Flushing
wipes everything, the audit trail included, and is only open to whoever owns the database; without
this, SQLite's DELETE-based flush (used by Django's TransactionTestCase after every transactional
test) would be rejected by the trigger. The guard is back in place when the command ends."""

from django.core.management.commands.flush import Command as DjangoFlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from yrdcollab.platform.audit.guard import TABLE, guard_lifted


class Command(DjangoFlushCommand):
    def handle(self, **options):
        connection = connections[options.get("database") or DEFAULT_DB_ALIAS]
        if TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        with guard_lifted(connection):
            return super().handle(**options)
