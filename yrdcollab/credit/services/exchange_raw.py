"""Writing the credit import's rows without model instances: COPY on
PostgreSQL, executemany or multi-row INSERT … RETURNING on SQLite. The rows were checked before
(exchange_rows.check_row); this module only writes them."""

import os

from django.db import connection


def _uuid4_hexes(count: int) -> list[str]:
    """`count` random (version 4) UUIDs as 32 hex digits, the form both backends accept."""
    raw = bytearray(os.urandom(16 * count))
    raw[6::16] = bytes((b & 0x0F) | 0x40 for b in raw[6::16])
    raw[8::16] = bytes((b & 0x3F) | 0x80 for b in raw[8::16])
    text = raw.hex()
    return [text[i : i + 32] for i in range(0, 32 * count, 32)]


class RawTable:
    """Writes rows of a model's table without model instances: per row the values of `varying`
    (already in the database's form), every other concrete field `fixed[attname]` or its default
    (prepared once), and a fresh public_id. PostgreSQL: COPY (ids taken from the sequence first);
    SQLite: executemany, or multi-row INSERT … RETURNING when the ids are wanted. Errors are
    Django's (IntegrityError …), raised inside the caller's transaction."""

    def __init__(self, model, varying: tuple[str, ...], fixed: dict):
        meta = model._meta
        self.table, self.pk = meta.db_table, meta.pk.column
        others = [
            f
            for f in meta.concrete_fields
            if not f.primary_key and f.attname not in varying and f.attname != "public_id"
        ]
        self.columns = ["public_id", *(meta.get_field(name).column for name in varying), *(f.column for f in others)]
        self.constants = tuple(
            f.get_db_prep_save(fixed[f.attname] if f.attname in fixed else f.get_default(), connection) for f in others
        )

    def insert(self, rows: list[tuple], *, with_ids: bool = False) -> list[int]:
        """Inserts the rows; with_ids: returns their ids in the rows' order."""
        if not rows:
            return []
        full = [(uid, *values, *self.constants) for uid, values in zip(_uuid4_hexes(len(rows)), rows, strict=True)]
        with connection.cursor() as cursor, connection.wrap_database_errors:
            if connection.vendor == "postgresql":
                return self._copy(cursor.cursor, full, with_ids)
            return self._sqlite(cursor.cursor, full, with_ids)

    def _copy(self, cursor, rows: list[tuple], with_ids: bool) -> list[int]:
        from psycopg import sql

        columns = self.columns
        ids: list[int] = []
        if with_ids:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [self.table, self.pk, len(rows)],
            )
            ids = [i for (i,) in cursor.fetchall()]
            columns, rows = [self.pk, *columns], [(i, *row) for i, row in zip(ids, rows, strict=True)]
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(self.table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
        return ids

    def _sqlite(self, cursor, rows: list[tuple], with_ids: bool) -> list[int]:
        columns = ", ".join(f'"{c}"' for c in self.columns)
        one = "(" + ", ".join("?" * len(self.columns)) + ")"
        if not with_ids:
            cursor.executemany(f'INSERT INTO "{self.table}" ({columns}) VALUES {one}', rows)
            return []
        by_public_id: dict[str, int] = {}
        step = max(1, connection.features.max_query_params // len(self.columns))
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            cursor.execute(
                f'INSERT INTO "{self.table}" ({columns}) VALUES {", ".join([one] * len(part))} '
                f'RETURNING "public_id", "{self.pk}"',
                [v for row in part for v in row],
            )
            by_public_id.update(cursor.fetchall())
        return [by_public_id[row[0]] for row in rows]
