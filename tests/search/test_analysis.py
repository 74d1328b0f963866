"""Folding, stemming, place-name synonyms, boosts and spelling suggestions, in English and Albanian."""
from __future__ import annotations

import unicodedata

import pytest

from kd.core.text import fold
from kd.search.pg_query import WORD
from kd.search.tantivy_schema import FOLDING, analyzers
from tests.search.conftest import keys


def test_folding_finds_albanian_letters_typed_without_diacritics(make_story, find):
    make_story(title="Një shkollë në Prishtinë", body="Nxënësit e Gjakovës dhe çelësi i suksesit.")
    assert keys(find("Prishtine")) == {"stories:1"}
    assert keys(find("prishtinë")) == {"stories:1"}
    assert keys(find("shkolle")) == {"stories:1"}
    assert keys(find("cel*")) == {"stories:1"}


def test_a_short_word_finds_names_that_start_with_it(make_profile, find):
    make_profile(name="Arbëresha Çeliku")
    assert keys(find("cel")) == {"profiles:1"}
    assert keys(find("ÇEL")) == {"profiles:1"}


def test_english_stemming_on_running_text(make_story, find):
    make_story(title="A new clinic", body="She founded two hospitals and trained surgeons.")
    assert keys(find("hospital")) == {"stories:1"}
    assert keys(find("surgeon training")) == {"stories:1"}


def test_place_names_are_synonyms_in_every_spelling(make_story, find):
    make_story(title="Nga Pristina në Berlin", body="Born in Peć, raised in Đakovica.")
    for spelling in ("Prishtina", "Prishtinë", "Priština", "prishtine"):
        assert keys(find(spelling)) == {"stories:1"}, spelling
    for spelling in ("Peja", "Pejë", "Pec"):
        assert keys(find(spelling)) == {"stories:1"}, spelling
    assert keys(find("Gjakova")) == {"stories:1"}
    assert keys(find("gjakove")) == {"stories:1"}


def test_a_name_match_ranks_above_a_headline_and_the_body(make_profile, make_story, find):
    make_story(title="Weekend notes", body="Dardan mentioned the festival.")
    make_profile(name="Someone Else", headline="Works with Dardan")
    make_profile(name="Dardan Morina")
    assert [hit.key for hit in find("dardan").hits] == ["profiles:2", "profiles:1", "stories:1"]


def test_did_you_mean_for_a_misspelt_name(make_profile, find):
    make_profile(name="Rita Ora", headline="Singer")
    make_profile(name="Dua Lipa", headline="Singer")
    results = find("lipaa")
    assert results.total == 0
    assert results.suggestion == "lipa"


def test_no_suggestion_when_words_are_found(make_profile, find):
    make_profile(name="Dua Lipa")
    assert find("lipa").suggestion is None


@pytest.mark.parametrize("text", ["Prishtinë Gjakovës", unicodedata.normalize("NFD", "Prishtinë Gjakovës"),
                                  "snake_case e-mail 2024", "x² Çelik"])
def test_tantivy_splits_words_where_the_query_parser_does(text):
    assert analyzers()[FOLDING].analyze(text) == [fold(word) for word in WORD.findall(text)]
