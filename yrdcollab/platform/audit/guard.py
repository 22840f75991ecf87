"""Append-only at the database level: triggers that reject UPDATE and DELETE on the audit table,
installed by migration 0002 and re-ensured after every migrate (on SQLite, a later migration that
rebuilds the table would otherwise drop them silently).

This stops the application, an admin shell or a stray script from rewriting history. It does not
stop the database owner, who can drop the trigger; the hash chain (verify.py) detects what such a
person changes. TRUNCATE is not blocked, so `flush` keeps working on PostgreSQL; in production the
application role should not own the table."""

from contextlib import contextmanager

from django.db import connection as default_connection

TABLE = "audit_auditentry"
PG_FUNCTION = "audit_reject_change"
PG_TRIGGER = "audit_auditentry_append_only"
SQLITE_TRIGGERS = ("audit_auditentry_no_update", "audit_auditentry_no_delete")
MESSAGE = "audit trail is append-only"

_PG_INSTALL = [
    f"""CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '{MESSAGE}: % on %', TG_OP, TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$""",
    f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON {TABLE}",
    f"CREATE TRIGGER {PG_TRIGGER} BEFORE UPDATE OR DELETE ON {TABLE} FOR EACH ROW EXECUTE FUNCTION {PG_FUNCTION}()",
]
_PG_REMOVE = [f"DROP TRIGGER IF EXISTS {PG_TRIGGER} ON {TABLE}", f"DROP FUNCTION IF EXISTS {PG_FUNCTION}()"]

_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TRIGGERS[0]} BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TRIGGERS[1]} BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
_SQLITE_REMOVE = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]


def _statements(connection, *, install: bool) -> list[str]:
    if connection.vendor == "postgresql":
        return _PG_INSTALL if install else _PG_REMOVE
    if connection.vendor == "sqlite":
        return _SQLITE_INSTALL if install else _SQLITE_REMOVE
    return []  # other engines: the hash chain alone protects the trail


def install_guard(connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=True):
            cursor.execute(sql)


def remove_guard(connection=None) -> None:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        for sql in _statements(connection, install=False):
            cursor.execute(sql)


def guard_installed(connection=None) -> bool:
    connection = connection or default_connection
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = %s", [PG_TRIGGER])
            row = cursor.fetchone()
            return bool(row) and row[0] != "D"
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)", list(SQLITE_TRIGGERS)
            )
            return cursor.fetchone()[0] == len(SQLITE_TRIGGERS)
    return False


@contextmanager
def guard_lifted(connection=None):
    """Lifts the guard for the block, as a database owner can (flush, tests simulating an attacker).
    On PostgreSQL `ALTER TABLE … DISABLE TRIGGER` (needs table ownership); on SQLite the triggers are
    dropped and recreated. Inside a test transaction both are rolled back with it anyway."""
    connection = connection or default_connection
    if not guard_installed(connection):
        yield
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            if connection.in_atomic_block:
                # ALTER TABLE refuses while deferred FK checks of this transaction are pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {PG_TRIGGER}")
        else:
            for sql in _SQLITE_REMOVE:
                cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                if connection.in_atomic_block:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {PG_TRIGGER}")
                if connection.in_atomic_block:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            else:
                for sql in _SQLITE_INSTALL:
                    cursor.execute(sql)


def ensure_guard_after_migrate(sender, using="default", **kwargs) -> None:
    """post_migrate receiver: reinstalls the triggers if the table exists and they are missing."""
    from django.db import connections

    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return
    if not guard_installed(connection):
        install_guard(connection)
