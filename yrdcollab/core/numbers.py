"""Document numbers as people type them: 沪青城管移[2026]3号, 沪青城管移（2026）3号 and
沪青城管移〔２０２６〕３号 are the same number. One mapping, applied to the query in Python
(`normalise_number`) and to the stored column in SQL (`NormalisedNumber`: TRANSLATE on PostgreSQL; on
SQLite, whose parser refuses eighty nested REPLACE calls, the same Python function registered on the
connection), so nothing new is stored.

On PostgreSQL the searched expressions are served by trigram indexes built by migrations from
`number_sql` / `upper_sql` (core.pg_indexes.TrigramIndex). The planner uses an expression index only
when the query's expression equals the index's, constants included: `NormalisedNumber` and
`number_sql` therefore build the same TRANSLATE from the same two strings, and a change to PAIRS needs
a migration that rebuilds those indexes (core/tests/test_numbers.py pins the expression)."""

from django.db.models import CharField, Func

_OPENING = "〔［【（(〖｛{"
_CLOSING = "〕］】）)〗｝}"
_FULL_WIDTH = "０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ－"
_HALF_WIDTH = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-"
_DROPPED = " \u3000"  # spaces, ASCII and ideographic

# (from, to) pairs; "" drops the character.
PAIRS: tuple[tuple[str, str], ...] = (
    *((c, "[") for c in _OPENING),
    *((c, "]") for c in _CLOSING),
    *zip(_FULL_WIDTH, _HALF_WIDTH, strict=True),
    *((c, "") for c in _DROPPED),
)
_TABLE = str.maketrans({source: target or None for source, target in PAIRS})
_SOURCES = "".join(source for source, target in PAIRS if target)
_TARGETS = "".join(target for source, target in PAIRS if target)
# TRANSLATE drops the characters of `from` that have no counterpart in `to`: the dropped ones go last.
TRANSLATE_FROM = _SOURCES + "".join(source for source, target in PAIRS if not target)
TRANSLATE_TO = _TARGETS


def normalise_number(text: str) -> str:
    """Brackets to [], full-width digits and letters to half-width, spaces dropped, upper case."""
    return (text or "").translate(_TABLE).upper()


SQLITE_FUNCTION = "yrd_normalise_number"


def _normalise_or_none(text):
    return None if text is None else normalise_number(text)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _column(column: str) -> str:
    return '"' + column.replace('"', '""') + '"'


def number_sql(column: str) -> str:
    """The PostgreSQL expression NormalisedNumber(column) compiles to, for an index on `column`."""
    return f"UPPER(TRANSLATE(({_column(column)})::text, {_literal(TRANSLATE_FROM)}, {_literal(TRANSLATE_TO)}))"


def upper_sql(column: str) -> str:
    """The PostgreSQL expression of Django's `column__icontains` (UPPER(col::text) LIKE UPPER(%s))."""
    return f"UPPER(({_column(column)})::text)"


class NormalisedNumber(Func):
    """The SQL twin of normalise_number over one text column: `NormalisedNumber("doc_number")`."""

    arity = 1
    output_field = CharField()

    def _translate(self, compiler, cast: str = ""):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"UPPER(TRANSLATE(({sql}){cast}, %s, %s))", [*params, TRANSLATE_FROM, TRANSLATE_TO]

    def as_sql(self, compiler, connection, function=None, template=None, arg_joiner=None, **extra_context):
        return self._translate(compiler)

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._translate(compiler, "::text")

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function(SQLITE_FUNCTION, 1, _normalise_or_none, deterministic=True)
        sql, params = compiler.compile(self.source_expressions[0])
        return f"{SQLITE_FUNCTION}({sql})", params
