"""Document numbers as people type them (沪青城管移[2026]3号 = 沪青城管移（２０２６）３号): the mapping lives
in core.numbers, below every app, so that the migrations building the trigram indexes of the search
and the search itself write the same expression. Re-exported here for the search and its tests."""

from yrdcollab.core.numbers import _SOURCES, _TARGETS, PAIRS, SQLITE_FUNCTION, NormalisedNumber, normalise_number

__all__ = ["PAIRS", "SQLITE_FUNCTION", "_SOURCES", "_TARGETS", "NormalisedNumber", "normalise_number"]
