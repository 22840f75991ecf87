"""core.numbers: one mapping for document numbers, in Python and in SQL. The trigram indexes of the
search were built from it by migrations: changing it needs a migration that rebuilds them."""

import hashlib

from yrdcollab.core.numbers import TRANSLATE_FROM, TRANSLATE_TO, normalise_number, number_sql


def test_the_python_and_the_sql_mapping_agree():
    # TRANSLATE maps the n-th character of `from` to the n-th of `to`, and drops the rest of `from`.
    mapped = {source: target for source, target in zip(TRANSLATE_FROM, TRANSLATE_TO, strict=False)}
    for source in TRANSLATE_FROM:
        assert normalise_number(source) == mapped.get(source, "").upper(), source


def test_the_mapping_the_indexes_were_built_from_is_unchanged():
    """If this fails, the mapping changed: the trigram indexes of the migrations (transfers,
    assistance, recognition) no longer match what the search writes, and PostgreSQL stops using
    them. Add migrations dropping and re-creating them with the new expression, then update the pin."""
    digest = hashlib.sha256(number_sql("x").encode()).hexdigest()[:16]
    assert digest == "a927f44c54e1ba76"
