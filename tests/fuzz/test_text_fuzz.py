"""slugify and fold on arbitrary unicode: URL-safe ASCII slugs, bounded, stable, Albanian letters folded."""
from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kd.core.text import fold, slugify
from tests.fuzz.conftest import any_text, fuzz, hostile_text

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAMES = hostile_text(["ë", "Ë", "ç", "Ç", "sh", "Gjakovë", "Çelik", "ß", "Æ", "Ø", "đ", "ł", "þ", "œ", "ℌ", "ﬁ",
                      "İ", "K", "²", "①", "٣", "--", " - ", "_", ".", "/", "\x00", "\u0301", "\u200d", "🇽🇰"])
TEXT = st.one_of(any_text, NAMES)


@fuzz
@given(TEXT, st.integers(1, 200))
@example("ℌello", 80)
@example("-" * 100 + "a", 80)
@example("a-" * 100, 79)
def test_slugs_are_lowercase_ascii_words_within_the_length(text, max_length):
    slug = slugify(text, max_length=max_length)
    assert slug == "" or SLUG.fullmatch(slug), repr(slug)
    assert len(slug) <= max_length


@fuzz
@given(TEXT)
def test_slugify_is_idempotent(text):
    slug = slugify(text)
    assert slugify(slug) == slug


@fuzz
@given(TEXT)
@example("ℌ")
@example("ǅ")
def test_fold_is_stable_lowercase_and_without_marks(text):
    folded = fold(text)
    assert fold(folded) == folded, repr(folded)
    assert folded == folded.casefold(), repr(folded)
    assert not any(unicodedata.combining(ch) for ch in folded), repr(folded)


@fuzz
@given(TEXT)
@example("e\u034f\u0308")  # U+034F sits among the Latin marks but is not a combining character
@example("ë\u0591")
def test_fold_matches_its_plain_definition(text):
    """fold's regex shortcut gives what the definition does: NFKD, drop every combining mark, casefold."""
    from kd.core.text import _SPECIAL_FOLDS

    lowered = unicodedata.normalize("NFKD", text.casefold().translate(_SPECIAL_FOLDS))
    expected = "".join(ch for ch in lowered if not unicodedata.combining(ch)).casefold().translate(_SPECIAL_FOLDS)
    assert fold(text) == expected


@fuzz
@given(st.text(alphabet="abcçdeëfghijklmnopqrstuvxyzABCÇDEËFGHIJKLMNOPQRSTUVXYZ ", max_size=60))
def test_albanian_letters_fold_to_their_base_letters(text):
    expected = text.lower().replace("ë", "e").replace("ç", "c")
    assert fold(text) == expected
    assert slugify(text) == "-".join(expected.split())[:80].rstrip("-")


@pytest.mark.parametrize("text, slug", [
    ("Gjakovë Çel", "gjakove-cel"), ("Prishtinë & Pejë", "prishtine-peje"), ("ÇELIKU", "celiku"),
    ("  --Ëmë-- ", "eme"), ("Straße", "strasse"), ("\x00<script>", "script"), ("🇽🇰", ""), ("ℌello", "hello"),
])
def test_known_slugs(text, slug):
    assert slugify(text) == slug
