"""Querysets of a fixed shape compiled to SQL once per process, then run with new values.

Compiling a queryset (joins, selected columns, ordering, quoting) is most of the CPU that Django
spends on a small query — for the bearer-token look-up of every API request about three times the
cost of the database round trip (bench/README.md, issue #13 item 10). A `PreparedQuery` builds its
queryset once per database alias with marker values in place of the arguments, keeps the SQL and
the compiler (which knows how to turn rows back into model instances, `select_related` included),
and afterwards only substitutes the real values and runs the statement.

Only for querysets whose shape does not depend on the arguments: the same joins, filters and
ordering whatever the values (a filter that changes with the caller's scope is not such a shape).
Every argument must reach the SQL unchanged as one parameter (an `exact` or `in`-free comparison on
a text column); compile() refuses a builder whose markers are transformed, dropped or repeated.
"""

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]  # internal, stable since Django 1.x


class PreparedQuery:
    """`PreparedQuery(lambda prefix: ApiToken.objects.select_related("user").filter(prefix=prefix))`,
    then `.first(prefix="ab12cd34")` — the same instances the queryset would give, without compiling
    it again."""

    def __init__(self, build: Callable[..., QuerySet], *arguments: str) -> None:
        self._build = build
        self._arguments = arguments
        self._compiled: dict[str, tuple[Any, str, tuple, dict[int, str]]] = {}  # by alias and vendor
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> tuple[Any, str, tuple, dict[int, str]]:
        markers = {name: f"\x1fprepared:{name}\x1f" for name in self._arguments}
        queryset = self._build(**markers)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots: dict[int, str] = {}
        for index, value in enumerate(params):
            for name, marker in markers.items():
                if value == marker:
                    slots[index] = name
                elif isinstance(value, str) and marker in value:
                    raise ValueError(f"PreparedQuery: the argument {name!r} reaches the SQL transformed")
        if sorted(slots.values()) != sorted(self._arguments):
            raise ValueError("PreparedQuery: every argument must reach the SQL exactly once")
        return compiler, sql, tuple(params), slots

    def compiled(self, alias: str = "default") -> tuple[Any, str, tuple, dict[int, str]]:
        key = f"{alias}:{connections[alias].vendor}"
        found = self._compiled.get(key)
        if found is None:
            with self._lock:
                found = self._compiled.get(key) or self._compile(alias)
                self._compiled[key] = found
        return found

    def all(self, *, using: str = "default", **values: Any) -> list[Model]:
        compiler, sql, params, slots = self.compiled(using)
        bound = list(params)
        for index, name in slots.items():
            bound[index] = values[name]
        with connections[using].cursor() as cursor:
            cursor.execute(sql, bound)
            rows = cursor.fetchall()
        if not rows:
            return []
        # What ModelIterable does with a compiler's rows: the model's own columns, then each
        # select_related model from its slice of the row (converters applied by results_iter).
        select, klass_info = compiler.select, compiler.klass_info
        model = klass_info["model"]
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        attnames = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, using)
        found = []
        for row in compiler.results_iter(results=[rows]):
            instance = model.from_db(using, attnames, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            found.append(instance)
        return found

    def first(self, *, using: str = "default", **values: Any) -> Model | None:
        found = self.all(using=using, **values)
        return found[0] if found else None
