"""core.pg_indexes: the trigram index migration operation (PostgreSQL only) and which LIKE patterns a
trigram index can serve at all."""

import pytest
from django.db import connection
from django.db.migrations.state import ProjectState

from yrdcollab.core.numbers import number_sql, upper_sql
from yrdcollab.core.pg_indexes import TrigramIndex, trigram_searchable

OPERATION = TrigramIndex(name="t_title_trgm", table="transfers_cluetransfer", expression=upper_sql("title"))


def _sql(direction: str) -> list[str]:
    """What the operation sends, collected (not run; the schema editor is not entered, so this works
    inside the test's transaction on SQLite too)."""
    editor = connection.schema_editor(collect_sql=True)
    state = ProjectState()
    getattr(OPERATION, f"database_{direction}")("transfers", editor, state, state)
    return editor.collected_sql


@pytest.mark.django_db
def test_the_operation_creates_and_drops_the_index_on_postgresql_only():
    if connection.vendor == "postgresql":
        assert _sql("forwards") == [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm;",
            'CREATE INDEX IF NOT EXISTS "t_title_trgm" ON "transfers_cluetransfer" '
            'USING gin ((UPPER(("title")::text)) gin_trgm_ops);',
        ]
        assert _sql("backwards") == ['DROP INDEX IF EXISTS "t_title_trgm";']
    else:
        assert _sql("forwards") == [] and _sql("backwards") == []


def test_the_operation_changes_no_model_state_and_deconstructs():
    state = ProjectState()
    OPERATION.state_forwards("transfers", state)
    assert state.models == {}
    name, args, kwargs = OPERATION.deconstruct()
    assert name == "TrigramIndex" and args == []
    assert TrigramIndex(**kwargs).create_sql() == OPERATION.create_sql()
    assert OPERATION.reversible


@pytest.mark.parametrize(
    ("pattern", "searchable"),
    [
        ("恒通渣土运输", True),
        ("渣土运", True),  # one trigram: 渣土运
        ("渣土", False),  # two characters meeting a wildcard on both sides: nothing
        ("A1", False),
        ("3号", False),
        ("]3号", True),  # the bracket bounds the run: "  3", " 3号"
        ("[1]", True),
        ("[]", False),
        ("A B", True),  # "  b" of the second word
        ("AB ", True),  # "ab " of the first
        ("A-", False),
        ("沪青城管移[2026]3号", True),
    ],
)
def test_which_patterns_a_trigram_index_can_serve(pattern, searchable):
    assert trigram_searchable(pattern) is searchable


def test_the_index_expressions_are_the_searchs():
    """The migrations index what NormalisedNumber and icontains write on PostgreSQL (the search's
    PostgreSQL test reads the plans; this one pins the text)."""
    assert upper_sql("name") == 'UPPER(("name")::text)'
    assert number_sql("doc_number").startswith(
        'UPPER(TRANSLATE(("doc_number")::text, \'〔［【（(〖｛{〕］】）)〗｝}０１'
    )
