"""`field__any=[…]`: membership in a list as ONE array parameter on PostgreSQL (`field = ANY(%s)`).
A 200-value `__in` costs Django a preparation per value and psycopg a placeholder per value on every
query; the ingest hot path looks up a batch's ids this way several times a second. Elsewhere it is
an ordinary `IN (…)`. Registered on CharField, UUIDField and IntegerField by CoreConfig.ready()."""

from django.core.exceptions import EmptyResultSet
from django.db.models import Lookup


class Any(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def _values(self, connection) -> list:
        values = [self.lhs.output_field.get_db_prep_value(value, connection) for value in self.rhs]
        if not values:
            raise EmptyResultSet
        return values

    def as_postgresql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if not self.rhs:
            raise EmptyResultSet
        return f"{lhs} = ANY(%s)", [*lhs_params, list(self.rhs)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self._values(connection)
        return f"{lhs} IN ({', '.join(['%s'] * len(values))})", [*lhs_params, *values]
