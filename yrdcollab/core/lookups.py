"""Membership in a list as ONE array parameter on PostgreSQL (`column = ANY(%s::type[])`). psycopg
binds client-side: a 200-value list, or a 200-value `__in`, costs a conversion per value on every
query, which on the ingest's hot path was a tenth of a batch's time (issue #12). Elsewhere it is an
ordinary `IN (…)`.

* `in_list(values, db_type, connection)` — the SQL after the column and its parameters, for raw SQL;
* `field__any=[…]` — the same as an ORM lookup (registered on CharField, UUIDField and IntegerField
  by CoreConfig.ready())."""

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup


def array_literal(values) -> str:
    """A PostgreSQL array literal of the values' text, each quoted (quotes and backslashes escaped)."""
    quoted = (str(value).replace("\\", "\\\\").replace('"', '\\"') for value in values)
    return "{" + ",".join(f'"{value}"' for value in quoted) + "}"


def in_list(values: list, db_type: str, connection) -> tuple[str, list]:
    """(`= ANY(%s::<db_type>[])`, [literal]) on PostgreSQL, (`IN (%s, …)`, values) elsewhere."""
    if not values:
        raise EmptyResultSet
    if connection.vendor == "postgresql":
        return f"= ANY(%s::{db_type}[])", [array_literal(values)]
    return f"IN ({', '.join(['%s'] * len(values))})", list(values)


class Any(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        field = self.lhs.output_field
        values = [field.get_db_prep_value(value, connection) for value in self.rhs]
        sql, params = in_list(values, field.db_type(connection), connection)
        return f"{lhs} {sql}", [*lhs_params, *params]
