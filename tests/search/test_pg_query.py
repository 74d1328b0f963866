"""Turning user text into tsquery terms: only words ever reach to_tsquery, whatever was typed."""
from __future__ import annotations

import pytest

from kd.search.pg_query import Term, name_markers, parse, quote, tsquery


def test_words_phrases_or_and_negation():
    assert parse('krasniqi "wins the prize" OR award -war') == [
        [Term(("krasniqi",))], [Term(("wins", "the", "prize")), Term(("award",))], [Term(("war",), negated=True)]]
    assert parse("music NOT rock") == [[Term(("music",))], [Term(("rock",), negated=True)]]


def test_a_trailing_star_asks_for_a_prefix_and_punctuation_splits_words():
    assert parse("cel*") == [[Term(("cel",), prefix=True)]]
    assert parse("key:stories:1") == [[Term(("key", "stories", "1"))]]


@pytest.mark.parametrize("text", ['"unbalanced quote', "AND", "OR NOT", "(ilir", "*", "?x", "x" * 5000, "🙂",
                                  "\x00", "'; DROP TABLE x; --", "a\\b'c", "[a TO", "ilir " * 1000])
def test_odd_input_gives_words_or_nothing(text):
    for group in parse(text):
        for term in group:
            assert all(word.isalnum() for word in term.words)


def test_only_negative_or_empty_input_asks_for_nothing():
    assert tsquery(parse("-war")) is None
    assert tsquery(parse("NOT war")) is None
    assert tsquery(parse("")) is None


def test_repeated_words_count_once_and_long_input_is_capped():
    assert len(parse("ilir " * 1000)) == 1
    assert len(parse(" ".join(f"w{n}" for n in range(100)))) == 16


def test_quoting_and_name_markers():
    assert quote("it's") == "'it''s'"
    assert name_markers("Arbëresha Çeliku") == "'~arberesha':1A '~celiku':1A"
